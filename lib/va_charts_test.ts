import assert from "node:assert/strict";
import { heatmap, histogram } from "./charts.ts";
import { allLayers, compileAndRender, valuesOf } from "./charts/testing.ts";
import { initialWeights } from "./network.ts";
import { panelRow, vaDiagram } from "./va_charts.ts";

Deno.test("vaDiagram draws every weight and the sampling step", () => {
  const weights = initialWeights("va", 4, 3);
  const [edges] = allLayers(vaDiagram(weights, "variance"));
  const rows = valuesOf(edges);
  // 8 encoder, 2 + 2 into a and b, 2 sampling, 2 decoder hidden and 8 output weights.
  assert.equal(rows.length, 24);
  const dashed = rows.filter((row) => JSON.stringify(row.dash) === "[5,4]");
  assert.deepEqual(dashed.map((row) => row.text), ["mean", "s = e^(b/2)"]);
  const encoder = weights.layers[0].kernel;
  assert.equal(rows[0].text, encoder[0].toFixed(1));
  assert.equal(rows[1].text, encoder[1].toFixed(1));
  const std = valuesOf(allLayers(vaDiagram(weights, "std"))[0]);
  assert.ok(std.some((row) => row.text === "s = e^b"));
});

Deno.test("vaDiagram renders without warnings", async () => {
  const { svg, warnings } = await compileAndRender(
    vaDiagram(initialWeights("va", 4, 1), "std", { title: "VA" }),
  );
  assert.deepEqual(warnings, []);
  assert.match(svg, /bottleneck/);
});

Deno.test("vaDiagram rejects a CA and 32x32 weights", () => {
  assert.throws(() => vaDiagram(initialWeights("ca", 4, 1), "variance"), /got a ca with 4 pixels/);
  assert.throws(() => vaDiagram(initialWeights("va", 1024, 1), "variance"), /got a va with 1024 pixels/);
});

Deno.test("panelRow concatenates charts under one title", async () => {
  const first = histogram({ values: [1, 2, 2, 3], title: "left" });
  const second = heatmap({ cells: [{ row: "r", column: "c", value: 1 }], title: "right" });
  const spec = panelRow([first, second], { title: "both" });
  const concat = spec.concat as Record<string, unknown>[];
  assert.equal(concat.length, 2);
  assert.equal(spec.columns, 2);
  for (const panel of concat) {
    assert.equal(panel.$schema, undefined);
    assert.equal(panel.config, undefined);
  }
  assert.deepEqual((concat[0].title as { text: string }).text, "left");
  assert.deepEqual(spec.title, { text: "both" });
  const { warnings } = await compileAndRender(spec);
  assert.deepEqual(warnings, []);
});

Deno.test("panelRow rejects no panels and bad columns", () => {
  assert.throws(() => panelRow([]), /at least one chart, got none/);
  const one = histogram({ values: [1, 2] });
  assert.throws(() => panelRow([one], { columns: 0 }), /columns must be a positive integer, got 0/);
});
