import { partitionRanges } from './partition-ranges';

describe('partitionRanges', () => {
  it('gives one process every partition', () => {
    expect(partitionRanges(8, 1)).toEqual(['0-7']);
  });

  it('splits the partitions into contiguous ranges, the larger ones first', () => {
    expect(partitionRanges(8, 2)).toEqual(['0-3', '4-7']);
    expect(partitionRanges(8, 3)).toEqual(['0-2', '3-5', '6-7']);
    expect(partitionRanges(3, 3)).toEqual(['0', '1', '2']);
  });

  it('refuses more processes than partitions, and no process', () => {
    expect(() => partitionRanges(8, 9)).toThrow(/9 identity instances cannot split 8/);
    expect(() => partitionRanges(8, 0)).toThrow(RangeError);
  });
});
