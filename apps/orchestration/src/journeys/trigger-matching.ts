import type { SegmentCall } from '@meridian/contracts';
import type { Journey, JourneyTrigger } from './journey-definition';

/** Does this call start a journey with this trigger? */
export function triggerMatches(trigger: JourneyTrigger, call: SegmentCall): boolean {
  switch (trigger.type) {
    case 'track':
      return call.type === 'track' && call.event === trigger.event;
    case 'identify':
      return call.type === 'identify';
  }
}

/** The journeys a call triggers, in the order they are defined. */
export function journeysTriggeredBy(
  journeys: readonly Journey[],
  call: SegmentCall,
): readonly Journey[] {
  return journeys.filter((journey) => triggerMatches(journey.trigger, call));
}

/** A short label of the trigger for decisions and logs: "track:Signed Up", "identify". */
export function describeTrigger(trigger: JourneyTrigger): string {
  switch (trigger.type) {
    case 'track':
      return `track:${trigger.event}`;
    case 'identify':
      return 'identify';
  }
}
