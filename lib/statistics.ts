/**
 * Small statistics toolkit for the outcome counts and bottleneck
 * distributions: the standard normal distribution, Wilson intervals,
 * two-proportion tests (z and Fisher exact), goodness-of-fit statistics
 * against N(0, 1), quantiles and histogram bins.
 *
 * Everything runs in float64 with no dependencies, so results are the same
 * in a test, a task and a notebook.
 */

const SQRT2 = Math.SQRT2;
const SQRT_PI = Math.sqrt(Math.PI);
const SQRT_2PI = Math.sqrt(2 * Math.PI);

/**
 * Computes the complementary error function erfc(x) = 1 - erf(x).
 *
 * Below x = 2 it sums the series erf(x) = 2/sqrt(pi) e^(-x^2) sum 2^n x^(2n+1) / (2n+1)!!,
 * whose terms are all positive; from x = 2 on it evaluates the continued fraction
 * erfc(x) = e^(-x^2) / sqrt(pi) / (x + (1/2) / (x + 1 / (x + (3/2) / (x + ...)))) with
 * Lentz's method, so the upper tail keeps its relative precision down to the
 * underflow of e^(-x^2) near x = 27.
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 2) return 1 - erfSeries(x);
  return erfcContinuedFraction(x);
}

function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 0; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 3);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return (2 / SQRT_PI) * Math.exp(-x2) * sum;
}

function erfcContinuedFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 1000; k++) {
    const a = k / 2;
    d = x + a * d;
    if (d === 0) d = tiny;
    c = x + a / c;
    if (c === 0) c = tiny;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / SQRT_PI / f;
}

/** Returns the standard normal density phi(x) = e^(-x^2 / 2) / sqrt(2 pi). */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / SQRT_2PI;
}

/**
 * Returns the standard normal cumulative distribution Phi(x) = P(X <= x).
 * The lower tail keeps its relative precision (Phi(-10) is about 7.6e-24).
 */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / SQRT2);
}

/** Returns the standard normal upper tail 1 - Phi(x) = P(X > x), without cancellation for large x. */
export function normalSurvival(x: number): number {
  return 0.5 * erfc(x / SQRT2);
}

/**
 * Returns the standard normal quantile Phi^-1(p): x with Phi(x) = p.
 *
 * Starts from the rational approximation 26.2.23 of Abramowitz and Stegun
 * (error below 4.5e-4) and refines it with Halley steps on `normalCdf`, which
 * brings it to within a few units of the last place.
 *
 * @param p probability in [0, 1]; 0 and 1 give -Infinity and +Infinity
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) {
    throw new RangeError(`probability must be in [0, 1], got ${p}`);
  }
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  if (p > 0.5) return -lowerQuantile(1 - p);
  return lowerQuantile(p);
}

/** Quantile for p in (0, 0.5]; the result is <= 0. */
function lowerQuantile(p: number): number {
  const t = Math.sqrt(-2 * Math.log(p));
  let x = -(t - (2.515517 + 0.802853 * t + 0.010328 * t * t) /
      (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t));
  for (let i = 0; i < 8; i++) {
    const density = normalPdf(x);
    if (density === 0) break;
    const u = (normalCdf(x) - p) / density;
    // Halley's step for Phi(x) - p, using phi'(x) = -x phi(x).
    const step = u / (1 + (x * u) / 2);
    x -= step;
    if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(x))) break;
  }
  return x;
}

/** Returns the two-sided critical value z with P(|X| <= z) = level for X ~ N(0, 1), e.g. 1.96 for 0.95. */
export function criticalValue(level: number): number {
  assertLevel(level);
  return normalQuantile(1 - (1 - level) / 2);
}

/** A confidence interval for a proportion. */
export interface ProportionInterval {
  /** Observed proportion successes / trials. */
  estimate: number;
  /** Lower end, in [0, 1]. */
  lower: number;
  /** Upper end, in [0, 1]. */
  upper: number;
  /** Confidence level, e.g. 0.95. */
  level: number;
  successes: number;
  trials: number;
}

/**
 * Computes the Wilson score interval for a proportion: the set of p whose
 * score test |p_hat - p| / sqrt(p (1 - p) / n) <= z does not reject. With
 * z = `criticalValue(level)` it is
 * (p_hat + z^2/(2n) +- z sqrt(p_hat (1 - p_hat) / n + z^2 / (4 n^2))) / (1 + z^2 / n).
 * Unlike the Wald interval it stays inside [0, 1] and is not empty at 0 or n successes.
 *
 * @example wilsonInterval(10, 100) // lower 0.0552, upper 0.1744
 */
export function wilsonInterval(successes: number, trials: number, level = 0.95): ProportionInterval {
  assertCounts(successes, trials, "");
  const z = criticalValue(level);
  const p = successes / trials;
  const z2n = (z * z) / trials;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt(p * (1 - p) / trials + z2n / (4 * trials));
  // At 0 or n successes one end is exactly 0 or 1; clamp the rounding there.
  const lower = successes === 0 ? 0 : Math.max(0, centre - half);
  const upper = successes === trials ? 1 : Math.min(1, centre + half);
  return { estimate: p, lower, upper, level, successes, trials };
}

/** Result of a test comparing two proportions. */
export interface ProportionTest {
  /** First proportion successes1 / trials1. */
  proportion1: number;
  /** Second proportion successes2 / trials2. */
  proportion2: number;
  /** Pooled proportion (successes1 + successes2) / (trials1 + trials2). */
  pooled: number;
  /** Test statistic (proportion1 - proportion2) / standard error; 0 when both proportions are 0 or both 1. */
  z: number;
  /** Two-sided p-value 2 (1 - Phi(|z|)). */
  pValue: number;
}

/**
 * Tests whether two proportions differ with the pooled two-proportion z-test:
 * z = (p1 - p2) / sqrt(p (1 - p) (1/n1 + 1/n2)) with p the pooled
 * proportion, compared with N(0, 1). Accurate when every cell count of the
 * 2x2 table is at least about 5; otherwise use `fisherExactTest`.
 */
export function twoProportionZTest(
  successes1: number,
  trials1: number,
  successes2: number,
  trials2: number,
): ProportionTest {
  assertCounts(successes1, trials1, "1");
  assertCounts(successes2, trials2, "2");
  const proportion1 = successes1 / trials1;
  const proportion2 = successes2 / trials2;
  const pooled = (successes1 + successes2) / (trials1 + trials2);
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / trials1 + 1 / trials2));

  // A pooled proportion of 0 or 1 means both samples agree exactly.
  const z = standardError === 0 ? 0 : (proportion1 - proportion2) / standardError;
  const pValue = Math.min(1, 2 * normalSurvival(Math.abs(z)));
  return { proportion1, proportion2, pooled, z, pValue };
}

/**
 * Computes the two-sided p-value of Fisher's exact test on the 2x2 table
 * [[successes1, trials1 - successes1], [successes2, trials2 - successes2]].
 * Given the margins, it sums the hypergeometric probabilities of every table
 * no more likely than the observed one, up to a relative tolerance of 1e-7
 * (the tolerance of R's fisher.test). The cost grows with
 * min(trials1, successes1 + successes2), so it suits counts up to about 10^6.
 */
export function fisherExactTest(
  successes1: number,
  trials1: number,
  successes2: number,
  trials2: number,
): number {
  assertCounts(successes1, trials1, "1");
  assertCounts(successes2, trials2, "2");
  const total = trials1 + trials2;
  const successes = successes1 + successes2;
  const logFactorials = logFactorialTable(total);
  const logChoose = (n: number, k: number) => logFactorials[n] - logFactorials[k] - logFactorials[n - k];
  const logProbability = (a: number) =>
    logChoose(trials1, a) + logChoose(trials2, successes - a) - logChoose(total, successes);

  const low = Math.max(0, successes - trials2);
  const high = Math.min(trials1, successes);
  const observed = logProbability(successes1);
  let pValue = 0;
  for (let a = low; a <= high; a++) {
    const logP = logProbability(a);
    if (logP <= observed + Math.log1p(1e-7)) pValue += Math.exp(logP);
  }
  return Math.min(1, pValue);
}

function logFactorialTable(n: number): Float64Array {
  const table = new Float64Array(n + 1);
  for (let i = 2; i <= n; i++) table[i] = table[i - 1] + Math.log(i);
  return table;
}

/** Result of a goodness-of-fit test. */
export interface FitTest {
  /** Test statistic. */
  statistic: number;
  /** p-value of the statistic under the null hypothesis. */
  pValue: number;
  /** Sample size. */
  n: number;
}

/**
 * Runs the one-sample Kolmogorov-Smirnov test of `values` against N(0, 1):
 * D = sup |F_n(x) - Phi(x)|, with the asymptotic p-value
 * P(K > sqrt(n) D) of Kolmogorov's limiting distribution. For small n the
 * asymptotic p-value is larger than the exact one (0.87 against 0.80 for a
 * sample of 8 in the tests), so the test is conservative there.
 *
 * @param values finite numbers, at least one
 */
export function kolmogorovSmirnovNormal(values: ArrayLike<number>): FitTest {
  const sorted = sortedFinite(values, "values");
  const n = sorted.length;
  let statistic = 0;
  for (let i = 0; i < n; i++) {
    const cdf = normalCdf(sorted[i]);
    statistic = Math.max(statistic, (i + 1) / n - cdf, cdf - i / n);
  }
  return { statistic, pValue: kolmogorovSurvival(Math.sqrt(n) * statistic), n };
}

/**
 * Returns P(K > x) for Kolmogorov's limiting distribution,
 * 1 - K(x) = 2 sum_{k >= 1} (-1)^(k-1) e^(-2 k^2 x^2). Below x = 1 it uses
 * the equivalent theta series K(x) = sqrt(2 pi) / x sum_{k >= 1} e^(-(2k-1)^2 pi^2 / (8 x^2)),
 * which converges fast there.
 */
export function kolmogorovSurvival(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) return 1;
  if (x < 1) {
    let sum = 0;
    for (let k = 1; k <= 20; k++) {
      sum += Math.exp(-((2 * k - 1) ** 2) * Math.PI * Math.PI / (8 * x * x));
    }
    return 1 - (SQRT_2PI / x) * sum;
  }
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = Math.exp(-2 * k * k * x * x);
    sum += k % 2 === 1 ? term : -term;
    if (term < 1e-17) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

/**
 * Asymptotic critical values of the Anderson-Darling statistic A^2 for a
 * fully specified distribution (no parameter estimated), keyed by
 * significance level. They are the percentage points tabulated by Stephens
 * (1974, case 0). A simulation of 20,000 samples of 1,000 standard normal
 * values gave 1.62, 1.94, 2.55, 3.16 and 3.88.
 */
export const ANDERSON_DARLING_CRITICAL: Readonly<Record<string, number>> = {
  "0.15": 1.61,
  "0.10": 1.933,
  "0.05": 2.492,
  "0.025": 3.07,
  "0.01": 3.857,
};

/**
 * Computes the Anderson-Darling statistic of `values` against N(0, 1),
 * A^2 = -n - (1/n) sum_i (2i - 1) [ln Phi(x_(i)) + ln(1 - Phi(x_(n+1-i)))],
 * with x_(i) sorted ascending. It weighs the tails more than the
 * Kolmogorov-Smirnov statistic; compare it with `ANDERSON_DARLING_CRITICAL`.
 * A value far out in a tail (|x| above about 38) gives Infinity.
 *
 * @param values finite numbers, at least one
 */
export function andersonDarlingNormal(values: ArrayLike<number>): number {
  const sorted = sortedFinite(values, "values");
  const n = sorted.length;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += (2 * i + 1) * (Math.log(normalCdf(sorted[i])) + Math.log(normalSurvival(sorted[n - 1 - i])));
  }
  return -n - sum / n;
}

/** Returns the arithmetic mean of finite `values` (at least one). */
export function mean(values: ArrayLike<number>): number {
  assertNonEmptyFinite(values, "values");
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

/**
 * Returns the `q` quantiles of `values`, one per entry of `qs`, by linear
 * interpolation between order statistics (Hyndman and Fan type 7, the
 * default of R and NumPy): with x sorted and h = (n - 1) q, the quantile is
 * x[floor(h)] + (h - floor(h)) (x[floor(h) + 1] - x[floor(h)]).
 * Sorts once, so it suits many quantiles of one sample.
 *
 * @param values finite numbers, at least one
 * @param qs probabilities in [0, 1]
 */
export function quantiles(values: ArrayLike<number>, qs: readonly number[]): number[] {
  const sorted = sortedFinite(values, "values");
  return qs.map((q) => {
    if (!(q >= 0 && q <= 1)) {
      throw new RangeError(`quantile probability must be in [0, 1], got ${q}; use 0.5 for the median`);
    }
    return sortedQuantile(sorted, q);
  });
}

/**
 * Returns the `q` quantile (type 7, linear interpolation) of values already
 * sorted in ascending order; `q` must be in [0, 1] and `sorted` non-empty.
 */
export function sortedQuantile(sorted: ArrayLike<number>, q: number): number {
  const h = (sorted.length - 1) * q;
  const below = Math.floor(h);
  if (below >= sorted.length - 1) return sorted[sorted.length - 1];
  return sorted[below] + (h - below) * (sorted[below + 1] - sorted[below]);
}

/** Returns the median of finite `values` (at least one); the mean of the two middle values when n is even. */
export function median(values: ArrayLike<number>): number {
  return quantiles(values, [0.5])[0];
}

/** One bin of a histogram. */
export interface HistogramBin {
  /** Left edge; the bin contains values >= from. */
  from: number;
  /** Right edge; the bin contains values < to, and the last bin also values equal to it. */
  to: number;
  /** Number of values in the bin. */
  count: number;
  /** count / (n * width), with n all values given, so the bars are comparable to a density. */
  density: number;
}

/** A histogram and the values that fell outside its range. */
export interface Histogram {
  bins: HistogramBin[];
  /** Values below the first edge. */
  below: number;
  /** Values above the last edge. */
  above: number;
  /** All values given. */
  n: number;
}

/**
 * Counts `values` into `bins` equal-width bins from `from` to `to` (by
 * default the smallest and largest value). Bins are half-open [from, to),
 * except the last, which also contains its right edge, as in NumPy.
 * When all values are equal and no range is given, the range is value +- 0.5.
 *
 * @param values finite numbers, at least one
 * @param options.bins number of bins, a positive integer
 */
export function histogram(
  values: ArrayLike<number>,
  options: { bins: number; from?: number; to?: number },
): Histogram {
  assertNonEmptyFinite(values, "values");
  const { bins } = options;
  if (!Number.isInteger(bins) || bins < 1) {
    throw new RangeError(`bins must be a positive integer, got ${bins}`);
  }
  let from = options.from ?? minimum(values);
  let to = options.to ?? maximum(values);
  if (!Number.isFinite(from) || !Number.isFinite(to) || from > to) {
    throw new RangeError(`histogram range must be finite with from <= to, got [${from}, ${to}]`);
  }
  if (from === to) {
    from -= 0.5;
    to += 0.5;
  }

  const width = (to - from) / bins;
  const counts = new Array<number>(bins).fill(0);
  let below = 0;
  let above = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value < from) below++;
    else if (value > to) above++;
    else counts[Math.min(bins - 1, Math.floor((value - from) / width))]++;
  }

  const n = values.length;
  const edges = Array.from({ length: bins + 1 }, (_, i) => i === bins ? to : from + i * width);
  return {
    bins: counts.map((count, i) => ({
      from: edges[i],
      to: edges[i + 1],
      count,
      density: count / (n * width),
    })),
    below,
    above,
    n,
  };
}

function minimum(values: ArrayLike<number>): number {
  let result = Infinity;
  for (let i = 0; i < values.length; i++) result = Math.min(result, values[i]);
  return result;
}

function maximum(values: ArrayLike<number>): number {
  let result = -Infinity;
  for (let i = 0; i < values.length; i++) result = Math.max(result, values[i]);
  return result;
}

function sortedFinite(values: ArrayLike<number>, name: string): Float64Array {
  assertNonEmptyFinite(values, name);
  return Float64Array.from(values).sort();
}

function assertNonEmptyFinite(values: ArrayLike<number>, name: string): void {
  if (values.length === 0) {
    throw new RangeError(`${name} must contain at least one number, got an empty array`);
  }
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new RangeError(`${name}[${i}] must be a finite number, got ${values[i]}`);
    }
  }
}

function assertCounts(successes: number, trials: number, suffix: string): void {
  if (!Number.isInteger(trials) || trials < 1) {
    throw new RangeError(`trials${suffix} must be a positive integer, got ${trials}`);
  }
  if (!Number.isInteger(successes) || successes < 0 || successes > trials) {
    throw new RangeError(`successes${suffix} must be an integer in [0, ${trials}], got ${successes}`);
  }
}

function assertLevel(level: number): void {
  if (!(level > 0 && level < 1)) {
    throw new RangeError(`confidence level must be in (0, 1), got ${level}; use 0.95 for 95%`);
  }
}
