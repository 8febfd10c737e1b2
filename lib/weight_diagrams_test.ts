import assert from "node:assert/strict";
import { decoderPath, decoderPathDiagram, decoderPathLayout } from "./weight_diagrams.ts";
import { optimalWeights } from "./hand_weights.ts";
import { initialWeights } from "./network.ts";
import { allLayers, compileAndRender, valuesOf } from "./charts/testing.ts";
import { NEGATIVE_COLOUR, POSITIVE_COLOUR } from "./charts/style.ts";

Deno.test("decoderPath reads the report's output 1", () => {
  const path = decoderPath(optimalWeights(), 0);
  assert.deepEqual(path, {
    output: 0,
    hiddenWeights: [10, -10],
    hiddenBiases: [0, 0],
    outputWeights: [-1, -1],
    outputBias: 15,
  });
});

Deno.test("decoderPath reads each output column", () => {
  const weights = optimalWeights();
  assert.deepEqual(decoderPath(weights, 1).outputWeights, [1, -1]);
  assert.deepEqual(decoderPath(weights, 2).outputWeights, [-1, 1]);
  assert.deepEqual(decoderPath(weights, 3).outputWeights, [1, 1]);
  assert.equal(decoderPath(weights, 3).outputBias, -15);
});

Deno.test("decoderPath rejects a missing output", () => {
  assert.throws(() => decoderPath(optimalWeights(), 4), /integer in \[0, 3\], got 4/);
  assert.throws(() => decoderPath(optimalWeights(), -1), /got -1/);
});

Deno.test("decoderPathLayout has one edge per weight", () => {
  const layout = decoderPathLayout(optimalWeights(), 3);
  assert.deepEqual(layout.layers.map((layer) => layer.name), ["bottleneck", "L3", "output 4"]);
  assert.deepEqual(layout.layers[2].units, ["y4"]);
  assert.deepEqual(layout.edges.map((edge) => [edge.from, edge.to, edge.weight]), [
    [[0, 0], [1, 0], 10],
    [[0, 0], [1, 1], -10],
    [[1, 0], [2, 0], 1],
    [[1, 1], [2, 0], 1],
  ]);
  assert.deepEqual(layout.biases, [null, [0, 0], [-15]]);
});

Deno.test("decoderPathDiagram draws learned values", async () => {
  const weights = initialWeights("ca", 4, 3);
  const spec = decoderPathDiagram(weights, 1, { title: "Output 2", digits: 3 });
  const edges = valuesOf(allLayers(spec)[0]);
  const path = decoderPath(weights, 1);
  const expected = [...path.hiddenWeights, ...path.outputWeights];
  assert.deepEqual(edges.map((edge) => edge.text), expected.map((weight) => weight.toFixed(3)));
  assert.deepEqual(
    edges.map((edge) => edge.colour),
    expected.map((weight) => weight >= 0 ? POSITIVE_COLOUR : NEGATIVE_COLOUR),
  );

  const { svg, warnings } = await compileAndRender(spec);
  assert.deepEqual(warnings, []);
  assert.ok(svg.includes("Output 2"));
  assert.ok(svg.includes("b = 0.000"));
});
