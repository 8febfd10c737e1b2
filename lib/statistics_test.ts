// Reference values come from SciPy 1.17.1 (scipy.stats.norm, scipy.special.erfc
// and kolmogorov, scipy.stats.fisher_exact and kstest) unless a test names another source.
import assert from "node:assert/strict";
import {
  ANDERSON_DARLING_CRITICAL,
  andersonDarlingNormal,
  criticalValue,
  erfc,
  fisherExactTest,
  histogram,
  kolmogorovSmirnovNormal,
  kolmogorovSurvival,
  mean,
  median,
  normalCdf,
  normalPdf,
  normalQuantile,
  normalSurvival,
  quantiles,
  twoProportionZTest,
  wilsonInterval,
} from "./statistics.ts";
import { Random } from "./random.ts";

function assertClose(actual: number, expected: number, relative: number, message?: string): void {
  const error = Math.abs(actual - expected);
  assert.ok(
    error <= relative * Math.abs(expected),
    `${message ?? ""} expected ${expected}, got ${actual} (relative error ${error / Math.abs(expected)})`,
  );
}

Deno.test("erfc matches reference values", () => {
  const cases: [number, number][] = [
    [0.1, 0.8875370839817152],
    [1, 0.15729920705028516],
    [1.9999, 0.00467980209297061],
    [2, 0.004677734981047266],
    [3, 2.2090496998585445e-05],
    [5, 1.5374597944280347e-12],
    [-1, 1.8427007929497148],
  ];
  for (const [x, expected] of cases) assertClose(erfc(x), expected, 1e-13, `erfc(${x})`);
  assert.equal(erfc(0), 1);
  assert.equal(erfc(40), 0);
  assert.ok(Number.isNaN(erfc(NaN)));
});

Deno.test("normalCdf matches table values", () => {
  const cases: [number, number][] = [
    [1.96, 0.9750021048517795],
    [-1, 0.15865525393145707],
    [-3, 0.0013498980316300933],
    [-5, 2.866515718791933e-07],
    [-10, 7.61985302416047e-24],
    [0.5, 0.6914624612740131],
    [2.5, 0.9937903346742238],
  ];
  for (const [x, expected] of cases) assertClose(normalCdf(x), expected, 1e-13, `Phi(${x})`);
  assert.equal(normalCdf(0), 0.5);
});

Deno.test("normalSurvival keeps the upper tail", () => {
  assertClose(normalSurvival(3), 0.0013498980316300933, 1e-13);
  assertClose(normalSurvival(8), 6.22096057427174e-16, 1e-12);
  assert.equal(1 - normalCdf(8) === normalSurvival(8), false, "1 - Phi(8) loses the tail to cancellation");
});

Deno.test("normalPdf at 0 and 1", () => {
  assertClose(normalPdf(0), 1 / Math.sqrt(2 * Math.PI), 1e-15);
  assertClose(normalPdf(1), Math.exp(-0.5) / Math.sqrt(2 * Math.PI), 1e-15);
  assert.equal(normalPdf(-1.3), normalPdf(1.3));
});

Deno.test("normalQuantile matches reference values", () => {
  const cases: [number, number][] = [
    [0.975, 1.959963984540054],
    [0.995, 2.5758293035489004],
    [1e-10, -6.361340902404056],
    [0.3, -0.5244005127080409],
    [0.9999, 3.719016485455709],
  ];
  for (const [p, expected] of cases) assertClose(normalQuantile(p), expected, 1e-12, `quantile(${p})`);
  assert.equal(normalQuantile(0.5), 0);
  assert.equal(normalQuantile(0), -Infinity);
  assert.equal(normalQuantile(1), Infinity);
});

Deno.test("normalQuantile inverts normalCdf", () => {
  // Above x = 3, 1 - Phi(x) keeps too few bits in a double near 1 for a tight check.
  for (const x of [-8, -4.2, -1, -0.01, 0.3, 2, 3]) {
    const p = normalCdf(x);
    assert.ok(Math.abs(normalQuantile(p) - x) < 1e-9 * Math.max(1, Math.abs(x)), `x = ${x}`);
  }
});

Deno.test("normalQuantile rejects probabilities outside [0, 1]", () => {
  assert.throws(() => normalQuantile(1.5), RangeError);
  assert.throws(() => normalQuantile(NaN), RangeError);
});

Deno.test("criticalValue of 95% is 1.96", () => {
  assertClose(criticalValue(0.95), 1.959963984540054, 1e-12);
  assert.throws(() => criticalValue(1), /confidence level/);
  assert.throws(() => criticalValue(95), /0.95 for 95%/);
});

Deno.test("wilsonInterval for 10 of 100", () => {
  const interval = wilsonInterval(10, 100);
  assertClose(interval.lower, 0.0552291370606751, 1e-12);
  assertClose(interval.upper, 0.17436566150491345, 1e-12);
  assert.equal(interval.estimate, 0.1);
  assert.equal(interval.level, 0.95);
});

Deno.test("wilsonInterval at 0 successes starts at 0", () => {
  const interval = wilsonInterval(0, 20);
  assert.equal(interval.lower, 0);
  assertClose(interval.upper, 0.16112515805281938, 1e-12);
  const full = wilsonInterval(20, 20);
  assert.equal(full.upper, 1);
  assertClose(full.lower, 1 - 0.16112515805281938, 1e-12);
});

Deno.test("wilsonInterval at 99%", () => {
  const interval = wilsonInterval(125, 1000, 0.99);
  assertClose(interval.lower, 0.10050841743132055, 1e-12);
  assertClose(interval.upper, 0.1544349562462346, 1e-12);
});

Deno.test("wilsonInterval rejects bad counts", () => {
  assert.throws(() => wilsonInterval(5, 0), /trials must be a positive integer, got 0/);
  assert.throws(() => wilsonInterval(11, 10), /successes must be an integer in \[0, 10\], got 11/);
  assert.throws(() => wilsonInterval(1.5, 10), RangeError);
});

Deno.test("twoProportionZTest against a hand computation", () => {
  const test = twoProportionZTest(125, 1000, 100, 1000);
  assertClose(test.z, 1.7691496414475838, 1e-12);
  assertClose(test.pValue, 0.07686890551568953, 1e-10);
  assert.equal(test.pooled, 0.1125);
  assert.equal(test.proportion1, 0.125);
  assert.equal(test.proportion2, 0.1);
});

Deno.test("twoProportionZTest is antisymmetric", () => {
  const forward = twoProportionZTest(30, 90, 50, 110);
  const backward = twoProportionZTest(50, 110, 30, 90);
  assert.equal(forward.z, -backward.z);
  assert.equal(forward.pValue, backward.pValue);
});

Deno.test("twoProportionZTest with identical extreme samples", () => {
  const test = twoProportionZTest(0, 50, 0, 70);
  assert.equal(test.z, 0);
  assert.equal(test.pValue, 1);
});

Deno.test("fisherExactTest matches reference values", () => {
  assertClose(fisherExactTest(3, 4, 1, 4), 0.48571428571428565, 1e-10);
  assertClose(fisherExactTest(10, 12, 3, 18), 0.0005367241191434357, 1e-9);
  assertClose(fisherExactTest(0, 5, 5, 5), 0.007936507936507938, 1e-10);
  assertClose(fisherExactTest(125, 1000, 100, 1000), 0.08925890413078146, 1e-8);
});

Deno.test("fisherExactTest of equal tables is 1", () => {
  assertClose(fisherExactTest(5, 10, 5, 10), 1, 1e-12);
});

Deno.test("kolmogorovSurvival matches reference values", () => {
  const cases: [number, number][] = [
    [0.5, 0.9639452436648751],
    [0.9, 0.3927307079406543],
    [1.0, 0.26999967167735456],
    [1.2, 0.11224966667072497],
    [1.36, 0.049485876755377876],
    [2.0, 0.0006709252557796953],
  ];
  for (const [x, expected] of cases) assertClose(kolmogorovSurvival(x), expected, 1e-10, `Q(${x})`);
  assert.equal(kolmogorovSurvival(0), 1);
});

Deno.test("kolmogorovSmirnovNormal on a small sample", () => {
  const sample = [-1.2, 0.3, 0.8, -0.1, 2.1, -0.7, 0.05, 1.4];
  const test = kolmogorovSmirnovNormal(sample);
  assertClose(test.statistic, 0.210172162722971, 1e-12);
  assertClose(test.pValue, 0.8715365713299628, 1e-9);
  assert.equal(test.n, 8);
});

Deno.test("kolmogorovSmirnovNormal accepts normal draws and rejects shifted ones", () => {
  const random = new Random(7);
  const normal = Array.from({ length: 2000 }, () => random.normal());
  assert.ok(kolmogorovSmirnovNormal(normal).pValue > 0.01);
  const shifted = normal.map((x) => x + 0.3);
  assert.ok(kolmogorovSmirnovNormal(shifted).pValue < 1e-6);
});

Deno.test("andersonDarlingNormal on a small sample", () => {
  const sample = [-1.2, 0.3, 0.8, -0.1, 2.1, -0.7, 0.05, 1.4];
  assertClose(andersonDarlingNormal(sample), 0.5104691397394827, 1e-12);
});

Deno.test("andersonDarlingNormal flags a scaled sample", () => {
  const random = new Random(8);
  const normal = Array.from({ length: 1000 }, () => random.normal());
  assert.ok(andersonDarlingNormal(normal) < ANDERSON_DARLING_CRITICAL["0.05"]);
  const narrow = normal.map((x) => x * 0.01);
  assert.ok(andersonDarlingNormal(narrow) > ANDERSON_DARLING_CRITICAL["0.01"]);
});

Deno.test("quantiles interpolate like NumPy", () => {
  const sample = [-1.2, 0.3, 0.8, -0.1, 2.1, -0.7, 0.05, 1.4];
  const [q10, q50, q90] = quantiles(sample, [0.1, 0.5, 0.9]);
  assertClose(q10, -0.85, 1e-12);
  assertClose(q50, 0.175, 1e-12);
  assertClose(q90, 1.61, 1e-12);
  assert.deepEqual(quantiles([4, 1, 3], [0, 1]), [1, 4]);
});

Deno.test("median of odd and even samples", () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(median([7]), 7);
});

Deno.test("mean, median and quantiles reject bad input", () => {
  assert.throws(() => median([]), /at least one number/);
  assert.throws(() => mean([1, NaN]), /values\[1\] must be a finite number, got NaN/);
  assert.throws(() => quantiles([1, 2], [1.5]), /in \[0, 1\], got 1.5/);
});

Deno.test("histogram counts, edges and density", () => {
  const result = histogram([0, 0.1, 0.5, 0.99, 1, 2], { bins: 2, from: 0, to: 1 });
  assert.deepEqual(result.bins.map((bin) => bin.count), [2, 3]);
  assert.deepEqual(result.bins.map((bin) => [bin.from, bin.to]), [[0, 0.5], [0.5, 1]]);
  assert.equal(result.above, 1);
  assert.equal(result.below, 0);
  assert.equal(result.n, 6);
  assertClose(result.bins[0].density, 2 / (6 * 0.5), 1e-15);
});

Deno.test("histogram density integrates to one", () => {
  const random = new Random(9);
  const values = Array.from({ length: 5000 }, () => random.normal());
  const result = histogram(values, { bins: 40 });
  const area = result.bins.reduce((sum, bin) => sum + bin.density * (bin.to - bin.from), 0);
  assertClose(area, 1, 1e-12);
  assert.equal(result.bins.reduce((sum, bin) => sum + bin.count, 0), 5000);
});

Deno.test("histogram of equal values widens the range", () => {
  const result = histogram([2, 2, 2], { bins: 1 });
  assert.deepEqual([result.bins[0].from, result.bins[0].to, result.bins[0].count], [1.5, 2.5, 3]);
});

Deno.test("histogram rejects bad bins and ranges", () => {
  assert.throws(() => histogram([1], { bins: 0 }), /bins must be a positive integer, got 0/);
  assert.throws(() => histogram([1], { bins: 3, from: 2, to: 1 }), /from <= to/);
});
