/**
 * Anomaly scores from reconstruction errors: one score per image, higher
 * meaning more anomalous. Four detectors share two trained models:
 *
 * - "CA": the classical autoencoder with its trained sigmoid output;
 * - "CA Heaviside": the same weights with the output step H(x) = 1 if x >= 0, else 0;
 * - "VA mean": the variational autoencoder decoding its bottleneck mean a;
 * - "VA sampled": the VA decoding z = a + s * eps for several seeded draws of
 *   eps ~ N(0, 1), the score averaged over the draws.
 *
 * Each detector gives two scores per image: the mean squared error over the
 * pixels and the maximum absolute pixel error, both in [0, 1] for pixels in [0, 1].
 */
import * as tf from "@tensorflow/tfjs";
import { type Autoencoder, decodeBatch, encodeBatch } from "./models.ts";
import type { OutputRule } from "./network.ts";
import { assertSeed, deriveSeed, Random } from "./random.ts";
import type { VarianceConvention } from "./training.ts";

/** The detectors, in the order tables and charts show them. */
export const DETECTORS = ["CA", "CA Heaviside", "VA mean", "VA sampled"] as const;

/** One detector: a model, an output rule and a bottleneck choice (see the module comment). */
export type Detector = (typeof DETECTORS)[number];

/** The two reconstruction-error scores. */
export const SCORE_KINDS = ["mse", "max"] as const;

/** A score: "mse" is the mean squared pixel error, "max" the maximum absolute pixel error. */
export type ScoreKind = (typeof SCORE_KINDS)[number];

/** Scores of a set of images, one value per image per score kind, each in [0, 1] for pixels in [0, 1]. */
export type ImageScores = Record<ScoreKind, Float64Array>;

/** A detector's reconstructions of a set of images and their scores. */
export interface DetectorResult {
  /** Reconstructions, shape [count, pixels]. For "VA sampled", the mean over the draws. */
  outputs: Float32Array;
  /** Scores per image. For "VA sampled", each score is averaged over the draws. */
  scores: ImageScores;
}

/**
 * Computes the mean squared error and the maximum absolute error of each
 * image against its reconstruction.
 *
 * @param images pixel values, shape [count, pixels]
 * @param outputs reconstructions, same shape as `images`
 * @param pixels pixels per image, a positive integer dividing the lengths
 * @returns scores of shape [count] each
 */
export function reconstructionScores(
  images: ArrayLike<number>,
  outputs: ArrayLike<number>,
  pixels: number,
): ImageScores {
  if (images.length !== outputs.length) {
    throw new RangeError(
      `images and outputs must have the same length, got ${images.length} and ${outputs.length}`,
    );
  }
  if (!Number.isInteger(pixels) || pixels <= 0 || images.length % pixels !== 0) {
    throw new RangeError(
      `pixels must be a positive integer that divides the ${images.length} values, got ${pixels}`,
    );
  }

  const count = images.length / pixels;
  const mse = new Float64Array(count);
  const max = new Float64Array(count);
  for (let image = 0; image < count; image++) {
    let sum = 0;
    let largest = 0;
    for (let p = image * pixels; p < (image + 1) * pixels; p++) {
      const error = Math.abs(images[p] - outputs[p]);
      if (Number.isNaN(error)) {
        throw new RangeError(`pixel ${p} is NaN in the images or the outputs; pass finite pixel values`);
      }
      sum += error * error;
      if (error > largest) largest = error;
    }
    mse[image] = sum / pixels;
    max[image] = largest;
  }
  return { mse, max };
}

/** Options of `detectorScores`. */
export interface DetectorOptions {
  /** Number of draws of eps per image for "VA sampled", an integer >= 1. Default 10. */
  samples?: number;
  /** Seed of the draws for "VA sampled", an integer in [0, 2^32 - 1]. Default 0. */
  seed?: number;
  /**
   * VA only: how the trained VA reads e^b (b the log variance output), as in
   * lib/training.ts: "variance" (s = e^(b/2)) or "std" (s = e^b); default "variance".
   */
  convention?: VarianceConvention;
}

/**
 * Reconstructs `images` with one detector and scores every image.
 *
 * For "VA sampled", draw k (0-based) gives image i the noise value number i
 * of `Random(deriveSeed(seed, k))`, so a score depends on the seed, the draw
 * count and the image's position in `images`. The outputs equal those of
 * `reconstruct` in lib/models.ts, computed without its tf.tidy overhead.
 *
 * @param autoencoder a CA for "CA" and "CA Heaviside", a VA for "VA mean" and "VA sampled"
 * @param images pixel values in [0, 1], shape [count, autoencoder.pixels]
 * @example detectorScores(va, test.images, "VA sampled", { samples: 10, seed: 5 }).scores.mse
 */
export function detectorScores(
  autoencoder: Autoencoder,
  images: Float32Array,
  detector: Detector,
  options: DetectorOptions = {},
): DetectorResult {
  if (!(DETECTORS as readonly string[]).includes(detector)) {
    throw new RangeError(`detector must be one of ${DETECTORS.join(", ")}, got ${JSON.stringify(detector)}`);
  }
  const expectedKind = detector.startsWith("CA") ? "ca" : "va";
  if (autoencoder.kind !== expectedKind) {
    throw new RangeError(
      `detector "${detector}" needs a ${expectedKind.toUpperCase()}, got a ${autoencoder.kind.toUpperCase()}`,
    );
  }
  const pixels = autoencoder.pixels;
  const count = images.length / pixels;
  if (!Number.isInteger(count)) {
    throw new RangeError(`images has ${images.length} values, not a multiple of ${pixels} pixels per image`);
  }

  if (detector !== "VA sampled") {
    const rule: OutputRule = detector === "CA Heaviside" ? "heaviside" : "sigmoid";
    const outputs = readAndDispose(tf.tidy(() => {
      const { z } = encodeBatch(autoencoder, tf.tensor2d(images, [count, pixels]));
      return decodeBatch(autoencoder, z, rule);
    }));
    return { outputs, scores: reconstructionScores(images, outputs, pixels) };
  }

  const { samples = 10, seed = 0, convention = "variance" } = options;
  if (!Number.isInteger(samples) || samples < 1) {
    throw new RangeError(`samples must be an integer of at least 1, got ${samples}; 10 is usual`);
  }
  assertSeed(seed);
  if (convention !== "variance" && convention !== "std") {
    throw new RangeError(`convention must be "variance" or "std", got ${JSON.stringify(convention)}`);
  }

  const [mean, spread] = tf.tidy(() => {
    const { z, logVar } = encodeBatch(autoencoder, tf.tensor2d(images, [count, pixels]));
    const s = convention === "variance" ? tf.exp(tf.mul(logVar!, 0.5)) : tf.exp(logVar!);
    return [z, s];
  });
  const meanOutputs = new Float32Array(images.length);
  const scores: ImageScores = { mse: new Float64Array(count), max: new Float64Array(count) };
  try {
    for (let draw = 0; draw < samples; draw++) {
      const random = new Random(deriveSeed(seed, draw));
      const noise = Float32Array.from({ length: count }, () => random.normal());
      const outputs = readAndDispose(tf.tidy(() => {
        const z = tf.add(mean, tf.mul(spread, tf.tensor2d(noise, [count, 1]))) as tf.Tensor2D;
        return decodeBatch(autoencoder, z);
      }));
      const drawScores = reconstructionScores(images, outputs, pixels);
      for (let i = 0; i < images.length; i++) meanOutputs[i] += outputs[i] / samples;
      for (const kind of SCORE_KINDS) {
        for (let i = 0; i < count; i++) scores[kind][i] += drawScores[kind][i] / samples;
      }
    }
  } finally {
    tf.dispose([mean, spread]);
  }
  return { outputs: meanOutputs, scores };
}

// Typed arrays are read outside tf.tidy: tidy walks every element of a returned
// object in search of tensors, which takes about 0.4 s per million values.
function readAndDispose(tensor: tf.Tensor): Float32Array {
  const values = tensor.dataSync() as Float32Array;
  tensor.dispose();
  return values;
}

/**
 * Runs every detector of `DETECTORS` on `images`: the CA ones with `models.ca`,
 * the VA ones with `models.va`, with the same options (and so the same noise) for every call.
 *
 * @param images pixel values in [0, 1], shape [count, pixels]
 * @returns results keyed by detector, in the order of `DETECTORS`
 */
export function scoreAllDetectors(
  models: { ca: Autoencoder; va: Autoencoder },
  images: Float32Array,
  options: DetectorOptions = {},
): Record<Detector, DetectorResult> {
  const results = {} as Record<Detector, DetectorResult>;
  for (const detector of DETECTORS) {
    const model = detector.startsWith("CA") ? models.ca : models.va;
    results[detector] = detectorScores(model, images, detector, options);
  }
  return results;
}
