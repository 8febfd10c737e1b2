import assert from "node:assert/strict";
import { centredSteps, decoderKinks, decoderLogits, decodeSweep, linearGrid, sweepRows } from "./sweeps.ts";
import { optimalWeights, weightsFromArrays } from "./hand_weights.ts";
import { decode } from "./network.ts";

Deno.test("decoderLogits of the optimal decoder", () => {
  const weights = optimalWeights();
  // Logits 15 - 10|z|, 10 z, -10 z and 10|z| - 15.
  assert.deepEqual(Array.from(decoderLogits(weights, 1)), [5, 10, -10, -5]);
  assert.deepEqual(Array.from(decoderLogits(weights, -2)), [-5, -20, 20, 5]);
  assert.deepEqual(Array.from(decoderLogits(weights, 0)), [15, 0, 0, -15]);
});

Deno.test("decoderLogits agrees with decode", () => {
  const weights = optimalWeights();
  for (const z of [-3, -1.5, -0.2, 0, 0.7, 2.5]) {
    const logits = decoderLogits(weights, z);
    const sigmoid = decode(weights, z, "sigmoid");
    const heaviside = decode(weights, z, "heaviside");
    logits.forEach((logit, k) => {
      assert.ok(Math.abs(1 / (1 + Math.exp(-logit)) - sigmoid[k]) < 1e-15, `z ${z}, output ${k}`);
      assert.equal(logit >= 0 ? 1 : 0, heaviside[k], `z ${z}, output ${k}`);
    });
  }
});

Deno.test("decoderLogits rejects a non-finite z", () => {
  assert.throws(() => decoderLogits(optimalWeights(), NaN), /z must be finite, got NaN/);
});

Deno.test("linearGrid includes both ends", () => {
  const grid = linearGrid(-1, 1, 4);
  assert.deepEqual(grid, [-1, -0.5, 0, 0.5, 1]);
  const fine = linearGrid(-13, 17, 3000);
  assert.equal(fine.length, 3001);
  assert.equal(fine[0], -13);
  assert.equal(fine[3000], 17);
});

Deno.test("linearGrid rejects bad ranges", () => {
  assert.throws(() => linearGrid(1, 0, 4), /from <= to.*\[1, 0\]/);
  assert.throws(() => linearGrid(0, Infinity, 4), RangeError);
  assert.throws(() => linearGrid(0, 1, 0), /steps must be a positive integer, got 0/);
  assert.throws(() => linearGrid(0, 1, 2.5), /got 2.5/);
});

Deno.test("centredSteps around a threshold", () => {
  assert.deepEqual(centredSteps(1.5, 0.25, 5), [1, 1.25, 1.5, 1.75, 2]);
  assert.deepEqual(centredSteps(0, 1, 4), [-1.5, -0.5, 0.5, 1.5]);
  assert.deepEqual(centredSteps(3, 1, 1), [3]);
});

Deno.test("centredSteps rejects bad spacing and count", () => {
  assert.throws(() => centredSteps(0, 0, 5), /spacing must be a positive finite number.*got 0/);
  assert.throws(() => centredSteps(0, 1, 0), /count must be a positive integer, got 0/);
  assert.throws(() => centredSteps(NaN, 1, 3), /centre must be finite/);
});

Deno.test("decodeSweep returns one image per z", () => {
  const weights = optimalWeights();
  const images = decodeSweep(weights, [-10, -1, 1, 10], "heaviside");
  assert.equal(images.length, 16);
  // The optimal network maps -10, -1, 1 and 10 back to 0011, 1010, 1100 and 0101.
  assert.deepEqual(Array.from(images), [0, 0, 1, 1, 1, 0, 1, 0, 1, 1, 0, 0, 0, 1, 0, 1]);
  const sigmoid = decodeSweep(weights, [1.5], "sigmoid");
  assert.equal(sigmoid[0], 0.5);
  assert.equal(sigmoid[3], 0.5);
});

Deno.test("decodeSweep rejects a non-finite z", () => {
  assert.throws(() => decodeSweep(optimalWeights(), [0, NaN], "sigmoid"), /zs\[1\] must be a finite/);
});

Deno.test("sweepRows lists outputs in pixel order per z", () => {
  const rows = sweepRows(optimalWeights(), [0, 1.5]);
  assert.equal(rows.length, 8);
  assert.deepEqual(rows.slice(0, 4).map((row) => row.series), [
    "output 1",
    "output 2",
    "output 3",
    "output 4",
  ]);
  assert.deepEqual(rows.map((row) => row.x), [0, 0, 0, 0, 1.5, 1.5, 1.5, 1.5]);
  // At z = 1.5 outputs 1 and 4 sit on their threshold, so the sigmoid gives exactly 0.5.
  assert.equal(rows[4].value, 0.5);
  assert.equal(rows[7].value, 0.5);
  // sigmoid(15) = 0.99999969 rounds to 1 at 4 decimals.
  assert.equal(rows[0].value, 1);
});

Deno.test("sweepRows takes labels, rule and digits", () => {
  const rows = sweepRows(optimalWeights(), [0.05], {
    rule: "heaviside",
    labels: ["a", "b", "c", "d"],
    digits: 2,
  });
  assert.deepEqual(rows.map((row) => [row.series, row.value]), [["a", 1], ["b", 1], ["c", 0], ["d", 0]]);
  const rounded = sweepRows(optimalWeights(), [0.05], { digits: 2 });
  // sigmoid(0.5) = 0.6225
  assert.equal(rounded[1].value, 0.62);
});

Deno.test("sweepRows rejects wrong labels and digits", () => {
  assert.throws(
    () => sweepRows(optimalWeights(), [0], { labels: ["a"] }),
    /one name per output neuron \(4\), got 1/,
  );
  assert.throws(() => sweepRows(optimalWeights(), [0], { digits: -1 }), /digits must be an integer in 0..15/);
  assert.throws(() => sweepRows(optimalWeights(), [Infinity]), /zs\[0\] must be a finite/);
});

Deno.test("decoderKinks where hidden units switch", () => {
  assert.deepEqual(decoderKinks(optimalWeights()), [0]);
  const weights = weightsFromArrays("ca", {
    encoder: { kernel: [[1, 0], [0, 1], [1, 0], [0, 1]] },
    bottleneck: { kernel: [[1], [-1]] },
    decoder_hidden: { kernel: [[-4, 2]], bias: [1, 1] },
    decoder_output: { kernel: [[1, 1, 1, 1], [1, 1, 1, 1]] },
  });
  assert.deepEqual(decoderKinks(weights), [-0.5, 0.25]);
});

Deno.test("decoderKinks skips constant units", () => {
  const weights = weightsFromArrays("ca", {
    encoder: { kernel: [[1, 0], [0, 1], [1, 0], [0, 1]] },
    bottleneck: { kernel: [[1], [-1]] },
    decoder_hidden: { kernel: [[0, 2]], bias: [1, -1] },
    decoder_output: { kernel: [[1, 1, 1, 1], [1, 1, 1, 1]] },
  });
  assert.deepEqual(decoderKinks(weights), [0.5]);
});
