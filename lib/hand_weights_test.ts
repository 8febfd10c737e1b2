import assert from "node:assert/strict";
import { optimalWeights, weightsFromArrays } from "./hand_weights.ts";
import { imageAt, twoByTwoImages } from "./datasets.ts";
import { decode, encode, layerByName } from "./network.ts";

Deno.test("optimalWeights bottlenecks are -10, -1, 1, 10", () => {
  const weights = optimalWeights();
  const images = twoByTwoImages();
  const bottlenecks = [0, 1, 2, 3].map((i) => encode(weights, imageAt(images, i)).z);
  assert.deepEqual(bottlenecks, [-10, -1, 1, 10]);
});

Deno.test("optimalWeights reconstruct all four images", () => {
  const weights = optimalWeights();
  const images = twoByTwoImages();
  for (let i = 0; i < 4; i++) {
    const image = imageAt(images, i);
    const { z } = encode(weights, image);
    assert.deepEqual(Array.from(decode(weights, z, "heaviside")), Array.from(image), `image ${i}`);
    const sigmoid = decode(weights, z, "sigmoid");
    for (let p = 0; p < 4; p++) {
      assert.ok(Math.abs(sigmoid[p] - image[p]) < 0.007, `image ${i} pixel ${p}: ${sigmoid[p]}`);
    }
  }
});

Deno.test("optimalWeights use zero hidden biases", () => {
  const weights = optimalWeights();
  for (const name of ["encoder", "bottleneck", "decoder_hidden"]) {
    const bias = Array.from(layerByName(weights, name).bias);
    assert.ok(bias.every((value) => value === 0), `${name} bias ${bias}`);
  }
  assert.deepEqual(Array.from(layerByName(weights, "decoder_output").bias), [15, 0, 0, -15]);
});

Deno.test("weightsFromArrays stores kernels row-major", () => {
  const weights = optimalWeights();
  const encoder = layerByName(weights, "encoder");
  // kernel[i * units + j] connects pixel i to unit j.
  assert.equal(encoder.kernel[1 * 2 + 0], -5);
  assert.equal(encoder.kernel[1 * 2 + 1], 5);
  assert.equal(weights.pixels, 4);
  assert.equal(weights.kind, "ca");
});

Deno.test("weightsFromArrays builds a VA", () => {
  const weights = weightsFromArrays("va", {
    encoder: { kernel: [[1, 0], [0, 1], [1, 0], [0, 1]] },
    z_mean: { kernel: [[1], [-1]] },
    z_log_var: { kernel: [[0], [0]], bias: [-9] },
    decoder_hidden: { kernel: [[10, -10]] },
    decoder_output: { kernel: [[1, 1, 1, 1], [1, 1, 1, 1]] },
  });
  assert.deepEqual(weights.layers.map((layer) => layer.name), [
    "encoder",
    "z_mean",
    "z_log_var",
    "decoder_hidden",
    "decoder_output",
  ]);
  assert.equal(encode(weights, [1, 0, 1, 0]).logVar, -9);
});

Deno.test("weightsFromArrays rejects wrong shapes and names", () => {
  const layers = {
    encoder: { kernel: [[1, 0], [0, 1], [1, 0], [0, 1]] },
    bottleneck: { kernel: [[1], [-1]] },
    decoder_hidden: { kernel: [[10, -10]] },
    decoder_output: { kernel: [[1, 1, 1, 1], [1, 1, 1, 1]] },
  };
  assert.throws(
    () => weightsFromArrays("ca", { ...layers, bottleneck: { kernel: [[1, 2]] } }),
    /kernel of bottleneck must have shape \[2\]\[1\], got \[1\]\[2\]/,
  );
  assert.throws(
    () => weightsFromArrays("ca", { ...layers, decoder_hidden: { kernel: [[1, 2]], bias: [0] } }),
    /bias of decoder_hidden must have 2 values, got 1/,
  );
  assert.throws(
    () => weightsFromArrays("ca", { ...layers, z_mean: { kernel: [[1], [1]] } }),
    /unknown layer "z_mean"/,
  );
  const { bottleneck: _, ...withoutBottleneck } = layers;
  assert.throws(() => weightsFromArrays("ca", withoutBottleneck), /layer "bottleneck" is missing/);
});
