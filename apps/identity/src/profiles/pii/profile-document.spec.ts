import { PiiDecryptionError } from '@meridian/pii-crypto';
import { ROTATED_TEST_PII_ENV, testProfilePii } from '../../test-support/pii';
import { emptyProfile, type Profile } from '../profile.model';
import { openProfile, sealProfile } from './profile-document';

const NOW = '2025-03-01T00:00:00.000Z';
const CLEAR_TEXTS = [
  'ada@example.com',
  '+441234567890',
  'Ada',
  'Lovelace',
  'Ada Lovelace',
  '1815-12-10',
  '12 St James Square',
  'SW1Y 4JH',
  'grace@example.com',
  'Hopper',
];

function profileWithPii(): Profile {
  return {
    ...emptyProfile({ profileId: 'p-1', workspaceId: 'ws-1', partition: 0, now: NOW }),
    identifiers: [
      { type: 'userId', value: 'u-1' },
      { type: 'email', value: 'ada@example.com' },
      { type: 'phone', value: '+441234567890' },
    ],
    traits: {
      email: 'ada@example.com',
      phone: 441234567890,
      firstName: 'Ada',
      lastName: 'Lovelace',
      name: 'Ada Lovelace',
      birthday: '1815-12-10',
      address: { street: '12 St James Square', postalCode: 'SW1Y 4JH', city: 'London' },
      plan: 'pro',
    },
    mergeHistory: [
      {
        absorbedId: 'p-2',
        absorbedPartition: 1,
        mergeEventId: 'merge-1',
        at: NOW,
        addedIdentifiers: [{ type: 'email', value: 'grace@example.com' }],
        traitsBefore: [
          { trait: 'lastName', present: true, value: 'Hopper', lineage: null },
          { trait: 'plan', present: true, value: 'free', lineage: null },
        ],
        consentBefore: null,
        subscriptionsBefore: null,
      },
    ],
    lastChange: {
      eventId: 'e-1',
      created: false,
      changes: [
        { path: 'traits.email', value: 'ada@example.com' },
        { path: 'identifiers', value: [{ type: 'email', value: 'ada@example.com' }] },
        { path: 'traits.plan', value: 'pro' },
      ],
    },
    revision: 3,
  };
}

describe('sealProfile and openProfile', () => {
  const pii = testProfilePii();

  it('stores no email, phone, name, birthday or address in clear text, anywhere on the record', () => {
    const stored = JSON.stringify(sealProfile(pii, profileWithPii()));

    for (const text of CLEAR_TEXTS) expect(stored).not.toContain(text);
    expect(stored).not.toContain('441234567890');
    // What is not PII stays readable: ids, plans, the city inside the encrypted address is not.
    expect(stored).toContain('u-1');
    expect(stored).toContain('"plan":"pro"');
    expect(stored).not.toContain('London');
  });

  it('gives back exactly the profile it sealed, keeping each value JSON type', () => {
    const profile = profileWithPii();

    const opened = openProfile(pii, sealProfile(pii, profile));

    expect(opened).toEqual(profile);
    expect(opened.traits['phone']).toBe(441234567890);
  });

  it('adds the blind indexes and blind-indexed match keys the store finds the profile by', () => {
    const document = sealProfile(pii, profileWithPii());

    expect(document.piiIndex).toContain(
      pii.identifierIndex({ type: 'email', value: 'ada@example.com' }),
    );
    expect(document.piiIndex).toContain(pii.traitIndex('lastName', '  LOVELACE '));
    expect(document.piiIndex).toContain(pii.traitIndex('phone', '44 1234-567890'));
    expect(document.matchKeys.length).toBeGreaterThan(0);
    expect(document.piiKeyId).toBe('spec-a');
  });

  it('refuses a value moved to another profile: tokens are bound to where they were written', () => {
    const document = sealProfile(pii, profileWithPii());
    const other = sealProfile(pii, { ...profileWithPii(), profileId: 'p-9' });

    const tampered = { ...other, traits: { ...other.traits, email: document.traits['email'] } };

    expect(() => openProfile(pii, tampered)).toThrow(PiiDecryptionError);
  });

  it('reads records written before a key rotation and writes new ones with the new key', () => {
    const before = sealProfile(pii, profileWithPii());
    const rotated = testProfilePii(ROTATED_TEST_PII_ENV);

    const opened = openProfile(rotated, before);
    const rewritten = sealProfile(rotated, opened);

    expect(opened).toEqual(profileWithPii());
    expect(rewritten.piiKeyId).toBe('spec-b');
    expect(rewritten.piiIndex).toEqual(before.piiIndex);
    expect(() => openProfile(pii, rewritten)).toThrow(PiiDecryptionError);
  });
});
