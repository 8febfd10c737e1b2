/**
 * Analysis of trained variational autoencoders (VA). It computes the
 * bottleneck means a and standard deviations s over a set of images,
 * reconstructions with sampled bottlenecks, the state of many networks
 * during training (to see posterior collapse), and a fit of the means
 * against N(0, 1).
 *
 * The VA samples its bottleneck as z = a + s * eps with eps ~ N(0, 1). The
 * encoder outputs a and b; the convention sets s from b: "variance" reads e^b
 * as the variance (s = e^(b/2)), "std" as the standard deviation (s = e^b).
 * Everything here is a plain float64 forward pass (lib/network.ts), without tfjs.
 */
import { imageAt, type ImageSet } from "./datasets.ts";
import { applyDense, decode, encode, layerByName, type Weights } from "./network.ts";
import { classifyOutcome, type Outcome } from "./outcomes.ts";
import { Random } from "./random.ts";
import { andersonDarlingNormal, kolmogorovSmirnovNormal, mean, median } from "./statistics.ts";
import type { VarianceConvention } from "./training.ts";

/** Bottleneck of every image of a set, each array of shape [count]. */
export interface VaBottleneck {
  /** Means a. */
  means: Float64Array;
  /** Log variances b, the raw output of the z_log_var layer. */
  logVariances: Float64Array;
  /** Standard deviations s of the sampled bottleneck, from b and the convention. */
  spreads: Float64Array;
}

/**
 * Returns the standard deviation s of the sampled bottleneck for the encoder
 * output b: e^(b/2) under "variance", e^b under "std".
 */
export function spreadFromLogVariance(logVariance: number, convention: VarianceConvention): number {
  if (convention === "variance") return Math.exp(logVariance / 2);
  if (convention === "std") return Math.exp(logVariance);
  throw new RangeError(`convention must be "variance" or "std", got ${JSON.stringify(convention)}`);
}

/** Encodes every image of `images` with the VA `weights` and returns a, b and s per image. */
export function vaBottleneck(
  weights: Weights,
  images: ImageSet,
  convention: VarianceConvention,
): VaBottleneck {
  assertVa(weights, images);
  const means = new Float64Array(images.count);
  const logVariances = new Float64Array(images.count);
  const spreads = new Float64Array(images.count);
  const pixels = weights.pixels;
  for (let i = 0; i < images.count; i++) {
    const { z, logVar } = encode(weights, images.images.subarray(i * pixels, (i + 1) * pixels));
    means[i] = z;
    logVariances[i] = logVar;
    spreads[i] = spreadFromLogVariance(logVar, convention);
  }
  return { means, logVariances, spreads };
}

/**
 * Draws `draws` seeded rows of standard normal noise, one value per image:
 * row d is the eps of draw d, shape [count]. The same seed gives the same rows.
 */
export function noiseDraws(seed: number, draws: number, count: number): Float64Array[] {
  for (const [name, value] of [["draws", draws], ["count", count]] as const) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`${name} must be a positive integer, got ${value}`);
    }
  }
  const random = new Random(seed);
  return Array.from({ length: draws }, () => Float64Array.from({ length: count }, () => random.normal()));
}

/**
 * Reconstructs every image with the sigmoid decoder at z = a + s * eps,
 * where `noise` contains one eps per image; without `noise` at z = a. Returns
 * the outputs, shape [count * pixels], in [0, 1].
 */
export function vaReconstructions(
  weights: Weights,
  images: ImageSet,
  convention: VarianceConvention,
  noise?: ArrayLike<number>,
): Float64Array {
  const bottleneck = vaBottleneck(weights, images, convention);
  if (noise && noise.length !== images.count) {
    throw new RangeError(`noise has ${noise.length} values, expected one per image (${images.count})`);
  }
  const pixels = weights.pixels;
  const outputs = new Float64Array(images.count * pixels);
  for (let i = 0; i < images.count; i++) {
    const z = bottleneck.means[i] + (noise ? bottleneck.spreads[i] * noise[i] : 0);
    outputs.set(decode(weights, z, "sigmoid"), i * pixels);
  }
  return outputs;
}

/**
 * Returns, per encoder relu unit, the share of `images` for which it is
 * active (pre-activation > 0), shape [encoder units]. A unit at 0 is dead
 * for the whole set and passes no gradient.
 */
export function activeUnitShares(weights: Weights, images: ImageSet): number[] {
  assertVa(weights, images);
  const encoder = layerByName(weights, "encoder");
  const active = new Array<number>(encoder.units).fill(0);
  for (let i = 0; i < images.count; i++) {
    const image = images.images.subarray(i * weights.pixels, (i + 1) * weights.pixels);
    applyDense({ ...encoder, activation: "linear" }, image).forEach((value, unit) => {
      if (value > 0) active[unit]++;
    });
  }
  return active.map((count) => count / images.count);
}

/** How often sampled bottlenecks decode to a wrong image. */
export interface SampledErrors {
  /** Share of (draw, image) pairs with at least one output pixel 0.5 or more away from the input pixel. */
  wrongImageShare: number;
  /** Mean squared error over draws, images and pixels. */
  meanSquaredError: number;
}

/**
 * Decodes every image at z = a + s * eps for each row of `draws` (one eps
 * per image, as `noiseDraws` returns them) and measures how often the
 * output is wrong: a VA whose s is small against the gaps between the
 * decoder's thresholds never is.
 */
export function sampledErrors(
  weights: Weights,
  images: ImageSet,
  convention: VarianceConvention,
  draws: ArrayLike<number>[],
): SampledErrors {
  if (draws.length === 0) throw new RangeError("draws must contain at least one row of noise, got none");
  const pixels = weights.pixels;
  let wrongImages = 0;
  let squaredError = 0;
  for (const noise of draws) {
    const outputs = vaReconstructions(weights, images, convention, noise);
    for (let i = 0; i < images.count; i++) {
      let wrong = false;
      for (let p = i * pixels; p < (i + 1) * pixels; p++) {
        const error = Math.abs(outputs[p] - images.images[p]);
        squaredError += error * error;
        if (error >= 0.5) wrong = true;
      }
      if (wrong) wrongImages++;
    }
  }
  const samples = draws.length * images.count;
  return { wrongImageShare: wrongImages / samples, meanSquaredError: squaredError / (samples * pixels) };
}

/** State of one trained VA on a set of images. */
export interface VaState {
  outcome: Outcome;
  /** Mean squared error of the reconstructions at z = a, over images and pixels. */
  meanSquaredError: number;
  /** Median of s over the images. */
  medianSpread: number;
  /** Largest minus smallest a over the images: 0 when every image gets the same mean. */
  meanRange: number;
  /** True when every encoder relu unit is inactive (pre-activation <= 0) for every image. */
  encoderDead: boolean;
}

/**
 * Describes one trained VA on `images`: its outcome class (lib/outcomes.ts,
 * decided at z = a), reconstruction error, median s, the range of a, and
 * whether its encoder is dead. A dead encoder passes no gradient, so the
 * network cannot leave that state: a and b are then the same for every image.
 */
export function vaState(weights: Weights, images: ImageSet, convention: VarianceConvention): VaState {
  const bottleneck = vaBottleneck(weights, images, convention);
  const classified = classifyOutcome(weights, images);
  let squaredError = 0;
  classified.reconstructions.forEach((output, i) => {
    const image = imageAt(images, i);
    output.forEach((value, p) => squaredError += (value - image[p]) ** 2);
  });
  const encoder = layerByName(weights, "encoder");
  const encoderDead = Array.from({ length: images.count }, (_, i) => imageAt(images, i)).every((image) =>
    applyDense({ ...encoder, activation: "linear" }, image).every((value) => value <= 0)
  );
  return {
    outcome: classified.outcome,
    meanSquaredError: squaredError / (images.count * weights.pixels),
    medianSpread: median(bottleneck.spreads),
    meanRange: Math.max(...bottleneck.means) - Math.min(...bottleneck.means),
    encoderDead,
  };
}

/** Summary of many VAs trained with the same settings. */
export interface VaSummary {
  networks: number;
  /** Networks per outcome class. */
  optimal: number;
  onePair: number;
  twoPairs: number;
  allGrey: number;
  other: number;
  /** Share of networks whose encoder is dead (see `VaState.encoderDead`). */
  deadEncoderShare: number;
  /** Medians over the networks of `VaState.meanSquaredError`, `medianSpread` and `meanRange`. */
  medianMeanSquaredError: number;
  medianSpread: number;
  medianMeanRange: number;
}

/** Summarizes the states of networks trained with the same settings. */
export function summarizeVaStates(states: VaState[]): VaSummary {
  if (states.length === 0) throw new RangeError("states must contain at least one network, got none");
  const count = (outcome: Outcome) => states.filter((state) => state.outcome === outcome).length;
  return {
    networks: states.length,
    optimal: count("optimal"),
    onePair: count("one-pair"),
    twoPairs: count("two-pairs"),
    allGrey: count("all-grey"),
    other: count("other"),
    deadEncoderShare: states.filter((state) => state.encoderDead).length / states.length,
    medianMeanSquaredError: median(states.map((state) => state.meanSquaredError)),
    medianSpread: median(states.map((state) => state.medianSpread)),
    medianMeanRange: median(states.map((state) => state.meanRange)),
  };
}

/** Goodness of fit of a sample against N(0, 1). */
export interface NormalFit {
  count: number;
  mean: number;
  /** Sample standard deviation (divisor n - 1). */
  standardDeviation: number;
  /** Kolmogorov-Smirnov statistic D and its asymptotic p-value. */
  ksStatistic: number;
  ksPValue: number;
  /** Anderson-Darling statistic A^2; against N(0, 1), values above 2.49 reject at the 5% level. */
  adStatistic: number;
}

/** Tests `values` against the standard normal distribution with the Kolmogorov-Smirnov and Anderson-Darling statistics. */
export function standardNormalFit(values: ArrayLike<number>): NormalFit {
  if (values.length < 2) throw new RangeError(`values must contain at least 2 numbers, got ${values.length}`);
  const average = mean(values);
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += (values[i] - average) ** 2;
  const ks = kolmogorovSmirnovNormal(values);
  return {
    count: values.length,
    mean: average,
    standardDeviation: Math.sqrt(sum / (values.length - 1)),
    ksStatistic: ks.statistic,
    ksPValue: ks.pValue,
    adStatistic: andersonDarlingNormal(values),
  };
}

function assertVa(weights: Weights, images: ImageSet): void {
  if (weights.kind !== "va") {
    throw new RangeError(`weights must be a variational autoencoder ("va"), got "${weights.kind}"`);
  }
  if (images.size * images.size !== weights.pixels) {
    throw new RangeError(
      `images have ${images.size * images.size} pixels but the weights expect ${weights.pixels}`,
    );
  }
}
