/**
 * Training loops for the autoencoders in tfjs, with seeded batch order
 * (not `model.fit`, whose shuffle uses Math.random) and a loss history.
 *
 * Losses, per batch of n images with pixels N:
 * - CA: mse = mean over images and pixels of (x - y)^2.
 * - VA: scale * mse - 1/(2n) * sum over images of (1 + b - a^2 - e^b), the
 *   report's equation (2), with z = a + s * eps. The convention sets s:
 *   "variance" reads e^b as the variance (s = e^(b/2), Kingma and Welling);
 *   "std" reads e^b as the standard deviation (s = e^b, as in the 2016
 *   Keras blog post). The scale is 1 ("mean": mse averaged over pixels), N
 *   ("sum": squared error summed over pixels, as the Keras VAE example), or
 *   any positive factor.
 */
import * as tf from "@tensorflow/tfjs";
import type { ImageSet } from "./datasets.ts";
import {
  type Autoencoder,
  buildAutoencoder,
  decodeBatch,
  disposeAutoencoder,
  encodeBatch,
  readWeights,
  useWasmBackend,
} from "./models.ts";
import { variationalNoise, type Weights } from "./network.ts";
import { assertSeed, deriveSeed, Random } from "./random.ts";

/** Optimizer name, with tfjs's default hyperparameters besides the learning rate. */
export type OptimizerName = "adam" | "sgd" | "rmsprop";

/** Reading of e^b in the VA: the variance ("variance") or the standard deviation ("std"). */
export type VarianceConvention = "variance" | "std";

/**
 * Weight of the VA's reconstruction term against the KL term: "mean" (1,
 * the mse averaged over pixels), "sum" (the pixel count N, the squared error
 * summed over pixels), or an explicit positive factor.
 */
export type ReconstructionScale = "mean" | "sum" | number;

/** Returns the factor that multiplies the VA's mse for `scale` and images of `pixels` pixels. */
export function reconstructionWeight(scale: ReconstructionScale, pixels: number): number {
  if (scale === "mean") return 1;
  if (scale === "sum") return pixels;
  if (typeof scale === "number" && scale > 0 && Number.isFinite(scale)) return scale;
  throw new RangeError(
    `reconstructionScale must be "mean", "sum" or a positive number, got ${JSON.stringify(scale)}`,
  );
}

/** Settings of one training run. */
export interface TrainOptions {
  optimizer: OptimizerName;
  learningRate: number;
  epochs: number;
  /** Images per step. With batchSize >= count every epoch is one step over the images in their order. */
  batchSize: number;
  /** Seeds the batch order and the VA's noise. */
  seed: number;
  /** VA only; default "variance". */
  convention?: VarianceConvention;
  /** VA only; default "mean". */
  reconstructionScale?: ReconstructionScale;
  /** Called after every epoch with its 1-based number and mean loss. */
  onEpoch?: (epoch: number, loss: number) => void;
}

/** Result of a training run. */
export interface TrainResult {
  weights: Weights;
  /** Mean loss per epoch (mean over the epoch's batches, weighted by batch size). */
  losses: number[];
}

/** Stream id of the batch order, so it never overlaps other uses of a seed. */
const BATCH_STREAM = 0x62617463;

/** Creates a tfjs optimizer by name. */
export function createOptimizer(name: OptimizerName, learningRate: number): tf.Optimizer {
  if (!(learningRate > 0) || !Number.isFinite(learningRate)) {
    throw new RangeError(`learningRate must be a positive finite number, got ${learningRate}`);
  }
  if (name === "adam") return tf.train.adam(learningRate);
  if (name === "sgd") return tf.train.sgd(learningRate);
  if (name === "rmsprop") return tf.train.rmsprop(learningRate);
  throw new RangeError(`optimizer must be "adam", "sgd" or "rmsprop", got ${JSON.stringify(name)}`);
}

/** Returns the image order of one epoch: fixed when one batch contains all images, else a seeded permutation. */
export function epochOrder(count: number, batchSize: number, seed: number, epoch: number): number[] {
  if (batchSize >= count) return Array.from({ length: count }, (_, i) => i);
  return new Random(deriveSeed(seed, BATCH_STREAM, epoch)).permutation(count);
}

/**
 * Computes the loss of one batch (see the module comment). `noise` contains
 * one standard normal value per image and is used by the VA only.
 */
export function batchLoss(
  autoencoder: Autoencoder,
  x: tf.Tensor2D,
  noise: tf.Tensor2D | null,
  convention: VarianceConvention = "variance",
  scale: ReconstructionScale = "mean",
): tf.Scalar {
  const { z, logVar } = encodeBatch(autoencoder, x);
  if (!logVar) return tf.losses.meanSquaredError(x, decodeBatch(autoencoder, z)) as tf.Scalar;

  const spread = convention === "variance" ? tf.exp(tf.mul(logVar, 0.5)) : tf.exp(logVar);
  const sampled = tf.add(z, tf.mul(spread, noise!)) as tf.Tensor2D;
  const reconstruction = tf.mean(tf.square(tf.sub(x, decodeBatch(autoencoder, sampled))));
  const pixelWeight = reconstructionWeight(scale, autoencoder.pixels);
  const kl = tf.mul(-0.5, tf.mean(tf.sub(tf.sub(tf.add(1, logVar), tf.square(z)), tf.exp(logVar))));
  return tf.add(tf.mul(pixelWeight, reconstruction), kl) as tf.Scalar;
}

function validate(weights: Weights, data: ImageSet, options: TrainOptions): void {
  if (data.size * data.size !== weights.pixels) {
    throw new RangeError(
      `images have ${data.size * data.size} pixels but the model expects ${weights.pixels}; ` +
        `build the weights with pixels = size * size`,
    );
  }
  for (const [name, value] of [["epochs", options.epochs], ["batchSize", options.batchSize]] as const) {
    if (!Number.isInteger(value) || value <= 0) {
      throw new RangeError(`${name} must be a positive integer, got ${value}`);
    }
  }
  assertSeed(options.seed);
  if (!["adam", "sgd", "rmsprop"].includes(options.optimizer)) {
    throw new RangeError(
      `optimizer must be "adam", "sgd" or "rmsprop", got ${JSON.stringify(options.optimizer)}`,
    );
  }
  if (!(options.learningRate > 0) || !Number.isFinite(options.learningRate)) {
    throw new RangeError(`learningRate must be a positive finite number, got ${options.learningRate}`);
  }
  const convention = options.convention ?? "variance";
  if (convention !== "variance" && convention !== "std") {
    throw new RangeError(`convention must be "variance" or "std", got ${JSON.stringify(convention)}`);
  }
  reconstructionWeight(options.reconstructionScale ?? "mean", weights.pixels);
}

/**
 * Trains an autoencoder from `weights` on `data` and returns the trained
 * weights and the loss history. The VA's noise at optimizer step t (counted
 * from 0 over all epochs) is `variationalNoise(seed, t, batch)`, so a run is
 * reproducible and every step draws new noise. Throws if the loss becomes
 * NaN or infinite.
 */
export async function trainAutoencoder(
  weights: Weights,
  data: ImageSet,
  options: TrainOptions,
): Promise<TrainResult> {
  validate(weights, data, options);
  await useWasmBackend();
  const autoencoder = buildAutoencoder(weights);
  const optimizer = createOptimizer(options.optimizer, options.learningRate);
  const images = tf.tensor2d(data.images, [data.count, weights.pixels]);
  const losses: number[] = [];
  let step = 0;

  try {
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      const order = epochOrder(data.count, options.batchSize, options.seed, epoch);
      let total = 0;
      for (let start = 0; start < data.count; start += options.batchSize) {
        const indices = order.slice(start, start + options.batchSize);
        const noise = weights.kind === "va" ? variationalNoise(options.seed, step, indices.length) : null;
        const loss = tf.tidy(() => {
          const x = tf.gather(images, tf.tensor1d(indices, "int32")) as tf.Tensor2D;
          const eps = noise ? tf.tensor2d(noise, [indices.length, 1]) : null;
          return optimizer.minimize(
            () => batchLoss(autoencoder, x, eps, options.convention, options.reconstructionScale),
            true,
          )!;
        });
        total += (await loss.data())[0] * indices.length;
        loss.dispose();
        step++;
      }
      const mean = total / data.count;
      if (!Number.isFinite(mean)) {
        throw new Error(
          `loss became ${mean} in epoch ${epoch + 1}; lower the learning rate (was ${options.learningRate})`,
        );
      }
      losses.push(mean);
      options.onEpoch?.(epoch + 1, mean);
    }
    return { weights: readWeights(autoencoder), losses };
  } finally {
    images.dispose();
    optimizer.dispose();
    disposeAutoencoder(autoencoder);
  }
}

/** Final loss of one seed in a screening run. */
export interface ScreenedSeed {
  seed: number;
  loss: number;
}

/**
 * Trains one network per seed for a short run (`options.epochs`), starting
 * from `initialWeights(kind, pixels, seed)` and shuffling with the same seed,
 * and returns the final losses in seed order. Used to pick a seed that
 * escapes the failure modes before a long run, in a documented way.
 */
export async function screenSeeds(
  makeWeights: (seed: number) => Weights,
  data: ImageSet,
  seeds: number[],
  options: Omit<TrainOptions, "seed">,
): Promise<ScreenedSeed[]> {
  if (seeds.length === 0) throw new RangeError("seeds must contain at least one seed, got none");
  const results: ScreenedSeed[] = [];
  for (const seed of seeds) {
    const { losses } = await trainAutoencoder(makeWeights(seed), data, { ...options, seed });
    results.push({ seed, loss: losses[losses.length - 1] });
  }
  return results;
}
