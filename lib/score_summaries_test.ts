import assert from "node:assert/strict";
import type { AnomalyLabel } from "./anomalies.ts";
import { auc, rocCurve } from "./detection.ts";
import { Random } from "./random.ts";
import { angleProfile, groupHistograms, rocPanels, thinRoc } from "./score_summaries.ts";

const normal: AnomalyLabel = { kind: "normal", severity: 0, normal: true };
const spot: AnomalyLabel = { kind: "spot", severity: 1, normal: false };

function trapezoidArea(points: { fpr: number; tpr: number }[]): number {
  let area = 0;
  for (let i = 1; i < points.length; i++) {
    area += (points[i].fpr - points[i - 1].fpr) * (points[i].tpr + points[i - 1].tpr) / 2;
  }
  return area;
}

Deno.test("thinRoc keeps the ends and stays close to the curve", () => {
  const random = new Random(2);
  const labels = Array.from({ length: 3000 }, (_, i) => i % 4 === 0);
  const scores = labels.map((anomalous) => random.normal() + (anomalous ? 1 : 0));
  const full = rocCurve(scores, labels);
  const thin = thinRoc(full, 0.01);

  assert.ok(thin.length < full.length / 5, `${thin.length} points kept of ${full.length}`);
  assert.deepEqual(thin[0], full[0]);
  assert.deepEqual(thin.at(-1), full.at(-1));
  assert.ok(Math.abs(trapezoidArea(thin) - auc(scores, labels)) < 0.01);
  for (let i = 1; i < thin.length - 1; i++) {
    const step = Math.max(Math.abs(thin[i].fpr - thin[i - 1].fpr), Math.abs(thin[i].tpr - thin[i - 1].tpr));
    assert.ok(step >= 0.01, `step ${step} at kept point ${i}`);
  }
});

Deno.test("thinRoc rejects a step outside (0, 1)", () => {
  assert.throws(() => thinRoc([], 0), /minStep must be/);
  assert.throws(() => thinRoc([], 1), /minStep must be/);
});

Deno.test("groupHistograms bins log scores per group", () => {
  const scores = [0.001, 0.01, 0.1, 0.5, 1e-9, 0];
  const labels = [normal, normal, spot, spot, normal, normal];
  const rows = groupHistograms(scores, labels, { extent: [0.001, 1], bins: 3 });

  assert.deepEqual(rows.map((row) => [row.group, row.count]), [
    ["normal", 3],
    ["normal", 1],
    ["normal", 0],
    ["spot", 0],
    ["spot", 0],
    ["spot", 2],
  ]);
  assert.equal(rows[0].share, 0.75);
  assert.ok(Math.abs(rows[1].start - 0.01) < 1e-12);
  assert.ok(Math.abs(rows[2].end - 1) < 1e-12);
});

Deno.test("groupHistograms rejects bad extents", () => {
  assert.throws(() => groupHistograms([1], [normal], { extent: [0, 1], bins: 3 }), /0 < low < high/);
  assert.throws(() => groupHistograms([1], [normal], { extent: [0.1, 1], bins: 0 }), /bins must be/);
  assert.throws(() => groupHistograms([1, 2], [normal], { extent: [0.1, 1], bins: 2 }), /same length/);
});

Deno.test("angleProfile summarizes each angle bin", () => {
  const degrees = [5, 15, 12, 355, 365];
  const angles = degrees.map((d) => (d * Math.PI) / 180);
  const rows = angleProfile([1, 2, 4, 8, 16], angles, 10);

  assert.equal(rows.length, 36);
  assert.deepEqual([rows[0].count, rows[0].median, rows[0].max], [2, 8.5, 16]);
  assert.deepEqual([rows[1].count, rows[1].median, rows[1].max], [2, 3, 4]);
  assert.deepEqual([rows[35].count, rows[35].max], [1, 8]);
  assert.ok(Number.isNaN(rows[2].median));
  assert.throws(() => angleProfile([1], [0], 7), /divides 360/);
});

Deno.test("rocPanels pools kinds first, then one panel per kind", () => {
  const labels = [normal, normal, spot, { kind: "uniform", severity: 0.5, normal: false } as AnomalyLabel];
  const panels = rocPanels({ a: [0.1, 0.2, 0.3, 0.15], b: [0.4, 0.1, 0.2, 0.3] }, labels, {
    pooledName: "all",
    minStep: 0.001,
  });
  assert.deepEqual(panels.map((panel) => panel.title), ["all", "spot", "uniform"]);
  assert.deepEqual(panels[1].curves.map((curve) => curve.detector), ["a", "b"]);
  assert.deepEqual(panels[1].curves[0].points, rocCurve([0.1, 0.2, 0.3], [false, false, true]));
  assert.deepEqual(panels[0].curves[1].points, rocCurve([0.4, 0.1, 0.2, 0.3], [false, false, true, true]));
  assert.throws(() => rocPanels({ a: [1] }, labels, { pooledName: "all", minStep: 0.01 }), /expected 4/);
});
