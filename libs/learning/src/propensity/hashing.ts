/**
 * Feature hashing: a feature name goes to one of 2^bits weight slots, so the model's memory
 * is fixed however many distinct event names, countries or plans a workspace has.
 *
 * The hash is 32-bit FNV-1a over the name's UTF-16 code units (low byte, then high byte),
 * seeded by folding the seed into the offset basis, and finished with MurmurHash3's fmix32
 * avalanche so that the low bits we keep are well mixed. It depends only on the string and
 * the seed, never on the platform or the process, so a model saved today hashes the same
 * names to the same slots when it is loaded again.
 */
const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * Math's functions held locally: a lookup of the global `Math` is slow inside Jest's VM
 * context (about 200 ns), and hashing runs for every feature of every example.
 */
const imul = Math.imul;

export function hashFeatureName(name: string, seed = 0): number {
  let hash = (FNV_OFFSET_BASIS ^ imul(seed >>> 0, 0x9e3779b1)) >>> 0;
  for (let index = 0; index < name.length; index++) {
    const unit = name.charCodeAt(index);
    hash = imul(hash ^ (unit & 0xff), FNV_PRIME);
    hash = imul(hash ^ (unit >>> 8), FNV_PRIME);
  }
  return fmix32(hash) >>> 0;
}

/** The slot in [0, 2^bits) a feature name falls into. */
export function featureSlot(name: string, bits: number, seed = 0): number {
  if (!Number.isInteger(bits) || bits < 1 || bits > 30) {
    throw new RangeError(`bits must be an integer in [1, 30], got ${bits}`);
  }
  return hashFeatureName(name, seed) & ((1 << bits) - 1);
}

function fmix32(value: number): number {
  let hash = value;
  hash ^= hash >>> 16;
  hash = imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash;
}
