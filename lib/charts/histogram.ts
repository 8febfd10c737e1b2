/** Histograms, with an optional density curve on the same scale. */
import { type AxesOptions, ruleLayers, sized } from "./axes.ts";
import { checkFinite, checkInteger, type VegaLiteSpec } from "./style.ts";

/** A density curve drawn over a histogram. */
export interface DensityCurve {
  /** Legend label, such as "N(0, 1) density". */
  label: string;
  /** Density function, evaluated on 200 points across the histogram's range. */
  density: (x: number) => number;
}

/**
 * Builds a histogram of `values` with `bins` equal bins over `extent`
 * (default: the data's range). With `curve`, bar heights are densities
 * (count / (n * bin width)) so the curve is on the same scale; without it
 * they are counts.
 *
 * @example histogram({ values: means, curve: { label: "N(0, 1)", density: (x) => Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI) } })
 * @throws {RangeError} when `values` is empty or has a non-finite entry, or `bins` is not a positive integer.
 */
export function histogram(
  options: Omit<AxesOptions, "logX" | "xDomain"> & {
    values: ArrayLike<number>;
    bins?: number;
    extent?: [number, number];
    curve?: DensityCurve;
    /** Legend label of the bars; default "data". */
    label?: string;
  },
): VegaLiteSpec {
  const { values } = options;
  if (values.length === 0) throw new RangeError("histogram values must not be empty");
  checkFinite("values", values);
  const bins = options.bins ?? 30;
  checkInteger("bins", bins);
  let [low, high] = options.extent ?? [Math.min(...Array.from(values)), Math.max(...Array.from(values))];
  if (!(Number.isFinite(low) && Number.isFinite(high) && low <= high)) {
    throw new RangeError(`histogram extent must be finite with min <= max, got [${low}, ${high}]`);
  }
  if (low === high) [low, high] = [low - 0.5, high + 0.5];

  const width = (high - low) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value < low || value > high) continue;
    counts[Math.min(bins - 1, Math.floor((value - low) / width))]++;
  }
  const scale = options.curve ? 1 / (values.length * width) : 1;
  const label = options.label ?? "data";
  const barValues = counts.map((count, i) => ({
    start: low + i * width,
    end: low + (i + 1) * width,
    height: count * scale,
    count,
  }));
  const yTitle = options.yTitle ?? (options.curve ? "density" : "count");
  const bars = {
    data: { values: barValues },
    mark: { type: "rect", opacity: 0.75, stroke: "white", strokeWidth: 0.5 },
    encoding: {
      x: {
        field: "start",
        type: "quantitative",
        title: options.xTitle ?? null,
        scale: { domain: [low, high], nice: false },
      },
      x2: { field: "end" },
      y: {
        field: "height",
        type: "quantitative",
        title: yTitle,
        ...(options.yDomain ? { scale: { domain: options.yDomain } } : {}),
      },
      y2: { datum: 0 },
      color: { datum: label, type: "nominal", title: null },
      tooltip: [
        { field: "start", type: "quantitative", format: ".3f" },
        { field: "end", type: "quantitative", format: ".3f" },
        { field: "count", type: "quantitative" },
      ],
    },
  };
  const layers: Record<string, unknown>[] = [bars];
  if (options.curve) {
    const steps = 200;
    const curveValues = Array.from({ length: steps + 1 }, (_, i) => {
      const x = low + (high - low) * i / steps;
      return { x, y: options.curve!.density(x) };
    });
    checkFinite("density values", curveValues.map((point) => point.y));
    layers.push({
      data: { values: curveValues },
      mark: { type: "line", strokeWidth: 2 },
      encoding: {
        x: { field: "x", type: "quantitative" },
        y: { field: "y", type: "quantitative" },
        color: { datum: options.curve.label, type: "nominal" },
      },
    });
  }
  layers.push(...ruleLayers(options.rules));
  return sized(layers, options);
}
