import { SegmentTrack } from '@meridian/contracts';
import {
  BatchBody,
  BENCH_USERS,
  buildEventTemplate,
  eventAt,
  messageIdOf,
  userIdOf,
} from './payload';

const timestamp = '2025-01-02T03:04:05.678Z';
const template = buildEventTemplate({ runId: 'r1a2b3c4', eventBytes: 1024, timestamp });

function parseBatch(bytes: Buffer): Record<string, unknown>[] {
  const parsed: unknown = JSON.parse(bytes.toString('utf8'));
  return (parsed as { batch: Record<string, unknown>[] }).batch;
}

describe('event template', () => {
  it('serialises one event to exactly the requested number of bytes', () => {
    for (const eventBytes of [300, 1024, 4096]) {
      const sized = buildEventTemplate({ runId: 'abc', eventBytes, timestamp });
      expect(sized.bytes.length).toBe(eventBytes);
      expect(eventAt(sized, 123_456).length).toBe(eventBytes);
    }
  });

  it('stamps a sequence into a valid Segment track call with its message and user id', () => {
    const event: unknown = JSON.parse(eventAt(template, 10_042).toString('utf8'));

    expect(event).toMatchObject({
      type: 'track',
      event: 'Bench Event',
      messageId: messageIdOf('r1a2b3c4', 10_042),
      userId: userIdOf(10_042),
      timestamp,
    });
    expect(userIdOf(10_042)).toBe('bench-user-0042');
    const call = SegmentTrack.safeParse({ ...(event as object), receivedAt: timestamp });
    expect(call.success).toBe(true);
  });

  it('refuses a size smaller than the event without padding', () => {
    expect(() => buildEventTemplate({ runId: 'abc', eventBytes: 100, timestamp })).toThrow(
      /at least \d+ bytes/,
    );
  });

  it('refuses a run id that would need escaping in JSON', () => {
    expect(() => buildEventTemplate({ runId: 'a"b', eventBytes: 1024, timestamp })).toThrow(
      RangeError,
    );
  });

  it('refuses a sequence wider than its slot instead of changing the event size', () => {
    expect(() => eventAt(template, 10 ** 12)).toThrow(/does not fit/);
  });
});

describe('BatchBody', () => {
  it('holds the requested number of 1 KB events in a Segment batch', () => {
    const body = new BatchBody(template, 100);
    body.stamp(0);
    const batch = parseBatch(body.bytes);

    expect(batch).toHaveLength(100);
    for (const event of batch) expect(Buffer.byteLength(JSON.stringify(event))).toBe(1024);
    // 100 events, 99 commas and the {"batch":[…]} wrapper.
    expect(body.bytes.length).toBe(100 * 1024 + 99 + '{"batch":[]}'.length);
  });

  it('gives every event of consecutive stamps a unique message id', () => {
    const body = new BatchBody(template, 100);
    const ids = new Set<unknown>();
    for (let request = 0; request < 30; request += 1) {
      body.stamp(request * 100);
      for (const event of parseBatch(body.bytes)) ids.add(event['messageId']);
    }

    expect(ids.size).toBe(3_000);
    expect(ids.has(messageIdOf('r1a2b3c4', 2_999))).toBe(true);
  });

  it('spreads the events of a run over the bench users', () => {
    const body = new BatchBody(template, 100);
    const users = new Set<unknown>();
    for (let request = 0; request < BENCH_USERS / 100; request += 1) {
      body.stamp(request * 100);
      for (const event of parseBatch(body.bytes)) users.add(event['userId']);
    }

    expect(users.size).toBe(BENCH_USERS);
  });
});
