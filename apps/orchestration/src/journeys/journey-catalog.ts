import type { SegmentCall } from '@meridian/contracts';
import type { Journey } from './journey-definition';
import { journeysTriggeredBy } from './trigger-matching';

/** The journeys this instance runs, loaded once at start-up. */
export class JourneyCatalog {
  private readonly byId: ReadonlyMap<string, Journey>;

  constructor(readonly journeys: readonly Journey[]) {
    this.byId = new Map(journeys.map((journey) => [journey.id, journey]));
  }

  get(journeyId: string): Journey | undefined {
    return this.byId.get(journeyId);
  }

  triggeredBy(call: SegmentCall): readonly Journey[] {
    return journeysTriggeredBy(this.journeys, call);
  }
}
