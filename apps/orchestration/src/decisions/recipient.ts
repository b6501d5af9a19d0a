import type { JsonObject, ProfileSnapshot } from '@meridian/contracts';
import { z } from 'zod';

const EmailAddress = z.email();

/** The address to email: the email trait when it is valid, else an email identifier. */
export function emailAddressOf(profile: ProfileSnapshot): string | null {
  const candidates = [
    profile.traits['email'],
    ...profile.identifiers
      .filter((identifier) => identifier.type === 'email')
      .map((identifier) => identifier.value),
  ];
  for (const candidate of candidates) {
    const parsed = EmailAddress.safeParse(candidate);
    if (parsed.success) return parsed.data;
  }
  return null;
}

/** "First Last" from the traits when either is there, else the `name` trait, else null. */
export function displayNameOf(traits: JsonObject): string | null {
  const fullName = [traits['firstName'], traits['lastName']]
    .filter((part): part is string => typeof part === 'string' && part.trim() !== '')
    .map((part) => part.trim())
    .join(' ');
  if (fullName !== '') return fullName;
  const name = traits['name'];
  return typeof name === 'string' && name.trim() !== '' ? name.trim() : null;
}
