import {
  DecisionMadeV1,
  EventsResolvedV1,
  MessageRequestedV1,
  MessageSkippedV1,
} from '@meridian/contracts';
import type { Journey } from '../journeys';
import { decideJourney, messageIdFor, NO_EMAIL_ADDRESS } from './decision-builder';

const journey: Journey = {
  id: 'welcome',
  name: 'Welcome email',
  trigger: { type: 'track', event: 'Signed Up' },
  entry: 'once',
  steps: [{ id: 'send-welcome', type: 'send', channel: 'email', templateId: 'welcome' }],
};

function resolved(
  profile: { traits?: Record<string, unknown>; identifiers?: { type: string; value: string }[] },
  id = 'evt-resolved-1',
): EventsResolvedV1 {
  return EventsResolvedV1.parse({
    id,
    type: 'events.resolved',
    version: 1,
    workspaceId: 'ws-1',
    occurredAt: '2026-11-23T09:59:00.000Z',
    receivedAt: '2026-11-23T10:00:00.000Z',
    correlationId: 'evt-call-1',
    causationId: 'evt-call-1',
    payload: {
      profileId: 'prof-1',
      partition: 5,
      call: {
        type: 'track',
        event: 'Signed Up',
        messageId: 'm-1',
        userId: 'u-1',
        timestamp: '2026-11-23T09:59:00.000Z',
        receivedAt: '2026-11-23T10:00:00.000Z',
      },
      profile: { traits: {}, identifiers: [], revision: 1, ...profile },
    },
  });
}

const decidedAt = '2026-11-23T10:00:01.000Z';
const decide = (trigger: EventsResolvedV1) => decideJourney({ trigger, journey, decidedAt });

describe('send step decision', () => {
  it('requests an email when the profile has an email trait', () => {
    const traits = {
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
      plan: 'pro',
    };
    const [decision, request] = decide(resolved({ traits }));

    expect(decision?.subject).toBe('decision.made.5');
    const made = DecisionMadeV1.parse(decision?.event);
    expect(made.payload).toMatchObject({
      profileId: 'prof-1',
      journeyId: 'welcome',
      stepId: 'send-welcome',
      trigger: 'track:Signed Up',
      action: {
        kind: 'send',
        channel: 'email',
        templateId: 'welcome',
        messageId: messageIdFor('evt-resolved-1', 'welcome', 'send-welcome'),
      },
    });

    expect(request?.subject).toBe('message.requested.email.5');
    const requested = MessageRequestedV1.parse(request?.event);
    expect(requested.payload.recipient).toEqual({ email: 'ada@example.com', name: 'Ada Lovelace' });
    expect(requested.payload.variables).toEqual(traits);
    expect(requested.payload.messageId).toBe(
      made.payload.action.kind === 'send' && made.payload.action.messageId,
    );
  });

  it('falls back to an email identifier and leaves the name empty without name traits', () => {
    const outputs = decide(resolved({ identifiers: [{ type: 'email', value: 'id@example.com' }] }));
    const requested = MessageRequestedV1.parse(outputs[1]?.event);
    expect(requested.payload.recipient).toEqual({ email: 'id@example.com', name: null });
  });

  it('skips with "no_email_address" when the profile has no usable email', () => {
    const outputs = decide(resolved({ traits: { email: 'not-an-address', firstName: 'Ada' } }));
    expect(outputs.map((output) => output.subject)).toEqual([
      'decision.made.5',
      'message.skipped.email.5',
    ]);
    expect(DecisionMadeV1.parse(outputs[0]?.event).payload.action).toEqual({
      kind: 'skip',
      reason: NO_EMAIL_ADDRESS,
    });
    expect(MessageSkippedV1.parse(outputs[1]?.event).payload).toMatchObject({
      reason: NO_EMAIL_ADDRESS,
      templateId: 'welcome',
      journeyId: 'welcome',
    });
  });

  it('chains every output to the trigger: correlation copied, caused by the trigger', () => {
    for (const { event } of decide(resolved({ traits: { email: 'a@example.com' } }))) {
      expect(event).toMatchObject({
        workspaceId: 'ws-1',
        correlationId: 'evt-call-1',
        causationId: 'evt-resolved-1',
        occurredAt: decidedAt,
        receivedAt: '2026-11-23T10:00:00.000Z',
      });
    }
  });

  it('derives the same ids from the same trigger and different ids from another', () => {
    const traits = { email: 'a@example.com' };
    const first = decide(resolved({ traits })).map((output) => output.event.id);
    const replay = decide(resolved({ traits })).map((output) => output.event.id);
    const other = decide(resolved({ traits }, 'evt-resolved-2')).map((output) => output.event.id);
    expect(replay).toEqual(first);
    expect(new Set([...first, ...other]).size).toBe(4);
  });

  it('runs every step of a journey in order', () => {
    const twoSteps: Journey = {
      ...journey,
      steps: [
        { id: 'first', type: 'send', channel: 'email', templateId: 'welcome' },
        { id: 'second', type: 'send', channel: 'email', templateId: 'tips' },
      ],
    };
    const outputs = decideJourney({
      trigger: resolved({ traits: { email: 'a@example.com' } }),
      journey: twoSteps,
      decidedAt,
    });
    const steps = outputs
      .map((output) => DecisionMadeV1.safeParse(output.event))
      .flatMap((parsed) => (parsed.success ? [parsed.data.payload.stepId] : []));
    expect(steps).toEqual(['first', 'second']);
  });
});
