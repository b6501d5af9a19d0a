/**
 * OWNED_PARTITIONS of each of `instances` identity processes: contiguous ranges as even as
 * possible ("0-3", "4-7" for 8 over 2), so every partition has exactly one owner.
 */
export function partitionRanges(partitions: number, instances: number): string[] {
  if (!Number.isInteger(instances) || instances < 1 || instances > partitions)
    throw new RangeError(
      `${instances} identity instances cannot split ${partitions} partitions: each needs one at least`,
    );
  const ranges: string[] = [];
  let first = 0;
  for (let instance = 0; instance < instances; instance += 1) {
    const size = Math.floor(partitions / instances) + (instance < partitions % instances ? 1 : 0);
    const last = first + size - 1;
    ranges.push(first === last ? String(first) : `${first}-${last}`);
    first = last + 1;
  }
  return ranges;
}
