import assert from "node:assert/strict";
import {
  auc,
  bootstrapAuc,
  confusionAt,
  detectionRate,
  quantile,
  rocCurve,
  type RocPoint,
  thresholdFromNormal,
} from "./detection.ts";
import { Random } from "./random.ts";

function trapezoidArea(points: RocPoint[]): number {
  let area = 0;
  for (let i = 1; i < points.length; i++) {
    area += (points[i].fpr - points[i - 1].fpr) * (points[i].tpr + points[i - 1].tpr) / 2;
  }
  return area;
}

// Normal scores from N(0, 1), anomalous ones from N(shift, 1), rounded to
// `decimals` so that ties occur.
function noisyScores(count: number, shift: number, seed: number, decimals = 1) {
  const random = new Random(seed);
  const scores: number[] = [];
  const labels: boolean[] = [];
  for (let i = 0; i < count; i++) {
    const anomalous = i % 3 === 0;
    const value = random.normal() + (anomalous ? shift : 0);
    scores.push(Math.round(value * 10 ** decimals) / 10 ** decimals);
    labels.push(anomalous);
  }
  return { scores, labels };
}

Deno.test("auc of separated scores is 1", () => {
  assert.equal(auc([0.1, 0.2, 0.3, 0.7, 0.9], [false, false, false, true, true]), 1);
});

Deno.test("auc of reversed scores is 0", () => {
  assert.equal(auc([0.1, 0.2, 0.3, 0.7, 0.9], [true, true, false, false, false]), 0);
});

Deno.test("auc of identical scores is 0.5", () => {
  assert.equal(auc([2, 2, 2, 2, 2], [true, false, false, true, false]), 0.5);
});

Deno.test("auc counts ties as one half", () => {
  // Anomalous 2 and 3 against normal 1 and 2: wins 2 > 1, 3 > 1, 3 > 2,
  // tie 2 = 2, so (3 + 1/2) / 4.
  assert.equal(auc([1, 2, 2, 3], [false, true, false, true]), 0.875);
});

Deno.test("auc ignores the input order", () => {
  const { scores, labels } = noisyScores(300, 1, 11);
  const order = new Random(12).permutation(scores.length);
  const expected = auc(scores, labels);
  assert.equal(auc(order.map((i) => scores[i]), order.map((i) => labels[i])), expected);
});

Deno.test("auc matches a pairwise count", () => {
  const { scores, labels } = noisyScores(200, 0.8, 13);
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < scores.length; i++) {
    if (!labels[i]) continue;
    for (let j = 0; j < scores.length; j++) {
      if (labels[j]) continue;
      pairs++;
      if (scores[i] > scores[j]) wins++;
      else if (scores[i] === scores[j]) wins += 0.5;
    }
  }
  assert.ok(Math.abs(auc(scores, labels) - wins / pairs) < 1e-12);
});

Deno.test("auc equals trapezoid area of rocCurve", () => {
  for (const [seed, decimals] of [[21, 0], [22, 1], [23, 3]]) {
    const { scores, labels } = noisyScores(500, 1, seed, decimals);
    const area = trapezoidArea(rocCurve(scores, labels));
    assert.ok(
      Math.abs(auc(scores, labels) - area) < 1e-12,
      `seed ${seed}: ${auc(scores, labels)} vs ${area}`,
    );
  }
});

Deno.test("rocCurve of hand-computed case", () => {
  assert.deepEqual(rocCurve([1, 2, 2, 3], [false, true, false, true]), [
    { fpr: 0, tpr: 0, threshold: 3 },
    { fpr: 0, tpr: 0.5, threshold: 2 },
    { fpr: 0.5, tpr: 1, threshold: 1 },
    { fpr: 1, tpr: 1, threshold: -Infinity },
  ]);
});

Deno.test("rocCurve moves ties diagonally", () => {
  assert.deepEqual(rocCurve([5, 5, 5, 5], [true, false, false, true]), [
    { fpr: 0, tpr: 0, threshold: 5 },
    { fpr: 1, tpr: 1, threshold: -Infinity },
  ]);
});

Deno.test("rocCurve runs from (0, 0) to (1, 1)", () => {
  const { scores, labels } = noisyScores(400, 1.5, 31);
  const points = rocCurve(scores, labels);
  assert.deepEqual([points[0].fpr, points[0].tpr], [0, 0]);
  assert.deepEqual([points.at(-1)!.fpr, points.at(-1)!.tpr], [1, 1]);
  assert.equal(points.length, new Set(scores).size + 1);
  for (let i = 1; i < points.length; i++) {
    assert.ok(points[i].fpr >= points[i - 1].fpr, `fpr decreases at point ${i}`);
    assert.ok(points[i].tpr >= points[i - 1].tpr, `tpr decreases at point ${i}`);
    assert.ok(points[i].threshold < points[i - 1].threshold, `threshold not decreasing at point ${i}`);
  }
});

Deno.test("rocCurve thresholds agree with confusionAt", () => {
  const { scores, labels } = noisyScores(300, 1, 32);
  for (const point of rocCurve(scores, labels)) {
    const confusion = confusionAt(scores, labels, point.threshold);
    assert.equal(confusion.falsePositiveRate, point.fpr, `fpr at threshold ${point.threshold}`);
    assert.equal(confusion.recall, point.tpr, `tpr at threshold ${point.threshold}`);
  }
});

Deno.test("rocCurve and auc reject bad input", () => {
  assert.throws(() => rocCurve([1, 2], [true]), /same length, got 2 scores and 1 labels/);
  assert.throws(() => auc([1, 2], [true, true]), /got 2 anomalous and 0 normal/);
  assert.throws(() => auc([1, NaN], [true, false]), /finite numbers, got NaN at index 1/);
  assert.throws(() => rocCurve([1, Infinity], [true, false]), RangeError);
});

Deno.test("auc sorts ten thousand scores fast", () => {
  const { scores, labels } = noisyScores(10_000, 1, 41, 6);
  const start = performance.now();
  const value = auc(scores, labels);
  const elapsed = performance.now() - start;
  assert.ok(value > 0.7, `auc ${value}`);
  assert.ok(value < 0.8, `auc ${value}`);
  assert.ok(elapsed < 1000, `auc took ${elapsed} ms`);
});

Deno.test("bootstrapAuc interval contains the estimate", () => {
  const { scores, labels } = noisyScores(300, 1, 51);
  const interval = bootstrapAuc(scores, labels, { resamples: 500, seed: 7 });
  assert.equal(interval.auc, auc(scores, labels));
  assert.ok(interval.low < interval.auc, `low ${interval.low} >= auc ${interval.auc}`);
  assert.ok(interval.high > interval.auc, `high ${interval.high} <= auc ${interval.auc}`);
  assert.ok(interval.high - interval.low < 0.2, `interval width ${interval.high - interval.low}`);
  assert.equal(interval.level, 0.95);
  assert.equal(interval.resamples, 500);
});

Deno.test("bootstrapAuc is the same for the same seed", () => {
  const { scores, labels } = noisyScores(200, 1, 52);
  const a = bootstrapAuc(scores, labels, { resamples: 200, seed: 8 });
  const b = bootstrapAuc(scores, labels, { resamples: 200, seed: 8 });
  const c = bootstrapAuc(scores, labels, { resamples: 200, seed: 9 });
  assert.deepEqual(a, b);
  assert.notDeepEqual([a.low, a.high], [c.low, c.high]);
});

Deno.test("bootstrapAuc narrows with lower level", () => {
  const { scores, labels } = noisyScores(200, 1, 53);
  const wide = bootstrapAuc(scores, labels, { resamples: 400, seed: 10, level: 0.99 });
  const narrow = bootstrapAuc(scores, labels, { resamples: 400, seed: 10, level: 0.5 });
  assert.ok(wide.low < narrow.low, `low ${wide.low} vs ${narrow.low}`);
  assert.ok(wide.high > narrow.high, `high ${wide.high} vs ${narrow.high}`);
});

Deno.test("bootstrapAuc of separated scores is exactly 1", () => {
  const interval = bootstrapAuc([1, 2, 3, 10, 11], [false, false, false, true, true], {
    resamples: 100,
    seed: 1,
  });
  assert.deepEqual([interval.auc, interval.low, interval.high], [1, 1, 1]);
});

Deno.test("bootstrapAuc keeps both classes", () => {
  // A single anomalous score is drawn in every resample, so no resample has
  // an undefined AUC.
  const interval = bootstrapAuc([1, 2, 3, 4, 2.5], [false, false, false, false, true], {
    resamples: 300,
    seed: 3,
  });
  assert.equal(interval.auc, 0.5);
  assert.ok(interval.low >= 0, `low ${interval.low}`);
  assert.ok(interval.high <= 1, `high ${interval.high}`);
  assert.ok(interval.low < interval.high, `low ${interval.low}, high ${interval.high}`);
});

Deno.test("bootstrapAuc resamples each class", () => {
  // With every score of one class equal, only resampling the other class
  // can move the AUC, so each interval is wider than zero only if that
  // class is resampled.
  const tied = Array.from({ length: 40 }, () => 0);
  const spread = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 1 : -1));
  const yes = tied.map(() => true);
  const no = tied.map(() => false);
  const anomalousSpread = bootstrapAuc([...spread, ...tied], [...yes, ...no], { resamples: 200, seed: 4 });
  const normalSpread = bootstrapAuc([...tied, ...spread], [...yes, ...no], { resamples: 200, seed: 4 });
  assert.equal(anomalousSpread.auc, 0.5);
  assert.equal(normalSpread.auc, 0.5);
  assert.ok(
    anomalousSpread.high - anomalousSpread.low > 0.1,
    `anomalous: ${JSON.stringify(anomalousSpread)}`,
  );
  assert.ok(normalSpread.high - normalSpread.low > 0.1, `normal: ${JSON.stringify(normalSpread)}`);
});

Deno.test("bootstrapAuc rejects bad options", () => {
  const scores = [1, 2, 3];
  const labels = [false, true, true];
  assert.throws(() => bootstrapAuc(scores, labels, { resamples: 0, seed: 1 }), /resamples .* got 0/);
  assert.throws(() => bootstrapAuc(scores, labels, { resamples: 2.5, seed: 1 }), /resamples .* got 2.5/);
  assert.throws(() => bootstrapAuc(scores, labels, { resamples: 10, seed: -1 }), /seed .* got -1/);
  assert.throws(() => bootstrapAuc(scores, labels, { resamples: 10, seed: 1, level: 1 }), /level .* got 1/);
  assert.throws(() => bootstrapAuc(scores, labels, { resamples: 10, seed: 1, level: 0 }), /level .* got 0/);
});

Deno.test("quantile interpolates linearly (type 7)", () => {
  const values = [4, 1, 3, 2, 5];
  assert.equal(quantile(values, 0), 1);
  assert.equal(quantile(values, 1), 5);
  assert.equal(quantile(values, 0.5), 3);
  assert.equal(quantile(values, 0.25), 2);
  assert.equal(quantile(values, 0.9), 4.6);
  assert.equal(quantile([10, 20], 0.25), 12.5);
  assert.equal(quantile([7], 0.99), 7);
});

Deno.test("thresholdFromNormal takes the 0.99 quantile", () => {
  const training = Array.from({ length: 101 }, (_, i) => i / 100);
  assert.ok(Math.abs(thresholdFromNormal(training, 0.99) - 0.99) < 1e-12);
  assert.equal(thresholdFromNormal(training, 0.5), 0.5);
  // With h = 0.99 * 100 = 99 exactly, one of the 101 scores lies above.
  assert.equal(detectionRate(training, thresholdFromNormal(training, 0.99)), 1 / 101);
});

Deno.test("quantile rejects bad input", () => {
  assert.throws(() => quantile([], 0.5), /at least one number/);
  assert.throws(() => quantile([1, 2], 1.5), /quantile must be a number in \[0, 1\], got 1.5/);
  assert.throws(() => quantile([1, 2], NaN), /got NaN/);
  assert.throws(() => thresholdFromNormal([1, NaN], 0.5), /got NaN at index 1/);
});

Deno.test("confusionAt counts a known case", () => {
  const scores = [0.1, 0.5, 0.6, 0.9, 0.3, 0.7];
  const labels = [false, false, true, true, true, false];
  const confusion = confusionAt(scores, labels, 0.5);
  assert.deepEqual(
    [confusion.tp, confusion.fp, confusion.tn, confusion.fn],
    [2, 1, 2, 1],
  );
  assert.equal(confusion.precision, 2 / 3);
  assert.equal(confusion.recall, 2 / 3);
  assert.equal(confusion.f1, 2 / 3);
  assert.equal(confusion.falsePositiveRate, 1 / 3);
});

Deno.test("confusionAt treats equal score as normal", () => {
  const confusion = confusionAt([0.5, 0.5], [true, false], 0.5);
  assert.deepEqual([confusion.tp, confusion.fp, confusion.tn, confusion.fn], [0, 0, 1, 1]);
});

Deno.test("confusionAt gives NaN for zero denominators", () => {
  const nothingFlagged = confusionAt([1, 2], [true, false], 10);
  assert.ok(Number.isNaN(nothingFlagged.precision));
  assert.equal(nothingFlagged.recall, 0);
  assert.equal(nothingFlagged.f1, 0);
  assert.equal(nothingFlagged.falsePositiveRate, 0);

  const onlyNormal = confusionAt([1, 2], [false, false], 10);
  assert.ok(Number.isNaN(onlyNormal.recall));
  assert.ok(Number.isNaN(onlyNormal.f1));
  assert.equal(onlyNormal.falsePositiveRate, 0);

  const onlyAnomalous = confusionAt([1, 2], [true, true], 0);
  assert.ok(Number.isNaN(onlyAnomalous.falsePositiveRate));
  assert.equal(onlyAnomalous.precision, 1);
});

Deno.test("confusionAt rejects bad input", () => {
  assert.throws(() => confusionAt([1], [true, false], 0), /same length/);
  assert.throws(() => confusionAt([1], [true], NaN), /threshold .* got NaN/);
});

Deno.test("detectionRate counts scores above threshold", () => {
  assert.equal(detectionRate([1, 2, 3, 4], 2), 0.5);
  assert.equal(detectionRate([1, 2, 3, 4], 4), 0);
  assert.equal(detectionRate([1, 2, 3, 4], -Infinity), 1);
  assert.throws(() => detectionRate([], 0), /at least one number/);
});
