import type { ProfileErasureLedger, ProfileDataEraser } from '@meridian/profile-erasure';
import { profileErasedEvent } from '@meridian/test-fixtures';
import type { ModelsErasure } from '../models';
import { PartitionLock, type RfmErasure } from '../rfm';
import { ProfileErasure } from './profile-erasure.service';

const event = profileErasedEvent({
  workspaceId: 'ws',
  requestId: 'dsr_1',
  profileId: 'p-erased',
  partition: 1,
});

function setUp() {
  const calls: string[] = [];
  const rfm = {
    eraseProfile: jest.fn(async () => {
      calls.push('rfm');
      return 1;
    }),
  };
  const models = {
    eraseProfile: jest.fn(async () => {
      calls.push('models');
      return 3;
    }),
  };
  const counted: number[] = [];
  const ledger = {
    carryOut: jest.fn(
      async (_event: unknown, eraseData: ProfileDataEraser, _owned: number | undefined) => {
        counted.push(await eraseData('ws', 'p-erased'));
      },
    ),
  };
  const lock = new PartitionLock();
  const erasure = new ProfileErasure(
    ledger as unknown as ProfileErasureLedger,
    rfm as unknown as RfmErasure,
    models as unknown as ModelsErasure,
    lock,
  );
  return { calls, rfm, models, ledger, lock, erasure, counted };
}

describe('ProfileErasure', () => {
  it("deletes RFM's and the models' data of the profile through the ledger, counting both, with the consumer's partition for the ledger to check", async () => {
    const { rfm, models, ledger, erasure, counted } = setUp();

    await erasure.carryOut(event, 1);

    expect(rfm.eraseProfile).toHaveBeenCalledWith('ws', 'p-erased', 1);
    expect(models.eraseProfile).toHaveBeenCalledWith('ws', 'p-erased', 1);
    expect(counted).toEqual([4]);
    expect(ledger.carryOut).toHaveBeenCalledWith(event, expect.any(Function), 1);
  });

  it("deletes only once the partition's earlier writes are done, as its single writer", async () => {
    const { calls, lock, erasure } = setUp();
    let release = () => undefined;
    const earlier = lock.run(
      1,
      () =>
        new Promise<void>((resolve) => {
          release = () => {
            calls.push('earlier write');
            resolve();
          };
        }),
    );

    const erasing = erasure.carryOut(event, 1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual([]);
    release();
    await Promise.all([earlier, erasing]);

    expect(calls).toEqual(['earlier write', 'rfm', 'models']);
  });
});
