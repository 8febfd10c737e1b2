import assert from "node:assert/strict";
import { lineChart, scatterChart } from "./axes.ts";
import { CHART_FONT, VEGA_LITE_SCHEMA } from "./style.ts";
import { allLayers, compileAndRender, valuesOf } from "./testing.ts";

Deno.test("lineChart draws one line per series", async () => {
  const points = [1, 2, 3].flatMap((
    x,
  ) => [{ x, y: x * x, series: "square" }, { x, y: 2 * x, series: "double" }]);
  const spec = lineChart({ points, xTitle: "epoch", yTitle: "loss", title: "Loss", logY: true });
  assert.equal(spec.$schema, VEGA_LITE_SCHEMA);
  assert.equal((spec.config as { font: string }).font, CHART_FONT);
  const [line] = allLayers(spec);
  const encoding = line.encoding as Record<string, { field?: string; scale?: { type?: string } }>;
  assert.equal(encoding.color.field, "series");
  assert.equal(encoding.y.scale?.type, "log");
  assert.equal(valuesOf(line).length, 6);

  const { svg, warnings } = await compileAndRender(spec);
  assert.deepEqual(warnings, []);
  // tableau10 colours the two series' lines (and their legend symbols).
  assert.equal(svg.match(/<path[^>]*stroke="#4c78a8"/g)?.length, 2);
  assert.equal(svg.match(/<path[^>]*stroke="#f58518"/g)?.length, 2);
  for (const text of ["Loss", "epoch", "loss", "square", "double"]) {
    assert.match(svg, new RegExp(`>${text}<`));
  }
});

Deno.test("lineChart keeps point order", () => {
  const points = [{ x: 0, y: 0 }, { x: 1, y: 1 }, { x: 0.5, y: 1 }];
  const [line] = allLayers(lineChart({ points }));
  assert.deepEqual(valuesOf(line).map((point) => point.order), [0, 1, 2]);
  assert.deepEqual((line.encoding as { order: unknown }).order, { field: "order", type: "quantitative" });
});

Deno.test("lineChart adds diagonal and rules", async () => {
  const spec = lineChart({
    points: [{ x: 0, y: 0 }, { x: 1, y: 1 }],
    diagonal: true,
    rules: [{ x: 0.5, label: "threshold" }, { y: 0.25 }],
  });
  const layers = allLayers(spec);
  assert.equal(layers.length, 1 + 1 + 2 + 1);
  const { svg, warnings } = await compileAndRender(spec);
  assert.deepEqual(warnings, []);
  assert.match(svg, />threshold</);
  assert.throws(() => lineChart({ points: [{ x: 0, y: 0 }], rules: [{ x: 1, y: 1 }] }), /exactly one of x/);
});

Deno.test("lineChart rejects bad points", () => {
  assert.throws(() => lineChart({ points: [] }), /points must not be empty/);
  assert.throws(
    () => lineChart({ points: [{ x: 1, y: NaN }] }),
    /y values\[0\] must be a finite number, got NaN/,
  );
  assert.throws(
    () => lineChart({ points: [{ x: 1, y: 1 }, { x: 2, y: 0 }], logY: true }),
    /points\[1\]\.y is 0, but a log y axis needs values > 0/,
  );
});

Deno.test("scatterChart colours categories and numbers", async () => {
  const nominal = scatterChart({
    points: [{ x: 1, y: 2, colour: "a" }, { x: 2, y: 1, colour: "b" }],
    colourTitle: "class",
  });
  const nominalColour = (allLayers(nominal)[0].encoding as Record<string, { type: string }>).color;
  assert.equal(nominalColour.type, "nominal");

  const numeric = scatterChart({
    points: [{ x: 1, y: 2, colour: 0.1 }, { x: 2, y: 1, colour: 0.9 }],
    logX: true,
  });
  const numericColour =
    (allLayers(numeric)[0].encoding as Record<string, { type: string; scale: unknown }>).color;
  assert.equal(numericColour.type, "quantitative");
  assert.deepEqual(numericColour.scale, { scheme: "viridis" });

  const plain = scatterChart({ points: [{ x: 1, y: 2 }] });
  assert.equal((allLayers(plain)[0].encoding as Record<string, unknown>).color, undefined);

  for (const spec of [nominal, numeric, plain]) {
    const { svg, warnings } = await compileAndRender(spec);
    assert.deepEqual(warnings, []);
    assert.ok(svg.includes("mark-symbol"));
  }
});

Deno.test("scatterChart clips only with fixed domains", () => {
  const points = [{ x: 1, y: 2 }];
  const clip = (spec: Record<string, unknown>) => (allLayers(spec)[0].mark as { clip: boolean }).clip;
  assert.equal(clip(scatterChart({ points })), false);
  assert.equal(clip(scatterChart({ points, xDomain: [0, 1] })), true);
});
