import assert from "node:assert/strict";
import { networkDiagram } from "./network.ts";
import { NEGATIVE_COLOUR, POSITIVE_COLOUR } from "./style.ts";
import { allLayers, compileAndRender, valuesOf } from "./testing.ts";

/** Builds the decoder path of figures 4 to 7: bottleneck -> 2 hidden neurons -> one output neuron. */
function decoderPath() {
  return networkDiagram({
    layers: [
      { name: "bottleneck", units: ["z"] },
      { name: "hidden", units: ["h1", "h2"] },
      { name: "output", units: ["y1"] },
    ],
    edges: [
      { from: [0, 0], to: [1, 0], weight: 1.234 },
      { from: [0, 0], to: [1, 1], weight: -0.5 },
      { from: [1, 0], to: [2, 0], weight: 10 },
      { from: [1, 1], to: [2, 0], weight: -10 },
    ],
    biases: [null, [0.1, -0.3], [0.5]],
    title: "Output neuron 1",
  });
}

Deno.test("networkDiagram colours edges by sign", () => {
  const [edges] = allLayers(decoderPath());
  const rows = valuesOf(edges);
  assert.deepEqual(rows.map((row) => row.colour), [
    POSITIVE_COLOUR,
    NEGATIVE_COLOUR,
    POSITIVE_COLOUR,
    NEGATIVE_COLOUR,
  ]);
  assert.deepEqual(rows.map((row) => row.text), ["1.23", "-0.50", "10.00", "-10.00"]);
});

Deno.test("networkDiagram widens edges with weight", () => {
  const [edges] = allLayers(decoderPath());
  const widths = valuesOf(edges).map((row) => row.width as number);
  assert.equal(widths[2], 5);
  assert.equal(widths[3], 5);
  assert.equal(widths[1], 0.96); // 0.75 + 4.25 * 0.05, rounded to 1/100 pixel
  assert.ok(widths[0] > widths[1]);
});

Deno.test("networkDiagram places neurons in columns", () => {
  const [edges, circles] = allLayers(decoderPath());
  const units = valuesOf(circles);
  assert.deepEqual(units.map((unit) => unit.text), ["z", "h1", "h2", "y1"]);
  assert.deepEqual(units.map((unit) => unit.bias), ["", "b = 0.10", "b = -0.30", "b = 0.50"]);
  // The single bottleneck neuron sits halfway between the two hidden ones, one column to the left.
  assert.equal(units[0].y, ((units[1].y as number) + (units[2].y as number)) / 2);
  assert.equal((units[1].x as number) - (units[0].x as number), 170);
  const first = valuesOf(edges)[0];
  assert.deepEqual([first.x, first.y, first.x2, first.y2], [units[0].x, units[0].y, units[1].x, units[1].y]);
});

Deno.test("networkDiagram renders labels", async () => {
  const { svg, warnings } = await compileAndRender(decoderPath());
  assert.deepEqual(warnings, []);
  for (
    const text of [
      "Output neuron 1",
      "bottleneck",
      "hidden",
      "output",
      "z",
      "h1",
      "y1",
      "1.23",
      "-10.00",
      "b = -0.30",
    ]
  ) {
    assert.match(svg, new RegExp(`>${text}<`), text);
  }
  assert.match(svg, new RegExp(`stroke="${POSITIVE_COLOUR}" stroke-width="5"`));
});

Deno.test("networkDiagram staggers weight labels", () => {
  const spec = networkDiagram({
    layers: [{ name: "in", units: ["a", "b"] }, { name: "out", units: ["c", "d"] }],
    edges: [
      { from: [0, 0], to: [1, 1], weight: 1 },
      { from: [0, 1], to: [1, 0], weight: 1, dashed: true, label: "sampled" },
    ],
  });
  const rows = valuesOf(allLayers(spec)[0]);
  // The two lines cross at their midpoint; their labels sit at 0.7 and 0.3 of the way instead.
  assert.equal(rows[0].labelX, (rows[0].x as number) + 0.7 * 170);
  assert.equal(rows[1].labelX, (rows[1].x as number) + 0.3 * 170);
  assert.equal(rows[1].text, "sampled");
  assert.deepEqual(rows[1].dash, [5, 4]);
});

Deno.test("networkDiagram rejects bad edges", () => {
  const layers = [{ name: "in", units: ["a"] }, { name: "out", units: ["b"] }];
  assert.throws(
    () => networkDiagram({ layers, edges: [{ from: [0, 0], to: [2, 0], weight: 1 }] }),
    /edges\[0\]\.to layer must be an index in 0..1, got 2/,
  );
  assert.throws(
    () => networkDiagram({ layers, edges: [{ from: [0, 1], to: [1, 0], weight: 1 }] }),
    /edges\[0\]\.from unit must be an index in 0..0 of layer "in", got 1/,
  );
  assert.throws(
    () => networkDiagram({ layers, edges: [{ from: [0, 0], to: [1, 0], weight: NaN }] }),
    /edges\[0\]\.weight must be finite, got NaN/,
  );
  assert.throws(
    () => networkDiagram({ layers, edges: [], biases: [null, [1, 2]] }),
    /biases\[1\] must have 1 values, got 2/,
  );
  assert.throws(() => networkDiagram({ layers: [], edges: [] }), /at least one layer/);
});
