import assert from "node:assert/strict";
import { autoencoderDiagram, autoencoderLayout } from "./autoencoder_diagram.ts";
import { compileAndRender } from "./charts/testing.ts";
import { optimalWeights } from "./hand_weights.ts";
import { initialWeights } from "./network.ts";

Deno.test("autoencoderLayout has every weight as an edge", () => {
  const weights = optimalWeights();
  const layout = autoencoderLayout(weights);
  assert.deepEqual(layout.layers.map((layer) => layer.name), [
    "input",
    "L1",
    "L2 (bottleneck)",
    "L3",
    "L4 (output)",
  ]);
  assert.deepEqual(layout.layers.map((layer) => layer.units), [
    ["UL", "UR", "LL", "LR"],
    ["h1", "h2"],
    ["z"],
    ["g1", "g2"],
    ["y1", "y2", "y3", "y4"],
  ]);
  assert.equal(layout.edges.length, 8 + 2 + 2 + 8);
  // Encoder kernel row UR = [-5, 5]; output kernel row g2 = [-1, -1, 1, 1].
  assert.deepEqual(layout.edges.slice(2, 4).map((edge) => [edge.from, edge.to, edge.weight]), [
    [[0, 1], [1, 0], -5],
    [[0, 1], [1, 1], 5],
  ]);
  const fromG2 = layout.edges.filter((edge) => edge.from[0] === 3 && edge.from[1] === 1);
  assert.deepEqual(fromG2.map((edge) => edge.weight), [-1, -1, 1, 1]);
  assert.deepEqual(Array.from(layout.biases![4]!), [15, 0, 0, -15]);
  assert.equal(layout.biases![0], null);
});

Deno.test("autoencoderDiagram renders without warnings", async () => {
  const { svg, warnings } = await compileAndRender(autoencoderDiagram(optimalWeights(), { digits: 0 }));
  assert.deepEqual(warnings, []);
  for (const text of ["L2 (bottleneck)", "b = 15", "b = -15", "-10"]) {
    assert.ok(svg.includes(text), `missing ${text}`);
  }
});

Deno.test("autoencoderLayout rejects a VA and large images", () => {
  assert.throws(() => autoencoderLayout(initialWeights("va", 4, 1)), /draws a CA/);
  assert.throws(() => autoencoderLayout(initialWeights("ca", 1024, 1)), /at most 16 pixels/);
});
