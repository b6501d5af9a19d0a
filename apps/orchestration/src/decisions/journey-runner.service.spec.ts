import { EventsResolvedV1 } from '@meridian/contracts';
import type { Envelope, PublishReceipt } from '@meridian/messaging';
import { Logger } from '@nestjs/common';
import { JourneyCatalog, type Journey } from '../journeys';
import type { InsertOutcome, JourneyState } from '../journey-state';
import { Clock } from './clock';
import type { EventPublisher } from './event-publisher';
import { JourneyRunner, type JourneyStateStore } from './journey-runner.service';

const welcome: Journey = {
  id: 'welcome',
  name: 'Welcome email',
  trigger: { type: 'track', event: 'Signed Up' },
  entry: 'once',
  steps: [{ id: 'send-welcome', type: 'send', channel: 'email', templateId: 'welcome' }],
};

class InMemoryStates implements JourneyStateStore {
  readonly byId = new Map<string, JourneyState>();

  async insertIfAbsent(state: JourneyState): Promise<InsertOutcome> {
    const existing = this.byId.get(state._id);
    if (existing) return { inserted: false, existing };
    this.byId.set(state._id, state);
    return { inserted: true };
  }

  async markCompleted(state: JourneyState, completedAt: string): Promise<JourneyState> {
    const completed = { ...state, status: 'completed' as const, completedAt, revision: 1 };
    this.byId.set(state._id, completed);
    return completed;
  }
}

class RecordingPublisher implements EventPublisher {
  readonly published: { subject: string; event: Envelope }[] = [];
  failNext = false;

  async publish(subject: string, event: Envelope): Promise<PublishReceipt> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('no JetStream ack');
    }
    this.published.push({ subject, event });
    return { stream: 'test', seq: this.published.length, duplicate: false };
  }
}

class TickingClock extends Clock {
  private seconds = 0;
  override nowIso(): string {
    this.seconds += 1;
    return new Date(Date.UTC(2026, 10, 23, 10, 0, this.seconds)).toISOString();
  }
}

function resolved(id: string, event = 'Signed Up', traits = { email: 'ada@example.com' }) {
  return EventsResolvedV1.parse({
    id,
    type: 'events.resolved',
    version: 1,
    workspaceId: 'ws',
    occurredAt: '2026-11-23T09:59:00.000Z',
    receivedAt: '2026-11-23T10:00:00.000Z',
    correlationId: `call-${id}`,
    causationId: `call-${id}`,
    payload: {
      profileId: 'prof-1',
      partition: 2,
      call: {
        type: 'track',
        event,
        messageId: `m-${id}`,
        userId: 'u-1',
        timestamp: '2026-11-23T09:59:00.000Z',
        receivedAt: '2026-11-23T10:00:00.000Z',
      },
      profile: { traits, identifiers: [], revision: 1 },
    },
  });
}

describe('JourneyRunner', () => {
  beforeAll(() => Logger.overrideLogger(false));

  let states: InMemoryStates;
  let publisher: RecordingPublisher;
  let runner: JourneyRunner;

  beforeEach(() => {
    states = new InMemoryStates();
    publisher = new RecordingPublisher();
    runner = new JourneyRunner(
      new JourneyCatalog([welcome]),
      states,
      publisher,
      new TickingClock(),
    );
  });

  it('enters the profile, publishes the decision and the request, and completes the state', async () => {
    await runner.handleResolved(resolved('evt-1'));
    expect(publisher.published.map((p) => p.subject)).toEqual([
      'decision.made.2',
      'message.requested.email.2',
    ]);
    expect(states.byId.get('ws|welcome|prof-1')).toMatchObject({
      triggerEventId: 'evt-1',
      status: 'completed',
    });
  });

  it('republishes identical events when the trigger is redelivered', async () => {
    await runner.handleResolved(resolved('evt-1'));
    const first = [...publisher.published];
    await runner.handleResolved(resolved('evt-1'));
    expect(publisher.published.slice(first.length)).toEqual(first);
  });

  it('does nothing for a later trigger of a profile that already entered', async () => {
    await runner.handleResolved(resolved('evt-1'));
    await runner.handleResolved(resolved('evt-2'));
    expect(publisher.published).toHaveLength(2);
  });

  it('ignores calls that trigger no journey', async () => {
    await runner.handleResolved(resolved('evt-1', 'Order Completed'));
    expect(publisher.published).toEqual([]);
    expect(states.byId.size).toBe(0);
  });

  it('finishes the entry on the redelivery after a failed publish', async () => {
    publisher.failNext = true;
    await expect(runner.handleResolved(resolved('evt-1'))).rejects.toThrow('no JetStream ack');
    expect(states.byId.get('ws|welcome|prof-1')?.status).toBe('active');

    await runner.handleResolved(resolved('evt-1'));
    expect(publisher.published.map((p) => p.subject)).toEqual([
      'decision.made.2',
      'message.requested.email.2',
    ]);
    expect(states.byId.get('ws|welcome|prof-1')?.status).toBe('completed');
  });
});
