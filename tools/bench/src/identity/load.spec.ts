import {
  CallAcceptedV2,
  partitionKeyOf,
  partitionOf,
  subjects,
  type SegmentCall,
} from '@meridian/contracts';
import { identityLoad, personKindOf, SCRIPTS, type IdentityLoadOptions } from './load';

const options: IdentityLoadOptions = {
  runId: 'abc123',
  people: 40,
  partitions: 8,
  callsPerRequest: 25,
  cohort: 10,
  startAt: new Date('2025-06-01T12:00:00.000Z'),
};

/** The position of a call in the stream of calls, from its id (`<runId>-<sequence>`). */
const sequenceOf = (id: string) => Number(id.split('-')[1]);

/** Every call of the load in the order the people made them, with the message it travels in. */
function callsOf(load: ReturnType<typeof identityLoad>) {
  return load.requests
    .flatMap((request) =>
      request.messages.flatMap(({ subject, event }) => {
        const batch = CallAcceptedV2.parse(event);
        return batch.payload.calls.map((entry) => ({ subject, batch, ...entry }));
      }),
    )
    .sort((a, b) => sequenceOf(a.id) - sequenceOf(b.id));
}

const personOf = (call: SegmentCall) =>
  Number((call.userId ?? call.anonymousId ?? '').match(/^(?:user|anon)-(\d+)/)?.[1]);

describe('identityLoad', () => {
  const load = identityLoad(options);
  const calls = callsOf(load);

  it('mixes 4 known people in 10 with 2 first logins, 2 new devices and 2 anonymous', () => {
    expect(load.people).toEqual({ known: 16, firstLogin: 8, newDevice: 8, anonymous: 8 });
    expect([0, 3, 4, 5, 6, 7, 8, 9, 10].map(personKindOf)).toEqual([
      'known',
      'known',
      'firstLogin',
      'firstLogin',
      'newDevice',
      'newDevice',
      'anonymous',
      'anonymous',
      'known',
    ]);
  });

  it('sends every step of every person once, with unique call ids', () => {
    const expected = 16 * 5 + 8 * 6 + 8 * 6 + 8 * 4;
    expect(load.calls).toBe(expected);
    expect(calls).toHaveLength(expected);
    expect(new Set(calls.map((call) => call.id)).size).toBe(expected);
    expect(load.callTypes).toEqual({
      identify: 16 + 8 + 16,
      track: 16 * 3 + 8 * 2 + 8 + 8,
      page: 16 + 8 * 3 + 8 * 3 + 8 * 3,
    });
  });

  it('publishes valid CallAcceptedV2 batches on the partition of each call, as ingestion does', () => {
    for (const { subject, batch, call } of calls) {
      const partition = partitionOf(partitionKeyOf(call), options.partitions);
      expect(batch.payload.partition).toBe(partition);
      expect(subject).toBe(subjects.ingest(partition));
      expect(batch.workspaceId).toBe('ws_bench');
    }
  });

  it('turns each request into one message per partition it touches, holding its calls in order', () => {
    expect(load.requests).toHaveLength(Math.ceil(load.calls / options.callsPerRequest));
    expect(load.messages).toBe(load.requests.reduce((sum, r) => sum + r.messages.length, 0));
    for (const request of load.requests) {
      const partitions = request.messages.map(({ event }) => CallAcceptedV2.parse(event).payload);
      expect(new Set(partitions.map((p) => p.partition)).size).toBe(partitions.length);
      expect(partitions.reduce((sum, p) => sum + p.calls.length, 0)).toBe(request.calls);
      expect(request.calls).toBeLessThanOrEqual(options.callsPerRequest);
    }
    const [firstRequest] = load.requests;
    const sequences = (firstRequest?.messages ?? []).flatMap(({ event }) =>
      CallAcceptedV2.parse(event).payload.calls.map((entry) => sequenceOf(entry.id)),
    );
    expect([...sequences].sort((a, b) => a - b)).toEqual(
      Array.from({ length: options.callsPerRequest }, (_, index) => index),
    );
    for (const { event } of firstRequest?.messages ?? []) {
      const inMessage = CallAcceptedV2.parse(event).payload.calls.map((e) => sequenceOf(e.id));
      expect(inMessage).toEqual([...inMessage].sort((a, b) => a - b));
    }
  });

  it("interleaves a cohort's people round by round, so each stretch of the stream has the whole mix", () => {
    const people = (from: number, to: number) => calls.slice(from, to).map((c) => personOf(c.call));
    expect(people(0, 10)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(people(10, 20)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const firstCohort = 4 * 5 + 2 * 6 + 2 * 6 + 2 * 4;
    expect(new Set(people(0, firstCohort))).toEqual(new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    const next = calls[firstCohort];
    expect(next === undefined ? undefined : personOf(next.call)).toBe(10);
  });

  it("keeps each person's calls in script order, 10 ms apart per call of the stream", () => {
    const ofPerson = calls.filter((c) => personOf(c.call) === 6).map((c) => c.call);
    expect(ofPerson.map((call) => call.type)).toEqual(SCRIPTS.newDevice.map((step) => step.type));
    const times = ofPerson.map((call) => Date.parse(call.timestamp));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(calls[1]?.call.timestamp).toBe('2025-06-01T12:00:00.010Z');
  });

  it('names the browsing device in the login of a first-login person, so the two meet', () => {
    const ofPerson = calls.filter((c) => personOf(c.call) === 4).map((c) => c.call);
    const login = ofPerson.find((call) => call.type === 'identify');
    expect(ofPerson[0]).toMatchObject({ type: 'page', anonymousId: 'anon-4-1' });
    expect(ofPerson[0]?.userId).toBeUndefined();
    expect(login).toMatchObject({
      userId: 'user-4',
      anonymousId: 'anon-4-1',
      traits: { email: 'user4@example.com' },
    });
  });

  it('gives a new-device person a known profile and an anonymous one that its login links', () => {
    const ofPerson = calls.filter((c) => personOf(c.call) === 6).map((c) => c.call);
    expect(ofPerson[0]).toMatchObject({ type: 'identify', userId: 'user-6' });
    expect(ofPerson[0]?.anonymousId).toBeUndefined();
    expect(ofPerson[1]).toMatchObject({ type: 'page', anonymousId: 'anon-6-2' });
    expect(ofPerson[1]?.userId).toBeUndefined();
    expect(ofPerson[3]).toMatchObject({
      type: 'identify',
      userId: 'user-6',
      anonymousId: 'anon-6-2',
    });
  });

  it('never identifies an anonymous person', () => {
    const ofPerson = calls.filter((c) => personOf(c.call) === 8).map((c) => c.call);
    expect(ofPerson).toHaveLength(4);
    expect(ofPerson.every((call) => call.userId === undefined && call.type !== 'identify')).toBe(
      true,
    );
  });

  it.each([
    [{ people: 0 }, /people/],
    [{ partitions: 1.5 }, /partitions/],
    [{ callsPerRequest: 0 }, /callsPerRequest/],
    [{ cohort: -1 }, /cohort/],
    [{ runId: 'not-plain' }, /runId/],
  ])('refuses %j', (override, message) => {
    expect(() => identityLoad({ ...options, ...override })).toThrow(message);
  });
});
