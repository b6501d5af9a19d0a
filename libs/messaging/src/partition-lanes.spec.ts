import { PartitionLanes } from './partition-lanes';

function deferred() {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe('PartitionLanes', () => {
  it('never runs two tasks of one partition at the same time', async () => {
    const lanes = new PartitionLanes();
    const gate = deferred();
    const order: string[] = [];
    const first = lanes.run(3, async () => {
      order.push('ingest:start');
      await gate.promise;
      order.push('ingest:end');
    });
    const second = lanes.run(3, async () => {
      order.push('messages:start');
    });
    await Promise.resolve();
    expect(order).toEqual(['ingest:start']);
    gate.resolve();
    await Promise.all([first, second]);
    expect(order).toEqual(['ingest:start', 'ingest:end', 'messages:start']);
  });

  it('lets different partitions run side by side', async () => {
    const lanes = new PartitionLanes();
    const gate = deferred();
    const started: number[] = [];
    const blocked = lanes.run(1, async () => {
      started.push(1);
      await gate.promise;
    });
    await lanes.run(2, async () => {
      started.push(2);
    });
    expect(started).toEqual([1, 2]);
    gate.resolve();
    await blocked;
  });

  it('keeps the lane open after a failed task and reports the failure to its caller', async () => {
    const lanes = new PartitionLanes();
    await expect(lanes.run(0, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    const ran = jest.fn(() => Promise.resolve());
    await lanes.run(0, ran);
    expect(ran).toHaveBeenCalledTimes(1);
    await Promise.resolve();
    expect(lanes.busyPartitions()).toEqual([]);
  });
});
