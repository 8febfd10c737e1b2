/**
 * Display tables of a decoder's thresholds: the exact intervals and the
 * zero-bias approximation per output neuron, how far the two sets of
 * thresholds are apart, and checks of both against the decoder itself on a
 * fine bottleneck sweep. Output neurons are numbered from 1 here, as in the
 * report's tables; lib/thresholds.ts numbers them from 0.
 */
import { layerByName, type Weights } from "./network.ts";
import {
  approximateIntervals,
  checkIntervals,
  compareThresholds,
  formatInterval,
  outputIntervals,
  withZeroDecoderHiddenBias,
} from "./thresholds.ts";

/** Pixel names of a 2x2 image in row-major order, used as output names when the network has 4 outputs. */
export const TWO_BY_TWO_PIXELS = ["upper left", "upper right", "lower left", "lower right"] as const;

/** One interval of one output neuron. */
export interface ThresholdTableRow {
  /** Output neuron, from 1. */
  output: number;
  /** Pixel of the output neuron, such as "upper left". */
  pixel: string;
  /** The interval in bracket notation with rounded ends, such as "[-1.500, 1.500]". */
  interval: string;
  /** Left end, unrounded; -Infinity for the first interval. */
  from: number;
  /** Right end, unrounded; Infinity for the last interval. */
  to: number;
  /** Heaviside output on the interval. */
  value: 0 | 1;
}

/** Exact and approximate thresholds of one output neuron. */
export interface ThresholdComparisonRow {
  /** Output neuron, from 1. */
  output: number;
  pixel: string;
  /** Exact thresholds, ascending, rounded and separated by ", ". */
  exact: string;
  /** Thresholds with zero decoder_hidden biases, in the same form. */
  approximate: string;
  /** Hausdorff distance between the two sets in bottleneck units, unrounded. */
  distance: number;
}

/** One check of a threshold table against a decoder on a sweep. */
export interface ThresholdCheckRow {
  /** Output neuron, from 1. */
  output: number;
  pixel: string;
  /** Table that was checked. */
  table: "exact" | "approximate";
  /** Decoder that was evaluated: the learned one, or the learned one with zero decoder_hidden biases. */
  decoder: "learned" | "zero hidden bias";
  /** Sweep points compared. */
  points: number;
  /** Sweep points skipped because they lie within the tolerance of a threshold. */
  skipped: number;
  /** Sweep points where table and decoder disagree. */
  mismatches: number;
  /** mismatches times the sweep spacing: an estimate of the length of axis where they disagree. */
  mismatchLength: number;
}

/** Options shared by the table builders. */
export interface ThresholdTableOptions {
  /** Decimals of the rounded thresholds in text columns; default 3. */
  digits?: number;
  /** One name per output neuron; default `TWO_BY_TWO_PIXELS` for 4 outputs, else "pixel 1", "pixel 2", ... */
  pixelNames?: readonly string[];
}

/**
 * Builds the threshold table of every output neuron: one row per interval,
 * from left to right, with the exact intervals or, with `approximate`, those
 * of the zero-bias approximation.
 */
export function thresholdTableRows(
  weights: Weights,
  options: ThresholdTableOptions & { approximate?: boolean } = {},
): ThresholdTableRow[] {
  const { digits, names } = resolve(weights, options);
  const compute = options.approximate ? approximateIntervals : outputIntervals;
  return names.flatMap((pixel, k) =>
    compute(weights, k).map((interval) => ({
      output: k + 1,
      pixel,
      interval: formatInterval({
        ...interval,
        from: round(interval.from, digits),
        to: round(interval.to, digits),
      }),
      from: interval.from,
      to: interval.to,
      value: interval.output,
    }))
  );
}

/** Builds one row per output neuron with its exact and approximate thresholds and their distance. */
export function thresholdComparisonRows(
  weights: Weights,
  options: ThresholdTableOptions = {},
): ThresholdComparisonRow[] {
  const { digits, names } = resolve(weights, options);
  const list = (zs: number[]) => zs.map((z) => z.toFixed(digits)).join(", ");
  return names.map((pixel, k) => {
    const comparison = compareThresholds(weights, k);
    return {
      output: k + 1,
      pixel,
      exact: list(comparison.exact),
      approximate: list(comparison.approximate),
      distance: comparison.distance,
    };
  });
}

/**
 * Checks the tables against the decoder on `sweep` (see `checkIntervals`),
 * three times per output neuron: the exact table against the learned
 * decoder, the approximate table against the decoder it describes (zero
 * decoder_hidden biases), and the approximate table against the learned
 * decoder. The first two should give no mismatch; the third measures where
 * the approximation is wrong.
 *
 * @param tolerance sweep points this close to a threshold of the checked table are skipped; default 1e-9
 */
export function thresholdCheckRows(
  weights: Weights,
  sweep: { from: number; to: number; steps: number },
  options: ThresholdTableOptions & { tolerance?: number } = {},
): ThresholdCheckRow[] {
  const { names } = resolve(weights, options);
  const tolerance = options.tolerance ?? 1e-9;
  const zeroBias = withZeroDecoderHiddenBias(weights);
  const spacing = (sweep.to - sweep.from) / sweep.steps;
  return names.flatMap((pixel, k) => {
    const exact = outputIntervals(weights, k);
    const approximate = approximateIntervals(weights, k);
    const checks = [
      { table: "exact", decoder: "learned", intervals: exact, model: weights },
      { table: "approximate", decoder: "zero hidden bias", intervals: approximate, model: zeroBias },
      { table: "approximate", decoder: "learned", intervals: approximate, model: weights },
    ] as const;
    return checks.map(({ table, decoder, intervals, model }) => {
      const check = checkIntervals(model, k, intervals, sweep, tolerance);
      return {
        output: k + 1,
        pixel,
        table,
        decoder,
        points: check.points,
        skipped: check.skipped,
        mismatches: check.mismatches.length,
        mismatchLength: check.mismatches.length * spacing,
      };
    });
  });
}

function resolve(weights: Weights, options: ThresholdTableOptions): { digits: number; names: string[] } {
  const digits = options.digits ?? 3;
  if (!Number.isInteger(digits) || digits < 0 || digits > 15) {
    throw new RangeError(`digits must be an integer in 0..15, got ${digits}`);
  }
  const outputs = layerByName(weights, "decoder_output").units;
  const defaults = outputs === 4
    ? [...TWO_BY_TWO_PIXELS]
    : Array.from({ length: outputs }, (_, k) => `pixel ${k + 1}`);
  const names = [...(options.pixelNames ?? defaults)];
  if (names.length !== outputs) {
    throw new RangeError(`pixelNames must have one name per output neuron (${outputs}), got ${names.length}`);
  }
  return { digits, names };
}

/** Rounds a finite value to `digits` decimals and keeps infinities. */
function round(value: number, digits: number): number {
  return Number.isFinite(value) ? Number(value.toFixed(digits)) : value;
}
