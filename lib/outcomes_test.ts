import assert from "node:assert/strict";
import {
  classifyOutcome,
  countOutcomes,
  deadUnits,
  type Outcome,
  OUTCOME_LABELS,
  OUTCOMES,
  outcomeTable,
} from "./outcomes.ts";
import { type LayerArrays, optimalWeights, weightsFromArrays } from "./hand_weights.ts";
import { lineImages, twoByTwoImages } from "./datasets.ts";
import { initialWeights } from "./network.ts";

const IMAGES = twoByTwoImages();

/**
 * The report's decoder: under the Heaviside rule it decodes z < -1.5 to 0011,
 * [-1.5, 0) to 1010, (0, 1.5] to 1100 and z > 1.5 to 0101.
 */
const REPORT_DECODER: Record<string, LayerArrays> = {
  decoder_hidden: { kernel: [[10, -10]] },
  decoder_output: { kernel: [[-1, 1, -1, 1], [-1, -1, 1, 1]], bias: [15, 0, 0, -15] },
};

/**
 * Encoder units relu(UR - 0.5) and relu(UR + LR - UL - 1.5), with pixels
 * upper left, upper right, lower left and lower right. Both units are
 * inactive for 0011 and 1010, so those two inputs are dead. 1100 gives the
 * hidden pair (0.5, 0) and 0101 gives (0.5, 0.5).
 */
const TWO_DEAD_INPUTS: LayerArrays = { kernel: [[0, -1], [1, 1], [0, 0], [0, 1]], bias: [-0.5, -1.5] };

Deno.test("optimal weights are optimal", () => {
  const result = classifyOutcome(optimalWeights(), IMAGES);
  assert.equal(result.outcome, "optimal");
  assert.deepEqual(result.bottlenecks, [-10, -1, 1, 10]);
  assert.deepEqual(result.correct, [true, true, true, true]);
  assert.deepEqual(result.groups, [[0], [1], [2], [3]]);
  assert.equal(result.reconstructions.length, 4);
  assert.equal(result.reconstructions[0].length, 4);
});

Deno.test("two dead inputs give one pair averaged", () => {
  // Dead inputs sit at the bottleneck bias -5; 1100 and 0101 land at 1 and 10.
  const weights = weightsFromArrays("ca", {
    encoder: TWO_DEAD_INPUTS,
    bottleneck: { kernel: [[12], [18]], bias: [-5] },
    ...REPORT_DECODER,
  });
  const result = classifyOutcome(weights, IMAGES);
  assert.equal(result.outcome, "one-pair");
  assert.deepEqual(result.bottlenecks, [-5, -5, 1, 10]);
  assert.deepEqual(result.groups, [[0, 1], [2], [3]]);
  assert.deepEqual(result.correct, [true, false, true, true]);
});

Deno.test("two collapsed pairs give two pairs averaged", () => {
  // Unit 2 is dead for all inputs, unit 1 = relu(UR - 0.5) separates only {0011, 1010} from {1100, 0101}.
  const weights = weightsFromArrays("ca", {
    encoder: { kernel: [[0, -1], [1, -1], [0, -1], [0, -1]], bias: [-0.5, 0] },
    bottleneck: { kernel: [[20], [7]], bias: [-5] },
    ...REPORT_DECODER,
  });
  const result = classifyOutcome(weights, IMAGES);
  assert.equal(result.outcome, "two-pairs");
  assert.deepEqual(result.bottlenecks, [-5, -5, 5, 5]);
  assert.deepEqual(result.groups, [[0, 1], [2, 3]]);
});

Deno.test("all dead inputs give all grey", () => {
  // Every encoder weight negative: all four inputs reach the bottleneck as its bias.
  const weights = weightsFromArrays("ca", {
    encoder: { kernel: [[-1, -1], [-1, -1], [-1, -1], [-1, -1]] },
    bottleneck: { kernel: [[3], [-2]], bias: [0.7] },
    decoder_hidden: { kernel: [[1, -1]] },
    decoder_output: { kernel: [[1, 1, 1, 1], [1, 1, 1, 1]], bias: [-0.7, -0.7, -0.7, -0.7] },
  });
  const result = classifyOutcome(weights, IMAGES);
  assert.equal(result.outcome, "all-grey");
  assert.deepEqual(result.groups, [[0, 1, 2, 3]]);
  for (const reconstruction of result.reconstructions) {
    for (const pixel of reconstruction) assert.ok(Math.abs(pixel - 0.5) < 1e-6, `pixel ${pixel}`);
  }
});

Deno.test("inactive decoder units give all grey", () => {
  // Bottleneck weights both negative and decoder hidden weights both positive:
  // every z is <= 0, so relu(10 z) and relu(5 z) are 0 and the output is constant.
  const weights = weightsFromArrays("ca", {
    encoder: { kernel: [[-4, -4], [-5, 5], [5, -5], [5, 5]] },
    bottleneck: { kernel: [[-1], [-2]] },
    decoder_hidden: { kernel: [[10, 5]] },
    decoder_output: { kernel: [[-1, 1, -1, 1], [-1, -1, 1, 1]] },
  });
  const result = classifyOutcome(weights, IMAGES);
  assert.equal(result.outcome, "all-grey");
  assert.deepEqual(result.bottlenecks, [-10, -1, -2, -20]);
  assert.deepEqual(result.groups, [[0, 1, 2, 3]]);
  assert.deepEqual(result.correct, [false, false, false, false]);
});

Deno.test("distinct but wrong reconstructions are other", () => {
  // The optimal network with output 1's bias lowered from 15 to 5: 1010 and 1100 lose their first pixel.
  const weights = weightsFromArrays("ca", {
    encoder: { kernel: [[-4, -4], [-5, 5], [5, -5], [5, 5]] },
    bottleneck: { kernel: [[-1], [1]] },
    decoder_hidden: { kernel: [[10, -10]] },
    decoder_output: { kernel: [[-1, 1, -1, 1], [-1, -1, 1, 1]], bias: [5, 0, 0, -15] },
  });
  const result = classifyOutcome(weights, IMAGES);
  assert.equal(result.outcome, "other");
  assert.deepEqual(result.groups, [[0], [1], [2], [3]]);
  assert.deepEqual(result.correct, [true, false, false, true]);
});

Deno.test("three collapsed images are other", () => {
  // Only 0101 activates unit 2 = relu(UR + LR - UL - 1.5); unit 1 is dead for all.
  const weights = weightsFromArrays("ca", {
    encoder: { kernel: [[-1, -1], [-1, 1], [-1, 0], [-1, 1]], bias: [0, -1.5] },
    bottleneck: { kernel: [[1], [20]], bias: [-5] },
    ...REPORT_DECODER,
  });
  const result = classifyOutcome(weights, IMAGES);
  assert.equal(result.outcome, "other");
  assert.deepEqual(result.groups, [[0, 1, 2], [3]]);
});

Deno.test("a pair beside a wrong singleton is other", () => {
  // As the one-pair network, but 1100 lands at -1, where the decoder gives 1010.
  const weights = weightsFromArrays("ca", {
    encoder: TWO_DEAD_INPUTS,
    bottleneck: { kernel: [[8], [38]], bias: [-5] },
    ...REPORT_DECODER,
  });
  const result = classifyOutcome(weights, IMAGES);
  assert.deepEqual(result.bottlenecks, [-5, -5, -1, 18]);
  assert.deepEqual(result.groups, [[0, 1], [2], [3]]);
  assert.equal(result.correct[2], false);
  assert.equal(result.outcome, "other");
});

Deno.test("VA is classified by its mean", () => {
  const optimal = optimalWeights();
  const weights = weightsFromArrays("va", {
    encoder: { kernel: [[-4, -4], [-5, 5], [5, -5], [5, 5]] },
    z_mean: { kernel: [[-1], [1]] },
    z_log_var: { kernel: [[0.3], [-0.2]], bias: [4] },
    ...REPORT_DECODER,
  });
  const result = classifyOutcome(weights, IMAGES);
  assert.equal(result.outcome, "optimal");
  assert.deepEqual(result.bottlenecks, classifyOutcome(optimal, IMAGES).bottlenecks);
});

Deno.test("bottleneck tolerance alone merges images", () => {
  // -1 and 1 are 2 apart, so a tolerance of 2.5 merges them although they decode differently.
  const result = classifyOutcome(optimalWeights(), IMAGES, { bottleneckTolerance: 2.5 });
  assert.deepEqual(result.groups, [[0], [1, 2], [3]]);
  assert.equal(result.outcome, "one-pair");
});

Deno.test("reconstruction tolerance alone merges images", () => {
  const weights = weightsFromArrays("ca", {
    encoder: { kernel: [[-4, -4], [-5, 5], [5, -5], [5, 5]] },
    bottleneck: { kernel: [[-1], [-2]] },
    decoder_hidden: { kernel: [[10, 5]] },
    decoder_output: { kernel: [[-1, 1, -1, 1], [-1, -1, 1, 1]] },
  });
  const result = classifyOutcome(weights, IMAGES, { bottleneckTolerance: 0 });
  assert.equal(result.outcome, "all-grey");
  const strict = classifyOutcome(weights, IMAGES, { bottleneckTolerance: 0, reconstructionTolerance: 0 });
  assert.deepEqual(strict.groups, [[0, 1, 2, 3]], "identical outputs merge even at tolerance 0");
});

Deno.test("pixel tolerance tightens correctness", () => {
  // The optimal network's worst pixel is off by sigmoid(-5), about 0.0067.
  const loose = classifyOutcome(optimalWeights(), IMAGES, { pixelTolerance: 0.01 });
  assert.equal(loose.outcome, "optimal");
  const tight = classifyOutcome(optimalWeights(), IMAGES, { pixelTolerance: 0.005 });
  assert.deepEqual(tight.correct, [true, false, false, true]);
  assert.equal(tight.outcome, "other");
});

Deno.test("classifyOutcome rejects bad options and images", () => {
  assert.throws(
    () => classifyOutcome(optimalWeights(), IMAGES, { bottleneckTolerance: -1 }),
    /bottleneckTolerance/,
  );
  assert.throws(() => classifyOutcome(optimalWeights(), IMAGES, { pixelTolerance: 0 }), /pixelTolerance/);
  const large = lineImages({ count: 2, size: 4, seed: 1 });
  assert.throws(
    () => classifyOutcome(optimalWeights(), large),
    /images have 16 pixels but the network has 4/,
  );
});

Deno.test("classifyOutcome handles initial weights quickly", () => {
  const start = performance.now();
  const outcomes: Outcome[] = [];
  for (let seed = 0; seed < 10000; seed++) {
    outcomes.push(classifyOutcome(initialWeights("ca", 4, seed), IMAGES).outcome);
  }
  const seconds = (performance.now() - start) / 1000;
  assert.ok(seconds < 10, `10,000 networks took ${seconds} s`);
  const counts = countOutcomes(outcomes);
  assert.equal(OUTCOMES.reduce((sum, outcome) => sum + counts[outcome], 0), 10000);
  // Untrained networks rarely reconstruct all four images.
  assert.ok(counts.optimal < 100, `optimal ${counts.optimal}`);
});

Deno.test("deadUnits for two dead inputs", () => {
  const weights = weightsFromArrays("ca", {
    encoder: TWO_DEAD_INPUTS,
    bottleneck: { kernel: [[12], [18]], bias: [-5] },
    ...REPORT_DECODER,
  });
  const activity = deadUnits(weights, IMAGES);
  assert.deepEqual(activity.map((unit) => unit.deadInput), [true, true, false, false]);
  assert.deepEqual(activity[2].encoderInactive, [false, true]);
  assert.deepEqual(activity[2].encoderPreActivations, [0.5, -1.5]);
  // At z = -5 the unit relu(10 z) is inactive and relu(-10 z) active.
  assert.deepEqual(activity[0].decoderInactive, [true, false]);
  assert.deepEqual(activity[0].decoderPreActivations, [-50, 50]);
  assert.equal(activity[3].bottleneck, 10);
});

Deno.test("deadUnits for inactive decoder units", () => {
  const weights = weightsFromArrays("ca", {
    encoder: { kernel: [[-4, -4], [-5, 5], [5, -5], [5, 5]] },
    bottleneck: { kernel: [[-1], [-2]] },
    decoder_hidden: { kernel: [[10, 5]] },
    decoder_output: { kernel: [[-1, 1, -1, 1], [-1, -1, 1, 1]] },
  });
  const activity = deadUnits(weights, IMAGES);
  assert.ok(activity.every((unit) => unit.decoderInactive.every(Boolean)));
  assert.ok(activity.every((unit) => !unit.deadInput));
});

Deno.test("countOutcomes and outcomeTable", () => {
  const counts = countOutcomes(["optimal", "other", "other", "all-grey"]);
  assert.deepEqual(counts, { "optimal": 1, "one-pair": 0, "two-pairs": 0, "all-grey": 1, "other": 2 });
  const rows = outcomeTable(counts);
  assert.deepEqual(rows.map((row) => row.outcome), [...OUTCOMES]);
  assert.equal(rows[0].estimate, 0.25);
  assert.equal(rows[0].reported, 1 / 8);
  assert.equal(rows[2].reported, null);
  assert.equal(rows[1].label, OUTCOME_LABELS["one-pair"]);
  assert.equal(rows[1].lower, 0);
  assert.throws(() => countOutcomes(["best" as Outcome]), /unknown outcome "best"/);
});
