import assert from "node:assert/strict";
import pl from "nodejs-polars";
import {
  BOTTLENECK_COLUMNS,
  collapseRange,
  OUTCOME_FRAME_COLUMNS,
  outcomeFrame,
  runOutcomeStudy,
} from "./outcome_study.ts";
import type { OutcomeResult } from "./outcomes.ts";
import { OUTCOMES } from "./outcomes.ts";

const CA_STUDY = await runOutcomeStudy({
  kind: "ca",
  seeds: { first: 3, count: 24 },
  optimizer: "adam",
  learningRate: 0.01,
  steps: 300,
});

Deno.test("runOutcomeStudy classifies every network", () => {
  assert.equal(CA_STUDY.outcomes.length, 24);
  assert.equal(CA_STUDY.ensemble.count, 24);
  for (const result of CA_STUDY.outcomes) assert.ok(OUTCOMES.includes(result.outcome));
});

Deno.test("runOutcomeStudy bottlenecks match the ensemble's", () => {
  CA_STUDY.outcomes.forEach((result, i) => {
    result.bottlenecks.forEach((z, k) => {
      const fromKernel = CA_STUDY.ensemble.bottleneck[i * 4 + k];
      assert.ok(
        Math.abs(z - fromKernel) <= 1e-4 * Math.max(1, Math.abs(z)),
        `seed ${i + 3} image ${k}: ${z} vs ${fromKernel}`,
      );
    });
  });
});

Deno.test("outcomeFrame has one row per seed", () => {
  const frame = outcomeFrame(CA_STUDY);
  assert.deepEqual(frame.columns, [...OUTCOME_FRAME_COLUMNS]);
  assert.equal(frame.height, 24);
  assert.deepEqual(frame.getColumn("seed").toArray(), Array.from({ length: 24 }, (_, i) => i + 3));
  assert.equal(frame.getColumn("seed").dtype.toString(), pl.UInt32.toString());
  assert.equal(frame.getColumn("steps").dtype.toString(), pl.Int32.toString());
  assert.deepEqual(frame.getColumn("model").unique().toArray(), ["CA"]);
  assert.deepEqual(frame.getColumn("learning_rate").unique().toArray(), [0.01]);
  assert.equal(frame.getColumn("reconstruction_weight").nullCount(), 24);
  assert.deepEqual(frame.getColumn("outcome").toArray(), CA_STUDY.outcomes.map((result) => result.outcome));
  assert.deepEqual(frame.getColumn("final_loss").toArray(), Array.from(CA_STUDY.ensemble.finalLosses));
  BOTTLENECK_COLUMNS.forEach((name, k) => {
    assert.deepEqual(
      frame.getColumn(name).toArray(),
      CA_STUDY.outcomes.map((result) => result.bottlenecks[k]),
    );
  });
});

Deno.test("outcomeFrame marks other kinds only for other", () => {
  const frame = outcomeFrame(CA_STUDY);
  const outcomes = frame.getColumn("outcome").toArray();
  const kinds = frame.getColumn("other_kind").toArray();
  assert.ok(outcomes.includes("other"), "the seeds should include an other network");
  outcomes.forEach((outcome, i) => assert.equal(kinds[i] === null, outcome !== "other", `row ${i}`));
  const groups = frame.getColumn("groups").toArray() as string[];
  outcomes.forEach((outcome, i) => {
    if (outcome === "optimal") assert.equal(groups[i], "0011 | 1010 | 1100 | 0101");
    if (outcome === "all-grey") assert.equal(groups[i], "0011+1010+1100+0101");
  });
});

Deno.test("outcomeFrame stores the VA's reconstruction weight", async () => {
  for (const [scale, weight] of [["sum", 4], [1024, 1024]] as const) {
    const study = await runOutcomeStudy({
      kind: "va",
      seeds: [5, 9],
      optimizer: "adam",
      learningRate: 0.01,
      steps: 20,
      reconstructionScale: scale,
    });
    const frame = outcomeFrame(study);
    assert.deepEqual(frame.getColumn("model").toArray(), ["VA", "VA"]);
    assert.deepEqual(frame.getColumn("reconstruction_weight").toArray(), [weight, weight]);
  }
});

Deno.test("outcomeFrame writes identical Parquet bytes twice", () => {
  const first = outcomeFrame(CA_STUDY).writeParquet();
  const second = outcomeFrame(CA_STUDY).writeParquet();
  assert.equal(Buffer.compare(first, second), 0);
  const back = pl.readParquet(first);
  assert.deepEqual(back.columns, [...OUTCOME_FRAME_COLUMNS]);
  assert.deepEqual(back.getColumn("z_0101").toArray(), outcomeFrame(CA_STUDY).getColumn("z_0101").toArray());
});

Deno.test("runOutcomeStudy rejects invalid ensemble options", async () => {
  await assert.rejects(
    () => runOutcomeStudy({ kind: "ca", seeds: [1], optimizer: "adam", learningRate: -1, steps: 10 }),
    RangeError,
  );
});

Deno.test("collapseRange measures the widest group", () => {
  const result: OutcomeResult = {
    outcome: "two-pairs",
    bottlenecks: [-5, -5, 2, 2.5],
    reconstructions: [],
    correct: [false, false, false, false],
    groups: [[0, 1], [2, 3]],
  };
  assert.equal(collapseRange(result), 0.5);
  assert.equal(collapseRange({ ...result, groups: [[0, 1], [2], [3]] }), 0);
  assert.equal(collapseRange({ ...result, groups: [[0], [1], [2], [3]] }), null);
  assert.equal(collapseRange({ ...result, groups: [[0, 1, 2, 3]] }), 7.5);
});

Deno.test("outcomeFrame collapse range follows groups", () => {
  const frame = outcomeFrame(CA_STUDY);
  const ranges = frame.getColumn("collapse_z_range").toArray();
  CA_STUDY.outcomes.forEach((result, i) => {
    assert.equal(ranges[i] === null, result.groups.length === 4, `row ${i}`);
  });
});
