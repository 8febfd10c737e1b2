import assert from "node:assert/strict";
import { twoByTwoImages } from "./datasets.ts";
import { optimalWeights, weightsFromArrays } from "./hand_weights.ts";
import { groupText, otherKind } from "./outcome_details.ts";
import { classifyOutcome, type OutcomeResult } from "./outcomes.ts";

const IMAGES = twoByTwoImages();
const TARGETS = [[0, 0, 1, 1], [1, 0, 1, 0], [1, 1, 0, 0], [0, 1, 0, 1]];

/** Builds a classifier result from reconstructions given by hand, with every image in its own group. */
function separated(reconstructions: number[][]): OutcomeResult {
  return {
    outcome: "other",
    bottlenecks: [-3, -1, 1, 3],
    reconstructions,
    correct: reconstructions.map((r, i) => r.every((value, p) => Math.abs(value - TARGETS[i][p]) < 0.5)),
    groups: [[0], [1], [2], [3]],
  };
}

Deno.test("otherKind is null outside other", () => {
  assert.equal(otherKind(classifyOutcome(optimalWeights(), IMAGES), IMAGES), null);
});

Deno.test("otherKind finds a half-averaged pair", () => {
  // 1010 and 0101 are complementary; both come back grey on the upper-left and lower-right pixels.
  const result = separated([[0, 0, 1, 1], [0.5, 0.04, 0.97, 0.5], [0.96, 1, 0, 0.04], [
    0.51,
    0.97,
    0.02,
    0.49,
  ]]);
  assert.equal(otherKind(result, IMAGES), "half-averaged pair");
});

Deno.test("otherKind rejects grey pixels at different places", () => {
  const result = separated([[0, 0, 1, 1], [0.5, 0.04, 0.97, 0.5], [0.96, 1, 0, 0.04], [0, 0.5, 0.5, 1]]);
  assert.equal(otherKind(result, IMAGES), "separated, not converged");
});

Deno.test("otherKind rejects a grey pair that is not complementary", () => {
  // 0011 and 1010 share the lower-left pixel, so they are not complementary.
  const result = separated([[0.5, 0, 1, 0.5], [0.5, 0, 1, 0.5], [1, 1, 0, 0], [0, 1, 0, 1]]);
  assert.equal(otherKind(result, IMAGES), "separated, not converged");
});

Deno.test("otherKind finds one wrong image", () => {
  const result = separated([[0, 0, 1, 1], [0.7, 0, 1, 0], [1, 1, 0, 0], [0, 1, 0, 1]]);
  assert.equal(otherKind(result, IMAGES), "separated, not converged");
});

Deno.test("otherKind finds three collapsed images", () => {
  // Only 0101 activates unit 2 = relu(UR + LR - UL - 1.5); unit 1 is dead for all.
  const weights = weightsFromArrays("ca", {
    encoder: { kernel: [[-1, -1], [-1, 1], [-1, 0], [-1, 1]], bias: [0, -1.5] },
    bottleneck: { kernel: [[1], [20]], bias: [-5] },
    decoder_hidden: { kernel: [[10, -10]] },
    decoder_output: { kernel: [[-1, 1, -1, 1], [-1, -1, 1, 1]], bias: [15, 0, 0, -15] },
  });
  const result = classifyOutcome(weights, IMAGES);
  assert.equal(result.outcome, "other");
  assert.equal(otherKind(result, IMAGES), "three images collapsed");
});

Deno.test("otherKind finds a pair and a wrong image", () => {
  const result: OutcomeResult = {
    outcome: "other",
    bottlenecks: [-5, -5, -1, 18],
    reconstructions: [[0.5, 0, 1, 0.5], [0.5, 0, 1, 0.5], [1, 0, 1, 0], [0, 1, 0, 1]],
    correct: [false, false, false, true],
    groups: [[0, 1], [2], [3]],
  };
  assert.equal(otherKind(result, IMAGES), "pair and a wrong image");
});

Deno.test("otherKind finds a diverged network", () => {
  const result = separated([[NaN, 0, 1, 1], [1, 0, 1, 0], [1, 1, 0, 0], [0, 1, 0, 1]]);
  assert.equal(otherKind(result, IMAGES), "diverged");
});

Deno.test("groupText joins pairs and separates groups", () => {
  const result = separated(TARGETS);
  assert.equal(groupText(result), "0011 | 1010 | 1100 | 0101");
  assert.equal(groupText({ ...result, groups: [[0, 2], [1], [3]] }), "0011+1100 | 1010 | 0101");
  assert.equal(groupText({ ...result, groups: [[0, 1, 2, 3]] }, ["a", "b", "c", "d"]), "a+b+c+d");
});

Deno.test("groupText rejects too few names", () => {
  assert.throws(() => groupText(separated(TARGETS), ["a", "b"]), RangeError);
});
