import assert from "node:assert/strict";
import { sliderSweep, type SweepRow } from "./sweep.ts";
import { allLayers, compileAndRender } from "./testing.ts";

/** Four sigmoid outputs over a bottleneck grid from -10 to 10 in steps of 0.5. */
function outputRows(): SweepRow[] {
  const rows: SweepRow[] = [];
  for (let i = 0; i <= 40; i++) {
    const z = -10 + i / 2;
    ["p1", "p2", "p3", "p4"].forEach((series, k) =>
      rows.push({ x: z, series, value: 1 / (1 + Math.exp(k * 2 - z)) })
    );
  }
  return rows;
}

Deno.test("sliderSweep binds a range parameter", () => {
  const spec = sliderSweep({ rows: outputRows(), param: "bottleneck", value: 1, xTitle: "bottleneck value" });
  assert.deepEqual(spec.params, [{
    name: "bottleneck",
    value: 1,
    bind: { input: "range", min: -10, max: 10, step: 0.5, name: "bottleneck value " },
  }]);
  const highlighted = allLayers(spec).filter((layer) =>
    JSON.stringify(layer.transform ?? []).includes("filter")
  );
  assert.equal(highlighted.length, 2);
  assert.match(JSON.stringify(highlighted[0].transform), /abs\(datum\.x - bottleneck\) <= 0\.25/);
});

Deno.test("sliderSweep defaults to the middle point", () => {
  const spec = sliderSweep({ rows: outputRows() });
  const [param] = spec.params as { name: string; value: number }[];
  assert.equal(param.name, "sweep");
  assert.equal(param.value, 0);
});

Deno.test("sliderSweep SVG shows the default values", async () => {
  const { svg, warnings } = await compileAndRender(
    sliderSweep({ rows: outputRows(), param: "z", value: 2, digits: 3 }),
  );
  assert.deepEqual(warnings, []);
  // At z = 2 the outputs are sigmoid(2), sigmoid(0), sigmoid(-2), sigmoid(-4).
  for (const value of [0.881, 0.5, 0.119, 0.018]) assert.match(svg, new RegExp(`>${value.toFixed(3)}<`));
  assert.doesNotMatch(svg, />0\.982</);
});

Deno.test("sliderSweep adds an image panel", async () => {
  const spec = sliderSweep({ rows: outputRows(), param: "z", value: 0, imageSize: 2 });
  assert.equal((spec.hconcat as unknown[]).length, 2);
  const rows =
    (spec.datasets as { sweep_rows: { series: string; row: number; column: number }[] }).sweep_rows;
  assert.deepEqual(rows.slice(0, 4).map((row) => [row.series, row.row, row.column]), [
    ["p1", 0, 0],
    ["p2", 0, 1],
    ["p3", 1, 0],
    ["p4", 1, 1],
  ]);
  const { svg, warnings } = await compileAndRender(spec);
  assert.deepEqual(warnings, []);
  assert.match(svg, />0\.50</);
  assert.throws(
    () => sliderSweep({ rows: outputRows(), imageSize: 3 }),
    /imageSize 3 needs 9 series \(one per pixel\), got 4/,
  );
});

Deno.test("sliderSweep rejects bad input", () => {
  assert.throws(() => sliderSweep({ rows: [] }), /must not be empty/);
  assert.throws(
    () => sliderSweep({ rows: [{ x: 1, series: "a", value: 1 }] }),
    /at least 2 distinct x values, got 1/,
  );
  assert.throws(
    () => sliderSweep({ rows: outputRows(), param: "width" }),
    /param must be a JavaScript identifier other than/,
  );
  assert.throws(
    () => sliderSweep({ rows: outputRows(), param: "a b" }),
    /param must be a JavaScript identifier/,
  );
  assert.throws(
    () => sliderSweep({ rows: outputRows(), value: 11 }),
    /value must be within the grid \[-10, 10\], got 11/,
  );
});
