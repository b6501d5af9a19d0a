import { Identifier } from '@meridian/contracts';
import { z } from 'zod';
import { matchKeysOf } from '../person-traits';
import { MergeRecord, Profile, type ProfileChange } from '../profile.model';
import { isPiiTrait, type ProfilePii } from './profile-pii';

/**
 * A profile as stored: the profile id is the document `_id`, every PII value is encrypted
 * (traits, identifiers, and the copies a merge record and the last change keep), and the
 * fields only the store needs are added: blind indexes to find the profile by its PII, the
 * blind indexes of its record-linkage blocking keys, and the key it was encrypted with.
 */
export type ProfileDocument = Omit<Profile, 'profileId'> & {
  _id: string;
  /** Blind indexes of the email and phone identifiers and the searchable PII traits. */
  piiIndex: string[];
  /** Blind indexes of the blocking keys (matchKeysOf the traits): how matching finds it. */
  matchKeys: string[];
  /** The encryption key of every token on the record; older keys mean it awaits rotation. */
  piiKeyId: string;
};

/** An identifier as stored: an encrypted value is longer than the 512 characters of a clear one. */
const StoredIdentifier = Identifier.extend({ value: z.string().min(1) });

/** The stored document's shape, checked before decrypting. */
const StoredProfile = Profile.omit({ profileId: true }).extend({
  _id: z.string().min(1),
  identifiers: z.array(StoredIdentifier),
  mergeHistory: z
    .array(MergeRecord.extend({ addedIdentifiers: z.array(StoredIdentifier) }))
    .default([]),
});

const Identifiers = z.array(StoredIdentifier);

/** The profile as it is written: PII encrypted, indexes derived (ProfileRepository.save). */
export function sealProfile(pii: ProfilePii, profile: Profile): ProfileDocument {
  const { profileId, ...fields } = profile;
  const { workspaceId } = profile;
  return {
    ...fields,
    _id: profileId,
    traits: pii.sealTraits(profile.traits, workspaceId, profileId),
    identifiers: pii.sealIdentifiers(profile.identifiers, workspaceId, profileId),
    mergeHistory: profile.mergeHistory.map((record) => sealMergeRecord(pii, profile, record)),
    lastChange:
      profile.lastChange === null
        ? null
        : {
            ...profile.lastChange,
            changes: profile.lastChange.changes.map((change) => sealChange(pii, profile, change)),
          },
    piiIndex: pii.profileIndex(profile.identifiers, profile.traits),
    matchKeys: matchKeysOf(profile.traits).map((key) => pii.matchKeyIndex(key)),
    piiKeyId: pii.currentKeyId,
  };
}

/**
 * The profile a stored document holds, PII decrypted. Throws PiiDecryptionError when a value
 * does not decrypt (tampered with, or its key is no longer configured), and a ZodError when
 * the document is not a profile.
 */
export function openProfile(pii: ProfilePii, document: object): Profile {
  const { _id, ...fields } = StoredProfile.parse(document);
  const profile: Profile = { ...fields, profileId: _id };
  const { workspaceId, profileId } = profile;
  return {
    ...profile,
    traits: pii.openTraits(profile.traits, workspaceId, profileId),
    identifiers: pii.openIdentifiers(profile.identifiers, workspaceId, profileId),
    mergeHistory: profile.mergeHistory.map((record) => openMergeRecord(pii, profile, record)),
    lastChange:
      profile.lastChange === null
        ? null
        : {
            ...profile.lastChange,
            changes: profile.lastChange.changes.map((change) => openChange(pii, profile, change)),
          },
  };
}

function sealMergeRecord(pii: ProfilePii, profile: Profile, record: MergeRecord): MergeRecord {
  const { workspaceId, profileId } = profile;
  const owner = `${profileId}/merge/${record.absorbedId}`;
  return {
    ...record,
    addedIdentifiers: pii.sealIdentifiers(record.addedIdentifiers, workspaceId, owner),
    traitsBefore: record.traitsBefore.map((before) =>
      isPiiTrait(before.trait) && before.present && before.value !== null
        ? { ...before, value: pii.seal(before.value, place(profile, owner, before.trait)) }
        : before,
    ),
  };
}

function openMergeRecord(pii: ProfilePii, profile: Profile, record: MergeRecord): MergeRecord {
  const { workspaceId, profileId } = profile;
  const owner = `${profileId}/merge/${record.absorbedId}`;
  return {
    ...record,
    addedIdentifiers: pii.openIdentifiers(record.addedIdentifiers, workspaceId, owner),
    traitsBefore: record.traitsBefore.map((before) =>
      isPiiTrait(before.trait) && before.present && before.value !== null
        ? { ...before, value: pii.open(before.value, place(profile, owner, before.trait)) }
        : before,
    ),
  };
}

/** The last change keeps changed traits and identifiers to republish them: PII among them. */
function sealChange(pii: ProfilePii, profile: Profile, change: ProfileChange): ProfileChange {
  const owner = `${profile.profileId}/lastChange`;
  if (change.path === 'identifiers') {
    const identifiers = Identifiers.parse(change.value);
    return {
      path: change.path,
      value: pii.sealIdentifiers(identifiers, profile.workspaceId, owner),
    };
  }
  const trait = piiTraitOfPath(change.path);
  if (trait === null || change.value === null || change.value === undefined) return change;
  return { path: change.path, value: pii.seal(change.value, place(profile, owner, trait)) };
}

function openChange(pii: ProfilePii, profile: Profile, change: ProfileChange): ProfileChange {
  const owner = `${profile.profileId}/lastChange`;
  if (change.path === 'identifiers') {
    const identifiers = Identifiers.parse(change.value);
    return {
      path: change.path,
      value: pii.openIdentifiers(identifiers, profile.workspaceId, owner),
    };
  }
  const trait = piiTraitOfPath(change.path);
  if (trait === null || change.value === null || change.value === undefined) return change;
  return { path: change.path, value: pii.open(change.value, place(profile, owner, trait)) };
}

/** `traits.email` → `email`; null for a path that is not a PII trait. */
function piiTraitOfPath(path: string): string | null {
  const trait = path.startsWith('traits.') ? path.slice('traits.'.length) : null;
  return trait !== null && isPiiTrait(trait) ? trait : null;
}

function place(profile: Profile, ownerId: string, trait: string) {
  return { workspaceId: profile.workspaceId, ownerId, field: `traits.${trait}` };
}
