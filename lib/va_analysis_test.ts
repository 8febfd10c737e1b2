import assert from "node:assert/strict";
import { twoByTwoImages } from "./datasets.ts";
import { optimalWeights, weightsFromArrays } from "./hand_weights.ts";
import { decode, initialWeights, layerByName, type Weights } from "./network.ts";
import { Random } from "./random.ts";
import {
  activeUnitShares,
  noiseDraws,
  sampledErrors,
  spreadFromLogVariance,
  standardNormalFit,
  summarizeVaStates,
  vaBottleneck,
  vaReconstructions,
  vaState,
} from "./va_analysis.ts";

const images = twoByTwoImages();

/**
 * The optimal 2x2 CA of lib/hand_weights.ts turned into a VA: z_mean is the
 * CA's bottleneck, so the four images get a = -10, -1, 1, 10, and z_log_var
 * outputs b = -4 for every image.
 */
function handVa(): Weights {
  const ca = optimalWeights();
  const arrays = (name: string) => {
    const layer = layerByName(ca, name);
    const kernel = Array.from(
      { length: layer.inputs },
      (_, i) => Array.from(layer.kernel.subarray(i * layer.units, (i + 1) * layer.units)),
    );
    return { kernel, bias: Array.from(layer.bias) };
  };
  return weightsFromArrays("va", {
    encoder: arrays("encoder"),
    z_mean: arrays("bottleneck"),
    z_log_var: { kernel: [[0], [0]], bias: [-4] },
    decoder_hidden: arrays("decoder_hidden"),
    decoder_output: arrays("decoder_output"),
  });
}

/** Bottleneck means of the hand-set VA for 0011, 1010, 1100 and 0101. */
const HAND_MEANS = [-10, -1, 1, 10];

Deno.test("spread follows the convention", () => {
  assert.ok(Math.abs(spreadFromLogVariance(-4, "variance") - Math.exp(-2)) < 1e-15);
  assert.ok(Math.abs(spreadFromLogVariance(-4, "std") - Math.exp(-4)) < 1e-15);
  assert.equal(spreadFromLogVariance(0, "variance"), 1);
  assert.throws(
    () => spreadFromLogVariance(0, "sigma" as "std"),
    /convention must be "variance" or "std", got "sigma"/,
  );
});

Deno.test("vaBottleneck returns a, b and s per image", () => {
  const bottleneck = vaBottleneck(handVa(), images, "variance");
  assert.deepEqual(Array.from(bottleneck.means), HAND_MEANS);
  assert.deepEqual(Array.from(bottleneck.logVariances), [-4, -4, -4, -4]);
  for (const spread of bottleneck.spreads) assert.ok(Math.abs(spread - Math.exp(-2)) < 1e-7);
  const std = vaBottleneck(handVa(), images, "std");
  for (const spread of std.spreads) assert.ok(Math.abs(spread - Math.exp(-4)) < 1e-7);
});

Deno.test("vaBottleneck rejects a CA and wrong sizes", () => {
  assert.throws(() => vaBottleneck(initialWeights("ca", 4, 1), images, "variance"), /must be a variational/);
  assert.throws(() => vaBottleneck(initialWeights("va", 9, 1), images, "variance"), /images have 4 pixels/);
});

Deno.test("vaReconstructions decodes a or a + s * eps", () => {
  const weights = handVa();
  const atMean = vaReconstructions(weights, images, "variance");
  const means = HAND_MEANS;
  means.forEach((a, i) =>
    assert.deepEqual(Array.from(atMean.subarray(i * 4, i * 4 + 4)), Array.from(decode(weights, a)))
  );

  const noise = [1, -2, 0.5, 3];
  const sampled = vaReconstructions(weights, images, "std", noise);
  means.forEach((a, i) => {
    const z = a + Math.exp(-4) * noise[i];
    const expected = decode(weights, z);
    for (let p = 0; p < 4; p++) assert.ok(Math.abs(sampled[i * 4 + p] - expected[p]) < 1e-7);
  });
  assert.throws(
    () => vaReconstructions(weights, images, "std", [1, 2]),
    /noise has 2 values, expected one per image \(4\)/,
  );
});

Deno.test("noiseDraws is seeded and standard normal", () => {
  const draws = noiseDraws(7, 3, 5);
  assert.equal(draws.length, 3);
  assert.deepEqual(draws, noiseDraws(7, 3, 5));
  assert.notDeepEqual(draws[0], draws[1]);
  assert.notDeepEqual(noiseDraws(8, 1, 5)[0], draws[0]);
  const large = noiseDraws(1, 1, 20_000)[0];
  const fit = standardNormalFit(large);
  assert.ok(Math.abs(fit.mean) < 0.03, `mean ${fit.mean}`);
  assert.ok(Math.abs(fit.standardDeviation - 1) < 0.03, `sd ${fit.standardDeviation}`);
  assert.throws(() => noiseDraws(1, 0, 5), /draws must be a positive integer, got 0/);
  assert.throws(() => noiseDraws(1, 2, 1.5), /count must be a positive integer, got 1.5/);
});

Deno.test("vaState of a working and a collapsed VA", () => {
  const working = vaState(handVa(), images, "variance");
  assert.equal(working.outcome, "optimal");
  assert.equal(working.encoderDead, false);
  assert.equal(working.meanRange, 20);
  assert.ok(Math.abs(working.medianSpread - Math.exp(-2)) < 1e-7);
  assert.ok(working.meanSquaredError < 0.01, `mse ${working.meanSquaredError}`);

  // Negative encoder kernel: every unit inactive for every image, so a is the bias for all images.
  const collapsed = handVa();
  collapsed.layers[0].kernel.fill(-1);
  const state = vaState(collapsed, images, "variance");
  assert.equal(state.encoderDead, true);
  assert.equal(state.meanRange, 0);
  assert.equal(state.outcome, "all-grey");
});

Deno.test("summarizeVaStates counts outcomes and takes medians", () => {
  const working = vaState(handVa(), images, "variance");
  const collapsed = {
    ...working,
    outcome: "all-grey" as const,
    encoderDead: true,
    meanRange: 0,
    meanSquaredError: 0.25,
  };
  const summary = summarizeVaStates([working, collapsed, collapsed]);
  assert.equal(summary.networks, 3);
  assert.equal(summary.optimal, 1);
  assert.equal(summary.allGrey, 2);
  assert.equal(summary.onePair + summary.twoPairs + summary.other, 0);
  assert.ok(Math.abs(summary.deadEncoderShare - 2 / 3) < 1e-15);
  assert.equal(summary.medianMeanSquaredError, 0.25);
  assert.equal(summary.medianMeanRange, 0);
  assert.throws(() => summarizeVaStates([]), /at least one network/);
});

Deno.test("standardNormalFit accepts N(0, 1) and rejects a shifted sample", () => {
  const random = new Random(3);
  const normal = Array.from({ length: 2000 }, () => random.normal());
  const fit = standardNormalFit(normal);
  assert.equal(fit.count, 2000);
  assert.ok(fit.ksPValue > 0.01, `KS p-value ${fit.ksPValue}`);
  assert.ok(fit.adStatistic < 3.857, `A^2 ${fit.adStatistic}`);

  const shifted = standardNormalFit(normal.map((x) => 0.5 * x + 0.3));
  assert.ok(Math.abs(shifted.standardDeviation - 0.5) < 0.03);
  assert.ok(shifted.ksPValue < 1e-6, `KS p-value ${shifted.ksPValue}`);
  assert.ok(shifted.adStatistic > 3.857, `A^2 ${shifted.adStatistic}`);
  assert.throws(() => standardNormalFit([1]), /at least 2 numbers, got 1/);
});

Deno.test("sampledErrors counts wrong samples", () => {
  // s = e^-2 is about 0.14 and the thresholds -1.5, 0, 1.5 lie at least 0.5 from every a, so |eps| < 3.7 is safe.
  const weights = handVa();
  const calm = sampledErrors(weights, images, "variance", [[0, 0, 0, 0], [1, -1, 2, -2]]);
  assert.equal(calm.wrongImageShare, 0);
  assert.ok(calm.meanSquaredError < 0.01, `mse ${calm.meanSquaredError}`);

  // eps = 10 moves image 1010 (a = -1) to z = 0.35, past the threshold 0, where the decoder outputs 1100.
  const pushed = sampledErrors(weights, images, "variance", [[0, 10, 0, 0], [0, 0, 0, 0]]);
  assert.equal(pushed.wrongImageShare, 1 / 8);
  assert.throws(() => sampledErrors(weights, images, "variance", []), /at least one row of noise/);
});

Deno.test("activeUnitShares counts active encoder units", () => {
  // The optimal encoder's hidden pairs are (10, 0), (1, 0), (0, 1) and (0, 10).
  assert.deepEqual(activeUnitShares(handVa(), images), [0.5, 0.5]);
  const dead = handVa();
  dead.layers[0].kernel.fill(-1);
  assert.deepEqual(activeUnitShares(dead, images), [0, 0]);
  assert.throws(() => activeUnitShares(initialWeights("ca", 4, 1), images), /must be a variational/);
});
