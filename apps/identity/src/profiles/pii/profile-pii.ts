import type { Identifier, JsonObject } from '@meridian/contracts';
import type { PiiCipher } from '@meridian/pii-crypto';
import { normalizeIdentifier } from '../identifiers';

/**
 * Traits encrypted at rest, under Segment's reserved names: the person's name, contact details,
 * birthday and address (the whole `address` object is one value).
 */
export const PII_TRAITS = [
  'email',
  'phone',
  'name',
  'firstName',
  'lastName',
  'birthday',
  'address',
] as const;

/** Identifier types whose values are personal data: encrypted, and found by blind index. */
export const PII_IDENTIFIER_TYPES: readonly string[] = ['email', 'phone'];

const PII_TRAIT_NAMES: ReadonlySet<string> = new Set(PII_TRAITS);

export function isPiiTrait(trait: string): boolean {
  return PII_TRAIT_NAMES.has(trait);
}

export function isPiiIdentifier(identifier: Pick<Identifier, 'type'>): boolean {
  return PII_IDENTIFIER_TYPES.includes(identifier.type);
}

/**
 * Where an encrypted value belongs, bound into its token as associated data: a token copied
 * to another workspace, profile or field does not decrypt there.
 */
export interface PiiPlace {
  readonly workspaceId: string;
  /** The profile (or, for the identifier index, the index entry) the value is stored on. */
  readonly ownerId: string;
  /** The field within it, e.g. `traits.email` or `identifiers.phone`. */
  readonly field: string;
}

/**
 * Encrypts and decrypts the PII a profile stores, and computes its blind indexes (HMAC), so
 * identity never writes an email, phone number, name, birthday or address in clear text and
 * still finds profiles by them. Values keep their JSON type through the round trip (a phone
 * sent as a number comes back as a number).
 */
export class ProfilePii {
  constructor(private readonly cipher: PiiCipher) {}

  /** The id of the key new values are encrypted with; stored so rotation finds older records. */
  get currentKeyId(): string {
    return this.cipher.currentKeyId;
  }

  /** `value` (any JSON value) encrypted for `place`. */
  seal(value: unknown, place: PiiPlace): string {
    const json = JSON.stringify(value);
    if (json === undefined) throw new TypeError(`${place.field} has no JSON value to encrypt`);
    return this.cipher.encrypt(json, associatedData(place));
  }

  /** The value `seal` encrypted; throws PiiDecryptionError when the token was not for `place`. */
  open(token: unknown, place: PiiPlace): unknown {
    if (typeof token !== 'string') throw new TypeError(`${place.field} is not an encrypted value`);
    const parsed: unknown = JSON.parse(this.cipher.decrypt(token, associatedData(place)));
    return parsed;
  }

  /** Whether the token was encrypted with a key other than the current one. */
  needsRotation(token: string): boolean {
    return this.cipher.needsRotation(token);
  }

  /** The traits with every PII trait's value encrypted; other traits as they are. */
  sealTraits(traits: JsonObject, workspaceId: string, ownerId: string): JsonObject {
    return mapPiiTraits(traits, (value, trait) =>
      this.seal(value, { workspaceId, ownerId, field: `traits.${trait}` }),
    );
  }

  openTraits(traits: JsonObject, workspaceId: string, ownerId: string): JsonObject {
    return mapPiiTraits(traits, (value, trait) =>
      this.open(value, { workspaceId, ownerId, field: `traits.${trait}` }),
    );
  }

  /** The identifiers with the values of email and phone encrypted. */
  sealIdentifiers(
    identifiers: readonly Identifier[],
    workspaceId: string,
    ownerId: string,
  ): Identifier[] {
    return identifiers.map((identifier) =>
      isPiiIdentifier(identifier)
        ? { type: identifier.type, value: this.seal(identifier.value, identifierPlace(identifier)) }
        : identifier,
    );
    function identifierPlace(identifier: Identifier): PiiPlace {
      return { workspaceId, ownerId, field: `identifiers.${identifier.type}` };
    }
  }

  openIdentifiers(
    identifiers: readonly Identifier[],
    workspaceId: string,
    ownerId: string,
  ): Identifier[] {
    return identifiers.map((identifier) => {
      if (!isPiiIdentifier(identifier)) return identifier;
      const place = { workspaceId, ownerId, field: `identifiers.${identifier.type}` };
      const value = this.open(identifier.value, place);
      if (typeof value !== 'string') throw new TypeError(`${place.field} is not text`);
      return { type: identifier.type, value };
    });
  }

  /** Blind index of an identifier (normalised first), as the identifier index keys it. */
  identifierIndex(identifier: Identifier): string {
    const { type, value } = normalizeIdentifier(identifier);
    return this.cipher.blindIndex(`identifier:${type}`, value);
  }

  /**
   * Blind index of a top-level PII trait value, for equality search: emails and phones
   * normalised as identifiers are, other text trimmed and lower-cased. Null for values that
   * are not text or numbers (the address object): those are not searchable.
   */
  traitIndex(trait: string, value: unknown): string | null {
    if (typeof value !== 'string' && typeof value !== 'number') return null;
    const text = String(value);
    const normalised =
      trait === 'email' || trait === 'phone'
        ? normalizeIdentifier({ type: trait, value: text }).value
        : text.trim().toLowerCase();
    return this.cipher.blindIndex(`trait:${trait}`, normalised);
  }

  /** Blind index of a record-linkage blocking key (they are derived from names and addresses). */
  matchKeyIndex(matchKey: string): string {
    return this.cipher.blindIndex('matchKey', matchKey);
  }

  /**
   * The blind indexes a profile is found by: its email and phone identifiers and its
   * searchable PII traits. Stored as `piiIndex`, one multikey field for every PII lookup.
   */
  profileIndex(identifiers: readonly Identifier[], traits: JsonObject): string[] {
    const entries = identifiers.filter(isPiiIdentifier).map((id) => this.identifierIndex(id));
    for (const trait of PII_TRAITS) {
      const value = traits[trait];
      const index = value === undefined ? null : this.traitIndex(trait, value);
      if (index !== null) entries.push(index);
    }
    return [...new Set(entries)];
  }
}

function associatedData(place: PiiPlace): string {
  return `${place.workspaceId}\u0000${place.ownerId}\u0000${place.field}`;
}

function mapPiiTraits(
  traits: JsonObject,
  map: (value: unknown, trait: string) => unknown,
): JsonObject {
  if (!PII_TRAITS.some((trait) => traits[trait] !== undefined)) return traits;
  const mapped: JsonObject = {};
  for (const [trait, value] of Object.entries(traits)) {
    mapped[trait] = isPiiTrait(trait) && value !== null ? map(value, trait) : value;
  }
  return mapped;
}
