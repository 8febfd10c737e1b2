/**
 * Compact summaries of anomaly scores for charts: a thinned ROC curve,
 * histograms of the scores per image group, and the scores of normal
 * images binned by the angle of their line. Each keeps a chart's data small
 * (a few hundred rows) while the statistics use every score.
 */
import { ANOMALY_KINDS, type AnomalyLabel } from "./anomalies.ts";
import { rocCurve, type RocPoint } from "./detection.ts";
import { median } from "./statistics.ts";

/**
 * Drops ROC points closer than `minStep` (in both rates) to the last kept
 * point, always keeping the first and the last point. The thinned curve
 * stays within `minStep` of the full one in each rate, so compute the AUC
 * from the full scores, not from the thinned curve.
 *
 * @param points as returned by `rocCurve`, from (0, 0) to (1, 1)
 * @param minStep in (0, 1), such as 0.005
 */
export function thinRoc(points: readonly RocPoint[], minStep: number): RocPoint[] {
  if (!(minStep > 0 && minStep < 1)) {
    throw new RangeError(`minStep must be a number in (0, 1), got ${minStep}; 0.005 is usual`);
  }
  if (points.length <= 2) return [...points];

  const kept = [points[0]];
  for (let i = 1; i < points.length - 1; i++) {
    const last = kept[kept.length - 1];
    const point = points[i];
    if (Math.abs(point.fpr - last.fpr) >= minStep || Math.abs(point.tpr - last.tpr) >= minStep) {
      kept.push(point);
    }
  }
  kept.push(points[points.length - 1]);
  return kept;
}

/** The ROC curves of one group of anomalies, one per detector. */
export interface RocPanel {
  /** `pooledName` for all anomalies, otherwise the anomaly kind. */
  title: string;
  /** One thinned curve per detector, in the order of the keys of `scores`. */
  curves: { detector: string; points: RocPoint[] }[];
}

/**
 * Computes thinned ROC curves (see `thinRoc`) of every detector, first for
 * all anomalies pooled, then for each anomaly kind present in `labels` (in
 * the order of `ANOMALY_KINDS`), each against all normal images.
 *
 * @param scores per detector, one score per label
 * @param options.pooledName title of the pooled panel
 * @param options.minStep see `thinRoc`
 */
export function rocPanels(
  scores: Record<string, ArrayLike<number>>,
  labels: readonly AnomalyLabel[],
  options: { pooledName: string; minStep: number },
): RocPanel[] {
  const kinds = ANOMALY_KINDS.filter((kind) => labels.some((label) => label.kind === kind));
  const groups = [options.pooledName, ...kinds];
  return groups.map((group) => {
    const members = labels.flatMap((label, i) =>
      label.normal || group === options.pooledName || label.kind === group ? [i] : []
    );
    const anomalous = members.map((i) => !labels[i].normal);
    const curves = Object.entries(scores).map(([detector, values]) => {
      if (values.length !== labels.length) {
        throw new RangeError(
          `scores of "${detector}" have ${values.length} values, expected ${labels.length}`,
        );
      }
      const points = rocCurve(members.map((i) => values[i]), anomalous);
      return { detector, points: thinRoc(points, options.minStep) };
    });
    return { title: group, curves };
  });
}

/** One bin of a group's histogram. */
export interface GroupBin {
  /** "normal" or the anomaly kind. */
  group: string;
  /** Lower edge of the bin, in score units. */
  start: number;
  /** Upper edge of the bin, in score units. */
  end: number;
  /** Images of the group whose score falls in the bin. */
  count: number;
  /** count / images of the group, in [0, 1]. */
  share: number;
}

/**
 * Computes one histogram per image group ("normal" and each anomaly kind, in
 * order of first appearance in `labels`). Bins are equal in log10(score)
 * between `extent[0]` and `extent[1]`. A score outside the extent counts in
 * the first or last bin, so every image counts once.
 *
 * @param scores one per label, in (0, 1] for reconstruction errors
 * @param options.extent lowest and highest bin edge, both > 0
 * @param options.bins number of bins, an integer >= 1
 */
export function groupHistograms(
  scores: ArrayLike<number>,
  labels: readonly AnomalyLabel[],
  options: { extent: [number, number]; bins: number },
): GroupBin[] {
  if (scores.length !== labels.length) {
    throw new RangeError(
      `scores and labels must have the same length, got ${scores.length} and ${labels.length}`,
    );
  }
  const [low, high] = options.extent;
  if (!(low > 0 && high > low && Number.isFinite(high))) {
    throw new RangeError(`extent must be [low, high] with 0 < low < high, got [${low}, ${high}]`);
  }
  if (!Number.isInteger(options.bins) || options.bins < 1) {
    throw new RangeError(`bins must be an integer of at least 1, got ${options.bins}`);
  }

  const logLow = Math.log10(low);
  const width = (Math.log10(high) - logLow) / options.bins;
  const counts = new Map<string, number[]>();
  labels.forEach((label, i) => {
    const bins = counts.get(label.kind) ?? new Array<number>(options.bins).fill(0);
    // A score of 0 (a perfect reconstruction) lands in the first bin.
    const position = scores[i] > 0 ? Math.floor((Math.log10(scores[i]) - logLow) / width) : 0;
    bins[Math.min(options.bins - 1, Math.max(0, position))]++;
    counts.set(label.kind, bins);
  });

  const rows: GroupBin[] = [];
  for (const [group, bins] of counts) {
    const total = bins.reduce((sum, count) => sum + count, 0);
    bins.forEach((count, b) => {
      rows.push({
        group,
        start: 10 ** (logLow + b * width),
        end: 10 ** (logLow + (b + 1) * width),
        count,
        share: count / total,
      });
    });
  }
  return rows;
}

/** Scores of the normal images whose line angle falls in one bin. */
export interface AngleBin {
  /** Lower edge of the bin in degrees, in [0, 360). */
  start: number;
  /** Upper edge of the bin in degrees. */
  end: number;
  /** Number of images in the bin. */
  count: number;
  /** Median score of the bin, or NaN when the bin is empty. */
  median: number;
  /** Maximum score of the bin, or NaN when the bin is empty. */
  max: number;
}

/**
 * Bins images by the angle of their line (radians, as `lineImages` returns
 * them, taken modulo 2 pi) into bins of `binDegrees` degrees from 0 to 360
 * and summarizes each bin's scores.
 *
 * @param binDegrees bin width in degrees; must divide 360
 */
export function angleProfile(
  scores: ArrayLike<number>,
  angles: ArrayLike<number>,
  binDegrees: number,
): AngleBin[] {
  if (scores.length !== angles.length) {
    throw new RangeError(
      `scores and angles must have the same length, got ${scores.length} and ${angles.length}`,
    );
  }
  const binCount = 360 / binDegrees;
  if (!(binDegrees > 0) || !Number.isInteger(binCount)) {
    throw new RangeError(`binDegrees must be a positive number that divides 360, got ${binDegrees}`);
  }

  const bins = Array.from({ length: binCount }, () => [] as number[]);
  for (let i = 0; i < scores.length; i++) {
    const degrees = ((angles[i] * 180) / Math.PI % 360 + 360) % 360;
    bins[Math.min(binCount - 1, Math.floor(degrees / binDegrees))].push(scores[i]);
  }
  return bins.map((values, b) => ({
    start: b * binDegrees,
    end: (b + 1) * binDegrees,
    count: values.length,
    median: values.length > 0 ? median(values) : NaN,
    max: values.length > 0 ? Math.max(...values) : NaN,
  }));
}
