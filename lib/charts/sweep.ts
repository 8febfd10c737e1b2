/**
 * A parameter sweep with a slider: values of several series over a grid of
 * x values, with a vega-lite parameter bound to a range input. JupyterLab
 * shows the slider and moves the marker; the static SVG shows the default.
 */
import {
  checkFinite,
  checkInteger,
  checkPositive,
  DEFAULT_HEIGHT,
  DEFAULT_WIDTH,
  topLevel,
  type VegaLiteSpec,
} from "./style.ts";

/** Names that vega already uses for its own signals or expression variables. */
const RESERVED_NAMES = [
  "width",
  "height",
  "padding",
  "autosize",
  "background",
  "cursor",
  "datum",
  "event",
  "item",
  "parent",
];

/** One value of one series at one grid point. */
export interface SweepRow {
  x: number;
  series: string;
  value: number;
}

/** Options of `sliderSweep`. */
export interface SliderSweepOptions {
  /** Values on a grid of x; every series should have a row at every grid point. */
  rows: SweepRow[];
  /** Name of the slider parameter, a JavaScript identifier such as "bottleneck"; default "sweep". */
  param?: string;
  /** Slider start value; default the grid point nearest the middle of the range. */
  value?: number;
  title?: string;
  subtitle?: string;
  xTitle?: string;
  valueTitle?: string;
  /** Fixed value range [min, max]; default fitted to the data. */
  valueDomain?: [number, number];
  /** Decimals of the value labels at the slider position; default 2. */
  digits?: number;
  /** Plot width in pixels; default 360. */
  width?: number;
  /** Plot height in pixels; default 240. */
  height?: number;
  /**
   * When set, the series are the pixels of an `imageSize` x `imageSize` image in row-major order (series in
   * order of first appearance), and a second panel draws that image in viridis at the slider position.
   */
  imageSize?: number;
}

/**
 * Builds a line chart of each series over x, a vertical rule and labelled
 * points at the slider's x, and optionally the values at that x drawn as an
 * image. The slider steps through the grid (step = smallest gap between grid
 * points); the rows nearest the slider within half a step are highlighted.
 *
 * @example sliderSweep({ rows, param: "bottleneck", xTitle: "bottleneck value", valueTitle: "output", imageSize: 2 })
 * @throws {RangeError} when rows are empty, not finite, the grid has fewer than 2 points, or `param` is not
 * an identifier.
 */
export function sliderSweep(options: SliderSweepOptions): VegaLiteSpec {
  const { rows } = options;
  if (rows.length === 0) throw new RangeError("sweep rows must not be empty");
  checkFinite("x values", rows.map((row) => row.x));
  checkFinite("values", rows.map((row) => row.value));
  const param = options.param ?? "sweep";
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(param) || RESERVED_NAMES.includes(param)) {
    throw new RangeError(
      `param must be a JavaScript identifier other than ${RESERVED_NAMES.join(", ")}, got ${
        JSON.stringify(param)
      }`,
    );
  }
  const digits = options.digits ?? 2;
  checkInteger("digits", digits, 0);
  const width = options.width ?? DEFAULT_WIDTH;
  const height = options.height ?? DEFAULT_HEIGHT;
  checkPositive("width", width);
  checkPositive("height", height);

  const grid = [...new Set(rows.map((row) => row.x))].sort((a, b) => a - b);
  if (grid.length < 2) {
    throw new RangeError(`the sweep needs at least 2 distinct x values, got ${grid.length}`);
  }
  const step = Math.min(...grid.slice(1).map((x, i) => x - grid[i]));
  const [low, high] = [grid[0], grid[grid.length - 1]];
  const start = options.value ??
    grid.reduce((best, x) => Math.abs(x - (low + high) / 2) < Math.abs(best - (low + high) / 2) ? x : best);
  if (!(start >= low && start <= high)) {
    throw new RangeError(`value must be within the grid [${low}, ${high}], got ${start}`);
  }
  const series = [...new Set(rows.map((row) => row.series))];
  const atSlider = { filter: `abs(datum.x - ${param}) <= ${step / 2}` };
  const y = {
    field: "value",
    type: "quantitative",
    title: options.valueTitle ?? null,
    ...(options.valueDomain ? { scale: { domain: options.valueDomain } } : {}),
  };
  const colour = { field: "series", type: "nominal", title: null, sort: series };

  const linePanel = {
    width,
    height,
    layer: [
      {
        data: { name: "sweep_rows" },
        mark: { type: "line", strokeWidth: 2 },
        encoding: {
          x: { field: "x", type: "quantitative", title: options.xTitle ?? null },
          y,
          color: colour,
        },
      },
      {
        data: { values: [{}] },
        transform: [{ calculate: param, as: "at" }],
        mark: { type: "rule", color: "#555", strokeDash: [4, 3] },
        encoding: { x: { field: "at", type: "quantitative" } },
      },
      {
        data: { name: "sweep_rows" },
        transform: [atSlider],
        layer: [
          {
            mark: { type: "point", filled: true, size: 60 },
            encoding: { x: { field: "x", type: "quantitative" }, y, color: colour },
          },
          {
            mark: { type: "text", align: "left", dx: 6, fontSize: 10 },
            encoding: {
              x: { field: "x", type: "quantitative" },
              y,
              text: { field: "value", type: "quantitative", format: `.${digits}f` },
              color: colour,
            },
          },
        ],
      },
    ],
  };
  const params = [{
    name: param,
    value: start,
    bind: { input: "range", min: low, max: high, step, name: `${options.xTitle ?? param} ` },
  }];
  if (options.imageSize === undefined) {
    return topLevel({ params, datasets: { sweep_rows: rows }, ...linePanel }, {
      title: options.title,
      subtitle: options.subtitle,
    });
  }

  const size = options.imageSize;
  checkInteger("imageSize", size);
  if (series.length !== size * size) {
    throw new RangeError(
      `imageSize ${size} needs ${size * size} series (one per pixel), got ${series.length}`,
    );
  }
  const pixelRows = rows.map((row) => {
    const pixel = series.indexOf(row.series);
    return { ...row, row: Math.floor(pixel / size), column: pixel % size };
  });
  const cell = Math.max(24, Math.round(Math.min(height, 160) / size));
  const imagePanel = {
    width: cell * size,
    height: cell * size,
    data: { name: "sweep_rows" },
    transform: [atSlider],
    encoding: {
      x: { field: "column", type: "ordinal", axis: null },
      y: { field: "row", type: "ordinal", axis: null },
    },
    layer: [
      {
        mark: { type: "rect" },
        encoding: {
          color: {
            field: "value",
            type: "quantitative",
            scale: { scheme: "viridis", domain: [0, 1] },
            legend: null,
          },
        },
      },
      ...(size <= 4
        ? [{
          mark: { type: "text", fontSize: 11 },
          encoding: {
            text: { field: "value", type: "quantitative", format: `.${digits}f` },
            color: { condition: { test: "datum.value >= 0.5", value: "black" }, value: "white" },
          },
        }]
        : []),
    ],
  };
  return topLevel({
    params,
    datasets: { sweep_rows: pixelRows },
    hconcat: [linePanel, imagePanel],
    resolve: { scale: { color: "independent" } },
  }, { title: options.title, subtitle: options.subtitle });
}
