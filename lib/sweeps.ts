/**
 * Bottleneck sweeps: the decoder evaluated at many bottleneck values z, as
 * logits, as images, or as rows for a slider chart. Used to show how the
 * outputs change, and turn grey under the sigmoid, as z crosses a threshold.
 */
import { applyDense, decode, layerByName, type OutputRule, type Weights } from "./network.ts";
import type { SweepRow } from "./charts/sweep.ts";

/**
 * Computes the output logits of the decoder at bottleneck value `z`, before
 * the sigmoid or Heaviside rule: sum_j w2[j, k] relu(w1[j] z + b1[j]) + b2[k].
 *
 * @returns shape [pixels], one logit per output neuron
 */
export function decoderLogits(weights: Weights, z: number): Float64Array {
  if (!Number.isFinite(z)) throw new RangeError(`bottleneck value z must be finite, got ${z}`);
  const hidden = applyDense(layerByName(weights, "decoder_hidden"), [z]);
  const output = layerByName(weights, "decoder_output");
  return applyDense({ ...output, activation: "linear" }, hidden);
}

/**
 * Returns the kinks of the decoder's logits: the bottleneck values
 * z = -b1[j] / w1[j] where a decoder_hidden ReLU unit switches on or off,
 * ascending and without repeats. Units with w1[j] = 0 have none. Between
 * kinks every logit is linear in z, so a line through the kinks and two
 * outer points draws the logits exactly.
 */
export function decoderKinks(weights: Weights): number[] {
  const hidden = layerByName(weights, "decoder_hidden");
  const kinks = Array.from(hidden.kernel)
    .map((w, j) => (w === 0 ? NaN : -hidden.bias[j] / w))
    .filter((z) => !Number.isNaN(z));
  return [...new Set(kinks)].sort((a, b) => a - b);
}

/**
 * Returns `steps + 1` equally spaced values from `from` to `to`, both
 * included. Each value is computed as from + (to - from) * i / steps, so the
 * ends are exact and the grid does not accumulate rounding.
 *
 * @throws {RangeError} when the ends are not finite, from > to, or steps is not a positive integer.
 */
export function linearGrid(from: number, to: number, steps: number): number[] {
  if (!Number.isFinite(from) || !Number.isFinite(to) || from > to) {
    throw new RangeError(`grid must satisfy from <= to with finite ends, got [${from}, ${to}]`);
  }
  if (!Number.isInteger(steps) || steps < 1) {
    throw new RangeError(`steps must be a positive integer, got ${steps}`);
  }
  return Array.from({ length: steps + 1 }, (_, i) => from + ((to - from) * i) / steps);
}

/**
 * Returns `count` values `spacing` apart and centred on `centre`, such as
 * centre - 2 d, centre - d, centre, centre + d, centre + 2 d for count 5.
 * An odd count includes the centre itself.
 *
 * @throws {RangeError} when centre is not finite, spacing is not positive or count is not a positive integer.
 */
export function centredSteps(centre: number, spacing: number, count: number): number[] {
  if (!Number.isFinite(centre)) throw new RangeError(`centre must be finite, got ${centre}`);
  if (!(spacing > 0 && Number.isFinite(spacing))) {
    throw new RangeError(`spacing must be a positive finite number of bottleneck units, got ${spacing}`);
  }
  if (!Number.isInteger(count) || count < 1) {
    throw new RangeError(`count must be a positive integer, got ${count}`);
  }
  return Array.from({ length: count }, (_, i) => centre + (i - (count - 1) / 2) * spacing);
}

/**
 * Decodes every bottleneck value of `zs` with `rule` and returns the images
 * one after another.
 *
 * @returns shape [zs.length, pixels], values in [0, 1], as `imageRows` takes them
 */
export function decodeSweep(weights: Weights, zs: readonly number[], rule: OutputRule): Float32Array {
  const images = new Float32Array(zs.length * weights.pixels);
  zs.forEach((z, i) => {
    if (!Number.isFinite(z)) throw new RangeError(`zs[${i}] must be a finite bottleneck value, got ${z}`);
    images.set(decode(weights, z, rule), i * weights.pixels);
  });
  return images;
}

/**
 * Builds the rows of a slider chart (`sliderSweep`): for every z of `zs`, one
 * row per output neuron with its value under `rule`, rounded to `digits`
 * decimals (default 4) to keep the chart's data short. Rows come z by z, and
 * within one z in output order, so the series appear in pixel order as
 * `sliderSweep` with `imageSize` expects.
 *
 * @param labels one series name per output neuron; default "output 1", "output 2", ...
 */
export function sweepRows(
  weights: Weights,
  zs: readonly number[],
  options: { rule?: OutputRule; labels?: readonly string[]; digits?: number } = {},
): SweepRow[] {
  const labels = options.labels ?? Array.from({ length: weights.pixels }, (_, k) => `output ${k + 1}`);
  if (labels.length !== weights.pixels) {
    throw new RangeError(
      `labels must have one name per output neuron (${weights.pixels}), got ${labels.length}`,
    );
  }
  const digits = options.digits ?? 4;
  if (!Number.isInteger(digits) || digits < 0 || digits > 15) {
    throw new RangeError(`digits must be an integer in 0..15, got ${digits}`);
  }
  const scale = 10 ** digits;
  const rule = options.rule ?? "sigmoid";
  return zs.flatMap((x, i) => {
    if (!Number.isFinite(x)) throw new RangeError(`zs[${i}] must be a finite bottleneck value, got ${x}`);
    const values = decode(weights, x, rule);
    return labels.map((series, k) => ({ x, series, value: Math.round(values[k] * scale) / scale }));
  });
}
