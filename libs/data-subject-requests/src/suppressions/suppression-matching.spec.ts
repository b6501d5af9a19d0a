import { SegmentCall } from '@meridian/contracts';
import { DroppedEventCounter, type DropCountSink } from './dropped-event-counter';
import { SuppressionGate } from './suppression-gate';
import { SuppressionIndex, type SuppressionSource } from './suppression-index';
import { SuppressionSet } from './suppression-set';
import type { SuppressionDocument } from './suppressions.collection';

const suppression = (type: string, value: string, id = `sup-${type}`): SuppressionDocument => ({
  _id: id,
  workspaceId: 'ws',
  type,
  value,
  requestId: `dsr-${id}`,
  createdAt: new Date(0),
});

const track = (fields: Record<string, unknown>) =>
  SegmentCall.parse({
    type: 'track',
    event: 'Paid',
    messageId: 'm',
    timestamp: '2026-11-23T10:00:00.000Z',
    receivedAt: '2026-11-23T10:00:00.000Z',
    ...fields,
  });

/** A source whose answers the spec changes, counting its reads. */
class MemorySource implements SuppressionSource {
  documents: SuppressionDocument[] = [];
  reads = 0;

  async all(): Promise<SuppressionDocument[]> {
    this.reads += 1;
    return [...this.documents];
  }
}

class MemorySink implements DropCountSink {
  readonly writes: { suppressionId: string; dropped: number }[] = [];
  failNext = false;

  async add(key: { suppressionId: string }, dropped: number): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('database away');
    }
    this.writes.push({ suppressionId: key.suppressionId, dropped });
  }
}

describe('SuppressionSet', () => {
  const set = new SuppressionSet([
    suppression('userId', 'u-1'),
    suppression('email', 'ada@example.com'),
  ]);

  it('matches a call by any identifier it carries, in stored form', () => {
    expect(set.match(track({ userId: 'u-1' }))?.id).toBe('sup-userId');
    const byEmail = track({
      anonymousId: 'a-9',
      context: { traits: { email: 'ADA@example.com' } },
    });
    expect(set.match(byEmail)?.id).toBe('sup-email');
  });

  it('does not match another person, nor the same value under another type', () => {
    expect(set.match(track({ userId: 'u-2' }))).toBeUndefined();
    expect(set.match(track({ anonymousId: 'u-1' }))).toBeUndefined();
  });
});

describe('SuppressionIndex', () => {
  it('reads a workspace once per refresh interval and again after it', async () => {
    const source = new MemorySource();
    let now = 0;
    const index = new SuppressionIndex(source, 1_000, () => now);

    await index.setFor('ws');
    source.documents = [suppression('userId', 'u-1')];
    now = 999;
    expect((await index.setFor('ws')).size).toBe(0);
    now = 1_000;
    expect((await index.setFor('ws')).size).toBe(1);
    expect(source.reads).toBe(2);
  });

  it('shares one read between calls that need it at once', async () => {
    const source = new MemorySource();
    const index = new SuppressionIndex(source, 1_000, () => 0);

    await Promise.all([index.setFor('ws'), index.setFor('ws'), index.setFor('ws')]);

    expect(source.reads).toBe(1);
  });

  it('reads again right after this instance invalidated the workspace', async () => {
    const source = new MemorySource();
    const index = new SuppressionIndex(source, 1_000, () => 0);
    await index.setFor('ws');

    source.documents = [suppression('userId', 'u-1')];
    index.invalidate('ws');

    expect((await index.setFor('ws')).size).toBe(1);
  });
});

describe('SuppressionGate with DroppedEventCounter', () => {
  const setUp = () => {
    const source = new MemorySource();
    source.documents = [suppression('userId', 'u-1')];
    const sink = new MemorySink();
    const counter = new DroppedEventCounter(sink, 'instance-1');
    const gate = new SuppressionGate(new SuppressionIndex(source), counter);
    return { gate, sink, counter };
  };

  it('keeps the calls of other people in order and counts the dropped ones', async () => {
    const { gate } = setUp();
    const calls = [track({ userId: 'u-1' }), track({ userId: 'u-2' }), track({ userId: 'u-3' })];

    const outcome = await gate.filter('ws', calls, (call) => call);

    expect(outcome.dropped).toBe(1);
    expect(outcome.kept.map((call) => call.userId)).toEqual(['u-2', 'u-3']);
  });

  it('writes the drops of one suppression as one increment per flush', async () => {
    const { gate, sink, counter } = setUp();
    for (let i = 0; i < 3; i += 1)
      await gate.filter('ws', [track({ userId: 'u-1' }), track({ userId: 'u-1' })], (c) => c);

    await counter.flush();
    await counter.flush();

    expect(sink.writes).toEqual([{ suppressionId: 'sup-userId', dropped: 6 }]);
  });

  it('keeps a count whose write failed for the next flush', async () => {
    const { gate, sink, counter } = setUp();
    await gate.filter('ws', [track({ userId: 'u-1' })], (call) => call);
    sink.failNext = true;

    await counter.flush();
    await gate.filter('ws', [track({ userId: 'u-1' })], (call) => call);
    await counter.flush();

    expect(sink.writes).toEqual([{ suppressionId: 'sup-userId', dropped: 2 }]);
  });
});
