import { z } from 'zod';

/**
 * The registry of self-training models: one document per model version, with the metrics it
 * earned and its serialised state, so a workspace can list its models' history, roll back,
 * and restart from the champion's state. The helpers are pure: they return the documents to
 * write (keyed by workspaceId, modelId and version) and leave the writing to the service.
 */
const IsoInstant = z.iso.datetime({ offset: true });

/** MongoDB field names: no dots (they would read as paths) and no leading `$` (operators). */
export const StorableKey = z
  .string()
  .min(1)
  .regex(/^[^.$][^.]*$/, 'must not contain a dot or start with $');

export const ModelKind = z.enum(['propensity', 'bandit', 'send-time', 'best-channel']);
export type ModelKind = z.infer<typeof ModelKind>;

export const ModelStatus = z.enum(['champion', 'challenger', 'retired']);
export type ModelStatus = z.infer<typeof ModelStatus>;

export const ModelState = z
  .union([z.string(), z.record(StorableKey, z.unknown())])
  .superRefine((state, context) => {
    const problem = storageProblem(state, 'state');
    if (problem !== null) context.addIssue({ code: 'custom', message: problem });
  });
export type ModelState = z.infer<typeof ModelState>;

export const ModelVersion = z.object({
  workspaceId: z.string().min(1),
  /** For example `propensity:Order Completed:7d` (see propensityModelId). */
  modelId: z.string().min(1),
  kind: ModelKind,
  version: z.number().int().positive(),
  status: ModelStatus,
  createdAt: IsoInstant,
  promotedAt: IsoInstant.optional(),
  retiredAt: IsoInstant.optional(),
  /** auc, logLoss, examples, …: finite numbers. */
  metrics: z.record(StorableKey, z.number()),
  hyperparameters: z.record(StorableKey, z.union([z.number(), z.string(), z.boolean()])),
  state: ModelState,
});
export type ModelVersion = z.infer<typeof ModelVersion>;

/** What a model contributes to a version: the rest is bookkeeping. */
export interface VersionContent {
  readonly metrics: Record<string, number>;
  readonly hyperparameters: Record<string, number | string | boolean>;
  readonly state: ModelState;
}

export interface NewModelVersion extends VersionContent {
  readonly workspaceId: string;
  readonly modelId: string;
  readonly kind: ModelKind;
  readonly status: 'champion' | 'challenger';
  readonly createdAt: string;
}

export function propensityModelId(goal: string, windowDays: number): string {
  if (goal.length === 0) throw new RangeError('goal must not be empty');
  if (!(windowDays > 0)) throw new RangeError(`windowDays must be positive, got ${windowDays}`);
  return `propensity:${goal}:${windowDays}d`;
}

/** The version number after the highest one so far (1 for a new model). */
export function nextVersion(versions: readonly Pick<ModelVersion, 'version'>[]): number {
  return versions.reduce((highest, { version }) => Math.max(highest, version), 0) + 1;
}

/** A new version document, numbered after `existing` (the model's versions so far). */
export function createModelVersion(
  input: NewModelVersion,
  existing: readonly ModelVersion[],
): ModelVersion {
  sameModel(existing, input);
  const document: ModelVersion = {
    workspaceId: input.workspaceId,
    modelId: input.modelId,
    kind: input.kind,
    version: nextVersion(existing),
    status: input.status,
    createdAt: input.createdAt,
    ...(input.status === 'champion' ? { promotedAt: input.createdAt } : {}),
    metrics: { ...input.metrics },
    hyperparameters: { ...input.hyperparameters },
    state: input.state,
  };
  return ModelVersion.parse(document);
}

/**
 * Makes `version` the champion at `at` (a challenger, or a retired version to roll back to)
 * and retires the current champion. Returns the changed documents.
 */
export function promote(
  versions: readonly ModelVersion[],
  version: number,
  at: string,
): ModelVersion[] {
  const instant = IsoInstant.parse(at);
  const target = versions.find((candidate) => candidate.version === version);
  if (target === undefined) throw new RangeError(`version ${version} is not in the registry`);
  sameModel(versions, target);
  if (target.status === 'champion')
    throw new RangeError(`version ${version} is already the champion`);
  const promoted: ModelVersion = { ...target, status: 'champion', promotedAt: instant };
  delete promoted.retiredAt; // a rolled-back version is no longer retired
  return [promoted, ...retireChampions(versions, instant)];
}

export interface PromotionRecord {
  readonly at: string;
  /** The winning challenger's metrics, settings and state, as it is now. */
  readonly champion: VersionContent;
  /** The fresh challenger started after the promotion. */
  readonly challenger: VersionContent;
}

/**
 * Stores a champion/challenger promotion: the current challenger version becomes the
 * champion with its latest metrics and state, the champion retires, and the fresh challenger
 * gets the next version number. Returns the documents to write.
 */
export function recordPromotion(
  versions: readonly ModelVersion[],
  promotion: PromotionRecord,
): ModelVersion[] {
  const challengers = versions.filter((candidate) => candidate.status === 'challenger');
  const current = challengers[0];
  if (current === undefined || challengers.length > 1) {
    throw new RangeError(`expected one challenger version, found ${challengers.length}`);
  }
  const [promoted, ...retired] = promote(versions, current.version, promotion.at);
  if (promoted === undefined) throw new RangeError('promote returned no champion');
  const champion = ModelVersion.parse({ ...promoted, ...content(promotion.champion) });
  const challenger = createModelVersion(
    {
      workspaceId: current.workspaceId,
      modelId: current.modelId,
      kind: current.kind,
      status: 'challenger',
      createdAt: promotion.at,
      ...content(promotion.challenger),
    },
    versions,
  );
  return [champion, ...retired, challenger];
}

/** The current champion, if any. */
export function championOf(versions: readonly ModelVersion[]): ModelVersion | undefined {
  return versions.find((candidate) => candidate.status === 'champion');
}

function retireChampions(versions: readonly ModelVersion[], at: string): ModelVersion[] {
  return versions
    .filter((candidate) => candidate.status === 'champion')
    .map((champion): ModelVersion => ({ ...champion, status: 'retired', retiredAt: at }));
}

function content(input: VersionContent): VersionContent {
  return {
    metrics: { ...input.metrics },
    hyperparameters: { ...input.hyperparameters },
    state: input.state,
  };
}

function sameModel(
  versions: readonly ModelVersion[],
  model: { readonly workspaceId: string; readonly modelId: string },
): void {
  const stranger = versions.find(
    (candidate) =>
      candidate.workspaceId !== model.workspaceId || candidate.modelId !== model.modelId,
  );
  if (stranger !== undefined) {
    throw new RangeError(
      `version ${stranger.version} belongs to ${stranger.workspaceId}/${stranger.modelId}, not ${model.workspaceId}/${model.modelId}`,
    );
  }
}

/** Why a value cannot be stored as it is in MongoDB (a nested array, a dotted key), or null. */
function storageProblem(value: unknown, path: string): string | null {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      if (Array.isArray(item)) return `${path}[${index}] is an array inside an array`;
      const problem = storageProblem(item, `${path}[${index}]`);
      if (problem !== null) return problem;
    }
    return null;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return `${path} is ${value}`;
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, item] of Object.entries(value)) {
    if (!StorableKey.safeParse(key).success)
      return `${path} has the key "${key}", with a dot or a leading $`;
    const problem = storageProblem(item, `${path}.${key}`);
    if (problem !== null) return problem;
  }
  return null;
}
