import assert from "node:assert/strict";
import {
  approximateIntervals,
  checkIntervals,
  compareThresholds,
  formatInterval,
  intervalOutput,
  intervalTable,
  intervalThresholds,
  type OutputInterval,
  outputIntervals,
  withZeroDecoderHiddenBias,
} from "./thresholds.ts";
import { optimalWeights, weightsFromArrays } from "./hand_weights.ts";
import { initialWeights, layerByName, type Weights } from "./network.ts";
import { Random } from "./random.ts";

const SWEEP = { from: -3, to: 3, steps: 600 };

/** Builds a 2x2 CA with the given decoder and an arbitrary encoder, which thresholds ignore. */
function decoderWeights(
  hiddenKernel: number[],
  hiddenBias: number[],
  outputKernel: number[][],
  outputBias: number[],
) {
  return weightsFromArrays("ca", {
    encoder: { kernel: [[1, 0], [0, 1], [1, 0], [0, 1]] },
    bottleneck: { kernel: [[1], [-1]] },
    decoder_hidden: { kernel: [hiddenKernel], bias: hiddenBias },
    decoder_output: { kernel: outputKernel, bias: outputBias },
  });
}

function assertSweepAgrees(weights: Weights, k: number, intervals: OutputInterval[]): void {
  const check = checkIntervals(weights, k, intervals, SWEEP);
  assert.deepEqual(check.mismatches, [], `output ${k}`);
  assert.equal(check.points, 601);
}

Deno.test("report example output 1 is 1 on [-1.5, 1.5]", () => {
  const intervals = outputIntervals(optimalWeights(), 0);
  assert.deepEqual(intervals, [
    { from: -Infinity, to: -1.5, output: 0 },
    { from: -1.5, to: 1.5, output: 1 },
    { from: 1.5, to: Infinity, output: 0 },
  ]);
});

Deno.test("report example outputs 2 to 4", () => {
  const weights = optimalWeights();
  assert.deepEqual(outputIntervals(weights, 1), [
    { from: -Infinity, to: 0, output: 0 },
    { from: 0, to: Infinity, output: 1 },
  ]);
  assert.deepEqual(outputIntervals(weights, 2), [
    { from: -Infinity, to: 0, output: 1 },
    { from: 0, to: Infinity, output: 0 },
  ]);
  assert.deepEqual(outputIntervals(weights, 3), [
    { from: -Infinity, to: -1.5, output: 1 },
    { from: -1.5, to: 1.5, output: 0 },
    { from: 1.5, to: Infinity, output: 1 },
  ]);
});

Deno.test("report example thresholds are -b/10 and b/10", () => {
  const weights = optimalWeights();
  const bias = layerByName(weights, "decoder_output").bias[0];
  assert.deepEqual(intervalThresholds(outputIntervals(weights, 0)), [-bias / 10, bias / 10]);
});

Deno.test("report example agrees with the decoder on a sweep", () => {
  const weights = optimalWeights();
  for (let k = 0; k < 4; k++) assertSweepAgrees(weights, k, outputIntervals(weights, k));
});

Deno.test("threshold points take output 1", () => {
  const weights = optimalWeights();
  const output1 = outputIntervals(weights, 0);
  assert.equal(intervalOutput(output1, -1.5), 1);
  assert.equal(intervalOutput(output1, 1.5), 1);
  assert.equal(intervalOutput(output1, 1.5000001), 0);
  const output4 = outputIntervals(weights, 3);
  assert.equal(intervalOutput(output4, -1.5), 1);
  assert.equal(intervalOutput(output4, -1.4999999), 0);
});

Deno.test("hidden biases move the thresholds", () => {
  // relu(10 z + 5) and relu(-10 z + 5): the logit is 10 z + 10 below -0.5,
  // 5 on [-0.5, 0.5] and 10 - 10 z above 0.5.
  const weights = decoderWeights([10, -10], [5, 5], [[-1, 1, -1, 1], [-1, -1, 1, 1]], [15, 0, 0, -15]);
  assert.deepEqual(outputIntervals(weights, 0), [
    { from: -Infinity, to: -1, output: 0 },
    { from: -1, to: 1, output: 1 },
    { from: 1, to: Infinity, output: 0 },
  ]);
  assert.deepEqual(approximateIntervals(weights, 0), [
    { from: -Infinity, to: -1.5, output: 0 },
    { from: -1.5, to: 1.5, output: 1 },
    { from: 1.5, to: Infinity, output: 0 },
  ]);
  const comparison = compareThresholds(weights, 0);
  assert.deepEqual(comparison.exact, [-1, 1]);
  assert.deepEqual(comparison.approximate, [-1.5, 1.5]);
  assert.equal(comparison.distance, 0.5);
  for (let k = 0; k < 4; k++) assertSweepAgrees(weights, k, outputIntervals(weights, k));
});

Deno.test("approximation disagrees with the decoder when biases are not zero", () => {
  const weights = decoderWeights([10, -10], [5, 5], [[-1, 1, -1, 1], [-1, -1, 1, 1]], [15, 0, 0, -15]);
  const check = checkIntervals(weights, 0, approximateIntervals(weights, 0), SWEEP);
  // z in (1, 1.5] and [-1.5, -1) decode to 0 but the approximation gives 1.
  assert.equal(check.mismatches.length, 100);
  assert.ok(check.mismatches.every((mismatch) => mismatch.expected === 1 && mismatch.actual === 0));
});

Deno.test("zero hidden biases give zero distance", () => {
  const comparison = compareThresholds(optimalWeights(), 0);
  assert.equal(comparison.distance, 0);
  assert.deepEqual(comparison.exact, comparison.approximate);
});

Deno.test("withZeroDecoderHiddenBias leaves the original unchanged", () => {
  const weights = decoderWeights([10, -10], [5, 5], [[1, 1, 1, 1], [1, 1, 1, 1]], [0, 0, 0, 0]);
  const zeroed = withZeroDecoderHiddenBias(weights);
  assert.deepEqual(Array.from(layerByName(zeroed, "decoder_hidden").bias), [0, 0]);
  assert.deepEqual(Array.from(layerByName(weights, "decoder_hidden").bias), [5, 5]);
});

Deno.test("unit with zero slope adds a constant", () => {
  // Unit 1 is relu(2) = 2 everywhere, unit 2 is relu(10 z): logit = 1 - relu(10 z).
  const weights = decoderWeights([0, 10], [2, 0], [[1, 0, 0, 0], [-1, 0, 0, 0]], [-1, 0, 0, 0]);
  assert.deepEqual(outputIntervals(weights, 0), [
    { from: -Infinity, to: 0.1, output: 1 },
    { from: 0.1, to: Infinity, output: 0 },
  ]);
  assertSweepAgrees(weights, 0, outputIntervals(weights, 0));
});

Deno.test("unit with zero slope and negative bias is dead", () => {
  const weights = decoderWeights([0, 10], [-2, 0], [[5, 0, 0, 0], [1, 0, 0, 0]], [-1, 0, 0, 0]);
  assert.deepEqual(outputIntervals(weights, 0), [
    { from: -Infinity, to: 0.1, output: 0 },
    { from: 0.1, to: Infinity, output: 1 },
  ]);
});

Deno.test("logit zero on a half-line gives output 1", () => {
  // logit = -relu(-10 z): exactly 0 for z >= 0, negative below.
  const weights = decoderWeights([10, -10], [0, 0], [[0, 0, 0, 0], [-1, 0, 0, 0]], [0, 0, 0, 0]);
  assert.deepEqual(outputIntervals(weights, 0), [
    { from: -Infinity, to: 0, output: 0 },
    { from: 0, to: Infinity, output: 1 },
  ]);
  assertSweepAgrees(weights, 0, outputIntervals(weights, 0));
});

Deno.test("logit zero on a bounded segment", () => {
  // logit = relu(10 z - 10) - relu(-10 z - 10): 0 on [-1, 1], 10 z - 10 above, 10 z + 10 below.
  const weights = decoderWeights([10, -10], [-10, -10], [[1, 0, 0, 0], [-1, 0, 0, 0]], [0, 0, 0, 0]);
  assert.deepEqual(outputIntervals(weights, 0), [
    { from: -Infinity, to: -1, output: 0 },
    { from: -1, to: Infinity, output: 1 },
  ]);
  assertSweepAgrees(weights, 0, outputIntervals(weights, 0));
});

Deno.test("logit touching zero gives a point interval", () => {
  // logit = -10 |z| is 0 only at z = 0.
  const weights = decoderWeights([10, -10], [0, 0], [[-1, 0, 0, 0], [-1, 0, 0, 0]], [0, 0, 0, 0]);
  const intervals = outputIntervals(weights, 0);
  assert.deepEqual(intervals, [
    { from: -Infinity, to: 0, output: 0 },
    { from: 0, to: 0, output: 1 },
    { from: 0, to: Infinity, output: 0 },
  ]);
  assert.equal(intervalOutput(intervals, 0), 1);
  assert.equal(intervalOutput(intervals, 1e-300), 0);
  assertSweepAgrees(weights, 0, intervals);
});

Deno.test("logit without crossing gives one interval", () => {
  const positive = decoderWeights([0, 0], [0, 0], [[0, 0, 0, 0], [0, 0, 0, 0]], [1, -1, 0, 3]);
  assert.deepEqual(outputIntervals(positive, 0), [{ from: -Infinity, to: Infinity, output: 1 }]);
  assert.deepEqual(outputIntervals(positive, 1), [{ from: -Infinity, to: Infinity, output: 0 }]);
  assert.deepEqual(outputIntervals(positive, 2), [{ from: -Infinity, to: Infinity, output: 1 }]);
  assert.deepEqual(intervalThresholds(outputIntervals(positive, 3)), []);
  // relu(10 z) + relu(-10 z) + 1 has kinks but stays positive.
  const kinked = decoderWeights([10, -10], [0, 0], [[1, 0, 0, 0], [1, 0, 0, 0]], [1, 0, 0, 0]);
  assert.deepEqual(outputIntervals(kinked, 0), [{ from: -Infinity, to: Infinity, output: 1 }]);
});

Deno.test("distance between exact and approximate thresholds", () => {
  // Exact: 15 - relu(10 z + 20) crosses 0 at z = -0.5; with zero bias 15 - relu(10 z) crosses at 1.5.
  const weights = decoderWeights([10, 0], [20, 0], [[-1, 0, 0, 0], [0, 0, 0, 0]], [15, 0, 0, 0]);
  const comparison = compareThresholds(weights, 0);
  assert.deepEqual(comparison.exact, [-0.5]);
  assert.deepEqual(comparison.approximate, [1.5]);
  assert.equal(comparison.distance, 2);
});

Deno.test("distance is infinite when one side has no threshold", () => {
  // Exact: 15 - relu(10 z + 30) - relu(-10 z + 30) is at most -45 on [-3, 3] and falls
  // outside, so it never reaches 0. With zero biases it is 15 - 10 |z|, which crosses at +-1.5.
  const weights = decoderWeights([10, -10], [30, 30], [[-1, 0, 0, 0], [-1, 0, 0, 0]], [15, 0, 0, 0]);
  const comparison = compareThresholds(weights, 0);
  assert.deepEqual(comparison.exact, []);
  assert.deepEqual(comparison.approximate, [-1.5, 1.5]);
  assert.equal(comparison.distance, Infinity);
  assert.deepEqual(outputIntervals(weights, 0), [{ from: -Infinity, to: Infinity, output: 0 }]);
});

Deno.test("random decoders agree with the sweep", () => {
  // Quarter-integer weights put thresholds on decimals such as -2.7 that the sweep
  // also hits. The double nearest such a threshold can lie on the wrong side of it,
  // so the check skips points within 1e-9 of a threshold.
  const random = new Random(11);
  for (let trial = 0; trial < 60; trial++) {
    const draw = () => Math.round(random.uniformRange(-20, 20) * 4) / 4;
    const weights = decoderWeights(
      [draw(), draw()],
      [draw(), draw()],
      [[draw(), draw(), draw(), draw()], [draw(), draw(), draw(), draw()]],
      [draw(), draw(), draw(), draw()],
    );
    for (let k = 0; k < 4; k++) {
      const intervals = outputIntervals(weights, k);
      const check = checkIntervals(weights, k, intervals, { from: -5, to: 5, steps: 1000 }, 1e-9);
      assert.deepEqual(check.mismatches, [], `trial ${trial} output ${k}: ${JSON.stringify(intervals)}`);
      for (let i = 1; i < intervals.length; i++) {
        assert.notEqual(intervals[i].output, intervals[i - 1].output, `trial ${trial} output ${k}`);
        assert.equal(intervals[i].from, intervals[i - 1].to);
      }
    }
  }
});

Deno.test("initial weights agree with the sweep", () => {
  for (let seed = 0; seed < 50; seed++) {
    const weights = initialWeights("va", 4, seed);
    for (let k = 0; k < 4; k++) {
      const check = checkIntervals(weights, k, outputIntervals(weights, k), { from: -4, to: 4, steps: 2000 });
      assert.deepEqual(check.mismatches, [], `seed ${seed} output ${k}`);
    }
  }
});

Deno.test("checkIntervals reports a wrong interval list", () => {
  const weights = optimalWeights();
  const wrong: OutputInterval[] = [
    { from: -Infinity, to: -1, output: 0 },
    { from: -1, to: 1, output: 1 },
    { from: 1, to: Infinity, output: 0 },
  ];
  const check = checkIntervals(weights, 0, wrong, SWEEP);
  assert.equal(check.mismatches.length, 100);
  assert.deepEqual(check.mismatches[0], { z: -1.5, expected: 0, actual: 1 });
});

Deno.test("checkIntervals skips points near thresholds", () => {
  const weights = optimalWeights();
  const check = checkIntervals(weights, 0, outputIntervals(weights, 0), SWEEP, 0.015);
  assert.equal(check.skipped, 6);
  assert.equal(check.points, 595);
});

Deno.test("checkIntervals rejects bad sweeps", () => {
  const weights = optimalWeights();
  const intervals = outputIntervals(weights, 0);
  assert.throws(() => checkIntervals(weights, 0, intervals, { from: 1, to: -1, steps: 10 }), /from <= to/);
  assert.throws(() => checkIntervals(weights, 0, intervals, { from: -1, to: 1, steps: 0 }), /steps/);
  assert.throws(() => checkIntervals(weights, 0, intervals, SWEEP, -1), /tolerance/);
});

Deno.test("outputIntervals rejects a bad output index", () => {
  assert.throws(
    () => outputIntervals(optimalWeights(), 4),
    /output neuron must be an integer in \[0, 3\], got 4/,
  );
  assert.throws(() => outputIntervals(optimalWeights(), 0.5), RangeError);
});

Deno.test("intervalTable rows for the report example", () => {
  const rows = intervalTable(optimalWeights(), { outputs: [0, 1] });
  assert.deepEqual(rows.map((row) => [row.output, row.interval, row.value]), [
    [0, "(-inf, -1.5)", 0],
    [0, "[-1.5, 1.5]", 1],
    [0, "(1.5, inf)", 0],
    [1, "(-inf, 0)", 0],
    [1, "[0, inf)", 1],
  ]);
  assert.equal(intervalTable(optimalWeights()).length, 10);
});

Deno.test("intervalTable with the approximation", () => {
  const weights = decoderWeights([10, -10], [5, 5], [[-1, 1, -1, 1], [-1, -1, 1, 1]], [15, 0, 0, -15]);
  const rows = intervalTable(weights, { outputs: [0], approximate: true });
  assert.deepEqual(rows.map((row) => [row.from, row.to, row.value]), [
    [-Infinity, -1.5, 0],
    [-1.5, 1.5, 1],
    [1.5, Infinity, 0],
  ]);
});

Deno.test("formatInterval marks closed ends", () => {
  assert.equal(formatInterval({ from: 0, to: 0, output: 1 }), "[0, 0]");
  assert.equal(formatInterval({ from: -Infinity, to: Infinity, output: 0 }), "(-inf, inf)");
  assert.equal(formatInterval({ from: -2, to: Infinity, output: 1 }), "[-2, inf)");
});

Deno.test("outputIntervals is fast enough for 10,000 networks", () => {
  const weights = optimalWeights();
  const start = performance.now();
  for (let i = 0; i < 10000; i++) for (let k = 0; k < 4; k++) outputIntervals(weights, k);
  const seconds = (performance.now() - start) / 1000;
  assert.ok(seconds < 5, `40,000 calls took ${seconds} s`);
});
