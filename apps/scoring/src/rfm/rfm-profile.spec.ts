import { DEFAULT_RFM_SETTINGS, exactCutsOf } from '@meridian/rfm';
import { evaluateRfm } from './rfm-evaluation';
import {
  afterEvent,
  afterSweep,
  ENGAGED_MESSAGES_LIMIT,
  evaluationInstant,
  newRfmProfile,
  RFM_APPLIED_EVENT_IDS_LIMIT,
  RfmProfileDocument,
  withEngagement,
  withOrder,
} from './rfm-profile';

const AT = Date.parse('2011-01-10T10:00:00Z');
const ref = { workspaceId: 'ws', profileId: 'p-1', partition: 2 };
const completed = (orderId: string, revenue: number) =>
  ({ kind: 'completed', order: { orderId, revenue, at: AT } }) as const;
const opened = (messageId: string) => ({
  channel: 'email',
  kind: 'opened' as const,
  at: AT,
  messageKey: `opened:${messageId}`,
});

function applied(profile: RfmProfileDocument, eventId: string, order = completed(eventId, 1)) {
  const change = withOrder(profile, order, DEFAULT_RFM_SETTINGS);
  if (change === null) throw new Error(`${eventId} changed nothing`);
  const evaluation = evaluateRfm(change.facts, AT, exactCutsOf([]), DEFAULT_RFM_SETTINGS, profile);
  return afterEvent(profile, change, evaluation, eventId, AT);
}

describe('an RFM profile', () => {
  it('starts empty at revision 0, keyed by workspace and profile', () => {
    expect(newRfmProfile(ref)).toMatchObject({
      _id: 'ws|p-1',
      partition: 2,
      record: null,
      segments: [],
      revision: 0,
    });
  });

  it('takes an order, its evaluation and the event id in one revision', () => {
    const profile = applied(newRfmProfile(ref), 'e-1', completed('o-1', 25));
    expect(RfmProfileDocument.parse(profile)).toEqual(profile);
    expect(profile).toMatchObject({
      record: { frequency: 1, monetary: 25, segment: 'Lost' },
      segments: ['Lost'],
      evaluatedAt: AT,
      appliedEventIds: ['e-1'],
      revision: 1,
    });
  });

  it('does not change for a completion of an order already counted', () => {
    const profile = applied(newRfmProfile(ref), 'e-1', completed('o-1', 25));
    expect(withOrder(profile, completed('o-1', 99), DEFAULT_RFM_SETTINGS)).toBeNull();
  });

  it('counts the first open of a message only', () => {
    const once = withEngagement(newRfmProfile(ref), opened('m-1'), DEFAULT_RFM_SETTINGS);
    expect(once?.engagedMessages).toEqual(['opened:m-1']);
    const profile = { ...newRfmProfile(ref), ...once };
    expect(withEngagement(profile, opened('m-1'), DEFAULT_RFM_SETTINGS)).toBeNull();
    expect(withEngagement(profile, opened('m-2'), DEFAULT_RFM_SETTINGS)).not.toBeNull();
  });

  it(`remembers the last ${RFM_APPLIED_EVENT_IDS_LIMIT} event ids and ${ENGAGED_MESSAGES_LIMIT} engagements`, () => {
    let profile = newRfmProfile(ref);
    for (let index = 0; index < RFM_APPLIED_EVENT_IDS_LIMIT + 3; index += 1)
      profile = applied(profile, `e-${index}`);
    expect(profile.appliedEventIds).toHaveLength(RFM_APPLIED_EVENT_IDS_LIMIT);
    expect(profile.appliedEventIds[0]).toBe('e-3');

    let engaged = newRfmProfile(ref);
    for (let index = 0; index < ENGAGED_MESSAGES_LIMIT + 1; index += 1)
      engaged = {
        ...engaged,
        ...withEngagement(engaged, opened(`m-${index}`), DEFAULT_RFM_SETTINGS),
      };
    expect(engaged.engagedMessages).toHaveLength(ENGAGED_MESSAGES_LIMIT);
    expect(engaged.engagedMessages[0]).toBe('opened:m-1');
  });

  it('is evaluated by a sweep without its facts or event ids changing', () => {
    const profile = applied(newRfmProfile(ref), 'e-1');
    const later = AT + 10 * 86_400_000;
    const evaluation = evaluateRfm(
      profile.facts,
      later,
      exactCutsOf([]),
      DEFAULT_RFM_SETTINGS,
      profile,
    );
    expect(afterSweep(profile, evaluation, later)).toEqual({
      ...profile,
      record: { ...profile.record, recencyDays: 10 },
      evaluatedAt: later,
      revision: 2,
    });
  });

  it('is never evaluated before its last evaluation', () => {
    const profile = { ...newRfmProfile(ref), evaluatedAt: AT };
    expect(evaluationInstant(profile, AT - 1)).toBe(AT);
    expect(evaluationInstant(profile, AT + 1)).toBe(AT + 1);
    expect(evaluationInstant(newRfmProfile(ref), AT - 1)).toBe(AT - 1);
  });
});
