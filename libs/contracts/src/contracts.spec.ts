import { CallAcceptedV1 } from './events/call-accepted.v1';
import { CallQuarantinedV1 } from './events/call-quarantined.v1';
import { MessageSentV1 } from './events/message-sent.v1';
import { partitionKeyOf, partitionOf } from './partition';
import {
  consumers,
  Namespace,
  quarantineFilters,
  streams,
  subjects,
  subjectToken,
  type ConsumerDefinition,
} from './registry';
import { SegmentCall } from './segment/call';

const header = {
  id: 'evt-1',
  workspaceId: 'ws-1',
  occurredAt: '2011-12-09T12:50:00.000Z',
  receivedAt: '2026-11-23T10:00:00.000Z',
  correlationId: 'evt-1',
  causationId: null,
};
const track = {
  type: 'track',
  messageId: 'm-1',
  userId: '12347',
  event: 'Order Completed',
  timestamp: '2011-12-09T12:50:00.000Z',
  receivedAt: '2026-11-23T10:00:00.000Z',
};

/** Does a NATS subject match a pattern with * and > wildcards? */
function matches(pattern: string, subject: string): boolean {
  const p = pattern.split('.');
  const s = subject.split('.');
  for (let i = 0; i < p.length; i += 1) {
    if (p[i] === '>') return s.length > i;
    if (p[i] !== '*' && p[i] !== s[i]) return false;
  }
  return p.length === s.length;
}

describe('Segment calls', () => {
  it('accepts a track call and fills defaults for properties and context', () => {
    const call = SegmentCall.parse(track);
    expect(call.type === 'track' && call.properties).toEqual({});
    expect(call.context).toEqual({});
  });

  it('refuses a call with neither userId nor anonymousId', () => {
    const result = SegmentCall.safeParse({ ...track, userId: undefined });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain('userId or anonymousId is required');
  });

  it('refuses a messageId longer than 100 characters', () => {
    expect(SegmentCall.safeParse({ ...track, messageId: 'x'.repeat(101) }).success).toBe(false);
  });

  it('requires previousId on alias and groupId on group', () => {
    expect(SegmentCall.safeParse({ ...track, type: 'alias' }).success).toBe(false);
    expect(SegmentCall.safeParse({ ...track, type: 'group' }).success).toBe(false);
    expect(SegmentCall.safeParse({ ...track, type: 'alias', previousId: 'anon-1' }).success).toBe(
      true,
    );
  });
});

describe('versioned events', () => {
  it('accept only their own type and version', () => {
    const event = {
      ...header,
      type: 'call.accepted',
      version: 1,
      payload: { partition: 3, sourceId: 'src', call: track },
    };
    expect(CallAcceptedV1.safeParse(event).success).toBe(true);
    expect(CallAcceptedV1.safeParse({ ...event, version: 2 }).success).toBe(false);
    expect(CallAcceptedV1.safeParse({ ...event, type: 'call.accepted.v2' }).success).toBe(false);
  });

  it('keep a quarantined call as received, with its kind, code and violations', () => {
    const event = {
      ...header,
      type: 'call.quarantined',
      version: 1,
      payload: {
        sourceId: 'src',
        kind: 'invalid',
        code: 'MISSING_EVENT',
        violations: [{ rule: 'MISSING_EVENT', path: ['event'], message: 'event is required' }],
        call: { type: 'track', userId: 'u' },
      },
    };
    expect(CallQuarantinedV1.safeParse(event).success).toBe(true);
    expect(
      CallQuarantinedV1.safeParse({ ...event, payload: { ...event.payload, kind: 'dropped' } })
        .success,
    ).toBe(false);
  });

  it('refuse an unknown channel on message events', () => {
    const payload = {
      messageId: 'msg',
      profileId: 'p',
      partition: 0,
      channel: 'fax',
      templateId: 't',
      journeyId: null,
      provider: 'smtp',
      providerMessageId: null,
      recipient: 'a@b.c',
    };
    expect(
      MessageSentV1.safeParse({ ...header, type: 'message.sent', version: 1, payload }).success,
    ).toBe(false);
  });
});

describe('partitioning', () => {
  it('is stable and stays within the partition count', () => {
    expect(partitionOf('user:12347', 8)).toBe(partitionOf('user:12347', 8));
    for (let i = 0; i < 1000; i += 1) expect(partitionOf(`user:${i}`, 8)).toBeLessThan(8);
  });

  it('spreads keys over every partition', () => {
    const counts = new Array<number>(8).fill(0);
    for (let i = 0; i < 8000; i += 1) {
      const partition = partitionOf(`user:${i}`, 8);
      counts[partition] = (counts[partition] ?? 0) + 1;
    }
    expect(Math.min(...counts)).toBeGreaterThan(800);
  });

  it('keys a call by userId when present, else by anonymousId', () => {
    expect(partitionKeyOf({ userId: 'u1', anonymousId: 'a1' })).toBe('user:u1');
    expect(partitionKeyOf({ anonymousId: 'a1' })).toBe('anon:a1');
    expect(() => partitionKeyOf({})).toThrow(/userId or an anonymousId/);
  });
});

describe('registry', () => {
  const ns = new Namespace('meridian');

  it('names streams and subjects inside the namespace', () => {
    expect(ns.stream('INGEST')).toBe('MERIDIAN_INGEST');
    expect(ns.subject(subjects.ingest(3))).toBe('meridian.ingest.3');
  });

  it('routes every subject a publisher uses to exactly one stream', () => {
    const published = [
      subjects.ingest(1),
      subjects.eventsResolved(1),
      subjects.profileUpdated(1),
      subjects.identityMerged(1),
      subjects.decisionMade(1),
      subjects.message('requested', 'email', 1),
      subjects.message('clicked', 'push', 1),
      subjects.deadLetter('INGEST', 'identity-ingest-p1'),
      subjects.quarantine('blocked', 'ws_1'),
      subjects.quarantine('invalid', 'an id with . and *'),
      // Written before quarantine subjects named the workspace; still read.
      'quarantine.blocked',
    ];
    for (const subject of published) {
      const owners = Object.values(streams).filter((stream) =>
        stream.subjects.some((pattern) => matches(pattern, subject)),
      );
      expect({ subject, owners: owners.length }).toEqual({ subject, owners: 1 });
    }
  });

  it("puts a workspace's quarantined calls under one filter that no other workspace matches", () => {
    const filter = quarantineFilters.workspace('ws_1');

    expect(matches(filter, subjects.quarantine('blocked', 'ws_1'))).toBe(true);
    expect(matches(filter, subjects.quarantine('invalid', 'ws_1'))).toBe(true);
    expect(matches(filter, subjects.quarantine('blocked', 'ws_10'))).toBe(false);
    expect(matches(quarantineFilters.legacy, subjects.quarantine('blocked', 'ws_1'))).toBe(false);
  });

  it('makes any id a single subject token, keeping plain ids readable and never mixing the forms', () => {
    expect(subjectToken('ws_1-A')).toBe('ws_1-A');
    for (const id of ['a.b', 'a*', '>', 'has space', '_ws', 'x'.repeat(65), 'ünï']) {
      expect(subjectToken(id)).toMatch(/^_[0-9a-f]{32}$/);
    }
    expect(subjectToken('a.b')).toBe(subjectToken('a.b'));
    expect(subjectToken('a.b')).not.toBe(subjectToken('a.c'));
  });

  it('gives every consumer a filter inside its own stream', () => {
    const all: ConsumerDefinition[] = Object.values(consumers);
    for (const consumer of all) {
      const { filterSubject } = new Namespace('x').consumer(consumer, 0);
      const relative = filterSubject.slice('x.'.length).replace(/\*/g, 'any');
      expect(streams[consumer.stream].subjects.some((pattern) => matches(pattern, relative))).toBe(
        true,
      );
    }
  });

  it('names one durable per partition for partitioned consumers', () => {
    expect(ns.consumer(consumers.identityIngest, 5)).toEqual({
      durable: 'identity-ingest-p5',
      filterSubject: 'meridian.ingest.5',
    });
    expect(() => ns.consumer(consumers.identityIngest)).toThrow(/partition is required/);
  });

  it('refuses namespaces that would break subject or stream names', () => {
    expect(() => new Namespace('Bad.Name')).toThrow(/invalid namespace/);
  });
});
