import { SegmentCall } from '@meridian/contracts';
import { identifiersOfCall } from './identifiers-of-call';

const base = {
  messageId: 'm-1',
  timestamp: '2026-11-23T10:00:00.000Z',
  receivedAt: '2026-11-23T10:00:00.000Z',
};

const call = (fields: Record<string, unknown>) => SegmentCall.parse({ ...base, ...fields });

describe('identifiersOfCall', () => {
  it('names the person by userId and anonymousId', () => {
    expect(
      identifiersOfCall(call({ type: 'track', event: 'Paid', userId: 'u-1', anonymousId: 'a-1' })),
    ).toEqual([
      { type: 'userId', value: 'u-1' },
      { type: 'anonymousId', value: 'a-1' },
    ]);
  });

  it('adds email and phone from identify traits and from context.traits, emails lower-cased', () => {
    const identify = call({
      type: 'identify',
      userId: 'u-1',
      traits: { email: 'Ada@Example.com', phone: '+14155552671' },
      context: { traits: { email: 'ada@work.example' } },
    });
    expect(identifiersOfCall(identify)).toEqual([
      { type: 'userId', value: 'u-1' },
      { type: 'email', value: 'ada@example.com' },
      { type: 'email', value: 'ada@work.example' },
      { type: 'phone', value: '+14155552671' },
    ]);
  });

  it('leaves out group traits, which describe the group', () => {
    const group = call({
      type: 'group',
      userId: 'u-1',
      groupId: 'g-1',
      traits: { email: 'billing@company.example' },
    });
    expect(identifiersOfCall(group)).toEqual([{ type: 'userId', value: 'u-1' }]);
  });

  it('names each context.externalIds entry by its type and skips malformed ones', () => {
    const track = call({
      type: 'track',
      event: 'Paid',
      anonymousId: 'a-1',
      context: {
        externalIds: [
          { id: 'crm-7', type: 'crm_id', collection: 'users', encoding: 'none' },
          { id: 'X@Example.com', type: 'email' },
          { type: 'no_id' },
          'junk',
        ],
      },
    });
    expect(identifiersOfCall(track)).toEqual([
      { type: 'anonymousId', value: 'a-1' },
      { type: 'crm_id', value: 'crm-7' },
      { type: 'email', value: 'x@example.com' },
    ]);
  });

  it("names an alias' previous id as either a userId or an anonymousId", () => {
    expect(identifiersOfCall(call({ type: 'alias', userId: 'u-2', previousId: 'old' }))).toEqual([
      { type: 'userId', value: 'u-2' },
      { type: 'userId', value: 'old' },
      { type: 'anonymousId', value: 'old' },
    ]);
  });
});
