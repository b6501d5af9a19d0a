import { ClockMode, RfmSettings } from '@meridian/rfm';
import { z } from 'zod';

/**
 * A workspace's scoring settings as stored (`scoring_settings`, one document per workspace) and
 * put over HTTP. `clock` null follows the installation's default (RFM_DEFAULT_CLOCK); `rfm`
 * holds only what differs from the defaults, which `RfmSettings` fills in.
 */
export const ScoringSettings = z.object({
  clock: ClockMode.nullable().default(null),
  rfm: RfmSettings.prefault({}),
});
export type ScoringSettings = z.infer<typeof ScoringSettings>;

/** The settings in force for a workspace: the clock mode resolved against the default. */
export interface EffectiveScoringSettings {
  readonly clock: ClockMode;
  readonly rfm: RfmSettings;
}

export function effectiveSettings(
  stored: ScoringSettings | null,
  defaultClock: ClockMode,
): EffectiveScoringSettings {
  const settings = stored ?? ScoringSettings.parse({});
  return { clock: settings.clock ?? defaultClock, rfm: settings.rfm };
}

/**
 * Settings from a request body, or the problems naming each field. Unknown keys are refused at
 * every depth, so a misspelt setting ("zombie.dormantDays") is an error and not silently dropped
 * back to its default.
 */
export function parseSettingsBody(
  body: unknown,
): { ok: true; settings: ScoringSettings } | { ok: false; problems: string[] } {
  const parsed = ScoringSettings.safeParse(body ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map(
        (issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`,
      ),
    };
  }
  const unknown = unknownKeys(body, parsed.data);
  if (unknown.length > 0)
    return { ok: false, problems: unknown.map((path) => `${path}: not a setting`) };
  return { ok: true, settings: parsed.data };
}

/** Paths of object keys in `input` that the parsed `output` does not have. */
export function unknownKeys(input: unknown, output: unknown, path = ''): string[] {
  if (!isPlainObject(input) || !isPlainObject(output)) return [];
  return Object.keys(input).flatMap((key) => {
    const at = path === '' ? key : `${path}.${key}`;
    return Object.hasOwn(output, key) ? unknownKeys(input[key], output[key], at) : [at];
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
