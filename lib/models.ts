/**
 * The classical (CA) and variational (VA) autoencoders as tfjs layers
 * models on the wasm backend, built from and read back into the
 * framework-free `Weights` of lib/network.ts.
 *
 * Each autoencoder is two models: an encoder (image -> bottleneck z, or for
 * the VA -> [z_mean, z_log_var]) and a decoder (z -> image). The VA's
 * sampling step z = a + s * eps sits between them, in lib/training.ts.
 */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { type DenseLayer, layerShapes, type ModelKind, type OutputRule, type Weights } from "./network.ts";

let wasmReady = false;

/**
 * Selects tfjs's wasm backend and throws if it is not available. Without
 * read permission tfjs silently falls back to the slow cpu backend, so the
 * result of `setBackend` is checked.
 */
export async function useWasmBackend(): Promise<void> {
  if (wasmReady && tf.getBackend() === "wasm") return;
  const selected = await tf.setBackend("wasm");
  if (!selected || tf.getBackend() !== "wasm") {
    throw new Error(
      `tfjs could not select the wasm backend (got ${tf.getBackend()}); run Deno with --allow-read (or -A)`,
    );
  }
  await tf.ready();
  wasmReady = true;
}

/** A built autoencoder: its encoder and decoder models. */
export interface Autoencoder {
  kind: ModelKind;
  pixels: number;
  /** CA: [batch, pixels] -> [batch, 1]. VA: [batch, pixels] -> [[batch, 1] mean, [batch, 1] log variance]. */
  encoder: tf.LayersModel;
  /** [batch, 1] -> [batch, pixels], sigmoid output. */
  decoder: tf.LayersModel;
}

/** Creates a dense layer and records the initial-value tensors that the caller must free once it is built. */
function dense(layer: DenseLayer, initialValues: tf.Tensor[]): tf.layers.Layer {
  const values = [tf.tensor2d(layer.kernel, [layer.inputs, layer.units]), tf.tensor1d(layer.bias)];
  initialValues.push(...values);
  return tf.layers.dense({
    name: layer.name,
    units: layer.units,
    activation: layer.activation,
    inputShape: [layer.inputs],
    weights: values,
  });
}

/**
 * Builds the tfjs models for `weights`. Call `useWasmBackend()` first.
 * The caller owns the models and frees them with `disposeAutoencoder`.
 */
export function buildAutoencoder(weights: Weights): Autoencoder {
  if (tf.getBackend() !== "wasm") {
    throw new Error(`tfjs backend is ${tf.getBackend()}, expected wasm; await useWasmBackend() first`);
  }
  const expected = layerShapes(weights.kind, weights.pixels);
  weights.layers.forEach((layer, i) => {
    const shape = expected[i];
    if (layer.kernel.length !== shape.inputs * shape.units || layer.bias.length !== shape.units) {
      throw new RangeError(
        `layer ${layer.name} has ${layer.kernel.length} kernel and ${layer.bias.length} bias values, ` +
          `expected ${shape.inputs * shape.units} and ${shape.units}`,
      );
    }
  });

  const layers = weights.layers;
  const initialValues: tf.Tensor[] = [];
  const input = tf.input({ shape: [weights.pixels], name: "image" });
  const hidden = dense(layers[0], initialValues).apply(input) as tf.SymbolicTensor;
  const encoderOutputs = weights.kind === "ca"
    ? dense(layers[1], initialValues).apply(hidden) as tf.SymbolicTensor
    : [1, 2].map((i) => dense(layers[i], initialValues).apply(hidden) as tf.SymbolicTensor);
  const encoder = tf.model({ inputs: input, outputs: encoderOutputs, name: "encoder" });

  const n = layers.length;
  const decoder = tf.sequential({
    name: "decoder",
    layers: [dense(layers[n - 2], initialValues), dense(layers[n - 1], initialValues)],
  });
  // The layers copied the initial values into their own variables.
  tf.dispose(initialValues);
  return { kind: weights.kind, pixels: weights.pixels, encoder, decoder };
}

/** Frees the tensors held by an autoencoder's models. */
export function disposeAutoencoder(autoencoder: Autoencoder): void {
  autoencoder.encoder.dispose();
  autoencoder.decoder.dispose();
}

/** Reads the current weights of an autoencoder back into the framework-free layout. */
export function readWeights(autoencoder: Autoencoder): Weights {
  const shapes = layerShapes(autoencoder.kind, autoencoder.pixels);
  const layers = shapes.map((shape) => {
    const model = autoencoder.encoder.layers.some((layer) => layer.name === shape.name)
      ? autoencoder.encoder
      : autoencoder.decoder;
    const [kernel, bias] = model.getLayer(shape.name).getWeights();
    return { ...shape, kernel: kernel.dataSync() as Float32Array, bias: bias.dataSync() as Float32Array };
  });
  return { kind: autoencoder.kind, pixels: autoencoder.pixels, layers };
}

/**
 * Encodes a batch [batch, pixels] to the bottleneck: `z` [batch, 1] (for the
 * VA the mean a) and, for the VA, `logVar` [batch, 1] (b).
 */
export function encodeBatch(
  autoencoder: Autoencoder,
  images: tf.Tensor2D,
): { z: tf.Tensor2D; logVar?: tf.Tensor2D } {
  const output = autoencoder.encoder.apply(images);
  if (autoencoder.kind === "ca") return { z: output as tf.Tensor2D };
  const [z, logVar] = output as tf.Tensor2D[];
  return { z, logVar };
}

/**
 * Decodes bottleneck values [batch, 1] to images [batch, pixels]. With the
 * "heaviside" rule the same trained weights are used but the output sigmoid
 * is replaced by the step H(x) = 1 if x >= 0, else 0.
 */
export function decodeBatch(
  autoencoder: Autoencoder,
  z: tf.Tensor2D,
  rule: OutputRule = "sigmoid",
): tf.Tensor2D {
  if (rule === "sigmoid") return autoencoder.decoder.apply(z) as tf.Tensor2D;
  if (rule !== "heaviside") {
    throw new RangeError(`output rule must be "sigmoid" or "heaviside", got ${JSON.stringify(rule)}`);
  }
  return tf.tidy(() => {
    const [hiddenLayer, outputLayer] = autoencoder.decoder.layers;
    const hidden = hiddenLayer.apply(z) as tf.Tensor2D;
    const [kernel, bias] = outputLayer.getWeights();
    const logits = tf.add(tf.matMul(hidden, kernel as tf.Tensor2D), bias);
    return tf.cast(tf.greaterEqual(logits, 0), "float32") as tf.Tensor2D;
  });
}

/** Reconstructions and bottleneck values of a set of images, as plain arrays. */
export interface Reconstruction {
  /** [count, pixels], in [0, 1]. */
  outputs: Float32Array;
  /** Bottleneck value per image (the VA's mean a unless sampled). */
  z: Float32Array;
  /** VA only: log variance b per image. */
  logVar?: Float32Array;
}

/**
 * Runs `images` [count * pixels] through the autoencoder. For the VA the
 * bottleneck is its mean a unless `noise` (one standard normal value per
 * image) is given, in which case z = a + exp(b / 2) * noise.
 */
export function reconstruct(
  autoencoder: Autoencoder,
  images: Float32Array,
  options: { rule?: OutputRule; noise?: Float32Array } = {},
): Reconstruction {
  const count = images.length / autoencoder.pixels;
  if (!Number.isInteger(count)) {
    throw new RangeError(
      `images has ${images.length} values, not a multiple of ${autoencoder.pixels} pixels per image`,
    );
  }
  // tf.tidy returns only tensors: typed arrays inside its result would be walked element by element.
  const [outputs, sampled, logVar] = tf.tidy(() => {
    const x = tf.tensor2d(images, [count, autoencoder.pixels]);
    const { z, logVar } = encodeBatch(autoencoder, x);
    let sampled = z;
    if (options.noise) {
      if (!logVar) throw new RangeError("noise applies to the variational autoencoder only");
      if (options.noise.length !== count) {
        throw new RangeError(`noise has ${options.noise.length} values, expected one per image (${count})`);
      }
      const eps = tf.tensor2d(options.noise, [count, 1]);
      sampled = tf.add(z, tf.mul(tf.exp(tf.mul(logVar, 0.5)), eps));
    }
    const outputs = decodeBatch(autoencoder, sampled, options.rule ?? "sigmoid");
    return logVar ? [outputs, sampled, logVar] : [outputs, sampled];
  });
  const result: Reconstruction = {
    outputs: outputs.dataSync() as Float32Array,
    z: sampled.dataSync() as Float32Array,
    logVar: logVar?.dataSync() as Float32Array | undefined,
  };
  tf.dispose([outputs, sampled, logVar].filter((tensor) => tensor !== undefined));
  return result;
}

/** One row of the architecture table. */
export interface LayerRow {
  layer: string;
  type: string;
  units: number;
  activation: string;
  parameters: number;
}

/** Lists the architecture as table rows: layer, type, units, activation, parameters. */
export function architectureRows(weights: Weights): LayerRow[] {
  const rows: LayerRow[] = [
    { layer: "input", type: "Input", units: weights.pixels, activation: "", parameters: 0 },
  ];
  for (const layer of weights.layers) {
    rows.push({
      layer: layer.name,
      type: "Dense",
      units: layer.units,
      activation: layer.activation,
      parameters: layer.kernel.length + layer.bias.length,
    });
  }
  return rows;
}
