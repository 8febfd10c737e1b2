/**
 * Table rows that summarize anomaly detection by several detectors on one
 * labelled test set: AUC per anomaly kind with bootstrap intervals, the
 * confusion at a threshold taken from normal training scores, and the
 * detection rate per severity. Rows are plain objects, ready for
 * `pl.DataFrame(rows)`.
 *
 * Scores are keyed by detector name and aligned with the labels of the set
 * (lib/anomalies.ts): score i belongs to image i. Higher scores are more
 * anomalous, and a score strictly above a threshold counts as detected.
 */
import { ANOMALY_KINDS, type AnomalyLabel } from "./anomalies.ts";
import { bootstrapAuc, confusionAt, thresholdFromNormal } from "./detection.ts";
import { assertSeed, deriveSeed } from "./random.ts";
import { median, wilsonInterval } from "./statistics.ts";

/** Scores per detector name, each of shape [count], aligned with the set's labels. */
export type ScoresByDetector = Record<string, ArrayLike<number>>;

/** Name of the group that pools every anomaly kind in `aucRows`. */
export const ALL_KINDS = "all anomalies";

/** AUC of one detector on the normal images against one anomaly kind. */
export interface AucRow {
  /** Anomaly kind, or `ALL_KINDS` for every anomalous image at once. */
  kind: string;
  detector: string;
  /** AUC in [0, 1]: probability that an anomalous image scores above a normal one. */
  auc: number;
  /** Lower end of the percentile bootstrap interval. */
  low: number;
  /** Upper end of the percentile bootstrap interval. */
  high: number;
  /** Number of anomalous images of the kind. */
  anomalous: number;
  /** Number of normal images. */
  normal: number;
}

/**
 * Computes the AUC with a stratified bootstrap interval (see `bootstrapAuc`)
 * for every detector, first over all anomalous images pooled, then for each
 * anomaly kind present in `labels` (in the order of `ANOMALY_KINDS`), each
 * time against all normal images. Rows run kind by kind, detectors in the
 * order of the keys of `scores`. Row r resamples with `deriveSeed(seed, r)`.
 *
 * @param labels one per image; needs normal images and at least one anomaly
 * @param options.resamples bootstrap resamples per row (1000 is usual)
 * @param options.level confidence level in (0, 1); default 0.95
 */
export function aucRows(
  scores: ScoresByDetector,
  labels: readonly AnomalyLabel[],
  options: { resamples: number; seed: number; level?: number },
): AucRow[] {
  assertAligned(scores, labels);
  assertSeed(options.seed);
  const kinds = ANOMALY_KINDS.filter((kind) => labels.some((label) => label.kind === kind));
  const groups: { kind: string; members: (label: AnomalyLabel) => boolean }[] = [
    { kind: ALL_KINDS, members: (label) => !label.normal },
    ...kinds.map((kind) => ({ kind, members: (label: AnomalyLabel) => label.kind === kind })),
  ];

  const rows: AucRow[] = [];
  for (const group of groups) {
    const indices = labels.flatMap((label, i) => label.normal || group.members(label) ? [i] : []);
    const groupLabels = indices.map((i) => !labels[i].normal);
    for (const [detector, values] of Object.entries(scores)) {
      const groupScores = indices.map((i) => values[i]);
      const interval = bootstrapAuc(groupScores, groupLabels, {
        resamples: options.resamples,
        seed: deriveSeed(options.seed, rows.length),
        level: options.level,
      });
      const anomalous = groupLabels.filter(Boolean).length;
      rows.push({
        kind: group.kind,
        detector,
        auc: interval.auc,
        low: interval.low,
        high: interval.high,
        anomalous,
        normal: indices.length - anomalous,
      });
    }
  }
  return rows;
}

/** One detector's threshold from normal training scores and its confusion on the test set. */
export interface ThresholdRow {
  detector: string;
  /** The `quantile` quantile of the detector's training scores. */
  threshold: number;
  /** Anomalous test images above the threshold. */
  tp: number;
  /** Normal test images above the threshold. */
  fp: number;
  /** Normal test images at or below the threshold. */
  tn: number;
  /** Anomalous test images at or below the threshold. */
  fn: number;
  /** tp / (tp + fp), or NaN when nothing is flagged. */
  precision: number;
  /** tp / (tp + fn). */
  recall: number;
  /** 2 tp / (2 tp + fp + fn). */
  f1: number;
  /** fp / (fp + tn), the share of normal test images flagged. */
  falseAlarmRate: number;
}

/**
 * Sets each detector's threshold at the `quantile` quantile of its scores on
 * normal training images (never on test images) and counts the test
 * set's detections at that threshold.
 *
 * @param trainingScores per detector, scores of normal training images; same keys as `testScores`
 * @param quantile in [0, 1], such as 0.99 for the 99th percentile
 */
export function thresholdRows(
  trainingScores: ScoresByDetector,
  testScores: ScoresByDetector,
  labels: readonly AnomalyLabel[],
  quantile: number,
): ThresholdRow[] {
  assertAligned(testScores, labels);
  const anomalous = labels.map((label) => !label.normal);
  return Object.entries(testScores).map(([detector, values]) => {
    const training = trainingScores[detector];
    if (training === undefined) {
      throw new RangeError(
        `trainingScores has no scores for detector "${detector}"; pass the same detectors`,
      );
    }
    const threshold = thresholdFromNormal(training, quantile);
    const confusion = confusionAt(values, anomalous, threshold);
    return {
      detector,
      threshold,
      tp: confusion.tp,
      fp: confusion.fp,
      tn: confusion.tn,
      fn: confusion.fn,
      precision: confusion.precision,
      recall: confusion.recall,
      f1: confusion.f1,
      falseAlarmRate: confusion.falsePositiveRate,
    };
  });
}

/** Detection rate of one detector on the images of one kind at one severity. */
export interface SeverityRow {
  kind: string;
  /** Severity in the unit of the kind (see `severityRange` in lib/anomalies.ts). */
  severity: number;
  detector: string;
  /** Number of images of this kind and severity. */
  count: number;
  /** Images scored strictly above the detector's threshold. */
  detected: number;
  /** detected / count. */
  rate: number;
  /** Lower end of the 95% Wilson interval of the rate. */
  low: number;
  /** Upper end of the 95% Wilson interval of the rate. */
  high: number;
}

/**
 * Computes the share of anomalous images detected at each detector's
 * threshold, per kind and severity. Rows run by kind (in the order of
 * `ANOMALY_KINDS`), then by increasing severity, then by detector. Normal
 * images are skipped.
 *
 * @param thresholds per detector, the threshold its scores are compared with
 */
export function severityRows(
  scores: ScoresByDetector,
  labels: readonly AnomalyLabel[],
  thresholds: Record<string, number>,
): SeverityRow[] {
  assertAligned(scores, labels);
  const groups = new Map<string, { kind: string; severity: number; indices: number[] }>();
  labels.forEach((label, i) => {
    if (label.normal) return;
    const key = `${label.kind} ${label.severity}`;
    const group = groups.get(key) ?? { kind: label.kind, severity: label.severity, indices: [] };
    group.indices.push(i);
    groups.set(key, group);
  });
  const sorted = [...groups.values()].sort((a, b) =>
    kindOrder(a.kind) - kindOrder(b.kind) || a.severity - b.severity
  );

  const rows: SeverityRow[] = [];
  for (const { kind, severity, indices } of sorted) {
    for (const [detector, values] of Object.entries(scores)) {
      const threshold = thresholds[detector];
      if (threshold === undefined || Number.isNaN(threshold)) {
        throw new RangeError(`thresholds has no number for detector "${detector}", got ${threshold}`);
      }
      const detected = indices.filter((i) => values[i] > threshold).length;
      const interval = wilsonInterval(detected, indices.length);
      rows.push({
        kind,
        severity,
        detector,
        count: indices.length,
        detected,
        rate: detected / indices.length,
        low: interval.lower,
        high: interval.upper,
      });
    }
  }
  return rows;
}

/** The smallest severity of a kind that a detector catches often enough. */
export interface SmallestRow {
  kind: string;
  detector: string;
  /** Smallest severity whose detection rate is at least `minRate`, or null when none is. */
  severity: number | null;
  /** Detection rate at that severity, or null. */
  rate: number | null;
  /** Largest severity tested, so that a null severity reads as "not caught up to this". */
  largestTested: number;
}

/**
 * Finds, for each kind and detector in `rows`, the smallest severity whose
 * detection rate is at least `minRate`. A kind whose rate does not grow
 * monotonically may drop below `minRate` again at a larger severity, which
 * only the rows show.
 *
 * @param rows as returned by `severityRows`
 * @param minRate in (0, 1], such as 0.5
 */
export function smallestDetected(rows: readonly SeverityRow[], minRate: number): SmallestRow[] {
  if (!(minRate > 0 && minRate <= 1)) {
    throw new RangeError(`minRate must be a number in (0, 1], got ${minRate}; use 0.5 for half`);
  }
  const groups = new Map<string, SeverityRow[]>();
  for (const row of rows) {
    const key = JSON.stringify([row.kind, row.detector]);
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.values()].map((group) => {
    const sorted = [...group].sort((a, b) => a.severity - b.severity);
    const first = sorted.find((row) => row.rate >= minRate);
    return {
      kind: group[0].kind,
      detector: group[0].detector,
      severity: first?.severity ?? null,
      rate: first?.rate ?? null,
      largestTested: sorted[sorted.length - 1].severity,
    };
  });
}

function kindOrder(kind: string): number {
  return (ANOMALY_KINDS as readonly string[]).indexOf(kind);
}

function assertAligned(scores: ScoresByDetector, labels: readonly AnomalyLabel[]): void {
  const entries = Object.entries(scores);
  if (entries.length === 0) {
    throw new RangeError("scores must contain at least one detector, got none");
  }
  for (const [detector, values] of entries) {
    if (values.length !== labels.length) {
      throw new RangeError(
        `scores of "${detector}" have ${values.length} values but there are ${labels.length} labels; ` +
          "score every image of the set",
      );
    }
  }
}

/** Median scores of one detector on normal training images, normal test images and anomalies. */
export interface MedianRow {
  detector: string;
  /** Median score of the normal training images. */
  training: number;
  /** Median score of the normal test images. */
  normal: number;
  /** Median score of the anomalous test images, all kinds pooled. */
  anomalous: number;
}

/**
 * Computes each detector's median score on the normal training images, the
 * normal test images and the anomalous test images.
 *
 * @param trainingScores per detector, scores of normal training images; same keys as `testScores`
 */
export function medianRows(
  trainingScores: ScoresByDetector,
  testScores: ScoresByDetector,
  labels: readonly AnomalyLabel[],
): MedianRow[] {
  assertAligned(testScores, labels);
  return Object.entries(testScores).map(([detector, values]) => {
    const training = trainingScores[detector];
    if (training === undefined) {
      throw new RangeError(
        `trainingScores has no scores for detector "${detector}"; pass the same detectors`,
      );
    }
    const normal = labels.flatMap((label, i) => label.normal ? [values[i]] : []);
    const anomalous = labels.flatMap((label, i) => label.normal ? [] : [values[i]]);
    return {
      detector,
      training: median(Array.from(training)),
      normal: median(normal),
      anomalous: median(anomalous),
    };
  });
}

/** Cost to a detector of the normal images in one angle range. */
export interface AngleRangeRow {
  detector: string;
  /** Share of the normal test images inside the range scored above the threshold. */
  falseAlarmsInside: number;
  /** Share of the normal test images outside the range scored above the threshold. */
  falseAlarmsOutside: number;
  /** The `quantile` quantile of all training scores. */
  threshold: number;
  /** Share of the anomalous test images above `threshold`. */
  recall: number;
  /** The `quantile` quantile of the training scores outside the range. */
  thresholdOutside: number;
  /** Share of the anomalous test images above `thresholdOutside`. */
  recallOutside: number;
}

/**
 * Measures how much the normal images whose line angle lies in
 * [`range[0]`, `range[1]`) degrees cost each detector: the false alarm rate
 * inside and outside the range, and the recall with a threshold set on all
 * training images against one set on the training images outside the range.
 * The second threshold is a diagnosis, not a detector, because it uses the
 * angle, which a detector does not know.
 *
 * @param options.trainingAngles angle of each training image in radians, as `lineImages` returns it
 * @param options.testAngles angle of each normal test image in radians, in the order of the normal labels
 * @param options.range angles in degrees within [0, 360), lower bound first
 * @param options.quantile threshold quantile in [0, 1], such as 0.99
 */
export function angleRangeRows(
  trainingScores: ScoresByDetector,
  testScores: ScoresByDetector,
  labels: readonly AnomalyLabel[],
  options: {
    trainingAngles: ArrayLike<number>;
    testAngles: ArrayLike<number>;
    range: [number, number];
    quantile: number;
  },
): AngleRangeRow[] {
  assertAligned(testScores, labels);
  const [low, high] = options.range;
  if (!(low >= 0 && low < high && high <= 360)) {
    throw new RangeError(
      `range must be [low, high] degrees with 0 <= low < high <= 360, got [${low}, ${high}]`,
    );
  }
  const normalIndices = labels.flatMap((label, i) => label.normal ? [i] : []);
  if (options.testAngles.length !== normalIndices.length) {
    throw new RangeError(
      `testAngles has ${options.testAngles.length} angles but there are ${normalIndices.length} normal labels`,
    );
  }
  const inside = (radians: number) => {
    const degrees = ((radians * 180) / Math.PI % 360 + 360) % 360;
    return degrees >= low && degrees < high;
  };
  const share = (values: number[], threshold: number) =>
    values.filter((value) => value > threshold).length / values.length;

  return Object.entries(testScores).map(([detector, values]) => {
    const training = trainingScores[detector];
    if (training === undefined || training.length !== options.trainingAngles.length) {
      throw new RangeError(
        `trainingScores of "${detector}" must have one score per training angle (${options.trainingAngles.length})`,
      );
    }
    const threshold = thresholdFromNormal(training, options.quantile);
    const trainingOutside = Array.from(training).filter((_, i) => !inside(options.trainingAngles[i]));
    const thresholdOutside = thresholdFromNormal(trainingOutside, options.quantile);
    const normalInside = normalIndices.filter((_, k) => inside(options.testAngles[k])).map((i) => values[i]);
    const normalOutside = normalIndices.filter((_, k) => !inside(options.testAngles[k])).map((i) =>
      values[i]
    );
    const anomalous = labels.flatMap((label, i) => label.normal ? [] : [values[i]]);
    return {
      detector,
      falseAlarmsInside: share(normalInside, threshold),
      falseAlarmsOutside: share(normalOutside, threshold),
      threshold,
      recall: share(anomalous, threshold),
      thresholdOutside,
      recallOutside: share(anomalous, thresholdOutside),
    };
  });
}
