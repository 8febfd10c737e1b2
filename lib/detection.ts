/**
 * Turns anomaly scores (for example reconstruction errors) into detection
 * metrics: ROC curve, AUC with a bootstrap interval, a threshold taken from
 * normal scores, and the confusion matrix at a threshold.
 *
 * Labels are booleans with `true` for anomalous, the positive class. A score
 * is called anomalous when it is strictly greater than the threshold, in
 * every function of this module.
 */
import { assertSeed, Random } from "./random.ts";
import { sortedQuantile } from "./statistics.ts";

/** One point of a ROC curve. */
export interface RocPoint {
  /** False positive rate in [0, 1]: share of normal scores > threshold. */
  fpr: number;
  /** True positive rate in [0, 1]: share of anomalous scores > threshold. */
  tpr: number;
  /** Score threshold of this point, under the rule score > threshold. */
  threshold: number;
}

/** Point estimate and percentile bootstrap interval of the AUC. */
export interface AucInterval {
  /** AUC of the scores as given. */
  auc: number;
  /** Lower end of the interval. */
  low: number;
  /** Upper end of the interval. */
  high: number;
  /** Confidence level of the interval, in (0, 1). */
  level: number;
  /** Number of bootstrap resamples. */
  resamples: number;
}

/** Counts and rates of a detector at one threshold. */
export interface Confusion {
  /** Anomalous scores > threshold. */
  tp: number;
  /** Normal scores > threshold. */
  fp: number;
  /** Normal scores <= threshold. */
  tn: number;
  /** Anomalous scores <= threshold. */
  fn: number;
  /** tp / (tp + fp), or NaN when no score is above the threshold. */
  precision: number;
  /** tp / (tp + fn), the true positive rate, or NaN when there are no anomalous scores. */
  recall: number;
  /** 2 tp / (2 tp + fp + fn), or NaN when tp, fp and fn are all 0. */
  f1: number;
  /** fp / (fp + tn), or NaN when there are no normal scores. */
  falsePositiveRate: number;
}

/**
 * Computes the ROC curve of `scores` against `labels` (true = anomalous).
 *
 * The points run from (0, 0), with the threshold at the maximum score, to
 * (1, 1), with the threshold at -Infinity: one point per distinct score plus
 * one. Tied scores cross the threshold together, so a tie between normal and
 * anomalous scores gives one diagonal segment. Each point's `threshold`
 * reproduces its rates in `confusionAt` (rule: score > threshold).
 *
 * @param scores finite numbers, one per image
 * @param labels one per score; at least one true and one false
 * @example rocCurve([0.1, 0.4, 0.35, 0.8], [false, false, true, true])
 */
export function rocCurve(scores: ArrayLike<number>, labels: ArrayLike<boolean>): RocPoint[] {
  const { positives, negatives } = assertScoresAndLabels(scores, labels);
  const order = sortedIndices(scores, "descending");

  const points: RocPoint[] = [{ fpr: 0, tpr: 0, threshold: scores[order[0]] }];
  let truePositives = 0;
  let falsePositives = 0;
  let start = 0;
  while (start < order.length) {
    // Take the whole group of tied scores as one step.
    const score = scores[order[start]];
    let end = start;
    while (end < order.length && scores[order[end]] === score) {
      if (labels[order[end]]) truePositives++;
      else falsePositives++;
      end++;
    }
    const threshold = end < order.length ? scores[order[end]] : -Infinity;
    points.push({ fpr: falsePositives / negatives, tpr: truePositives / positives, threshold });
    start = end;
  }
  return points;
}

/**
 * Computes the area under the ROC curve as the Mann-Whitney probability that
 * a random anomalous score exceeds a random normal one, a tie counting 1/2.
 * It equals the trapezoid area under `rocCurve`. Runs in O(n log n).
 *
 * @returns AUC in [0, 1]: 1 when every anomalous score is above every normal
 *   one, 0 when below, 0.5 when all scores are equal
 */
export function auc(scores: ArrayLike<number>, labels: ArrayLike<boolean>): number {
  assertScoresAndLabels(scores, labels);
  const groups = tieGroups(scores, labels);
  return weightedAuc(groups);
}

/**
 * Estimates the AUC with a percentile bootstrap interval. Each resample
 * draws the anomalous and the normal scores separately with replacement,
 * keeping both counts fixed (stratified bootstrap), so every resample has
 * both classes.
 *
 * @param options.resamples number of resamples, an integer >= 1 (1000 is usual)
 * @param options.seed seed of the resampling, an integer in [0, 2^32 - 1]
 * @param options.level confidence level in (0, 1), default 0.95; the interval
 *   runs between the (1 - level) / 2 and (1 + level) / 2 quantiles (type 7,
 *   see `quantile`) of the resampled AUCs
 */
export function bootstrapAuc(
  scores: ArrayLike<number>,
  labels: ArrayLike<boolean>,
  options: { resamples: number; seed: number; level?: number },
): AucInterval {
  const { resamples, seed, level = 0.95 } = options;
  assertScoresAndLabels(scores, labels);
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new RangeError(`resamples must be an integer of at least 1, got ${resamples}; 1000 is usual`);
  }
  assertSeed(seed);
  if (!(level > 0 && level < 1)) {
    throw new RangeError(`level must be a number in (0, 1), got ${level}; use 0.95 for a 95% interval`);
  }

  // Scores are sorted once, and a resample only changes how often each score counts.
  const groups = tieGroups(scores, labels);
  const positiveIndices: number[] = [];
  const negativeIndices: number[] = [];
  for (let i = 0; i < groups.groupOf.length; i++) {
    (labels[i] ? positiveIndices : negativeIndices).push(i);
  }

  const random = new Random(seed);
  const positiveWeights = new Float64Array(groups.count);
  const negativeWeights = new Float64Array(groups.count);
  const estimates = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    positiveWeights.fill(0);
    negativeWeights.fill(0);
    for (let k = 0; k < positiveIndices.length; k++) {
      positiveWeights[groups.groupOf[positiveIndices[random.integer(positiveIndices.length)]]]++;
    }
    for (let k = 0; k < negativeIndices.length; k++) {
      negativeWeights[groups.groupOf[negativeIndices[random.integer(negativeIndices.length)]]]++;
    }
    estimates[r] = weightedAuc({
      count: groups.count,
      positives: positiveWeights,
      negatives: negativeWeights,
    });
  }

  estimates.sort();
  return {
    auc: weightedAuc(groups),
    low: sortedQuantile(estimates, (1 - level) / 2),
    high: sortedQuantile(estimates, (1 + level) / 2),
    level,
    resamples,
  };
}

/**
 * Computes the `q` quantile of `values` by linear interpolation between order
 * statistics (Hyndman and Fan type 7, the default of R and NumPy): with the
 * values sorted as x[0] <= ... <= x[n - 1] and h = (n - 1) q, it returns
 * x[floor(h)] + (h - floor(h)) (x[floor(h) + 1] - x[floor(h)]).
 *
 * @param values finite numbers, at least one
 * @param q quantile in [0, 1]
 */
export function quantile(values: ArrayLike<number>, q: number): number {
  if (values.length === 0) {
    throw new RangeError("values must contain at least one number, got an empty array");
  }
  assertFinite(values, "values");
  if (!(q >= 0 && q <= 1)) {
    throw new RangeError(`quantile must be a number in [0, 1], got ${q}; use 0.99 for the 99th percentile`);
  }
  return sortedQuantile(Float64Array.from(values).sort(), q);
}

/**
 * Returns the `q` quantile (type 7, see `quantile`) of the scores of normal
 * training images, as a detection threshold: with q = 0.99 about 1% of the
 * normal training scores lie above it.
 *
 * @param trainingScores scores of normal images, finite, at least one
 * @param q quantile in [0, 1]
 */
export function thresholdFromNormal(trainingScores: ArrayLike<number>, q: number): number {
  return quantile(trainingScores, q);
}

/**
 * Counts true and false positives and negatives when scores strictly above
 * `threshold` are called anomalous, and derives precision, recall, F1 and
 * the false positive rate. A rate whose denominator is zero is NaN, so an
 * undefined rate is never shown as 0.
 *
 * @param labels one per score, true = anomalous; either class may be absent
 */
export function confusionAt(
  scores: ArrayLike<number>,
  labels: ArrayLike<boolean>,
  threshold: number,
): Confusion {
  assertSameLength(scores, labels);
  assertFinite(scores, "scores");
  assertThreshold(threshold);

  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < scores.length; i++) {
    const flagged = scores[i] > threshold;
    if (labels[i]) {
      if (flagged) tp++;
      else fn++;
    } else {
      if (flagged) fp++;
      else tn++;
    }
  }

  return {
    tp,
    fp,
    tn,
    fn,
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
    f1: ratio(2 * tp, 2 * tp + fp + fn),
    falsePositiveRate: ratio(fp, fp + tn),
  };
}

/**
 * Returns the share of `scores` strictly above `threshold`, in [0, 1]: the
 * detection rate on anomalous images, the false alarm rate on normal ones.
 */
export function detectionRate(scores: ArrayLike<number>, threshold: number): number {
  if (scores.length === 0) {
    throw new RangeError("scores must contain at least one number, got an empty array");
  }
  assertFinite(scores, "scores");
  assertThreshold(threshold);
  let above = 0;
  for (let i = 0; i < scores.length; i++) {
    if (scores[i] > threshold) above++;
  }
  return above / scores.length;
}

/** Scores grouped by distinct value in ascending order, with the class weights of each group. */
interface TieGroups {
  /** Number of distinct scores. */
  count: number;
  /** Number (or resampled weight) of anomalous scores per group. */
  positives: Float64Array;
  /** Number (or resampled weight) of normal scores per group. */
  negatives: Float64Array;
}

function tieGroups(
  scores: ArrayLike<number>,
  labels: ArrayLike<boolean>,
): TieGroups & { groupOf: Int32Array } {
  const order = sortedIndices(scores, "ascending");
  const groupOf = new Int32Array(scores.length);
  const positives = new Float64Array(scores.length);
  const negatives = new Float64Array(scores.length);
  let group = -1;
  for (let k = 0; k < order.length; k++) {
    const index = order[k];
    if (k === 0 || scores[index] !== scores[order[k - 1]]) group++;
    groupOf[index] = group;
    if (labels[index]) positives[group]++;
    else negatives[group]++;
  }
  return { count: group + 1, positives, negatives, groupOf };
}

// Mann-Whitney U / (nP nN): each anomalous score wins against the normal
// scores below it and counts half against the normal scores tied with it.
function weightedAuc(groups: TieGroups): number {
  let negativesBelow = 0;
  let positiveTotal = 0;
  let wins = 0;
  for (let g = 0; g < groups.count; g++) {
    wins += groups.positives[g] * (negativesBelow + groups.negatives[g] / 2);
    negativesBelow += groups.negatives[g];
    positiveTotal += groups.positives[g];
  }
  return wins / (positiveTotal * negativesBelow);
}

function sortedIndices(scores: ArrayLike<number>, direction: "ascending" | "descending"): Int32Array {
  const order = Int32Array.from({ length: scores.length }, (_, i) => i);
  const sign = direction === "ascending" ? 1 : -1;
  return order.sort((a, b) => sign * (scores[a] - scores[b]));
}

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? NaN : numerator / denominator;
}

function assertScoresAndLabels(
  scores: ArrayLike<number>,
  labels: ArrayLike<boolean>,
): { positives: number; negatives: number } {
  assertSameLength(scores, labels);
  assertFinite(scores, "scores");
  let positives = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i]) positives++;
  }
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) {
    throw new RangeError(
      `labels must contain both anomalous (true) and normal (false) entries, ` +
        `got ${positives} anomalous and ${negatives} normal`,
    );
  }
  return { positives, negatives };
}

function assertSameLength(scores: ArrayLike<number>, labels: ArrayLike<boolean>): void {
  if (scores.length !== labels.length) {
    throw new RangeError(
      `scores and labels must have the same length, got ${scores.length} scores and ${labels.length} labels`,
    );
  }
}

function assertFinite(values: ArrayLike<number>, name: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new RangeError(`${name} must be finite numbers, got ${values[i]} at index ${i}`);
    }
  }
}

function assertThreshold(threshold: number): void {
  if (Number.isNaN(threshold)) {
    throw new RangeError("threshold must be a number or +-Infinity, got NaN");
  }
}
