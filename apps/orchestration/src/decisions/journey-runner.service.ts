import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EventsResolvedV1 } from '@meridian/contracts';
import { JetStreamPublisher } from '@meridian/messaging';
import { JourneyCatalog, type Journey } from '../journeys';
import { admit, enteringState, JourneyStateRepository } from '../journey-state';
import { Clock } from './clock';
import { decideJourney, type Outgoing } from './decision-builder';
import type { EventPublisher } from './event-publisher';

/** The part of the state repository the runner uses; specs pass an in-memory one. */
export type JourneyStateStore = Pick<JourneyStateRepository, 'insertIfAbsent' | 'markCompleted'>;

/**
 * Runs journeys for resolved events: finds the journeys a call triggers, applies each one's
 * entry rule and publishes the decisions of its steps. Safe to run twice for one event: the
 * entry rule recognises a redelivery and the outputs are republished with the same ids.
 */
@Injectable()
export class JourneyRunner {
  private readonly logger = new Logger(JourneyRunner.name);

  constructor(
    private readonly catalog: JourneyCatalog,
    @Inject(JourneyStateRepository) private readonly states: JourneyStateStore,
    @Inject(JetStreamPublisher) private readonly publisher: EventPublisher,
    private readonly clock: Clock,
  ) {}

  async handleResolved(trigger: EventsResolvedV1): Promise<void> {
    for (const journey of this.catalog.triggeredBy(trigger.payload.call)) {
      await this.run(journey, trigger);
    }
  }

  private async run(journey: Journey, trigger: EventsResolvedV1): Promise<void> {
    const { workspaceId } = trigger;
    const { profileId } = trigger.payload;
    const candidate = enteringState({
      workspaceId,
      journeyId: journey.id,
      profileId,
      triggerEventId: trigger.id,
      enteredAt: this.clock.nowIso(),
    });
    const admission = await admit(journey.entry, this.states, candidate);
    if (admission.kind === 'already-entered') {
      this.logger.debug(
        `profile ${profileId} already entered journey ${journey.id} (by ${admission.state.triggerEventId}); ${trigger.id} ignored`,
      );
      return;
    }
    const outputs = decideJourney({ trigger, journey, decidedAt: admission.state.enteredAt });
    await this.publishAll(outputs);
    if (admission.state.status !== 'completed') {
      await this.states.markCompleted(admission.state, this.clock.nowIso());
    }
    this.logger.log(
      `profile ${profileId} ${admission.kind === 'entered' ? 'entered' : 'replayed'} journey ${journey.id}: ${outputs.length} events`,
    );
  }

  /** In order, each awaited: a failure leaves the rest for the redelivery to publish. */
  private async publishAll(outputs: readonly Outgoing[]): Promise<void> {
    for (const { subject, event } of outputs) await this.publisher.publish(subject, event);
  }
}
