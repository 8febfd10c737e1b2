import assert from "node:assert/strict";
import { histogram } from "./histogram.ts";
import { allLayers, compileAndRender, valuesOf } from "./testing.ts";

const standardNormal = (x: number) => Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);

Deno.test("histogram bars integrate to one with a density curve", async () => {
  const values = Array.from({ length: 1000 }, (_, i) => -3 + 6 * ((i * 0.618034) % 1));
  const spec = histogram({
    values,
    bins: 12,
    extent: [-3, 3],
    label: "bottleneck means",
    curve: { label: "N(0, 1) density", density: standardNormal },
  });
  const [bars, curve] = allLayers(spec);
  const rows = valuesOf(bars) as { start: number; end: number; height: number; count: number }[];
  assert.equal(rows.length, 12);
  assert.equal(rows.reduce((sum, row) => sum + row.count, 0), 1000);
  const area = rows.reduce((sum, row) => sum + row.height * (row.end - row.start), 0);
  assert.ok(Math.abs(area - 1) < 1e-12, `area ${area}`);
  const curvePoints = valuesOf(curve) as { x: number; y: number }[];
  assert.equal(curvePoints.length, 201);
  assert.equal(curvePoints[100].x, 0);
  assert.equal(curvePoints[100].y, standardNormal(0));

  const { svg, warnings } = await compileAndRender(spec);
  assert.deepEqual(warnings, []);
  assert.match(svg, />bottleneck means</);
  assert.match(svg, />N\(0, 1\) density</);
  assert.match(svg, />density</);
});

Deno.test("histogram counts without a curve", () => {
  const spec = histogram({ values: [0, 0.1, 0.9, 1], bins: 2 });
  const rows = valuesOf(allLayers(spec)[0]);
  assert.deepEqual(rows.map((row) => row.height), [2, 2]);
  assert.equal(allLayers(spec).length, 1);
});

Deno.test("histogram rejects bad input", () => {
  assert.throws(() => histogram({ values: [] }), /must not be empty/);
  assert.throws(() => histogram({ values: [1, Infinity] }), /values\[1\] must be a finite number/);
  assert.throws(() => histogram({ values: [1], bins: 0 }), /bins must be an integer >= 1, got 0/);
  assert.throws(
    () => histogram({ values: [1], extent: [2, 1] }),
    /extent must be finite with min <= max, got \[2, 1\]/,
  );
});
