import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { JourneysFile, type Journey } from './journey-definition';

/** A journeys file that cannot be used; the message names the file and every bad path. */
export class JourneyDefinitionError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`Invalid journeys file ${file}:\n  ${problems.join('\n  ')}`);
    this.name = 'JourneyDefinitionError';
  }
}

/** Validates the text of a journeys file; `file` only names it in errors. */
export function parseJourneys(text: string, file: string): readonly Journey[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new JourneyDefinitionError(file, [`not valid JSON: ${errorMessage(error)}`]);
  }
  const parsed = JourneysFile.safeParse(json);
  if (!parsed.success) {
    throw new JourneyDefinitionError(
      file,
      parsed.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`),
    );
  }
  return parsed.data.journeys;
}

/** Reads and validates a journeys file once, at start-up; a relative path is from `cwd`. */
export function loadJourneysFile(path: string, cwd: string = process.cwd()): readonly Journey[] {
  const file = resolve(cwd, path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new JourneyDefinitionError(file, [`cannot be read: ${errorMessage(error)}`]);
  }
  return parseJourneys(text, file);
}

/** "journeys[0].steps[1].channel", the way the file's author would point at it. */
function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((key, index) =>
      typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`,
    )
    .join('');
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
