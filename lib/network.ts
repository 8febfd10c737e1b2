/**
 * Framework-free description of the two autoencoders: layer sizes, the
 * seeded initial weights that every trainer starts from, and a plain
 * forward pass used by the analysis code.
 *
 * Classical autoencoder (CA): input N -> Dense 2 relu -> Dense 1 (bottleneck)
 * -> Dense 2 relu -> Dense N sigmoid.
 * Variational autoencoder (VA): input N -> Dense 2 relu -> Dense 1 (mean a)
 * and Dense 1 (log variance b) -> bottleneck z = a + s * eps -> the CA decoder.
 */
import { assertSeed, deriveSeed, Random } from "./random.ts";

/** Which autoencoder. */
export type ModelKind = "ca" | "va";

/** Activation of a dense layer. */
export type Activation = "relu" | "linear" | "sigmoid";

/** One dense layer: output = activation(input . kernel + bias). */
export interface DenseLayer {
  /** Layer name as used in tfjs and in the report's diagrams. */
  name: string;
  inputs: number;
  units: number;
  activation: Activation;
  /** Kernel, shape [inputs, units], row-major. */
  kernel: Float32Array;
  /** Bias, shape [units]. */
  bias: Float32Array;
}

/** The weights of one autoencoder, layer by layer. */
export interface Weights {
  kind: ModelKind;
  /** Pixels per image (N). */
  pixels: number;
  /** CA: encoder, bottleneck, decoder_hidden, decoder_output.
   *  VA: encoder, z_mean, z_log_var, decoder_hidden, decoder_output. */
  layers: DenseLayer[];
}

interface LayerShape {
  name: string;
  inputs: number;
  units: number;
  activation: Activation;
}

/** Layer shapes of a model of `kind` for images of `pixels` pixels. */
export function layerShapes(kind: ModelKind, pixels: number): LayerShape[] {
  if (kind !== "ca" && kind !== "va") {
    throw new RangeError(`model kind must be "ca" or "va", got ${JSON.stringify(kind)}`);
  }
  if (!Number.isInteger(pixels) || pixels < 1) {
    throw new RangeError(`pixels must be a positive integer, got ${pixels}`);
  }
  const encoder: LayerShape = { name: "encoder", inputs: pixels, units: 2, activation: "relu" };
  const decoder: LayerShape[] = [
    { name: "decoder_hidden", inputs: 1, units: 2, activation: "relu" },
    { name: "decoder_output", inputs: 2, units: pixels, activation: "sigmoid" },
  ];
  const middle: LayerShape[] = kind === "ca"
    ? [{ name: "bottleneck", inputs: 2, units: 1, activation: "linear" }]
    : [
      { name: "z_mean", inputs: 2, units: 1, activation: "linear" },
      { name: "z_log_var", inputs: 2, units: 1, activation: "linear" },
    ];
  return [encoder, ...middle, ...decoder];
}

/**
 * Draws initial weights as Keras does by default: Glorot-uniform kernels,
 * uniform in [-l, l] with l = sqrt(6 / (inputs + units)), and zero biases.
 * The draws come from one `Random(seed)` stream, layer by layer, each kernel
 * in row-major order, so any trainer can rebuild the same start.
 */
export function initialWeights(kind: ModelKind, pixels: number, seed: number): Weights {
  assertSeed(seed);
  const random = new Random(seed);
  const layers = layerShapes(kind, pixels).map((shape) => {
    const limit = Math.sqrt(6 / (shape.inputs + shape.units));
    const kernel = new Float32Array(shape.inputs * shape.units);
    for (let i = 0; i < kernel.length; i++) kernel[i] = random.uniformRange(-limit, limit);
    return { ...shape, kernel, bias: new Float32Array(shape.units) };
  });
  return { kind, pixels, layers };
}

/** Number of trainable parameters. */
export function parameterCount(weights: Weights): number {
  return weights.layers.reduce((sum, layer) => sum + layer.kernel.length + layer.bias.length, 0);
}

/** Returns a layer by name, or throws naming the layers that exist. */
export function layerByName(weights: Weights, name: string): DenseLayer {
  const layer = weights.layers.find((candidate) => candidate.name === name);
  if (!layer) {
    const names = weights.layers.map((candidate) => candidate.name).join(", ");
    throw new RangeError(`layer ${JSON.stringify(name)} not found; layers are ${names}`);
  }
  return layer;
}

/** Applies one dense layer to a single input vector. */
export function applyDense(layer: DenseLayer, input: ArrayLike<number>): Float64Array {
  const output = new Float64Array(layer.units);
  for (let j = 0; j < layer.units; j++) {
    let sum = layer.bias[j];
    for (let i = 0; i < layer.inputs; i++) sum += input[i] * layer.kernel[i * layer.units + j];
    output[j] = activate(layer.activation, sum);
  }
  return output;
}

function activate(activation: Activation, x: number): number {
  if (activation === "relu") return x > 0 ? x : 0;
  if (activation === "sigmoid") return 1 / (1 + Math.exp(-x));
  return x;
}

/** Output layer rule: the trained sigmoid, or the Heaviside step H(x) = 1 if x >= 0 else 0. */
export type OutputRule = "sigmoid" | "heaviside";

/**
 * Encodes one image to its bottleneck value (for the VA, the mean a) and its
 * log variance b (0 for the CA).
 */
export function encode(weights: Weights, image: ArrayLike<number>): { z: number; logVar: number } {
  const hidden = applyDense(weights.layers[0], image);
  if (weights.kind === "ca") return { z: applyDense(weights.layers[1], hidden)[0], logVar: 0 };
  return {
    z: applyDense(weights.layers[1], hidden)[0],
    logVar: applyDense(weights.layers[2], hidden)[0],
  };
}

/** Decodes a bottleneck value to output pixels with the given output rule. */
export function decode(weights: Weights, z: number, rule: OutputRule = "sigmoid"): Float64Array {
  const layers = weights.layers;
  const hidden = applyDense(layers[layers.length - 2], [z]);
  const output = layers[layers.length - 1];
  const logits = applyDense({ ...output, activation: "linear" }, hidden);
  if (rule === "heaviside") return logits.map((x) => (x >= 0 ? 1 : 0));
  if (rule === "sigmoid") return logits.map((x) => 1 / (1 + Math.exp(-x)));
  throw new RangeError(`output rule must be "sigmoid" or "heaviside", got ${JSON.stringify(rule)}`);
}

/** Stream id of the variational noise, so it never overlaps other uses of a seed. */
const NOISE_STREAM = 0x6e6f6973;

/**
 * Draws the standard normal noise eps of the VA's bottleneck z = a + s * eps
 * at one training step: one value per sample of the batch, in batch order. The
 * same (seed, step) always gives the same values; every step differs.
 */
export function variationalNoise(seed: number, step: number, batchSize: number): Float32Array {
  if (!Number.isInteger(step) || step < 0) {
    throw new RangeError(`step must be a non-negative integer, got ${step}`);
  }
  if (!Number.isInteger(batchSize) || batchSize <= 0) {
    throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  }
  const random = new Random(deriveSeed(seed, NOISE_STREAM, step));
  return Float32Array.from({ length: batchSize }, () => random.normal());
}
