import assert from "node:assert/strict";
import { barChart } from "./bars.ts";
import { allLayers, compileAndRender, valuesOf } from "./testing.ts";

Deno.test("barChart draws error bars and labels", async () => {
  const spec = barChart({
    bars: [
      { category: "optimal", value: 0.13, lower: 0.11, upper: 0.15, series: "this run" },
      { category: "optimal", value: 0.125, series: "report" },
      { category: "all grey", value: 0.35, lower: 0.32, upper: 0.38, series: "this run" },
    ],
    yTitle: "frequency",
    digits: 3,
  });
  const [bars, errors, labels] = allLayers(spec);
  assert.equal((bars.encoding as Record<string, { field: string }>).xOffset.field, "series");
  assert.equal((errors.mark as { type: string }).type, "errorbar");
  assert.equal(valuesOf(errors).length, 2);
  assert.deepEqual(valuesOf(labels).map((label) => label.text), ["0.130", "0.125", "0.350"]);

  const { svg, warnings } = await compileAndRender(spec);
  assert.deepEqual(warnings, []);
  for (const text of ["0.130", "0.125", "optimal", "all grey", "frequency", "report"]) {
    assert.match(svg, new RegExp(`>${text}<`));
  }
});

Deno.test("barChart rejects bad intervals", () => {
  assert.throws(() => barChart({ bars: [] }), /bars must not be empty/);
  assert.throws(() => barChart({ bars: [{ category: "a", value: 1, lower: 0 }] }), /both lower and upper/);
  assert.throws(
    () => barChart({ bars: [{ category: "a", value: 1, lower: 2, upper: 1 }] }),
    /bars\[0\] interval must have lower <= upper, got \[2, 1\]/,
  );
});
