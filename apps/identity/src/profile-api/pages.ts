/** One page of a list and the cursor of the next, null on the last page. */
export interface Page<Item> {
  readonly items: readonly Item[];
  readonly nextCursor: string | null;
}

/**
 * The page of a newest-first bounded list (a profile's timeline or message history) that
 * follows the item `isAfter` recognises, or the first page without one. Such lists only grow
 * at the front and lose items at the back, so the items after a given one stay the same
 * until they age out; when the cursor's item itself aged out, so did everything after it,
 * and the page is empty.
 */
export function pageOfBoundedList<Item>(
  list: readonly Item[],
  isAfter: ((item: Item) => boolean) | undefined,
  limit: number,
  cursorOf: (item: Item) => string,
): Page<Item> {
  let start = 0;
  if (isAfter !== undefined) {
    const index = list.findIndex(isAfter);
    if (index === -1) return { items: [], nextCursor: null };
    start = index + 1;
  }
  const items = list.slice(start, start + limit);
  const last = items.at(-1);
  const more = start + limit < list.length;
  return { items, nextCursor: more && last !== undefined ? cursorOf(last) : null };
}

/**
 * A page of a query that fetched up to `limit + 1` rows in cursor order: the extra row only
 * says there is a next page.
 */
export function pageOfFetched<Row, Item>(
  rows: readonly Row[],
  limit: number,
  toItem: (row: Row) => Item,
  cursorOf: (row: Row) => string,
): Page<Item> {
  const kept = rows.slice(0, limit);
  const last = kept.at(-1);
  const more = rows.length > limit;
  return {
    items: kept.map(toItem),
    nextCursor: more && last !== undefined ? cursorOf(last) : null,
  };
}
