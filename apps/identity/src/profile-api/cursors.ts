import { MESSAGE_STATUSES } from '@meridian/contracts';
import { z } from 'zod';
import { ProfileApiError } from './profile-api-error';

// Page cursors are opaque to clients: base64url JSON naming the last item of the page and
// which list it belongs to, so a cursor of one endpoint is refused by another.

/** After this profile id, in id order. */
const SearchCursor = z.object({ list: z.literal('search'), after: z.string().min(1) });
/** After this timeline entry (event ids are unique in a timeline). */
const TimelineCursor = z.object({ list: z.literal('timeline'), after: z.string().min(1) });
/**
 * After this message history entry: a (messageId, status) pair is in the history at most
 * once, since a repeated one is ignored while the first is still there; the time tells a
 * later repeat, recorded after the first aged out, from the entry the cursor names.
 */
const MessagesCursor = z.object({
  list: z.literal('messages'),
  messageId: z.string().min(1),
  status: z.enum(MESSAGE_STATUSES),
  at: z.string().min(1),
});

export type SearchCursor = z.infer<typeof SearchCursor>;
export type TimelineCursor = z.infer<typeof TimelineCursor>;
export type MessagesCursor = z.infer<typeof MessagesCursor>;
type AnyCursor = SearchCursor | TimelineCursor | MessagesCursor;

export function encodeCursor(cursor: AnyCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

export function decodeSearchCursor(text: string): SearchCursor {
  return decode(SearchCursor, text);
}

export function decodeTimelineCursor(text: string): TimelineCursor {
  return decode(TimelineCursor, text);
}

export function decodeMessagesCursor(text: string): MessagesCursor {
  return decode(MessagesCursor, text);
}

function decode<Cursor>(schema: z.ZodType<Cursor>, text: string): Cursor {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    // Not base64url JSON: not a cursor this API wrote; said so below.
    json = undefined;
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw ProfileApiError.invalid('cursor is not one this endpoint gave out');
}
