import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { outcomeCounts } from "./outcome_summary.ts";
import { reportDistances, runSensitivity, shareCells } from "./sensitivity.ts";

Deno.test("runSensitivity trains every combination", async () => {
  const fractions: number[] = [];
  const frame = await runSensitivity({
    models: [{ kind: "ca", seeds: 6 }, { kind: "va", seeds: 3, reconstructionScale: 1024 }],
    optimizers: ["adam", "sgd"],
    learningRates: [0.01],
    steps: [10, 30],
    onProgress: (fraction) => fractions.push(fraction),
  });
  assert.equal(frame.height, 2 * 2 * 6 + 2 * 2 * 3);
  const combinations = frame.groupBy(["model", "optimizer", "learning_rate", "steps"]).agg(
    pl.len().alias("n"),
  )
    .sort(["model", "optimizer", "steps"]);
  assert.deepEqual(combinations.getColumn("n").toArray().map(Number), [6, 6, 6, 6, 3, 3, 3, 3]);
  assert.deepEqual(combinations.getColumn("steps").toArray(), [10, 30, 10, 30, 10, 30, 10, 30]);
  for (let i = 1; i < fractions.length; i++) {
    assert.ok(fractions[i] >= fractions[i - 1], `progress fell at ${i}`);
  }
  assert.ok(Math.abs(fractions.at(-1)! - 1) < 1e-12, `last progress ${fractions.at(-1)}`);
});

Deno.test("runSensitivity does not depend on concurrency", async () => {
  const settings = {
    models: [{ kind: "ca" as const, seeds: 5 }],
    optimizers: ["adam" as const, "rmsprop" as const],
    learningRates: [0.01, 0.1],
    steps: [40],
  };
  const serial = await runSensitivity({ ...settings, concurrency: 1, threadsPerRun: 2 });
  const parallel = await runSensitivity({ ...settings, concurrency: 3 });
  assert.equal(Buffer.compare(serial.writeParquet(), parallel.writeParquet()), 0);
  assert.deepEqual(serial.getColumn("learning_rate").toArray(), [
    ...Array(5).fill(0.01),
    ...Array(5).fill(0.1),
    ...Array(5).fill(0.01),
    ...Array(5).fill(0.1),
  ]);
});

Deno.test("runSensitivity rejects an invalid concurrency", async () => {
  const settings = {
    models: [{ kind: "ca" as const, seeds: 2 }],
    optimizers: ["adam" as const],
    learningRates: [0.01],
    steps: [5],
  };
  await assert.rejects(
    () => runSensitivity({ ...settings, concurrency: 0 }),
    /concurrency must be a positive integer, got 0/,
  );
});

Deno.test("runSensitivity rejects an empty list", async () => {
  await assert.rejects(
    () =>
      runSensitivity({
        models: [{ kind: "ca", seeds: 2 }],
        optimizers: [],
        learningRates: [0.01],
        steps: [5],
      }),
    /optimizers must not be empty/,
  );
});

const FRAME = pl.DataFrame({
  model: ["CA", "CA", "CA", "CA", "CA", "CA", "CA", "CA"],
  optimizer: ["adam", "adam", "adam", "adam", "sgd", "sgd", "sgd", "sgd"],
  learning_rate: [0.01, 0.01, 0.01, 0.01, 0.1, 0.1, 0.1, 0.1],
  steps: pl.Series("steps", [2000, 2000, 2000, 2000, 500, 500, 500, 500], pl.Int32),
  outcome: ["optimal", "one-pair", "all-grey", "other", "all-grey", "all-grey", "all-grey", "all-grey"],
});
const KEYS = ["model", "optimizer", "learning_rate", "steps"];

Deno.test("reportDistances sorts settings by distance", () => {
  const table = reportDistances(outcomeCounts(FRAME, KEYS), KEYS);
  assert.deepEqual(table.columns, [
    ...KEYS,
    "optimal",
    "one-pair",
    "two-pairs",
    "all-grey",
    "other",
    "distance",
  ]);
  assert.deepEqual(table.getColumn("optimizer").toArray(), ["adam", "sgd"]);
  assert.equal(table.getColumn("steps").dtype.toString(), pl.Int32.toString());
  const expected = Math.sqrt((0.25 - 1 / 8) ** 2 + (0.25 - 1 / 3) ** 2 + (0.25 - 1 / 3) ** 2);
  assert.ok(Math.abs(Number(table.getColumn("distance").toArray()[0]) - expected) < 1e-12);
  assert.deepEqual(table.getColumn("all-grey").toArray(), [0.25, 1]);
});

Deno.test("shareCells labels and marks cells", () => {
  const summary = outcomeCounts(FRAME, KEYS);
  const cells = shareCells(summary, {
    model: "CA",
    outcome: "all-grey",
    marked: { optimizer: "sgd", learning_rate: 0.1, steps: 500 },
  });
  assert.deepEqual(cells, [
    { row: "adam, lr 0.01", column: "2000 steps", value: 0.25, text: "0.250" },
    { row: "sgd, lr 0.1", column: "500 steps", value: 1, text: "1.000 ★" },
  ]);
  assert.throws(() => shareCells(summary, { model: "VA", outcome: "optimal" }), /no rows for model VA/);
});
