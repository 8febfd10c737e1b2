/**
 * Charts with x and y axes: line and scatter charts, the options they share
 * with the histogram and bar charts, and reference lines.
 */
import {
  checkFinite,
  checkPositive,
  DEFAULT_HEIGHT,
  DEFAULT_WIDTH,
  topLevel,
  type VegaLiteSpec,
} from "./style.ts";

/** Options shared by the charts with x and y axes. */
export interface AxesOptions {
  title?: string;
  subtitle?: string;
  xTitle?: string;
  yTitle?: string;
  /** Plot width in pixels; default 360. */
  width?: number;
  /** Plot height in pixels; default 240. */
  height?: number;
  /** Log-scale x axis (base 10); every x must be > 0. */
  logX?: boolean;
  /** Log-scale y axis (base 10); every y must be > 0. */
  logY?: boolean;
  /** Fixed x range [min, max]; default fitted to the data. */
  xDomain?: [number, number];
  /** Fixed y range [min, max]; default fitted to the data. */
  yDomain?: [number, number];
  /** Reference lines: vertical at `x` or horizontal at `y`, with an optional label. */
  rules?: ReferenceRule[];
}

/** A vertical (x) or horizontal (y) reference line. */
export interface ReferenceRule {
  x?: number;
  y?: number;
  label?: string;
}

/** One point of a line or scatter chart. */
export interface XYPoint {
  x: number;
  y: number;
  /** Line name or group; points without it form one unnamed series. */
  series?: string;
}

/**
 * Builds a line chart, one coloured line per `series`, points in the order
 * given (not sorted by x, so curves such as ROC curves draw as given).
 *
 * @example lineChart({ points: history.map((loss, epoch) => ({ x: epoch, y: loss })), xTitle: "epoch", yTitle: "loss", logY: true })
 */
export function lineChart(
  options: AxesOptions & { points: XYPoint[]; showPoints?: boolean; diagonal?: boolean },
): VegaLiteSpec {
  checkPoints(options.points, options);
  const hasSeries = options.points.some((point) => point.series !== undefined);
  const values = options.points.map((point, order) => ({ ...point, order }));
  const line = {
    data: { values },
    mark: { type: "line", point: options.showPoints ?? false, strokeWidth: 2, clip: hasDomain(options) },
    encoding: {
      ...xyEncoding(options),
      order: { field: "order", type: "quantitative" },
      ...(hasSeries ? { color: { field: "series", type: "nominal", title: null, sort: null } } : {}),
    },
  };
  const layers: Record<string, unknown>[] = [line, ...ruleLayers(options.rules)];
  if (options.diagonal) {
    layers.unshift({
      data: { values: [{ x: 0, y: 0, x2: 1, y2: 1 }] },
      mark: { type: "rule", color: "#999", strokeDash: [4, 4] },
      encoding: {
        x: { field: "x", type: "quantitative" },
        y: { field: "y", type: "quantitative" },
        x2: { field: "x2" },
        y2: { field: "y2" },
      },
    });
  }
  return sized(layers, options);
}

/** One point of a scatter chart, with an optional colour value. */
export interface ScatterPoint {
  x: number;
  y: number;
  /** A category (nominal colours) or a number (viridis gradient). */
  colour?: string | number;
}

/** Builds a scatter chart, coloured by `colour` when the points have it. */
export function scatterChart(
  options: AxesOptions & {
    points: ScatterPoint[];
    colourTitle?: string;
    pointSize?: number;
    opacity?: number;
  },
): VegaLiteSpec {
  checkPoints(options.points, options);
  const colours = options.points.map((point) => point.colour).filter((colour) => colour !== undefined);
  const numeric = colours.length > 0 && colours.every((colour) => typeof colour === "number");
  const colour = colours.length === 0 ? {} : {
    color: numeric
      ? {
        field: "colour",
        type: "quantitative",
        title: options.colourTitle ?? null,
        scale: { scheme: "viridis" },
      }
      : { field: "colour", type: "nominal", title: options.colourTitle ?? null, sort: null },
  };
  const points = {
    data: { values: options.points },
    mark: {
      type: "circle",
      size: options.pointSize ?? 30,
      opacity: options.opacity ?? 0.8,
      clip: hasDomain(options),
    },
    encoding: { ...xyEncoding(options), ...colour },
  };
  return sized([points, ...ruleLayers(options.rules)], options);
}

export function checkPoints(points: { x: number; y: number }[], options: AxesOptions): void {
  if (points.length === 0) throw new RangeError("points must not be empty");
  checkFinite("x values", points.map((point) => point.x));
  checkFinite("y values", points.map((point) => point.y));
  for (const axis of ["x", "y"] as const) {
    if (!(axis === "x" ? options.logX : options.logY)) continue;
    const index = points.findIndex((point) => point[axis] <= 0);
    if (index >= 0) {
      throw new RangeError(
        `points[${index}].${axis} is ${
          points[index][axis]
        }, but a log ${axis} axis needs values > 0; drop such points or use a linear axis`,
      );
    }
  }
}

export function xyEncoding(options: AxesOptions): Record<string, unknown> {
  const axis = (
    title: string | undefined,
    log: boolean | undefined,
    domain: [number, number] | undefined,
  ) => ({
    type: "quantitative",
    title: title ?? null,
    scale: { ...(log ? { type: "log" } : { zero: false }), ...(domain ? { domain, nice: false } : {}) },
  });
  return {
    x: { field: "x", ...axis(options.xTitle, options.logX, options.xDomain) },
    y: { field: "y", ...axis(options.yTitle, options.logY, options.yDomain) },
  };
}

export function ruleLayers(rules: ReferenceRule[] | undefined): Record<string, unknown>[] {
  return (rules ?? []).flatMap((rule, i) => {
    if ((rule.x === undefined) === (rule.y === undefined)) {
      throw new RangeError(`rules[${i}] must set exactly one of x (vertical line) or y (horizontal line)`);
    }
    const channel = rule.x !== undefined ? "x" : "y";
    const position = { [channel]: { datum: rule.x ?? rule.y, type: "quantitative" } };
    const layers: Record<string, unknown>[] = [{
      data: { values: [{}] },
      mark: { type: "rule", color: "#666", strokeDash: [4, 3] },
      encoding: position,
    }];
    if (rule.label) {
      layers.push({
        data: { values: [{}] },
        mark: channel === "x"
          ? { type: "text", align: "left", baseline: "top", dx: 3, y: 2, fontSize: 10, color: "#444" }
          : {
            type: "text",
            align: "right",
            baseline: "bottom",
            dy: -2,
            x: "width",
            fontSize: 10,
            color: "#444",
          },
        encoding: { ...position, text: { value: rule.label } },
      });
    }
    return layers;
  });
}

export function sized(
  layers: Record<string, unknown>[],
  options: Omit<AxesOptions, "logX" | "xDomain">,
): VegaLiteSpec {
  const width = options.width ?? DEFAULT_WIDTH;
  const height = options.height ?? DEFAULT_HEIGHT;
  checkPositive("width", width);
  checkPositive("height", height);
  return topLevel({ width, height, layer: layers }, { title: options.title, subtitle: options.subtitle });
}

/** Clips marks to the plot only when a fixed domain may leave data outside it, so edge points stay whole. */
export function hasDomain(options: AxesOptions): boolean {
  return options.xDomain !== undefined || options.yDomain !== undefined;
}
