import { ConsentRecord } from './consent-record';
import { normaliseConsent, type ConsentResult } from './normalise-consent';

function consentOf(result: ConsentResult): ConsentRecord | null {
  if (!result.ok) throw new Error(`expected consent, got ${JSON.stringify(result.refusal)}`);
  return result.consent;
}

function refusalOf(result: ConsentResult) {
  if (result.ok) throw new Error('expected a refusal');
  return result.refusal;
}

describe('normaliseConsent', () => {
  it("turns Segment's categoryPreferences into a list, keeping dotted category names", () => {
    const context = {
      consent: { categoryPreferences: { Advertising: true, 'Analytics.Web': false } },
    };
    const consent = consentOf(normaliseConsent(context, 'refuse'));
    expect(consent).toEqual({
      source: 'segment',
      categories: [
        { category: 'Advertising', granted: true },
        { category: 'Analytics.Web', granted: false },
      ],
    });
    expect(ConsentRecord.parse(consent)).toEqual(consent);
  });

  it("turns RudderStack's allowed and denied ids into categories with provider and strategy", () => {
    const context = {
      consentManagement: {
        provider: 'oneTrust',
        allowedConsentIds: ['C0001', 'C0002'],
        deniedConsentIds: ['C0003'],
        resolutionStrategy: 'AND',
      },
    };
    expect(consentOf(normaliseConsent(context, 'refuse'))).toEqual({
      source: 'rudderstack',
      provider: 'oneTrust',
      resolutionStrategy: 'and',
      categories: [
        { category: 'C0001', granted: true },
        { category: 'C0002', granted: true },
        { category: 'C0003', granted: false },
      ],
    });
  });

  it('counts an id both allowed and denied as denied, and lists each id once', () => {
    const context = {
      consentManagement: { allowedConsentIds: ['a', 'b', 'a'], deniedConsentIds: ['b'] },
    };
    expect(consentOf(normaliseConsent(context, 'accept'))?.categories).toEqual([
      { category: 'a', granted: true },
      { category: 'b', granted: false },
    ]);
  });

  it('reads a RudderStack object without id lists as granting nothing', () => {
    const consent = consentOf(
      normaliseConsent({ consentManagement: { provider: 'custom' } }, 'refuse'),
    );
    expect(consent).toEqual({ source: 'rudderstack', provider: 'custom', categories: [] });
  });

  it('prefers Segment consent when a call carries both formats', () => {
    const context = {
      consent: { categoryPreferences: { Ads: false } },
      consentManagement: { allowedConsentIds: ['Ads'] },
    };
    expect(consentOf(normaliseConsent(context, 'accept'))?.source).toBe('segment');
  });

  describe('without any consent object', () => {
    it.each([{}, { consent: null, consentManagement: null }, undefined])(
      "gives no record under 'accept' (context %j)",
      (context) => {
        expect(consentOf(normaliseConsent(context, 'accept'))).toBeNull();
      },
    );

    it("gives a default record that grants nothing under 'accept-unconsented'", () => {
      expect(consentOf(normaliseConsent({}, 'accept-unconsented'))).toEqual({
        source: 'default',
        categories: [],
      });
    });

    it("refuses with CONSENT_REQUIRED under 'refuse'", () => {
      expect(refusalOf(normaliseConsent({ locale: 'en-US' }, 'refuse'))).toMatchObject({
        code: 'CONSENT_REQUIRED',
        path: ['context', 'consent'],
      });
    });
  });

  it.each([
    [
      'Segment consent without categoryPreferences',
      { consent: {} },
      ['context', 'consent', 'categoryPreferences'],
    ],
    [
      'a Segment preference that is not a boolean',
      { consent: { categoryPreferences: { Ads: 'yes' } } },
      ['context', 'consent', 'categoryPreferences', 'Ads'],
    ],
    [
      'RudderStack ids that are not a list',
      { consentManagement: { allowedConsentIds: 'C0001' } },
      ['context', 'consentManagement', 'allowedConsentIds'],
    ],
    [
      'an unknown resolution strategy',
      { consentManagement: { resolutionStrategy: 'xor' } },
      ['context', 'consentManagement', 'resolutionStrategy'],
    ],
    ['a consent value that is not an object', { consent: true }, ['context', 'consent']],
  ])('refuses %s with INVALID_CONSENT whatever the policy', (_case, context, path) => {
    const refusal = refusalOf(normaliseConsent(context, 'accept'));
    expect(refusal.code).toBe('INVALID_CONSENT');
    expect(refusal.path).toEqual(path);
    expect(refusal.message).toMatch(/^context\.consent(Management)? is not understood: /);
  });
});
