import { identifiersOfCall } from './identifiers';
import { IdentitySettings, policyOf } from './identity-policy';
import { planMerge } from './merge-plan';

const call = {
  type: 'identify' as const,
  messageId: 'm1',
  userId: 'u1',
  anonymousId: 'a1',
  traits: { email: 'ann@example.com' },
  context: {},
  integrations: {},
  timestamp: '2025-01-01T00:00:00.000Z',
  receivedAt: '2025-01-01T00:00:00.000Z',
};

describe('identity settings and the policy they give', () => {
  it('keeps the defaults for everything a workspace leaves out', () => {
    const policy = policyOf(IdentitySettings.parse({}));

    expect(policy.limits.byType.get('userId')).toBe(1);
    expect(policy.limits.byType.get('email')).toBe(5);
    expect(policy.survivorship.fallback).toEqual({ rule: 'mostRecent' });
    expect(policy.priorityOf({ type: 'userId', value: 'x' })).toBeLessThan(
      policy.priorityOf({ type: 'anonymousId', value: 'x' }),
    );
  });

  it('puts the listed identifier types first, in the listed order', () => {
    const policy = policyOf(IdentitySettings.parse({ identifierPriority: ['email', 'userId'] }));

    const ordered = planMerge(
      [
        { type: 'userId', value: 'u1' },
        { type: 'anonymousId', value: 'a1' },
        { type: 'email', value: 'e@x.co' },
      ],
      () => undefined,
      policy.limits,
      policy.priorityOf,
    ).attach.map((identifier) => identifier.type);

    expect(ordered).toEqual(['email', 'userId', 'anonymousId']);
  });

  it('overrides one limit and keeps the others', () => {
    const policy = policyOf(
      IdentitySettings.parse({ identifierLimits: [{ type: 'email', limit: 1 }] }),
    );

    expect(policy.limits.byType.get('email')).toBe(1);
    expect(policy.limits.byType.get('phone')).toBe(5);
  });

  it('blocks the workspace\u2019s own placeholder values on top of the built-in ones', () => {
    const policy = policyOf(IdentitySettings.parse({ blockedValues: ['^ann@example\\.com$'] }));

    expect(identifiersOfCall(call, policy.blocked).map((identifier) => identifier.type)).toEqual([
      'userId',
      'anonymousId',
    ]);
  });

  it('refuses a blocked value that is not a regular expression, saying why', () => {
    const parsed = IdentitySettings.safeParse({ blockedValues: ['(unclosed'] });

    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/not a regular expression/);
  });

  it('takes per-trait survivorship rules and refuses an unknown rule', () => {
    const policy = policyOf(
      IdentitySettings.parse({
        survivorship: [{ trait: 'ltv', rule: { rule: 'max' } }],
        defaultRule: { rule: 'nonEmpty' },
      }),
    );

    expect(policy.survivorship.byTrait.get('ltv')).toEqual({ rule: 'max' });
    expect(policy.survivorship.fallback).toEqual({ rule: 'nonEmpty' });
    expect(
      IdentitySettings.safeParse({ survivorship: [{ trait: 'x', rule: { rule: 'loudest' } }] })
        .success,
    ).toBe(false);
  });
});
