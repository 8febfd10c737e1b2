/**
 * Probabilities of stuck configurations right after initialization of the
 * 2x2 classical autoencoder, computed exactly and by Monte Carlo over seeds
 * of `initialWeights("ca", 4, seed)` (Glorot-uniform kernels, zero biases).
 *
 * An input is dead when both encoder pre-activations are <= 0: the relu
 * outputs (0, 0), so the image reaches the bottleneck as its bias alone and
 * passes no gradient to the encoder. Two dead inputs share one bottleneck
 * value, and they stay together unless updates driven by the other inputs
 * revive one of them.
 *
 * Exact values. Each encoder unit has its own column of weights
 * (w_UL, w_UR, w_LL, w_LR), independent and identically distributed, uniform
 * on [-l, l]. Each image has two white pixels, so its pre-activation is the
 * sum of two of these weights: 0011 -> w_LL + w_LR, 1010 -> w_UL + w_LL,
 * 1100 -> w_UL + w_UR, 0101 -> w_UR + w_LR. Given w_UL and w_LR, the first
 * two sums depend only on w_LL and the last two only on w_UR. The
 * probability of a sign pattern of one unit is therefore the integral over
 * (w_UL, w_LR) of a product of two interval lengths. That product is a polynomial of
 * degree 2 on each half of the square split by w_UL = w_LR, and the rule
 * "area / 3 times the sum at the edge midpoints" integrates it exactly. The
 * scale l cancels, so the results hold for any symmetric uniform kernel.
 * The two units are independent, so a dead set is the intersection of two
 * independent patterns.
 *
 * The report's footnote 6 treats the four inputs as independent, each dead
 * with probability 1/4. They are not: they share the eight encoder weights.
 */
import { initialWeights, layerByName } from "./network.ts";
import { TWO_BY_TWO_NAMES, twoByTwoImages } from "./datasets.ts";
import { classifyOutcome } from "./outcomes.ts";
import { type ProportionInterval, wilsonInterval } from "./statistics.ts";
import { assertSeed } from "./random.ts";

/** An exact probability as a reduced fraction. */
export interface Fraction {
  numerator: number;
  denominator: number;
}

/** The report's footnote-6 value 1 - (3/4)^4 - 4 (3/4)^3 (1/4) = 67/256, about 0.2617, for independent inputs. */
export const REPORTED_AT_LEAST_TWO_DEAD = 1 - (3 / 4) ** 4 - 4 * (3 / 4) ** 3 * (1 / 4);

/** White pixels of each 2x2 image, in the order of `TWO_BY_TWO_NAMES` (0 upper left, 1 upper right, 2 lower left, 3 lower right). */
const WHITE_PIXELS: readonly (readonly [number, number])[] = TWO_BY_TWO_NAMES.map((name) => {
  const white = [...name].flatMap((digit, pixel) => (digit === "1" ? [pixel] : []));
  return [white[0], white[1]] as const;
});

/**
 * Computes the exact probability of each pattern of inactive inputs for one
 * encoder unit: entry m is the probability that exactly the images whose bit
 * is set in m (bit i for image i of `TWO_BY_TWO_NAMES`) have pre-activation
 * < 0. Shape [16]; numerators over the common denominator 24.
 */
export function unitPatternNumerators(): number[] {
  // Integrate over (u, v) = (w_UL, w_LR) on [-1, 1]^2. Both triangles, u >= v and u <= v,
  // have area 2; their edge midpoints are listed below, (0, 0) once per triangle.
  const midpoints: [number, number][] = [[0, -1], [1, 0], [0, 0], [-1, 0], [0, 1], [0, 0]];
  const numerators = new Array<number>(16).fill(0);
  for (let pattern = 0; pattern < 16; pattern++) {
    for (const [u, v] of midpoints) {
      numerators[pattern] += freeWeightLength(pattern, u, v, 2) * freeWeightLength(pattern, u, v, 1);
    }
  }
  // P = (1/4) * sum over triangles (2/3) sum_midpoints (len_a / 2) (len_b / 2) = sum len_a len_b / 24.
  return numerators;
}

/**
 * Returns the length of the set of values w in [-1, 1] of the encoder weight
 * at `freePixel` (2: lower left, 1: upper right) for which the images using
 * that pixel have the signs in `pattern`, given w_UL = u and w_LR = v.
 */
function freeWeightLength(pattern: number, u: number, v: number, freePixel: number): number {
  let low = -1;
  let high = 1;
  for (let image = 0; image < 4; image++) {
    const [first, second] = WHITE_PIXELS[image];
    if (first !== freePixel && second !== freePixel) continue;
    const other = first === freePixel ? second : first;
    const fixed = other === 0 ? u : v;
    // Pre-activation w + fixed: negative iff w < -fixed.
    if ((pattern >> image) & 1) high = Math.min(high, -fixed);
    else low = Math.max(low, -fixed);
  }
  return Math.max(0, high - low);
}

/**
 * Computes the exact probability of each set of dead inputs (both units
 * inactive): entry m is the probability that exactly the images in bit mask m
 * are dead. Shape [16]; numerators over the common denominator 576.
 */
export function deadSetNumerators(): number[] {
  const unit = unitPatternNumerators();
  const dead = new Array<number>(16).fill(0);
  for (let first = 0; first < 16; first++) {
    for (let second = 0; second < 16; second++) dead[first & second] += unit[first] * unit[second];
  }
  return dead;
}

/** One row of the distribution of the number of dead inputs. */
export interface DeadCountRow {
  /** Number of dead inputs among the four, 0 to 4. */
  dead: number;
  /** Exact probability under the initializer. */
  exact: number;
  exactFraction: string;
  /** Probability if the inputs were independent, each dead with probability 1/4 (binomial(4, 1/4)), as the report assumes. */
  independent: number;
  /** Monte Carlo share of seeds, with its Wilson interval. */
  monteCarlo: ProportionInterval;
}

/** Monte Carlo counts over seeds of `initialWeights("ca", 4, seed)`. */
export interface InitializationCounts {
  /** Seeds used: firstSeed, firstSeed + 1, ..., firstSeed + seeds - 1. */
  firstSeed: number;
  seeds: number;
  /** Seeds at which image i is dead, shape [4]. */
  deadImage: number[];
  /** Seeds with exactly k dead inputs, shape [5]. */
  deadCount: number[];
  /** Seeds at which images i and j are both dead, shape [4][4] (diagonal: image i dead). */
  deadPair: number[][];
  /** Seeds whose two bottleneck weights share one sign and whose two decoder_hidden weights have the other. */
  oppositeSigns: number;
  /** Seeds at which all four images get exactly the same reconstruction before training. */
  allCollapsed: number;
}

/**
 * Draws `seeds` initial networks, from seed `firstSeed` on, and counts dead
 * inputs, the sign configuration of the report's footnote 7 and networks
 * whose four reconstructions already coincide exactly. Each seed costs about
 * 70 us, mostly in `initialWeights`, `encode` and `decode` (measured on a
 * 2-core x86 machine).
 */
export function countInitializations(options: { firstSeed?: number; seeds: number }): InitializationCounts {
  const { firstSeed = 0, seeds } = options;
  if (!Number.isInteger(seeds) || seeds < 1) {
    throw new RangeError(`seeds must be a positive integer, got ${seeds}`);
  }
  assertSeed(firstSeed, "firstSeed");
  assertSeed(firstSeed + seeds - 1, "firstSeed + seeds - 1");
  const images = twoByTwoImages();
  const counts: InitializationCounts = {
    firstSeed,
    seeds,
    deadImage: [0, 0, 0, 0],
    deadCount: [0, 0, 0, 0, 0],
    deadPair: Array.from({ length: 4 }, () => [0, 0, 0, 0]),
    oppositeSigns: 0,
    allCollapsed: 0,
  };

  for (let seed = firstSeed; seed < firstSeed + seeds; seed++) {
    const weights = initialWeights("ca", 4, seed);
    const encoder = layerByName(weights, "encoder");
    const dead = WHITE_PIXELS.map(([first, second]) =>
      [0, 1].every((unit) =>
        encoder.kernel[first * 2 + unit] + encoder.kernel[second * 2 + unit] + encoder.bias[unit] <= 0
      )
    );
    counts.deadCount[dead.filter(Boolean).length]++;
    for (let i = 0; i < 4; i++) {
      if (!dead[i]) continue;
      counts.deadImage[i]++;
      for (let j = 0; j < 4; j++) if (dead[j]) counts.deadPair[i][j]++;
    }

    if (
      hasOppositeSigns(
        layerByName(weights, "bottleneck").kernel,
        layerByName(weights, "decoder_hidden").kernel,
      )
    ) {
      counts.oppositeSigns++;
    }
    const exact = { bottleneckTolerance: 0, reconstructionTolerance: 0 };
    if (classifyOutcome(weights, images, exact).groups.length === 1) counts.allCollapsed++;
  }
  return counts;
}

/**
 * Tests the configuration of the report's footnote 7: both bottleneck weights
 * negative and both decoder_hidden weights positive, or the reverse. With zero
 * biases the bottleneck value is then <= 0 for every input (or >= 0 in the
 * reverse case), where both decoder hidden units are inactive.
 */
function hasOppositeSigns(bottleneck: ArrayLike<number>, decoderHidden: ArrayLike<number>): boolean {
  const allNegative = (values: ArrayLike<number>) => Array.from(values).every((w) => w < 0);
  const allPositive = (values: ArrayLike<number>) => Array.from(values).every((w) => w > 0);
  return (allNegative(bottleneck) && allPositive(decoderHidden)) ||
    (allPositive(bottleneck) && allNegative(decoderHidden));
}

/** One probability at initialization: the report's value, the exact one and a Monte Carlo estimate. */
export interface ProbabilityRow {
  quantity: string;
  /** The report's value, or null where it gives none. */
  reported: number | null;
  /** Exact value under the initializer, or null where none is derived. */
  exact: number | null;
  exactFraction: string | null;
  /** Monte Carlo share of seeds with its Wilson interval. */
  monteCarlo: ProportionInterval;
}

/**
 * Builds the table of footnote probabilities from Monte Carlo `counts`. The
 * rows are: image 0011 dead; at least two of the four inputs dead (footnote
 * 6); all four dead; the sign configuration of footnote 7; and four
 * identical reconstructions before training (Monte Carlo only). Footnote 7
 * is exactly 1/8, because its four weights are independent and symmetric and
 * it allows two sign patterns of probability 1/16 each.
 */
export function initializationProbabilities(counts: InitializationCounts, level = 0.95): ProbabilityRow[] {
  const dead = deadSetNumerators();
  const atLeastTwo = sumWhere(dead, (mask) => popCount(mask) >= 2);
  const oneImage = sumWhere(dead, (mask) => (mask & 1) !== 0);
  const interval = (successes: number) => wilsonInterval(successes, counts.seeds, level);
  const atLeastTwoCount = counts.deadCount[2] + counts.deadCount[3] + counts.deadCount[4];
  return [
    row(`input ${TWO_BY_TWO_NAMES[0]} dead`, 1 / 4, reduce(oneImage, 576), interval(counts.deadImage[0])),
    row(
      "at least two inputs dead",
      REPORTED_AT_LEAST_TWO_DEAD,
      reduce(atLeastTwo, 576),
      interval(atLeastTwoCount),
    ),
    row("all four inputs dead", null, reduce(dead[15], 576), interval(counts.deadCount[4])),
    row(
      "bottleneck and decoder_hidden weights of opposite signs",
      1 / 8,
      reduce(1, 8),
      interval(counts.oppositeSigns),
    ),
    row("four identical reconstructions", null, null, interval(counts.allCollapsed)),
  ];
}

/** Builds the distribution of the number of dead inputs: exact, as if independent, and Monte Carlo. */
export function deadCountTable(counts: InitializationCounts, level = 0.95): DeadCountRow[] {
  const dead = deadSetNumerators();
  return [0, 1, 2, 3, 4].map((k) => {
    const exact = reduce(sumWhere(dead, (mask) => popCount(mask) === k), 576);
    return {
      dead: k,
      exact: exact.numerator / exact.denominator,
      exactFraction: formatFraction(exact),
      independent: binomial(4, k) * (1 / 4) ** k * (3 / 4) ** (4 - k),
      monteCarlo: wilsonInterval(counts.deadCount[k], counts.seeds, level),
    };
  });
}

/** One pair of inputs and the chance that both are dead. */
export interface DeadPairRow {
  /** Image names, e.g. "0011" and "1100". */
  first: string;
  second: string;
  /** Whether the two images are complements (every pixel differs). */
  complementary: boolean;
  exact: number;
  exactFraction: string;
  /** 1/16, the value if the two inputs were independent. */
  independent: number;
  monteCarlo: ProportionInterval;
}

/**
 * Builds the probability that two given inputs are both dead, for the six
 * pairs. Complementary images are not exclusive: their pre-activations are
 * sums of disjoint weight pairs, so both are negative with probability 1/4
 * per unit, and 1/16 for both units.
 */
export function deadPairTable(counts: InitializationCounts, level = 0.95): DeadPairRow[] {
  const dead = deadSetNumerators();
  const rows: DeadPairRow[] = [];
  for (let i = 0; i < 4; i++) {
    for (let j = i + 1; j < 4; j++) {
      const both = (1 << i) | (1 << j);
      const exact = reduce(sumWhere(dead, (mask) => (mask & both) === both), 576);
      const first = TWO_BY_TWO_NAMES[i];
      const second = TWO_BY_TWO_NAMES[j];
      rows.push({
        first,
        second,
        complementary: [...first].every((digit, p) => digit !== second[p]),
        exact: exact.numerator / exact.denominator,
        exactFraction: formatFraction(exact),
        independent: 1 / 16,
        monteCarlo: wilsonInterval(counts.deadPair[i][j], counts.seeds, level),
      });
    }
  }
  return rows;
}

function row(
  quantity: string,
  reported: number | null,
  exact: Fraction | null,
  monteCarlo: ProportionInterval,
) {
  return {
    quantity,
    reported,
    exact: exact ? exact.numerator / exact.denominator : null,
    exactFraction: exact ? formatFraction(exact) : null,
    monteCarlo,
  };
}

function sumWhere(values: number[], keep: (mask: number) => boolean): number {
  return values.reduce((sum, value, mask) => (keep(mask) ? sum + value : sum), 0);
}

function popCount(mask: number): number {
  let count = 0;
  for (let m = mask; m > 0; m >>= 1) count += m & 1;
  return count;
}

function binomial(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return result;
}

/** Reduces numerator / denominator to lowest terms. */
export function reduce(numerator: number, denominator: number): Fraction {
  const divisor = gcd(Math.abs(numerator), Math.abs(denominator));
  return { numerator: numerator / divisor, denominator: denominator / divisor };
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** Writes a fraction as "numerator/denominator". */
export function formatFraction(fraction: Fraction): string {
  return `${fraction.numerator}/${fraction.denominator}`;
}
