import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { twoByTwoImages } from "./datasets.ts";
import {
  architectureRows,
  buildAutoencoder,
  decodeBatch,
  disposeAutoencoder,
  readWeights,
  reconstruct,
  useWasmBackend,
} from "./models.ts";
import { decode, encode, initialWeights, parameterCount } from "./network.ts";

await useWasmBackend();

Deno.test("wasm backend is selected", () => {
  assert.equal(tf.getBackend(), "wasm");
});

Deno.test("CA has the report's layer sizes", () => {
  const weights = initialWeights("ca", 1024, 1);
  const rows = architectureRows(weights);
  assert.deepEqual(rows.map((row) => row.units), [1024, 2, 1, 2, 1024]);
  assert.deepEqual(rows.map((row) => row.activation), ["", "relu", "linear", "relu", "sigmoid"]);
  // 1024*2+2 + 2*1+1 + 1*2+2 + 2*1024+1024
  assert.equal(parameterCount(weights), 2050 + 3 + 4 + 3072);
  assert.equal(rows.reduce((sum, row) => sum + row.parameters, 0), 5129);
});

Deno.test("tfjs models count the same parameters", () => {
  for (const kind of ["ca", "va"] as const) {
    const weights = initialWeights(kind, 1024, 2);
    const autoencoder = buildAutoencoder(weights);
    const tfjsCount = autoencoder.encoder.countParams() + autoencoder.decoder.countParams();
    assert.equal(tfjsCount, parameterCount(weights));
    disposeAutoencoder(autoencoder);
  }
});

Deno.test("VA adds a log-variance neuron", () => {
  const weights = initialWeights("va", 4, 3);
  assert.deepEqual(weights.layers.map((layer) => layer.name), [
    "encoder",
    "z_mean",
    "z_log_var",
    "decoder_hidden",
    "decoder_output",
  ]);
  assert.equal(parameterCount(weights), 10 + 3 + 3 + 4 + 12);
});

Deno.test("readWeights returns the weights built", () => {
  for (const kind of ["ca", "va"] as const) {
    const weights = initialWeights(kind, 4, 4);
    const autoencoder = buildAutoencoder(weights);
    const read = readWeights(autoencoder);
    disposeAutoencoder(autoencoder);
    read.layers.forEach((layer, i) => {
      assert.deepEqual(layer.kernel, weights.layers[i].kernel);
      assert.deepEqual(layer.bias, weights.layers[i].bias);
    });
  }
});

Deno.test("Glorot limits bound the initial kernels", () => {
  const weights = initialWeights("ca", 1024, 5);
  for (const layer of weights.layers) {
    const limit = Math.sqrt(6 / (layer.inputs + layer.units));
    for (const value of layer.kernel) assert.ok(Math.abs(value) <= limit, `${layer.name}: ${value}`);
    assert.ok(layer.bias.every((value) => value === 0));
  }
});

Deno.test("tfjs forward pass matches the plain one", () => {
  const data = twoByTwoImages();
  const weights = initialWeights("ca", 4, 6);
  const autoencoder = buildAutoencoder(weights);
  const result = reconstruct(autoencoder, data.images);
  disposeAutoencoder(autoencoder);
  for (let i = 0; i < 4; i++) {
    const image = data.images.subarray(i * 4, i * 4 + 4);
    const { z } = encode(weights, image);
    assert.ok(Math.abs(result.z[i] - z) < 1e-5, `z ${result.z[i]} vs ${z}`);
    decode(weights, z).forEach((value, k) => {
      assert.ok(Math.abs(result.outputs[i * 4 + k] - value) < 1e-5);
    });
  }
});

Deno.test("Heaviside output is 0 or 1 and thresholds the logits", () => {
  const weights = initialWeights("ca", 1024, 7);
  const autoencoder = buildAutoencoder(weights);
  const z = tf.linspace(-5, 5, 101).reshape([101, 1]) as tf.Tensor2D;
  const steps = decodeBatch(autoencoder, z, "heaviside");
  const sigmoids = decodeBatch(autoencoder, z, "sigmoid");
  const stepValues = steps.dataSync();
  const sigmoidValues = sigmoids.dataSync();
  tf.dispose([z, steps, sigmoids]);
  disposeAutoencoder(autoencoder);
  for (let i = 0; i < stepValues.length; i++) {
    assert.ok(stepValues[i] === 0 || stepValues[i] === 1, `value ${stepValues[i]}`);
    // Where float32 rounds the sigmoid to exactly 0.5, the sign of the logit is not visible in it.
    if (Math.abs(sigmoidValues[i] - 0.5) > 1e-6) assert.equal(stepValues[i], sigmoidValues[i] > 0.5 ? 1 : 0);
  }
});

Deno.test("VA noise moves the bottleneck by exp(b/2) eps", () => {
  const weights = initialWeights("va", 4, 8);
  weights.layers[2].bias[0] = Math.log(0.25); // log variance b, so s = 0.5
  const autoencoder = buildAutoencoder(weights);
  const data = twoByTwoImages();
  const mean = reconstruct(autoencoder, data.images);
  const noise = Float32Array.from([1, -1, 2, 0]);
  const sampled = reconstruct(autoencoder, data.images, { noise });
  disposeAutoencoder(autoencoder);
  for (let i = 0; i < 4; i++) {
    const s = Math.exp(mean.logVar![i] / 2);
    assert.ok(Math.abs(sampled.z[i] - (mean.z[i] + s * noise[i])) < 1e-5);
  }
});

Deno.test("mismatched weights and bad rules raise errors", () => {
  const weights = initialWeights("ca", 4, 9);
  const broken = { ...weights, layers: weights.layers.map((layer) => ({ ...layer })) };
  broken.layers[0].kernel = new Float32Array(3);
  assert.throws(
    () => buildAutoencoder(broken),
    /layer encoder has 3 kernel and 2 bias values, expected 8 and 2/,
  );
  const autoencoder = buildAutoencoder(weights);
  assert.throws(() => reconstruct(autoencoder, new Float32Array(6)), /not a multiple of 4 pixels/);
  assert.throws(
    () => reconstruct(autoencoder, new Float32Array(4), { noise: new Float32Array(1) }),
    /variational autoencoder only/,
  );
  const z = tf.zeros([1, 1]) as tf.Tensor2D;
  // deno-lint-ignore no-explicit-any
  assert.throws(() => decodeBatch(autoencoder, z, "step" as any), /output rule must be/);
  z.dispose();
  disposeAutoencoder(autoencoder);
});

Deno.test("reconstruct leaks no tensors", () => {
  const autoencoder = buildAutoencoder(initialWeights("va", 4, 10));
  const before = tf.memory().numTensors;
  reconstruct(autoencoder, twoByTwoImages().images);
  reconstruct(autoencoder, twoByTwoImages().images, { noise: new Float32Array(4), rule: "heaviside" });
  assert.equal(tf.memory().numTensors, before);
  disposeAutoencoder(autoencoder);
});
