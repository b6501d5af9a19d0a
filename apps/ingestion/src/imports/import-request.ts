import { AdminApiError } from '@meridian/admin-api';
import {
  MappingUsageError,
  mappingNamed,
  SOURCE_FORMATS,
  type Mapping,
  type SourceFormat,
} from '@meridian/bulk-import';
import type { ImportQuery } from './imports.schemas';

/** What an upload is to be read as, settled before a byte of it is read. */
export interface ImportPlan {
  readonly mapping: Mapping;
  readonly format: SourceFormat;
  readonly contentEncoding: 'gzip' | 'identity';
}

/** The request's headers that matter to an import. */
export interface UploadHeaders {
  readonly contentType: string | undefined;
  readonly contentEncoding: string | undefined;
}

/** Query parameters that are the endpoint's own; every other one is a mapping option. */
const OWN_PARAMETERS = new Set(['mapping', 'format', 'resumeFrom']);

/**
 * The mapping (with its options from the other query parameters, named as on the command
 * line of `npm run import`), the format and the content encoding of an upload; 400 or 415
 * for anything unknown. A `fields` import's messageIds are namespaced by its `source`
 * option, by default the Meridian source id, so a re-upload to the same source dedupes.
 */
export function importPlanOf(
  query: ImportQuery,
  headers: UploadHeaders,
  sourceId: string,
): ImportPlan {
  const mapping = mappingOf(query, sourceId);
  return {
    mapping,
    format: formatOf(query.format, mapping, headers.contentType),
    contentEncoding: contentEncodingOf(headers.contentEncoding),
  };
}

function mappingOf(query: ImportQuery, sourceId: string): Mapping {
  const flags: Record<string, string> = {};
  for (const [name, value] of Object.entries(query)) {
    if (!OWN_PARAMETERS.has(name) && typeof value === 'string') flags[name] = value;
  }
  try {
    const entry = mappingNamed(query.mapping);
    const foreign = Object.keys(flags).filter((name) => !entry.flags.includes(name));
    if (foreign.length > 0) {
      throw AdminApiError.invalid(
        `mapping ${query.mapping} takes no option ${foreign.join(', ')}` +
          (entry.flags.length > 0 ? ` (it takes ${entry.flags.join(', ')})` : ''),
        foreign.map((name) => ({
          path: [name],
          code: 'unknown_option',
          message: 'not an option of the mapping',
        })),
      );
    }
    return entry.create(sourceId, flags);
  } catch (error) {
    if (!(error instanceof MappingUsageError)) throw error;
    throw AdminApiError.invalid(error.message, [
      { path: ['mapping'], code: 'invalid_mapping', message: error.message },
    ]);
  }
}

/** The `format` parameter, else the mapping's own format, else the Content-Type's. */
function formatOf(
  requested: SourceFormat | undefined,
  mapping: Mapping,
  contentType: string | undefined,
): SourceFormat {
  const format = requested ?? mapping.format ?? formatOfContentType(contentType);
  if (format !== undefined) return format;
  throw AdminApiError.invalid(
    `say how to read the file: format=${SOURCE_FORMATS.join('|')} (or Content-Type text/csv or application/x-ndjson)`,
    [{ path: ['format'], code: 'missing_format', message: 'the format is required' }],
  );
}

function formatOfContentType(contentType: string | undefined): SourceFormat | undefined {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  if (mediaType === 'text/csv') return 'csv';
  if (mediaType === 'application/x-ndjson' || mediaType === 'application/jsonl') return 'ndjson';
  return undefined;
}

function contentEncodingOf(header: string | undefined): 'gzip' | 'identity' {
  const encoding = (header ?? '').trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') return 'identity';
  if (encoding === 'gzip' || encoding === 'x-gzip') return 'gzip';
  throw new AdminApiError(
    415,
    'unsupported_media_type',
    `Content-Encoding "${encoding}" is not supported; send gzip or no encoding`,
  );
}
