/**
 * Vega-lite v5 charts of anomaly detection results, one small panel per
 * detector or anomaly kind, laid out as a grid. Each panel carries its own
 * data, axes and reference lines. The series colours (one per detector)
 * are shared by every panel and follow `seriesOrder`.
 */
import { topLevel, type VegaLiteSpec } from "./charts/style.ts";
import type { GroupBin } from "./score_summaries.ts";

/** Layout shared by the panel charts. */
export interface PanelLayout {
  title?: string;
  subtitle?: string;
  /** Panels per grid row; default 2. */
  columns?: number;
  /** Width of each panel's plot area in pixels; default 260. */
  width?: number;
  /** Height of each panel's plot area in pixels; default 180. */
  height?: number;
}

/** One panel of `scoreStripsChart`: one detector's score histograms per image group. */
export interface StripPanel {
  title: string;
  /** Histogram bins of each group, as `groupHistograms` returns them. */
  bins: GroupBin[];
  /** The detector's threshold, drawn as a vertical line when given. */
  threshold?: number;
}

/**
 * Builds one panel per detector in which each image group ("normal" and
 * every anomaly kind) is a horizontal strip. Each bin of the group's
 * histogram of scores is a cell shaded from light to dark blue by the share
 * of the group's images in it, and empty bins stay white. The x axis is logarithmic.
 *
 * @param options.groups strip order from top to bottom
 * @param options.xTitle score name with its unit
 */
export function scoreStripsChart(
  options: PanelLayout & { panels: StripPanel[]; groups: string[]; xTitle: string },
): VegaLiteSpec {
  assertPanels(options.panels);
  const width = options.width ?? 260;
  const stripHeight = 16;
  const maxShare = Math.max(...options.panels.flatMap((panel) => panel.bins.map((bin) => bin.share)));
  const panels = options.panels.map((panel) => {
    const low = Math.min(...panel.bins.map((bin) => bin.start));
    const high = Math.max(...panel.bins.map((bin) => bin.end));
    const x = {
      field: "start",
      type: "quantitative",
      title: options.xTitle,
      scale: { type: "log", domain: [low, high], nice: false },
      axis: { grid: false },
    };
    const layers: Record<string, unknown>[] = [{
      data: {
        values: panel.bins.filter((bin) => bin.count > 0).map((bin) => ({
          group: bin.group,
          start: rounded(bin.start),
          end: rounded(bin.end),
          count: bin.count,
          share: rounded(bin.share),
        })),
      },
      mark: { type: "rect", aria: false },
      encoding: {
        x,
        x2: { field: "end" },
        y: {
          field: "group",
          type: "nominal",
          title: null,
          sort: options.groups,
          scale: { domain: options.groups },
        },
        color: {
          field: "share",
          type: "quantitative",
          title: "share of the group",
          scale: { type: "sqrt", domain: [0, maxShare], range: ["#deebf7", "#08306b"] },
        },
        tooltip: [
          { field: "group", type: "nominal" },
          { field: "start", type: "quantitative", format: ".4f" },
          { field: "end", type: "quantitative", format: ".4f" },
          { field: "count", type: "quantitative" },
        ],
      },
    }];
    if (panel.threshold !== undefined) layers.push(thresholdRule(panel.threshold, "x"));
    return {
      title: panel.title,
      width,
      height: stripHeight * options.groups.length,
      layer: layers,
    };
  });
  return grid(panels, options);
}

/** One ROC curve of a panel. */
export interface RocSeries {
  /** Detector name, which sets the colour. */
  detector: string;
  /** Points from (0, 0) to (1, 1), such as a thinned `rocCurve`. */
  points: { fpr: number; tpr: number }[];
}

/**
 * Builds one panel per entry (such as per anomaly kind) with one ROC curve
 * per detector and the diagonal of a detector that guesses.
 *
 * @param options.seriesOrder detector names in legend order
 * @param options.dashed detectors drawn dashed, so that a curve hidden under another one shows
 */
export function rocChart(
  options: PanelLayout & {
    panels: { title: string; curves: RocSeries[] }[];
    seriesOrder: string[];
    dashed?: string[];
  },
): VegaLiteSpec {
  assertPanels(options.panels);
  const size = options.width ?? 180;
  const columns = options.columns ?? 3;
  const panels = options.panels.map((panel) => {
    const values = panel.curves.flatMap((curve) =>
      curve.points.map((point, order) => ({
        detector: curve.detector,
        fpr: rounded(point.fpr),
        tpr: rounded(point.tpr),
        order,
      }))
    );
    const axis = (field: string, title: string) => ({
      field,
      type: "quantitative",
      title,
      scale: { domain: [0, 1], nice: false },
      axis: { values: [0, 0.5, 1] },
    });
    const x = axis("fpr", "false positive rate");
    const y = axis("tpr", "true positive rate");
    return {
      title: panel.title,
      width: size,
      height: options.height ?? size,
      layer: [
        {
          data: { values: [{ fpr: 0, tpr: 0 }, { fpr: 1, tpr: 1 }] },
          mark: { type: "line", color: "#999", strokeDash: [4, 4], strokeWidth: 1, aria: false },
          encoding: { x, y },
        },
        {
          data: { values },
          mark: { type: "line", strokeWidth: 1.5, aria: false },
          encoding: {
            x,
            y,
            order: { field: "order", type: "quantitative" },
            color: seriesColour(options.seriesOrder),
            strokeDash: seriesDash(options.seriesOrder, options.dashed),
          },
        },
      ],
    };
  });
  return grid(panels, { ...options, columns });
}

/** One point of a detection-rate curve. */
export interface RatePoint {
  /** Detector name, which sets the colour. */
  detector: string;
  /** Severity in the panel's unit. */
  severity: number;
  /** Detection rate in [0, 1]. */
  rate: number;
  /** Lower end of the rate's confidence interval. */
  low: number;
  /** Upper end of the rate's confidence interval. */
  high: number;
}

/**
 * Builds one panel per anomaly kind with the detection rate against the
 * severity, one line per detector with its confidence band, and a dashed
 * line at `minRate`.
 *
 * @param options.panels per kind, its title, the severity's unit as x title, and the points
 * @param options.minRate the rate that counts as detected, such as 0.5
 * @param options.dashed detectors drawn dashed
 */
export function detectionRateChart(
  options: PanelLayout & {
    panels: { title: string; xTitle: string; points: RatePoint[]; logX?: boolean }[];
    seriesOrder: string[];
    dashed?: string[];
    minRate: number;
  },
): VegaLiteSpec {
  assertPanels(options.panels);
  const panels = options.panels.map((panel) => {
    const points = panel.points.map((point) => ({
      detector: point.detector,
      severity: point.severity,
      rate: rounded(point.rate),
      low: rounded(point.low),
      high: rounded(point.high),
    }));
    const x = {
      field: "severity",
      type: "quantitative",
      title: panel.xTitle,
      scale: panel.logX ? { type: "log", nice: false } : { zero: false },
    };
    const y = { field: "rate", type: "quantitative", title: "detection rate", scale: { domain: [0, 1] } };
    const colour = seriesColour(options.seriesOrder);
    return {
      title: panel.title,
      width: options.width ?? 200,
      height: options.height ?? 140,
      layer: [
        {
          data: { values: points },
          mark: { type: "line", point: { size: 20, aria: false }, strokeWidth: 1.5, aria: false },
          encoding: { x, y, color: colour, strokeDash: seriesDash(options.seriesOrder, options.dashed) },
        },
        {
          data: { values: points },
          mark: { type: "area", opacity: 0.15, aria: false },
          encoding: { x, y: { ...y, field: "low" }, y2: { field: "high" }, color: colour },
        },
        thresholdRule(options.minRate, "y"),
      ],
    };
  });
  return grid(panels, { columns: 3, ...options });
}

/** One panel of `angleProfileChart`: a detector's scores on normal images by angle bin. */
export interface AnglePanel {
  title: string;
  /** Bins with their median and maximum score, as `angleProfile` returns them. */
  bins: { start: number; end: number; median: number; max: number }[];
  /** The detector's threshold, drawn as a horizontal line. */
  threshold: number;
}

/**
 * Builds one panel per detector with the median and the maximum score of
 * the normal images in each angle bin (log y axis), and the threshold.
 * Empty bins are left out.
 */
export function angleProfileChart(
  options: PanelLayout & { panels: AnglePanel[]; yTitle: string },
): VegaLiteSpec {
  assertPanels(options.panels);
  const panels = options.panels.map((panel) => {
    const values = panel.bins.filter((bin) => Number.isFinite(bin.median)).flatMap((bin) => [
      { angle: (bin.start + bin.end) / 2, score: rounded(bin.median), statistic: "median" },
      { angle: (bin.start + bin.end) / 2, score: rounded(bin.max), statistic: "maximum" },
    ]);
    return {
      title: panel.title,
      width: options.width ?? 260,
      height: options.height ?? 150,
      layer: [
        {
          data: { values },
          mark: { type: "line", strokeWidth: 1.5, aria: false },
          encoding: {
            x: {
              field: "angle",
              type: "quantitative",
              title: "angle θ (degrees)",
              scale: { domain: [0, 360], nice: false },
              axis: { values: [0, 60, 120, 180, 240, 300, 360] },
            },
            y: { field: "score", type: "quantitative", title: options.yTitle, scale: { type: "log" } },
            color: {
              field: "statistic",
              type: "nominal",
              title: "per bin",
              scale: { domain: ["median", "maximum"], range: ["#1f77b4", "#ff7f0e"] },
            },
          },
        },
        thresholdRule(panel.threshold, "y"),
      ],
    };
  });
  return grid(panels, options);
}

/** Lays out panels in a grid with shared colour legends. */
function grid(panels: Record<string, unknown>[], options: PanelLayout): VegaLiteSpec {
  const columns = options.columns ?? 2;
  if (!Number.isInteger(columns) || columns < 1) {
    throw new RangeError(`columns must be a positive integer, got ${columns}`);
  }
  return topLevel(
    { concat: panels, columns, spacing: 16, resolve: { scale: { color: "shared" } } },
    { title: options.title, subtitle: options.subtitle },
  );
}

/** Builds a dashed red line at `value` along the x axis (vertical) or the y axis (horizontal). */
function thresholdRule(value: number, channel: "x" | "y"): Record<string, unknown> {
  if (!Number.isFinite(value)) {
    throw new RangeError(`threshold line must be at a finite value, got ${value}`);
  }
  return {
    data: { values: [{ value }] },
    mark: { type: "rule", color: "#d62728", strokeDash: [4, 3], strokeWidth: 1.5 },
    encoding: { [channel]: { field: "value", type: "quantitative" } },
  };
}

function seriesColour(order: string[]): Record<string, unknown> {
  return { field: "detector", type: "nominal", title: null, scale: { domain: order } };
}

/** Rounds a chart value to 4 significant digits, which keeps the notebook small and loses nothing visible. */
function rounded(value: number): number {
  return Number(value.toPrecision(4));
}

/** Builds the stroke encoding: solid lines, except dashed ones for the detectors in `dashed`. */
function seriesDash(order: string[], dashed: string[] = []): Record<string, unknown> {
  return {
    field: "detector",
    type: "nominal",
    title: null,
    scale: { domain: order, range: order.map((name) => dashed.includes(name) ? [5, 3] : [1, 0]) },
  };
}

function assertPanels(panels: unknown[]): void {
  if (panels.length === 0) throw new RangeError("panels must contain at least one panel, got none");
}
