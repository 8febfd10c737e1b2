import assert from "node:assert/strict";
import { heatmap } from "./heatmap.ts";
import { allLayers, compileAndRender, valuesOf } from "./testing.ts";

Deno.test("heatmap prints values in cells", async () => {
  const cells = ["0.001", "0.01"].flatMap((row, r) =>
    ["8", "32", "128"].map((column, c) => ({ row, column, value: (r * 3 + c) / 5 }))
  );
  const spec = heatmap({ cells, rowTitle: "learning rate", columnTitle: "batch size", digits: 1 });
  const values = valuesOf(spec);
  assert.deepEqual(values.map((cell) => cell.text), ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"]);
  const [rects, texts] = allLayers(spec);
  assert.deepEqual((rects.encoding as Record<string, { scale: unknown }>).color.scale, {
    scheme: "viridis",
    domain: [0, 1],
    clamp: true,
  });
  assert.deepEqual((texts.encoding as Record<string, { condition: unknown }>).color.condition, {
    test: "datum.value >= 0.5",
    value: "black",
  });
  assert.deepEqual((spec.encoding as Record<string, { sort: string[] }>).y.sort, ["0.001", "0.01"]);
  assert.equal(spec.width, 3 * 48);

  const { svg, warnings } = await compileAndRender(spec);
  assert.deepEqual(warnings, []);
  assert.equal(svg.match(/fill="white">0\.[024]</g)?.length, 3);
  assert.equal(svg.match(/fill="black">(0\.[68]|1\.0)</g)?.length, 3);
  for (const text of ["learning rate", "batch size", "128"]) assert.match(svg, new RegExp(`>${text}<`));
});

Deno.test("heatmap rejects bad cells", () => {
  assert.throws(() => heatmap({ cells: [] }), /cells must not be empty/);
  assert.throws(
    () => heatmap({ cells: [{ row: "a", column: "b", value: NaN }] }),
    /cell values\[0\] must be a finite number/,
  );
});
