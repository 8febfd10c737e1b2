import assert from "node:assert/strict";
import type { AnomalyLabel } from "./anomalies.ts";
import { auc } from "./detection.ts";
import {
  ALL_KINDS,
  angleRangeRows,
  aucRows,
  medianRows,
  severityRows,
  smallestDetected,
  thresholdRows,
} from "./detection_report.ts";

const normal: AnomalyLabel = { kind: "normal", severity: 0, normal: true };
const spot = (severity: number): AnomalyLabel => ({ kind: "spot", severity, normal: false });
const uniform = (severity: number): AnomalyLabel => ({ kind: "uniform", severity, normal: false });

// Four normal images, two uniform images, two spots (listed after the uniform images on purpose).
const labels = [normal, normal, normal, normal, uniform(0.5), uniform(0.5), spot(1), spot(2)];
const perfect = [0.1, 0.2, 0.3, 0.4, 0.9, 0.8, 0.7, 0.6];
const mixed = [0.1, 0.2, 0.3, 0.4, 0.05, 0.8, 0.35, 0.6];

Deno.test("aucRows pools kinds first, then kinds in ANOMALY_KINDS order", () => {
  const rows = aucRows({ perfect, mixed }, labels, { resamples: 50, seed: 1 });
  assert.deepEqual(rows.map((row) => [row.kind, row.detector]), [
    [ALL_KINDS, "perfect"],
    [ALL_KINDS, "mixed"],
    ["spot", "perfect"],
    ["spot", "mixed"],
    ["uniform", "perfect"],
    ["uniform", "mixed"],
  ]);
});

Deno.test("aucRows compares each kind with all normal images", () => {
  const rows = aucRows({ perfect, mixed }, labels, { resamples: 50, seed: 1 });
  const row = (kind: string, detector: string) =>
    rows.find((r) => r.kind === kind && r.detector === detector)!;
  assert.equal(row(ALL_KINDS, "perfect").auc, 1);
  assert.equal(
    row("spot", "mixed").auc,
    auc([0.1, 0.2, 0.3, 0.4, 0.35, 0.6], [false, false, false, false, true, true]),
  );
  assert.equal(row("uniform", "mixed").auc, 0.5);
  assert.equal(row("spot", "mixed").anomalous, 2);
  assert.equal(row("spot", "mixed").normal, 4);
  for (const r of rows) {
    assert.ok(
      r.low <= r.auc && r.auc <= r.high,
      `${r.kind} ${r.detector}: ${r.low} <= ${r.auc} <= ${r.high}`,
    );
  }
});

Deno.test("aucRows is reproducible per seed", () => {
  const first = aucRows({ mixed }, labels, { resamples: 40, seed: 3 });
  const again = aucRows({ mixed }, labels, { resamples: 40, seed: 3 });
  assert.deepEqual(first, again);
});

Deno.test("aucRows rejects unaligned scores", () => {
  assert.throws(
    () => aucRows({ short: [1, 2] }, labels, { resamples: 10, seed: 1 }),
    /"short" have 2 values/,
  );
  assert.throws(() => aucRows({}, labels, { resamples: 10, seed: 1 }), /at least one detector/);
});

Deno.test("thresholdRows takes the threshold from training scores", () => {
  const training = { mixed: [0, 0.1, 0.2, 0.3, 0.4] };
  const [row] = thresholdRows(training, { mixed }, labels, 0.5);
  assert.equal(row.threshold, 0.2);
  // Above 0.2: normal 0.3, 0.4; anomalous 0.8, 0.35, 0.6.
  assert.deepEqual([row.tp, row.fp, row.tn, row.fn], [3, 2, 2, 1]);
  assert.equal(row.precision, 3 / 5);
  assert.equal(row.recall, 3 / 4);
  assert.equal(row.falseAlarmRate, 2 / 4);
  assert.throws(() => thresholdRows({}, { mixed }, labels, 0.5), /no scores for detector "mixed"/);
});

Deno.test("severityRows groups by kind and increasing severity", () => {
  const sweep = [normal, spot(2), spot(1), spot(2), spot(1), uniform(0)];
  const scores = { model: [5, 0.9, 0.1, 0.2, 0.6, 0.7] };
  const rows = severityRows(scores, sweep, { model: 0.5 });
  assert.deepEqual(
    rows.map((row) => [row.kind, row.severity, row.count, row.detected]),
    [["spot", 1, 2, 1], ["spot", 2, 2, 1], ["uniform", 0, 1, 1]],
  );
  assert.equal(rows[0].rate, 0.5);
  assert.ok(rows[0].low < 0.5);
  assert.ok(rows[0].high > 0.5);
  assert.throws(() => severityRows(scores, sweep, {}), /no number for detector "model"/);
});

Deno.test("smallestDetected finds the first severity at the rate", () => {
  const sweep = [spot(1), spot(1), spot(2), spot(2), spot(3), spot(3)];
  const rows = severityRows({ weak: [0, 0, 0, 0, 0, 1], strong: [0, 1, 1, 1, 1, 1] }, sweep, {
    weak: 0.5,
    strong: 0.5,
  });
  assert.deepEqual(smallestDetected(rows, 0.5), [
    { kind: "spot", detector: "weak", severity: 3, rate: 0.5, largestTested: 3 },
    { kind: "spot", detector: "strong", severity: 1, rate: 0.5, largestTested: 3 },
  ]);
  assert.deepEqual(smallestDetected(rows, 0.75).map((row) => row.severity), [null, 2]);
  assert.throws(() => smallestDetected(rows, 0), /minRate must be/);
});

Deno.test("medianRows splits normal and anomalous scores", () => {
  const [perfectRow] = medianRows({ perfect: [0, 1, 2] }, { perfect }, labels);
  assert.equal(perfectRow.training, 1);
  assert.equal(perfectRow.normal, 0.25);
  assert.equal(perfectRow.anomalous, 0.75);
  assert.throws(() => medianRows({}, { perfect }, labels), /no scores for detector "perfect"/);
});

Deno.test("angleRangeRows compares inside and outside the range", () => {
  const radians = (degrees: number) => (degrees * Math.PI) / 180;
  // Training: two images at 60 degrees score high; the rest score low.
  const trainingAngles = [10, 60, 62, 100, 200, 300].map(radians);
  const training = { model: [0.1, 0.9, 0.8, 0.2, 0.1, 0.2] };
  // Test: normal images at 50, 55, 120, 240 degrees; anomalies score 0.5 and 0.95.
  const testAngles = [50, 55, 120, 240].map(radians);
  const testLabels = [normal, normal, normal, normal, spot(1), spot(1)];
  const test = { model: [0.85, 0.1, 0.3, 0.1, 0.5, 0.95] };
  const [row] = angleRangeRows(training, test, testLabels, {
    trainingAngles,
    testAngles,
    range: [45, 75],
    quantile: 1,
  });

  assert.equal(row.threshold, 0.9);
  assert.equal(row.thresholdOutside, 0.2);
  assert.equal(row.falseAlarmsInside, 0);
  assert.equal(row.falseAlarmsOutside, 0);
  assert.equal(row.recall, 0.5);
  assert.equal(row.recallOutside, 1);
});

Deno.test("angleRangeRows flags false alarms by range", () => {
  const radians = (degrees: number) => (degrees * Math.PI) / 180;
  const testLabels = [normal, normal, normal, normal, spot(1)];
  const [row] = angleRangeRows({ model: [0, 0.5] }, { model: [0.9, 0.1, 0.9, 0.1, 1] }, testLabels, {
    trainingAngles: [0, 1],
    testAngles: [60, 70, 100, 400].map(radians),
    range: [45, 75],
    quantile: 1,
  });
  assert.equal(row.falseAlarmsInside, 0.5);
  assert.equal(row.falseAlarmsOutside, 0.5);
});

Deno.test("angleRangeRows rejects bad input", () => {
  const options = {
    trainingAngles: [0],
    testAngles: [0, 0, 0, 0],
    range: [45, 75] as [number, number],
    quantile: 1,
  };
  assert.throws(
    () => angleRangeRows({ mixed: [0] }, { mixed }, labels, { ...options, range: [75, 45] }),
    /range must/,
  );
  assert.throws(
    () => angleRangeRows({ mixed: [0] }, { mixed }, labels, { ...options, testAngles: [0] }),
    /1 angles/,
  );
  assert.throws(
    () => angleRangeRows({ mixed: [0, 1] }, { mixed }, labels, options),
    /one score per training angle/,
  );
});
