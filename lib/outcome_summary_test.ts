import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { outcomeCounts, outcomeCrossTable, reportDistance } from "./outcome_summary.ts";
import { OUTCOMES } from "./outcomes.ts";
import { wilsonInterval } from "./statistics.ts";

const FRAME = pl.DataFrame({
  model: ["VA", "CA", "CA", "VA", "CA", "CA"],
  dead: [0, 2, 0, 1, 2, 0],
  outcome: ["optimal", "one-pair", "optimal", "all-grey", "one-pair", "other"],
});

Deno.test("outcomeCounts lists every class per group", () => {
  const table = outcomeCounts(FRAME, ["model"]);
  assert.deepEqual(table.columns, [
    "model",
    "outcome",
    "label",
    "count",
    "total",
    "share",
    "lower",
    "upper",
    "reported",
  ]);
  assert.equal(table.height, 10);
  assert.deepEqual(table.getColumn("model").toArray(), [...Array(5).fill("VA"), ...Array(5).fill("CA")]);
  assert.deepEqual(table.getColumn("outcome").toArray(), [...OUTCOMES, ...OUTCOMES]);
  assert.deepEqual(table.getColumn("count").toArray().map(Number), [1, 0, 0, 1, 0, 1, 2, 0, 0, 1]);
  assert.deepEqual(table.getColumn("total").toArray().map(Number), [
    ...Array(5).fill(2),
    ...Array(5).fill(4),
  ]);
});

Deno.test("outcomeCounts gives Wilson intervals", () => {
  const table = outcomeCounts(FRAME, ["model"], 0.9).toRecords();
  const row = table.find((r) => r.model === "CA" && r.outcome === "one-pair")!;
  const expected = wilsonInterval(2, 4, 0.9);
  assert.equal(row.share, 0.5);
  assert.equal(row.lower, expected.lower);
  assert.equal(row.upper, expected.upper);
  const empty = table.find((r) => r.model === "CA" && r.outcome === "two-pairs")!;
  assert.equal(empty.share, 0);
  assert.equal(empty.lower, 0);
  assert.ok((empty.upper as number) > 0);
});

Deno.test("outcomeCounts carries the report's values", () => {
  const table = outcomeCounts(FRAME, []);
  assert.deepEqual(table.getColumn("reported").toArray(), [1 / 8, 1 / 3, null, 1 / 3, null]);
  assert.deepEqual(table.getColumn("count").toArray().map(Number), [2, 2, 0, 1, 1]);
});

Deno.test("outcomeCounts rejects unknown classes and columns", () => {
  assert.throws(() => outcomeCounts(FRAME, ["optimizer"]), /no column "optimizer"/);
  const bad = pl.DataFrame({ outcome: ["optimal", "grey"] });
  assert.throws(() => outcomeCounts(bad, []), /unknown outcome "grey"/);
});

Deno.test("reportDistance is zero at the report's values", () => {
  assert.equal(reportDistance({ "optimal": 1 / 8, "one-pair": 1 / 3, "all-grey": 1 / 3 }), 0);
});

Deno.test("reportDistance ignores unquantified classes", () => {
  const shares = { "optimal": 0.125, "one-pair": 1 / 3 - 0.3, "all-grey": 1 / 3 + 0.4, "two-pairs": 0.9 };
  assert.ok(Math.abs(reportDistance(shares) - 0.5) < 1e-12);
});

Deno.test("reportDistance rejects a missing share", () => {
  assert.throws(() => reportDistance({ "optimal": 0.1, "one-pair": 0.3 }), /all-grey/);
  assert.throws(() => reportDistance({ "optimal": 1.5, "one-pair": 0.3, "all-grey": 0 }), RangeError);
});

Deno.test("outcomeCrossTable counts per row value", () => {
  const table = outcomeCrossTable(FRAME, "dead");
  assert.deepEqual(table.columns, ["dead", ...OUTCOMES, "total"]);
  assert.deepEqual(table.getColumn("dead").toArray(), [0, 1, 2]);
  assert.deepEqual(table.getColumn("optimal").toArray(), [2, 0, 0]);
  assert.deepEqual(table.getColumn("one-pair").toArray(), [0, 0, 2]);
  assert.deepEqual(table.getColumn("total").toArray(), [3, 1, 2]);
});

Deno.test("outcomeCrossTable gives row shares", () => {
  const table = outcomeCrossTable(FRAME, "dead", { shares: true });
  assert.deepEqual(table.getColumn("optimal").toArray(), [2 / 3, 0, 0]);
  assert.deepEqual(table.getColumn("other").toArray(), [1 / 3, 0, 0]);
});

Deno.test("outcomeCrossTable orders outcome rows by class", () => {
  const paired = pl.DataFrame({
    ca_outcome: ["other", "optimal", "one-pair"],
    va_outcome: ["optimal", "optimal", "all-grey"],
  });
  const table = outcomeCrossTable(paired, "ca_outcome", { column: "va_outcome" });
  assert.deepEqual(table.getColumn("ca_outcome").toArray(), ["optimal", "one-pair", "other"]);
  assert.deepEqual(table.getColumn("optimal").toArray(), [1, 0, 1]);
  assert.deepEqual(table.getColumn("all-grey").toArray(), [0, 1, 0]);
});
