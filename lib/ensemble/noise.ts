/**
 * Fast, allocation-free copy of `variationalNoise` from lib/network.ts for
 * many networks and steps at once.
 *
 * `variationalNoise(seed, step, 4)` builds a generator per call and costs
 * about 2.6 microseconds, which would dominate a 10,000-network VA study
 * (20 million calls). This module computes the same numbers, bit for bit:
 * `deriveSeed(seed, NOISE_STREAM, step)` (splitmix32), a xoshiro128**
 * stream seeded through splitmix32, and Box-Muller normals taken as cosine
 * then sine. noise_test.ts checks it against `variationalNoise`.
 */

/** Stream id of the variational noise; must equal NOISE_STREAM in lib/network.ts. */
const NOISE_STREAM = 0x6e6f6973;

/** Standard normal values per step and network: one per image of the 2x2 set. */
export const NOISE_PER_STEP = 4;

const GOLDEN = 0x9e3779b9;

/** Returns the splitmix32 output for a state that was already incremented. */
function splitmixOutput(state: number): number {
  let z = state >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/** Computes one round of `deriveSeed` in lib/random.ts. */
function deriveRound(state: number, part: number): number {
  return splitmixOutput(((state ^ Math.imul(part >>> 0, 0x27d4eb2d)) >>> 0) + GOLDEN);
}

/** xoshiro128** state of the current stream: s0, s1, s2, s3. */
const xoshiro = new Uint32Array(4);

/** xoshiro128** next word, as `Random.nextUint32`. */
function nextUint32(): number {
  const s = xoshiro;
  const s1 = s[1];
  const result = Math.imul(rotl(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0;
  const t = s1 << 9;
  s[2] ^= s[0];
  s[3] ^= s1;
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 11);
  return result;
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** `Random.uniform`: a float in [0, 1) with 53 random bits. */
function uniform(): number {
  const high = nextUint32() >>> 5;
  const low = nextUint32() >>> 6;
  return (high * 67108864 + low) / 9007199254740992;
}

/**
 * Writes the VA noise of `seeds.length` networks for steps
 * `firstStep .. firstStep + steps - 1` into `out`, laid out
 * [step][image][network] with network index innermost and row length
 * `stride` (>= seeds.length). Entry (t, k, n) equals
 * `variationalNoise(seeds[n], firstStep + t, 4)[k]`.
 */
export function fillVariationalNoise(
  seeds: Uint32Array,
  firstStep: number,
  steps: number,
  out: Float32Array,
  stride: number,
): void {
  const networkCount = seeds.length;
  if (stride < networkCount || out.length < steps * NOISE_PER_STEP * stride) {
    throw new RangeError(
      `noise buffer of ${out.length} values with stride ${stride} is too small for ` +
        `${steps} steps of ${networkCount} networks; allocate steps * 4 * stride values`,
    );
  }
  for (let t = 0; t < steps; t++) {
    const step = firstStep + t;
    for (let n = 0; n < networkCount; n++) {
      // deriveSeed(seed, NOISE_STREAM, step) hashes the parts and their count.
      let state = deriveRound(seeds[n], NOISE_STREAM);
      state = deriveRound(state, step);
      state = deriveRound(state, 2);
      // new Random(state): four splitmix32 words.
      for (let i = 0; i < 4; i++) xoshiro[i] = splitmixOutput(state + (i + 1) * GOLDEN);

      const row = t * NOISE_PER_STEP * stride + n;
      for (let k = 0; k < NOISE_PER_STEP; k += 2) {
        let u = 0;
        while (u === 0) u = uniform();
        const v = uniform();
        const radius = Math.sqrt(-2 * Math.log(u));
        out[row + k * stride] = radius * Math.cos(2 * Math.PI * v);
        out[row + (k + 1) * stride] = radius * Math.sin(2 * Math.PI * v);
      }
    }
  }
}
