/**
 * Seeded randomness for factories: the same seed and sequence number always give the same numbers, so a
 * failing test sees the same data on the next run and on CI.
 */

/** A 32-bit hash of a string (FNV-1a), to turn a factory's name into its default seed. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * mulberry32: a small, fast generator with a full 32-bit state, good enough for test data (not for
 * cryptography). Returns numbers in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The generator of one row: a function of the factory's seed and the row's sequence number only, so a row's
 * values do not depend on how many rows other factories (or other tests) built before it.
 */
export function rowRandom(seed: number, sequence: number): () => number {
  return mulberry32(Math.imul(seed ^ 0x9e3779b9, 31) + Math.imul(sequence, 0x85ebca6b));
}
