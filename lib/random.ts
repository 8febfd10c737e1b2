/**
 * One seeded pseudo-random generator for the whole project.
 *
 * The generator is xoshiro128** (Blackman and Vigna), seeded through
 * splitmix32, so a 32-bit integer seed fixes every draw. All randomness in
 * lib/ (data sets, initial weights, batch order, variational noise) goes
 * through it, never through `Math.random`.
 */

/** Largest accepted seed: seeds are unsigned 32-bit integers. */
export const MAX_SEED = 0xffffffff;

/** Throws a RangeError unless `seed` is an integer in [0, 2^32 - 1]. */
export function assertSeed(seed: number, name = "seed"): void {
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new RangeError(
      `${name} must be an integer in [0, ${MAX_SEED}], got ${seed}; pass a whole number such as 42`,
    );
  }
}

function splitmix32(state: number): [number, number] {
  state = (state + 0x9e3779b9) >>> 0;
  let z = state;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return [state, (z ^ (z >>> 16)) >>> 0];
}

/**
 * Combines a seed with further integers (a step number, a network index)
 * into one new seed, so that independent streams can be addressed directly:
 * `deriveSeed(seed, step)` gives the noise of one training step without
 * replaying the steps before it.
 */
export function deriveSeed(seed: number, ...parts: number[]): number {
  assertSeed(seed);
  let state = seed;
  let out = 0;
  for (const part of [...parts, parts.length]) {
    [state, out] = splitmix32((state ^ Math.imul(part >>> 0, 0x27d4eb2d)) >>> 0);
    state = out;
  }
  return out;
}

/** A seeded stream of random numbers. */
export class Random {
  #s0: number;
  #s1: number;
  #s2: number;
  #s3: number;
  #spareNormal: number | null = null;

  /** Creates a stream; `seed` is an integer in [0, 2^32 - 1]. */
  constructor(seed: number) {
    assertSeed(seed);
    let state = seed;
    const words: number[] = [];
    for (let i = 0; i < 4; i++) {
      let word: number;
      [state, word] = splitmix32(state);
      words.push(word);
    }
    [this.#s0, this.#s1, this.#s2, this.#s3] = words;
  }

  /** Returns the next unsigned 32-bit integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.#s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.#s1 << 9) >>> 0;
    this.#s2 = (this.#s2 ^ this.#s0) >>> 0;
    this.#s3 = (this.#s3 ^ this.#s1) >>> 0;
    this.#s1 = (this.#s1 ^ this.#s2) >>> 0;
    this.#s0 = (this.#s0 ^ this.#s3) >>> 0;
    this.#s2 = (this.#s2 ^ t) >>> 0;
    this.#s3 = rotl(this.#s3, 11);
    return result;
  }

  /** Returns a float in [0, 1) with 53 random bits. */
  uniform(): number {
    const high = this.nextUint32() >>> 5; // 27 bits
    const low = this.nextUint32() >>> 6; // 26 bits
    return (high * 67108864 + low) / 9007199254740992;
  }

  /** Returns a float in [low, high). */
  uniformRange(low: number, high: number): number {
    return low + (high - low) * this.uniform();
  }

  /** Returns an integer in [0, n), without modulo bias. */
  integer(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > MAX_SEED + 1) {
      throw new RangeError(`n must be an integer in [1, 2^32], got ${n}`);
    }
    return Math.floor(this.uniform() * n);
  }

  /** Returns a standard normal draw (Box-Muller, both values used in turn). */
  normal(): number {
    if (this.#spareNormal !== null) {
      const spare = this.#spareNormal;
      this.#spareNormal = null;
      return spare;
    }
    let u = 0;
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.#spareNormal = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  }

  /** Shuffles `items` in place (Fisher-Yates) and returns it. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.integer(i + 1);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }

  /** Returns a permutation of 0..n-1. */
  permutation(n: number): number[] {
    return this.shuffle(Array.from({ length: n }, (_, i) => i));
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
