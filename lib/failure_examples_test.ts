import assert from "node:assert/strict";
import { allLayers, compileAndRender, valuesOf } from "./charts/testing.ts";
import { twoByTwoImages } from "./datasets.ts";
import { outcomeExampleChart, outcomeGalleryChart, unitActivityRows } from "./failure_examples.ts";
import { optimalWeights, weightsFromArrays } from "./hand_weights.ts";
import { decode } from "./network.ts";
import { classifyOutcome } from "./outcomes.ts";

const IMAGES = twoByTwoImages();

/**
 * Encoder units relu(UR - 0.5) and relu(UR + LR - UL - 1.5): both are
 * inactive for 0011 and 1010, which reach the bottleneck as its bias -5.
 */
const TWO_DEAD = weightsFromArrays("ca", {
  encoder: { kernel: [[0, -1], [1, 1], [0, 0], [0, 1]], bias: [-0.5, -1.5] },
  bottleneck: { kernel: [[12], [18]], bias: [-5] },
  decoder_hidden: { kernel: [[10, -10]] },
  decoder_output: { kernel: [[-1, 1, -1, 1], [-1, -1, 1, 1]], bias: [15, 0, 0, -15] },
});

Deno.test("unitActivityRows names dead inputs", () => {
  const rows = unitActivityRows(TWO_DEAD, IMAGES);
  assert.deepEqual(rows.map((row) => row.image), ["0011", "1010", "1100", "0101"]);
  assert.deepEqual(rows.map((row) => row.dead_input), [true, true, false, false]);
  assert.deepEqual(rows.map((row) => row.inactive_l1), ["L1.1, L1.2", "L1.1, L1.2", "L1.2", "none"]);
  assert.deepEqual(rows.map((row) => row.z), [-5, -5, 1, 10]);
  // z = -5 leaves only L3.2 = relu(-10 z) active; z = 1 and 10 only L3.1.
  assert.deepEqual(rows.map((row) => row.inactive_l3), ["L3.1", "L3.1", "L3.2", "L3.2"]);
});

Deno.test("unitActivityRows shows the decoded pixels", () => {
  const rows = unitActivityRows(TWO_DEAD, IMAGES);
  rows.forEach((row) => {
    const expected = Array.from(decode(TWO_DEAD, row.z), (value) => value.toFixed(2)).join(" ");
    assert.equal(row.reconstruction, expected);
  });
  assert.equal(unitActivityRows(optimalWeights(), IMAGES)[0].reconstruction, "0.00 0.00 1.00 1.00");
});

Deno.test("unitActivityRows rejects wrong names", () => {
  assert.throws(() => unitActivityRows(TWO_DEAD, IMAGES, ["a"]), /one name per image \(4\), got 1/);
});

Deno.test("outcomeExampleChart captions each image with z", async () => {
  const result = classifyOutcome(TWO_DEAD, IMAGES);
  const spec = outcomeExampleChart(result, IMAGES, { title: "one pair" });
  const { svg, warnings } = await compileAndRender(spec);
  assert.deepEqual(warnings, []);
  for (const caption of ["0011: z = -5.00", "1010: z = -5.00", "1100: z = 1.00", "0101: z = 10.00"]) {
    assert.ok(svg.includes(caption), `missing caption ${caption}`);
  }
  const texts = allLayers(spec).filter((layer) => JSON.stringify(layer.mark).includes("text"))
    .flatMap((layer) => valuesOf(layer).map((value) => value.text));
  assert.ok(texts.includes("input") && texts.includes("reconstruction"));
});

Deno.test("outcomeGalleryChart draws one row per network", async () => {
  const entries = [
    { label: "optimal", result: classifyOutcome(optimalWeights(), IMAGES) },
    { label: "two dead", result: classifyOutcome(TWO_DEAD, IMAGES) },
  ];
  const spec = outcomeGalleryChart(IMAGES, entries);
  const { svg, warnings } = await compileAndRender(spec);
  assert.deepEqual(warnings, []);
  for (const label of ["input", "optimal", "two dead", "0101"]) {
    assert.ok(svg.includes(label), `missing ${label}`);
  }
  const rects = allLayers(spec).filter((layer) => JSON.stringify(layer.mark).includes("rect"));
  assert.equal(valuesOf(rects[0]).length, 3 * 4 * 4);
});

Deno.test("outcomeGalleryChart rejects an empty gallery", () => {
  assert.throws(() => outcomeGalleryChart(IMAGES, []), /at least one network/);
});
