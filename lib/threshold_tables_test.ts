import assert from "node:assert/strict";
import {
  thresholdCheckRows,
  thresholdComparisonRows,
  thresholdTableRows,
  TWO_BY_TWO_PIXELS,
} from "./threshold_tables.ts";
import { optimalWeights, weightsFromArrays } from "./hand_weights.ts";

/** The optimal network with decoder_hidden biases 1 and 0.5, so the approximation misses. */
function biasedWeights() {
  return weightsFromArrays("ca", {
    encoder: { kernel: [[1, 0], [0, 1], [1, 0], [0, 1]] },
    bottleneck: { kernel: [[1], [-1]] },
    decoder_hidden: { kernel: [[10, -10]], bias: [1, 0.5] },
    decoder_output: { kernel: [[-1, 1, -1, 1], [-1, -1, 1, 1]], bias: [15, 0, 0, -15] },
  });
}

Deno.test("thresholdTableRows of the report's example", () => {
  const rows = thresholdTableRows(optimalWeights());
  assert.deepEqual(rows.map((row) => [row.output, row.pixel, row.interval, row.value]), [
    [1, "upper left", "(-inf, -1.5)", 0],
    [1, "upper left", "[-1.5, 1.5]", 1],
    [1, "upper left", "(1.5, inf)", 0],
    [2, "upper right", "(-inf, 0)", 0],
    [2, "upper right", "[0, inf)", 1],
    [3, "lower left", "(-inf, 0]", 1],
    [3, "lower left", "(0, inf)", 0],
    [4, "lower right", "(-inf, -1.5]", 1],
    [4, "lower right", "(-1.5, 1.5)", 0],
    [4, "lower right", "[1.5, inf)", 1],
  ]);
  assert.equal(rows[0].from, -Infinity);
  assert.equal(rows[0].to, -1.5);
});

Deno.test("thresholdTableRows rounds only the text", () => {
  const rows = thresholdTableRows(biasedWeights(), { digits: 2 });
  // Output 1: logit 15 - relu(10 z + 1) - relu(-10 z + 0.5) is 0 at z = -1.45 and z = 1.4.
  assert.equal(rows[1].interval, "[-1.45, 1.4]");
  assert.ok(Math.abs(rows[1].from - -1.45) < 1e-12);
  const approximate = thresholdTableRows(biasedWeights(), { approximate: true });
  assert.equal(approximate[1].interval, "[-1.5, 1.5]");
});

Deno.test("thresholdComparisonRows measures the distance", () => {
  const exact = thresholdComparisonRows(optimalWeights());
  assert.deepEqual(exact.map((row) => row.distance), [0, 0, 0, 0]);
  assert.equal(exact[0].exact, "-1.500, 1.500");

  const rows = thresholdComparisonRows(biasedWeights(), { digits: 2 });
  assert.deepEqual(rows[0], {
    output: 1,
    pixel: "upper left",
    exact: "-1.45, 1.40",
    approximate: "-1.50, 1.50",
    distance: rows[0].distance,
  });
  assert.ok(Math.abs(rows[0].distance - 0.1) < 1e-12);
});

Deno.test("thresholdCheckRows finds no mismatch in exact tables", () => {
  const rows = thresholdCheckRows(biasedWeights(), { from: -3, to: 3, steps: 6000 });
  assert.equal(rows.length, 12);
  for (const row of rows.filter((row) => row.decoder === "zero hidden bias" || row.table === "exact")) {
    assert.equal(row.mismatches, 0, `output ${row.output}, ${row.table} table`);
    assert.equal(row.points + row.skipped, 6001);
  }
});

Deno.test("thresholdCheckRows measures the approximation's error", () => {
  const rows = thresholdCheckRows(biasedWeights(), { from: -3, to: 3, steps: 6000 });
  const output1 = rows.find((row) =>
    row.output === 1 && row.table === "approximate" && row.decoder === "learned"
  )!;
  // The approximation is wrong on [-1.5, -1.45) and (1.4, 1.5]: about 0.15 of the axis.
  assert.ok(Math.abs(output1.mismatchLength - 0.15) < 0.003, `got ${output1.mismatchLength}`);
  assert.ok(output1.mismatches > 140);
});

Deno.test("threshold tables name outputs", () => {
  const names = ["a", "b", "c", "d"];
  assert.deepEqual(
    thresholdComparisonRows(optimalWeights(), { pixelNames: names }).map((row) => row.pixel),
    names,
  );
  assert.deepEqual([...TWO_BY_TWO_PIXELS], ["upper left", "upper right", "lower left", "lower right"]);
  assert.throws(
    () => thresholdTableRows(optimalWeights(), { pixelNames: ["a"] }),
    /one name per output neuron \(4\), got 1/,
  );
  assert.throws(
    () => thresholdTableRows(optimalWeights(), { digits: 16 }),
    /digits must be an integer in 0..15, got 16/,
  );
});
