import {
  subjects,
  type DecisionMadeV1,
  type EnvelopeHeader,
  type EventsResolvedV1,
  type MessageRef,
  type MessageRequestedV1,
  type MessageSkippedV1,
} from '@meridian/contracts';
import { describeTrigger, type Journey, type JourneyStep, type SendStep } from '../journeys';
import { deterministicId } from './deterministic-id';
import { displayNameOf, emailAddressOf } from './recipient';

export const NO_EMAIL_ADDRESS = 'no_email_address';

/** One event to publish and the relative subject it goes to. */
export interface Outgoing {
  readonly subject: string;
  readonly event: DecisionMadeV1 | MessageRequestedV1 | MessageSkippedV1;
}

/** What a step is decided from: the triggering event, its journey and the decision time. */
export interface StepContext {
  readonly trigger: EventsResolvedV1;
  readonly journey: Journey;
  /** The entry time, not "now": a replay must publish identical events. */
  readonly decidedAt: string;
}

/** The events every step of a journey produces for one entry, in publishing order. */
export function decideJourney(context: StepContext): readonly Outgoing[] {
  return context.journey.steps.flatMap((step) => decideStep(step, context));
}

export function decideStep(step: JourneyStep, context: StepContext): readonly Outgoing[] {
  switch (step.type) {
    case 'send':
      return decideSend(step, context);
  }
}

/** The message id of a send step: one per trigger event, journey and step. */
export function messageIdFor(triggerEventId: string, journeyId: string, stepId: string): string {
  return deterministicId('msg', triggerEventId, journeyId, stepId);
}

/**
 * Send when the profile has an email address; otherwise skip with the reason, so the
 * profile's timeline shows why nothing arrived.
 */
export function decideSend(step: SendStep, context: StepContext): readonly Outgoing[] {
  const { trigger, journey } = context;
  const { profileId, partition, profile } = trigger.payload;
  const ref: MessageRef = {
    messageId: messageIdFor(trigger.id, journey.id, step.id),
    profileId,
    partition,
    channel: step.channel,
    templateId: step.templateId,
    journeyId: journey.id,
  };
  const email = emailAddressOf(profile);
  if (!email) {
    const skipped: MessageSkippedV1 = {
      ...header(context, step, 'message.skipped'),
      type: 'message.skipped',
      version: 1,
      payload: { ...ref, reason: NO_EMAIL_ADDRESS },
    };
    return [
      decisionMade(step, context, { kind: 'skip', reason: NO_EMAIL_ADDRESS }),
      { subject: subjects.message('skipped', step.channel, partition), event: skipped },
    ];
  }
  const requested: MessageRequestedV1 = {
    ...header(context, step, 'message.requested'),
    type: 'message.requested',
    version: 1,
    payload: {
      ...ref,
      recipient: { email, name: displayNameOf(profile.traits) },
      variables: profile.traits,
    },
  };
  const send = { kind: 'send', channel: step.channel, templateId: step.templateId } as const;
  return [
    decisionMade(step, context, { ...send, messageId: ref.messageId }),
    { subject: subjects.message('requested', step.channel, partition), event: requested },
  ];
}

function decisionMade(
  step: JourneyStep,
  context: StepContext,
  action: DecisionMadeV1['payload']['action'],
): Outgoing {
  const { trigger, journey } = context;
  const decision: DecisionMadeV1 = {
    ...header(context, step, 'decision.made'),
    type: 'decision.made',
    version: 1,
    payload: {
      profileId: trigger.payload.profileId,
      partition: trigger.payload.partition,
      journeyId: journey.id,
      stepId: step.id,
      trigger: describeTrigger(journey.trigger),
      action,
    },
  };
  return { subject: subjects.decisionMade(trigger.payload.partition), event: decision };
}

/** The envelope of an event caused by the trigger: same chain, id derived from the trigger. */
function header(
  { trigger, journey, decidedAt }: StepContext,
  step: JourneyStep,
  type: string,
): Omit<EnvelopeHeader, 'type' | 'version'> {
  return {
    id: deterministicId('evt', trigger.id, journey.id, step.id, type),
    workspaceId: trigger.workspaceId,
    occurredAt: decidedAt,
    receivedAt: trigger.receivedAt,
    correlationId: trigger.correlationId,
    causationId: trigger.id,
  };
}
