/** The list with `item` in front, cut to the newest `limit` entries. */
export function prependBounded<Item>(list: readonly Item[], item: Item, limit: number): Item[] {
  return [item, ...list].slice(0, limit);
}
