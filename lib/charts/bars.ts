/** Bar charts with error bars, such as outcome frequencies with confidence intervals. */
import { type AxesOptions, ruleLayers, sized } from "./axes.ts";
import { checkFinite, checkInteger, type VegaLiteSpec } from "./style.ts";

/** One bar of a bar chart, with an optional interval such as a 95% confidence interval. */
export interface Bar {
  category: string;
  value: number;
  lower?: number;
  upper?: number;
  /** Group within a category, such as "this run" and "report"; bars of a category stand side by side. */
  series?: string;
}

/**
 * Builds a bar chart with error bars from `lower` to `upper` where given.
 * With `digits`, each bar is labelled with its value rounded to `digits` decimals.
 */
export function barChart(
  options: Omit<AxesOptions, "logX" | "xDomain"> & { bars: Bar[]; digits?: number },
): VegaLiteSpec {
  const { bars } = options;
  if (bars.length === 0) throw new RangeError("bars must not be empty");
  checkFinite("bar values", bars.map((bar) => bar.value));
  for (const [i, bar] of bars.entries()) {
    if ((bar.lower === undefined) !== (bar.upper === undefined)) {
      throw new RangeError(`bars[${i}] must have both lower and upper, or neither`);
    }
    if (bar.lower !== undefined && !(bar.lower <= bar.upper!)) {
      throw new RangeError(`bars[${i}] interval must have lower <= upper, got [${bar.lower}, ${bar.upper}]`);
    }
  }
  if (options.digits !== undefined) checkInteger("digits", options.digits, 0);

  const categories = [...new Set(bars.map((bar) => bar.category))];
  const hasSeries = bars.some((bar) => bar.series !== undefined);
  const seriesNames = [...new Set(bars.map((bar) => bar.series ?? ""))];
  const x = {
    field: "category",
    type: "nominal",
    title: options.xTitle ?? null,
    sort: categories,
    axis: { labelAngle: 0 },
  };
  const offset = hasSeries ? { xOffset: { field: "series", type: "nominal", sort: seriesNames } } : {};
  const y = {
    field: "value",
    type: "quantitative",
    title: options.yTitle ?? null,
    ...(options.yDomain ? { scale: { domain: options.yDomain } } : {}),
  };
  const colour = hasSeries
    ? { color: { field: "series", type: "nominal", title: null, sort: seriesNames } }
    : {};

  const layers: Record<string, unknown>[] = [{
    data: { values: bars },
    mark: { type: "bar", opacity: 0.85 },
    encoding: { x, ...offset, y, ...colour },
  }];
  const intervals = bars.filter((bar) => bar.lower !== undefined);
  if (intervals.length > 0) {
    layers.push({
      data: { values: intervals },
      mark: { type: "errorbar", ticks: true, color: "black" },
      encoding: {
        x,
        ...offset,
        y: { field: "lower", type: "quantitative", title: options.yTitle ?? null },
        y2: { field: "upper" },
      },
    });
  }
  if (options.digits !== undefined) {
    layers.push({
      data: { values: bars.map((bar) => ({ ...bar, text: bar.value.toFixed(options.digits) })) },
      mark: { type: "text", baseline: "bottom", dy: -3, fontSize: 10 },
      encoding: {
        x,
        ...offset,
        y: { field: "upper_or_value", type: "quantitative" },
        text: { field: "text" },
      },
      transform: [{ calculate: "isValid(datum.upper) ? datum.upper : datum.value", as: "upper_or_value" }],
    });
  }
  layers.push(...ruleLayers(options.rules));
  return sized(layers, options);
}
