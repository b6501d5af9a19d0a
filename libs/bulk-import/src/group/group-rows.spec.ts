import type { SourceRow } from '../read';
import { groupRows, NonContiguousGroupError, type Grouping, type RowGroup } from './group-rows';

async function* rowsOf(...keys: string[]): AsyncGenerator<SourceRow> {
  let number = 1;
  for (const key of keys) {
    number += 1;
    yield { number, values: { k: key } };
  }
}

async function grouped(grouping: Grouping, ...keys: string[]): Promise<[number, string][]> {
  const groups: RowGroup[] = [];
  for await (const group of groupRows(rowsOf(...keys), grouping)) groups.push(group);
  return groups.map((group) => [group.ordinal, group.rows.map((row) => row.values['k']).join('')]);
}

const byK = (reorderWindow: number): Grouping => ({
  kind: 'by-column',
  column: 'k',
  reorderWindow,
});

describe('groupRows', () => {
  it('groups consecutive rows with the same key, numbering groups in file order', async () => {
    expect(await grouped(byK(1), 'a', 'a', 'b', 'c', 'c', 'c')).toEqual([
      [1, 'aa'],
      [2, 'b'],
      [3, 'ccc'],
    ]);
  });

  it('makes every row its own group when grouping per row', async () => {
    expect(await grouped({ kind: 'per-row' }, 'a', 'a')).toEqual([
      [1, 'a'],
      [2, 'a'],
    ]);
  });

  it('absorbs a group interleaved within the reorder window, keeping first-seen order', async () => {
    expect(await grouped(byK(2), 'a', 'a', 'b', 'a', 'c')).toEqual([
      [1, 'aaa'],
      [2, 'b'],
      [3, 'c'],
    ]);
  });

  it('fails clearly when a key reappears after its group was closed', async () => {
    const run = grouped(byK(1), 'a', 'b', 'a');
    await expect(run).rejects.toBeInstanceOf(NonContiguousGroupError);
    await expect(grouped(byK(1), 'a', 'b', 'a')).rejects.toThrow(
      'k "a" reappears at row 4, after its group (first row 2) was closed',
    );
  });

  it('fails on a row without a key, naming the row', async () => {
    await expect(grouped(byK(1), 'a', ' ')).rejects.toThrow('row 3 has no k');
  });

  it('hands a row without a key to onMissingKey and groups the others around it', async () => {
    const missing: number[] = [];
    const groups: RowGroup[] = [];
    const rows = groupRows(rowsOf('a', '', 'a', 'b'), byK(1), {
      onMissingKey: (error) => missing.push(error.row),
    });
    for await (const group of rows) groups.push(group);
    expect(missing).toEqual([3]);
    expect(groups.map((group) => group.rows.map((row) => row.number))).toEqual([[2, 4], [5]]);
  });
});
