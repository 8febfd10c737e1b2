import assert from "node:assert/strict";
import { intervalMap, type IntervalMapRow } from "./intervals.ts";
import { NEGATIVE_COLOUR } from "./style.ts";
import { allLayers, compileAndRender, valuesOf } from "./testing.ts";
import { viridisHex } from "../colormap.ts";

const ROWS: IntervalMapRow[] = [
  {
    label: "output 1",
    intervals: [
      { from: -Infinity, to: -1.5, output: 0 },
      { from: -1.5, to: 1.5, output: 1 },
      { from: 1.5, to: Infinity, output: 0 },
    ],
    compare: [-1.4, 1.6],
  },
  {
    label: "output 2",
    intervals: [
      { from: -Infinity, to: 0, output: 0 },
      { from: 0, to: 0, output: 1 },
      { from: 0, to: Infinity, output: 0 },
    ],
  },
];

function map() {
  return intervalMap({
    rows: ROWS,
    domain: [-5, 5],
    markers: [{ z: -4, label: "0011" }, { z: 0.1, label: "1010" }, { z: 0.3, label: "1100" }, {
      z: 9,
      label: "far",
    }],
    title: "Interval map",
  });
}

Deno.test("intervalMap clips bands to the domain", () => {
  const bands = valuesOf(allLayers(map())[0]);
  assert.deepEqual(bands.map((band) => [band.row, band.from, band.to, band.output]), [
    ["output 1", -5, -1.5, "0"],
    ["output 1", -1.5, 1.5, "1"],
    ["output 1", 1.5, 5, "0"],
    // The single point with output 1 has no width, so only its tick shows it.
    ["output 2", -5, 0, "0"],
    ["output 2", 0, 5, "0"],
  ]);
  const colour = (allLayers(map())[0].encoding as Record<string, { scale: { range: string[] } }>).color;
  assert.deepEqual(colour.scale.range, [viridisHex(0), viridisHex(1)]);
});

Deno.test("intervalMap ticks every finite end", () => {
  const ticks = valuesOf(allLayers(map())[1]);
  assert.deepEqual(ticks, [
    { row: "output 1", z: -1.5 },
    { row: "output 1", z: 1.5 },
    { row: "output 2", z: 0 },
  ]);
});

Deno.test("intervalMap draws compared thresholds", () => {
  const layers = allLayers(map());
  const triangles = layers[2];
  assert.equal((triangles.mark as { color: string }).color, NEGATIVE_COLOUR);
  assert.deepEqual(valuesOf(triangles), [{ row: "output 1", z: -1.4 }, { row: "output 1", z: 1.6 }]);
  const withoutCompare = allLayers(intervalMap({ rows: [ROWS[1]], domain: [-1, 1] }));
  assert.equal(withoutCompare.length, 2);
});

Deno.test("intervalMap stacks close marker labels", () => {
  const layers = allLayers(map());
  const labels = valuesOf(layers[layers.length - 1]);
  // The marker outside the domain is dropped; the two close ones get different lines.
  assert.deepEqual(labels.map((label) => [label.label, label.level]), [["0011", 0], ["1010", 0], [
    "1100",
    1,
  ]]);
  assert.deepEqual(labels.map((label) => label.labelY), [-2, -2, -14]);
});

Deno.test("intervalMap renders without warnings", async () => {
  const { svg, warnings } = await compileAndRender(map());
  assert.deepEqual(warnings, []);
  for (const text of ["Interval map", "output 1", "1100", "Heaviside output"]) {
    assert.ok(svg.includes(text), text);
  }
});

Deno.test("intervalMap rejects bad input", () => {
  assert.throws(() => intervalMap({ rows: [], domain: [0, 1] }), /at least one output/);
  assert.throws(() => intervalMap({ rows: ROWS, domain: [1, 1] }), /min < max, got \[1, 1\]/);
  assert.throws(() => intervalMap({ rows: ROWS, domain: [0, Infinity] }), /domain\[1\] must be a finite/);
  assert.throws(
    () =>
      intervalMap({ rows: [{ label: "a", intervals: [{ from: NaN, to: 1, output: 1 }] }], domain: [0, 1] }),
    /rows\[0\].intervals\[0\] has a NaN end/,
  );
  assert.throws(
    () => intervalMap({ rows: ROWS, domain: [0, 1], rowHeight: 0 }),
    /rowHeight must be a positive/,
  );
});
