import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { lineImages, twoByTwoImages } from "./datasets.ts";
import { useWasmBackend } from "./models.ts";
import { initialWeights, variationalNoise } from "./network.ts";
import { epochOrder, reconstructionWeight, trainAutoencoder } from "./training.ts";

await useWasmBackend();

const quick = { optimizer: "adam", learningRate: 0.05, epochs: 30, batchSize: 4, seed: 1 } as const;

Deno.test("training lowers the 2x2 CA loss", async () => {
  const { losses } = await trainAutoencoder(initialWeights("ca", 4, 11), twoByTwoImages(), quick);
  assert.equal(losses.length, 30);
  assert.ok(losses[29] < losses[0], `loss went from ${losses[0]} to ${losses[29]}`);
});

Deno.test("training is deterministic for a seed", async () => {
  const data = lineImages({ count: 40, size: 8, seed: 3 });
  const options = { optimizer: "adam", learningRate: 0.01, epochs: 3, batchSize: 8, seed: 5 } as const;
  const a = await trainAutoencoder(initialWeights("va", 64, 2), data, options);
  const b = await trainAutoencoder(initialWeights("va", 64, 2), data, options);
  assert.deepEqual(a.losses, b.losses);
  a.weights.layers.forEach((layer, i) => assert.deepEqual(layer.kernel, b.weights.layers[i].kernel));
});

Deno.test("batch order changes with the seed", async () => {
  const data = lineImages({ count: 40, size: 8, seed: 3 });
  const options = { optimizer: "adam", learningRate: 0.01, epochs: 2, batchSize: 8 } as const;
  const a = await trainAutoencoder(initialWeights("ca", 64, 2), data, { ...options, seed: 1 });
  const b = await trainAutoencoder(initialWeights("ca", 64, 2), data, { ...options, seed: 2 });
  assert.notDeepEqual(a.losses, b.losses);
});

Deno.test("epochOrder is fixed for a full batch and shuffled otherwise", () => {
  assert.deepEqual(epochOrder(4, 4, 1, 0), [0, 1, 2, 3]);
  assert.deepEqual(epochOrder(10, 3, 1, 0), epochOrder(10, 3, 1, 0));
  assert.notDeepEqual(epochOrder(10, 3, 1, 0), epochOrder(10, 3, 1, 1));
});

Deno.test("variationalNoise is fresh per step and repeatable", () => {
  assert.deepEqual(variationalNoise(3, 7, 4), variationalNoise(3, 7, 4));
  assert.notDeepEqual(variationalNoise(3, 7, 4), variationalNoise(3, 8, 4));
  assert.notDeepEqual(variationalNoise(3, 7, 4), variationalNoise(4, 7, 4));
});

Deno.test("training leaks no tensors", async () => {
  const data = twoByTwoImages();
  for (const kind of ["ca", "va"] as const) {
    await trainAutoencoder(initialWeights(kind, 4, 1), data, { ...quick, epochs: 2 });
    const before = tf.memory().numTensors;
    await trainAutoencoder(initialWeights(kind, 4, 1), data, { ...quick, epochs: 20 });
    assert.equal(tf.memory().numTensors, before, `${kind} left tensors behind`);
  }
});

Deno.test("training steps do not grow the tensor count", async () => {
  const counts: number[] = [];
  await trainAutoencoder(initialWeights("va", 4, 1), twoByTwoImages(), {
    ...quick,
    epochs: 10,
    onEpoch: () => counts.push(tf.memory().numTensors),
  });
  // Adam creates its moment variables in the first step; after that the count is flat.
  assert.deepEqual(counts.slice(1), Array(9).fill(counts[1]));
});

Deno.test("invalid training options raise errors", async () => {
  const weights = initialWeights("ca", 4, 1);
  const data = twoByTwoImages();
  await assert.rejects(
    trainAutoencoder(weights, data, { ...quick, epochs: 0 }),
    /epochs must be a positive integer/,
  );
  await assert.rejects(trainAutoencoder(weights, data, { ...quick, batchSize: 2.5 }), /batchSize must be/);
  await assert.rejects(trainAutoencoder(weights, data, { ...quick, seed: -1 }), /seed must be an integer/);
  await assert.rejects(
    trainAutoencoder(weights, data, { ...quick, learningRate: 0 }),
    /learningRate must be/,
  );
  await assert.rejects(
    // deno-lint-ignore no-explicit-any
    trainAutoencoder(weights, data, { ...quick, optimizer: "adagrad" as any }),
    /optimizer must be "adam", "sgd" or "rmsprop", got "adagrad"/,
  );
  await assert.rejects(
    trainAutoencoder(initialWeights("ca", 16, 1), data, quick),
    /images have 4 pixels but the model expects 16/,
  );
});

Deno.test("diverging training reports a NaN loss", async () => {
  await assert.rejects(
    trainAutoencoder(initialWeights("va", 4, 1), twoByTwoImages(), {
      ...quick,
      learningRate: 1e6,
      epochs: 50,
    }),
    /loss became (NaN|Infinity) in epoch \d+; lower the learning rate/,
  );
});

Deno.test("reconstructionWeight reads names and factors", () => {
  assert.equal(reconstructionWeight("mean", 1024), 1);
  assert.equal(reconstructionWeight("sum", 1024), 1024);
  assert.equal(reconstructionWeight(100, 4), 100);
  assert.throws(
    () => reconstructionWeight(0, 4),
    /reconstructionScale must be "mean", "sum" or a positive number, got 0/,
  );
  // deno-lint-ignore no-explicit-any
  assert.throws(() => reconstructionWeight("total" as any, 4), /got "total"/);
});

Deno.test("rejected options leak no tensors", async () => {
  const before = tf.memory().numTensors;
  const weights = initialWeights("ca", 4, 1);
  await assert.rejects(
    // deno-lint-ignore no-explicit-any
    trainAutoencoder(weights, twoByTwoImages(), { ...quick, optimizer: "adagrad" as any }),
  );
  await assert.rejects(trainAutoencoder(weights, twoByTwoImages(), { ...quick, learningRate: Number.NaN }));
  assert.equal(tf.memory().numTensors, before);
});
