/**
 * Bottleneck thresholds of a trained decoder under the Heaviside output rule.
 *
 * The decoder maps the bottleneck value z through hidden units
 * relu(w1[j] z + b1[j]) (layer decoder_hidden) to output logits
 *
 *   logit_k(z) = sum_j w2[j, k] relu(w1[j] z + b1[j]) + b2[k]   (layer decoder_output),
 *
 * a continuous, piecewise linear function of z with kinks at z = -b1[j] / w1[j].
 * Output k is H(logit_k(z)) with H(x) = 1 if x >= 0 and 0 otherwise, so it
 * changes value only where the logit crosses 0: those z are the thresholds.
 *
 * Interval convention: because the logit is continuous, the set where
 * output k is 1 ({logit >= 0}) is closed and the set where it is 0 is open.
 * So every interval with output 1 contains its finite ends, every interval
 * with output 0 excludes them, and a point where the logit touches 0 from
 * below is an interval of its own with from = to and output 1.
 */
import { decode, type DenseLayer, layerByName, type Weights } from "./network.ts";

/** A maximal interval of bottleneck values on which an output neuron is constant. */
export interface OutputInterval {
  /** Left end; -Infinity for the first interval. Included when output is 1. */
  from: number;
  /** Right end; +Infinity for the last interval. Included when output is 1. */
  to: number;
  /** Output under the Heaviside rule on the interval. */
  output: 0 | 1;
}

/** The weights behind one output logit, in float64. */
interface OutputLogit {
  /** Hidden kernel w1[j]. */
  slopes: number[];
  /** Hidden bias b1[j]. */
  offsets: number[];
  /** Output kernel column w2[j, k]. */
  outputWeights: number[];
  /** Output bias b2[k]. */
  outputBias: number;
}

/** A linear piece s z + c of the logit on [lo, hi]. */
interface Segment {
  lo: number;
  hi: number;
  slope: number;
  intercept: number;
}

/**
 * Computes, from the learned weights and biases of decoder_hidden and
 * decoder_output, the intervals of bottleneck values on which output neuron
 * `k` is 0 or 1 under the Heaviside rule. Adjacent intervals always differ in
 * output, and together they cover the real line from -Infinity to +Infinity.
 * Ends follow the module's convention: closed where the output is 1, open
 * where it is 0.
 *
 * Handles hidden units with w1[j] = 0 (a constant relu(b1[j])), segments on
 * which the logit is exactly 0 (output 1 there, since H(0) = 1) and logits
 * that never cross 0 (a single interval). Computed in float64 from the
 * float32 weights, so a threshold is exact up to rounding.
 *
 * @param weights a CA or VA; only its two decoder layers are read
 * @param k output neuron, an integer in [0, pixels - 1]
 * @example outputIntervals(optimalWeights(), 0)
 * // [{ from: -Infinity, to: -1.5, output: 0 }, { from: -1.5, to: 1.5, output: 1 }, { from: 1.5, to: Infinity, output: 0 }]
 */
export function outputIntervals(weights: Weights, k: number): OutputInterval[] {
  const logit = outputLogit(weights, k);
  const segments = linearSegments(logit);
  const points = criticalPoints(segments);
  return mergePieces(segments, points);
}

/**
 * Computes the intervals of output `k` as if the decoder_hidden biases were
 * zero, the simplification behind the thresholds t = -b2 / (w1 w2), such as
 * -b/10 and b/10 in the report's example. With b1 = 0 both hidden units switch at
 * z = 0, so each side of 0 has at most one threshold. The encoder and
 * bottleneck biases do not enter the decoder, so they do not matter here.
 */
export function approximateIntervals(weights: Weights, k: number): OutputInterval[] {
  return outputIntervals(withZeroDecoderHiddenBias(weights), k);
}

/** Returns a copy of `weights` whose decoder_hidden bias is zero; every other array is shared. */
export function withZeroDecoderHiddenBias(weights: Weights): Weights {
  const hidden = layerByName(weights, "decoder_hidden");
  return {
    ...weights,
    layers: weights.layers.map((layer) =>
      layer === hidden ? { ...layer, bias: new Float32Array(layer.units) } : layer
    ),
  };
}

/** Returns the finite interval ends of `intervals`, ascending and without repeats: the thresholds. */
export function intervalThresholds(intervals: readonly OutputInterval[]): number[] {
  const ends = intervals.flatMap((interval) => [interval.from, interval.to]).filter(Number.isFinite);
  return [...new Set(ends)].sort((a, b) => a - b);
}

/** Exact and approximate thresholds of one output neuron, and how far apart they are. */
export interface ThresholdComparison {
  output: number;
  /** Thresholds from the learned biases, ascending. */
  exact: number[];
  /** Thresholds with zero decoder_hidden biases, ascending. */
  approximate: number[];
  /**
   * Hausdorff distance between the two sets, in bottleneck units: the largest
   * distance from a threshold of either set to the nearest threshold of the
   * other. 0 when both are empty, Infinity when only one is.
   */
  distance: number;
}

/** Compares the exact thresholds of output `k` with those of the zero-bias approximation. */
export function compareThresholds(weights: Weights, k: number): ThresholdComparison {
  const exact = intervalThresholds(outputIntervals(weights, k));
  const approximate = intervalThresholds(approximateIntervals(weights, k));
  return { output: k, exact, approximate, distance: hausdorffDistance(exact, approximate) };
}

function hausdorffDistance(a: number[], b: number[]): number {
  if (a.length === 0 && b.length === 0) return 0;
  if (a.length === 0 || b.length === 0) return Infinity;
  const nearest = (x: number, set: number[]) => Math.min(...set.map((y) => Math.abs(x - y)));
  return Math.max(...a.map((x) => nearest(x, b)), ...b.map((y) => nearest(y, a)));
}

/** Returns the output (0 or 1) that `intervals` give at bottleneck value `z`, using the closedness convention. */
export function intervalOutput(intervals: readonly OutputInterval[], z: number): 0 | 1 {
  for (const interval of intervals) {
    const inside = interval.output === 1
      ? interval.from <= z && z <= interval.to
      : interval.from < z && z < interval.to;
    if (inside) return interval.output;
  }
  throw new RangeError(`z = ${z} lies in no interval; pass intervals that cover the real line`);
}

/** A bottleneck value at which the intervals and the decoder disagree. */
export interface IntervalMismatch {
  z: number;
  /** Output the intervals give. */
  expected: 0 | 1;
  /** Output of `decode(weights, z, "heaviside")`. */
  actual: 0 | 1;
}

/** Result of checking intervals against the decoder on a sweep. */
export interface IntervalCheck {
  /** Sweep points compared. */
  points: number;
  /** Sweep points skipped because they lie within the tolerance of a threshold. */
  skipped: number;
  mismatches: IntervalMismatch[];
}

/**
 * Checks `intervals` of output `k` against the decoder itself: evaluates
 * `decode(weights, z, "heaviside")` at steps + 1 equally spaced z from
 * `sweep.from` to `sweep.to` (both included) and lists every z where the
 * decoder's output differs from the interval's. A point exactly at a
 * threshold must give 1, since H(0) = 1.
 *
 * A computed threshold is the double nearest the true crossing, so at a
 * sweep point equal to it the decoder may rightly give the other output.
 * With `tolerance` > 0, points within `tolerance` of a threshold are skipped;
 * 1e-9 suffices when thresholds fall on sweep points. The default 0
 * compares every point.
 */
export function checkIntervals(
  weights: Weights,
  k: number,
  intervals: readonly OutputInterval[],
  sweep: { from: number; to: number; steps: number },
  tolerance = 0,
): IntervalCheck {
  assertOutput(weights, k);
  const { from, to, steps } = sweep;
  if (!Number.isFinite(from) || !Number.isFinite(to) || from > to) {
    throw new RangeError(`sweep must satisfy from <= to with finite ends, got [${from}, ${to}]`);
  }
  if (!Number.isInteger(steps) || steps < 1) {
    throw new RangeError(`sweep.steps must be a positive integer, got ${steps}`);
  }
  if (!(tolerance >= 0)) {
    throw new RangeError(`tolerance must be a non-negative number of bottleneck units, got ${tolerance}`);
  }

  const thresholds = intervalThresholds(intervals);
  const mismatches: IntervalMismatch[] = [];
  let skipped = 0;
  for (let i = 0; i <= steps; i++) {
    const z = from + ((to - from) * i) / steps;
    if (tolerance > 0 && thresholds.some((t) => Math.abs(z - t) <= tolerance)) {
      skipped++;
      continue;
    }
    const expected = intervalOutput(intervals, z);
    const actual = decode(weights, z, "heaviside")[k] as 0 | 1;
    if (actual !== expected) mismatches.push({ z, expected, actual });
  }
  return { points: steps + 1 - skipped, skipped, mismatches };
}

/** One row of a threshold table, for display. */
export interface IntervalRow {
  /** Output neuron index k, from 0. */
  output: number;
  from: number;
  to: number;
  /** Output under the Heaviside rule. */
  value: 0 | 1;
  /** The interval in bracket notation, e.g. "[-1.5, 1.5]" or "(-inf, -1.5)". */
  interval: string;
}

/**
 * Builds the threshold table of a decoder: one row per interval per output
 * neuron, in output order and then from left to right. Set `approximate` to
 * use zero decoder_hidden biases.
 *
 * @param outputs output neurons to include; all of them by default
 */
export function intervalTable(
  weights: Weights,
  options: { outputs?: number[]; approximate?: boolean } = {},
): IntervalRow[] {
  const outputs = options.outputs ?? Array.from({ length: weights.pixels }, (_, k) => k);
  const compute = options.approximate ? approximateIntervals : outputIntervals;
  return outputs.flatMap((k) =>
    compute(weights, k).map((interval) => ({
      output: k,
      from: interval.from,
      to: interval.to,
      value: interval.output,
      interval: formatInterval(interval),
    }))
  );
}

/** Writes an interval in bracket notation: square brackets for included ends, "inf" for infinity. */
export function formatInterval(interval: OutputInterval): string {
  const closed = interval.output === 1;
  const left = interval.from === -Infinity ? "(-inf" : `${closed ? "[" : "("}${interval.from}`;
  const right = interval.to === Infinity ? "inf)" : `${interval.to}${closed ? "]" : ")"}`;
  return `${left}, ${right}`;
}

function outputLogit(weights: Weights, k: number): OutputLogit {
  assertOutput(weights, k);
  const hidden = decoderHidden(weights);
  const output = layerByName(weights, "decoder_output");
  const units = hidden.units;
  return {
    slopes: Array.from(hidden.kernel),
    offsets: Array.from(hidden.bias),
    outputWeights: Array.from({ length: units }, (_, j) => output.kernel[j * output.units + k]),
    outputBias: output.bias[k],
  };
}

function decoderHidden(weights: Weights): DenseLayer {
  const hidden = layerByName(weights, "decoder_hidden");
  const output = layerByName(weights, "decoder_output");
  if (hidden.inputs !== 1 || output.inputs !== hidden.units) {
    throw new RangeError(
      `decoder_hidden must map 1 bottleneck value to the ${output.inputs} inputs of decoder_output, ` +
        `got ${hidden.inputs} -> ${hidden.units}`,
    );
  }
  return hidden;
}

function assertOutput(weights: Weights, k: number): void {
  const units = layerByName(weights, "decoder_output").units;
  if (!Number.isInteger(k) || k < 0 || k >= units) {
    throw new RangeError(`output neuron must be an integer in [0, ${units - 1}], got ${k}`);
  }
}

/** Splits the real line at the hidden units' kinks and returns the logit's linear piece on each part. */
function linearSegments(logit: OutputLogit): Segment[] {
  const { slopes, offsets, outputWeights, outputBias } = logit;
  const kinks = slopes.map((w, j) => (w === 0 ? NaN : -offsets[j] / w));
  const breakpoints = [...new Set(kinks.filter((t) => !Number.isNaN(t)))].sort((a, b) => a - b);
  const ends = [-Infinity, ...breakpoints, Infinity];

  const segments: Segment[] = [];
  for (let i = 0; i + 1 < ends.length; i++) {
    const lo = ends[i];
    const hi = ends[i + 1];
    let slope = 0;
    let intercept = outputBias;
    for (let j = 0; j < slopes.length; j++) {
      const w = slopes[j];
      if (w === 0) {
        intercept += outputWeights[j] * Math.max(0, offsets[j]);
        continue;
      }
      // No kink lies inside the segment, so unit j is active on all of it or
      // on none of it. It is active when w z + b grows positive past its kink.
      const active = w > 0 ? kinks[j] <= lo : kinks[j] >= hi;
      if (active) {
        slope += outputWeights[j] * w;
        intercept += outputWeights[j] * offsets[j];
      }
    }
    segments.push({ lo, hi, slope, intercept });
  }
  return segments;
}

/** A point that may separate intervals: a kink, or a zero of the logit. */
interface CriticalPoint {
  z: number;
  /** The logit is 0 here. */
  root: boolean;
}

function criticalPoints(segments: Segment[]): CriticalPoint[] {
  const points = new Map<number, boolean>();
  for (const { lo, hi } of segments) {
    if (Number.isFinite(lo)) points.set(lo, points.get(lo) ?? false);
    if (Number.isFinite(hi)) points.set(hi, points.get(hi) ?? false);
  }
  for (const segment of segments) {
    const root = segmentRoot(segment);
    if (root !== null) points.set(root, true);
  }
  return [...points].map(([z, root]) => ({ z, root })).sort((a, b) => a.z - b.z);
}

/**
 * Returns the zero of a non-constant segment if it lies in [lo, hi], or
 * within rounding (1e-12 relative) of it, clamped to [lo, hi]; otherwise null.
 */
function segmentRoot({ lo, hi, slope, intercept }: Segment): number | null {
  if (slope === 0) return null;
  const root = -intercept / slope;
  const scale = 1e-12 *
    Math.max(1, Math.abs(Number.isFinite(lo) ? lo : 0), Math.abs(Number.isFinite(hi) ? hi : 0));
  if (root < lo - scale || root > hi + scale) return null;
  return Math.min(hi, Math.max(lo, root));
}

/**
 * Output on the open interval (a, b), which contains no critical point and lies
 * inside `segment`: the sign of the segment's linear piece there.
 */
function openPieceOutput(segment: Segment, a: number, b: number): 0 | 1 {
  const { slope, intercept } = segment;
  if (slope === 0) return intercept >= 0 ? 1 : 0;
  const root = -intercept / slope;
  // The zero is not inside (a, b), so comparing it with an end gives the sign.
  if (slope > 0) return root <= a ? 1 : 0;
  return root >= b ? 1 : 0;
}

/**
 * Walks the real line as alternating open pieces and critical points, gives
 * each its output, and merges runs of equal output into intervals.
 */
function mergePieces(segments: Segment[], points: CriticalPoint[]): OutputInterval[] {
  const ends = [-Infinity, ...points.map((point) => point.z), Infinity];
  const pieceOutputs: (0 | 1)[] = [];
  let segmentIndex = 0;
  for (let i = 0; i + 1 < ends.length; i++) {
    const a = ends[i];
    const b = ends[i + 1];
    while (segments[segmentIndex].hi < b) segmentIndex++;
    pieceOutputs.push(openPieceOutput(segments[segmentIndex], a, b));
  }

  const intervals: OutputInterval[] = [];
  const extend = (from: number, to: number, output: 0 | 1) => {
    const last = intervals[intervals.length - 1];
    if (last && last.output === output) last.to = to;
    else intervals.push({ from, to, output });
  };
  for (let i = 0; i < pieceOutputs.length; i++) {
    extend(ends[i], ends[i + 1], pieceOutputs[i]);
    if (i < points.length) {
      // A point takes output 1 where the logit is 0 or where a neighbouring
      // piece is 1, because the set {logit >= 0} is closed.
      const pointOutput = points[i].root || pieceOutputs[i] === 1 || pieceOutputs[i + 1] === 1 ? 1 : 0;
      extend(points[i].z, points[i].z, pointOutput);
    }
  }
  return intervals;
}
