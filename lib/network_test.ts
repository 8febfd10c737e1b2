import assert from "node:assert/strict";
import { decode, initialWeights, variationalNoise } from "./network.ts";

Deno.test("decode rejects an unknown output rule", () => {
  // deno-lint-ignore no-explicit-any
  assert.throws(() => decode(initialWeights("ca", 4, 1), 0, "softmax" as any), /output rule must be/);
});

Deno.test("decode puts H(0) at 1", () => {
  const weights = initialWeights("ca", 4, 1);
  weights.layers[3].kernel.fill(0);
  weights.layers[3].bias.fill(0);
  assert.deepEqual([...decode(weights, 0.3, "heaviside")], [1, 1, 1, 1]);
  assert.deepEqual([...decode(weights, 0.3, "sigmoid")], [0.5, 0.5, 0.5, 0.5]);
});

Deno.test("variationalNoise rejects invalid batch sizes", () => {
  assert.throws(() => variationalNoise(1, 0, 2.5), /batchSize must be a positive integer, got 2.5/);
  assert.throws(() => variationalNoise(1, 0, -1), /got -1/);
  assert.throws(() => variationalNoise(1, -1, 4), /step must be a non-negative integer/);
});
