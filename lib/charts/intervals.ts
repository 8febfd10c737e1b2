/**
 * An interval map of a decoder: one row per output neuron along the
 * bottleneck axis, coloured by the neuron's Heaviside output on each
 * interval, with its thresholds as ticks and labelled vertical rules for
 * chosen bottleneck values such as the training images.
 */
import { viridisHex } from "../colormap.ts";
import {
  checkFinite,
  checkPositive,
  DEFAULT_WIDTH,
  NEGATIVE_COLOUR,
  px,
  textWidth,
  topLevel,
  type VegaLiteSpec,
} from "./style.ts";

/** An interval of bottleneck values with a constant output, as lib/thresholds.ts computes it. */
export interface MapInterval {
  from: number;
  to: number;
  output: 0 | 1;
}

/** One row of the map: one output neuron. */
export interface IntervalMapRow {
  /** Row label, such as "output 1". */
  label: string;
  /** Intervals covering the axis, left to right; ends may be infinite. */
  intervals: readonly MapInterval[];
  /** Thresholds of another model (such as the zero-bias approximation), drawn as red triangles. */
  compare?: readonly number[];
}

/** A labelled vertical rule across all rows. */
export interface MapMarker {
  z: number;
  label: string;
}

/** Options of `intervalMap`. */
export interface IntervalMapOptions {
  rows: IntervalMapRow[];
  /** Bottleneck range shown [min, max]; intervals are clipped to it. */
  domain: [number, number];
  markers?: MapMarker[];
  title?: string;
  subtitle?: string;
  /** x axis title; default "bottleneck z". */
  xTitle?: string;
  /** Legend title of the band colours; default "Heaviside output". */
  legendTitle?: string;
  /** Plot width in pixels; default 360. */
  width?: number;
  /** Height of one row in pixels; default 34. */
  rowHeight?: number;
}

const MARKER_FONT_SIZE = 10;
const MARKER_LINE_HEIGHT = 12;

/**
 * Builds the interval map: bands coloured viridis(0) where the output is 0
 * and viridis(1) where it is 1, a black tick at every finite interval end
 * (threshold) inside the domain, red triangles at the `compare` thresholds,
 * and a rule with a label above the plot for every marker. Marker labels
 * that would overlap move up a line.
 *
 * @example intervalMap({ rows: [{ label: "output 1", intervals: outputIntervals(weights, 0) }], domain: [-12, 15] })
 * @throws {RangeError} when the domain is empty or not finite, rows are empty, or a value is NaN.
 */
export function intervalMap(options: IntervalMapOptions): VegaLiteSpec {
  const { rows, domain } = options;
  if (rows.length === 0) throw new RangeError("rows must contain at least one output, got none");
  checkFinite("domain", domain);
  if (!(domain[0] < domain[1])) {
    throw new RangeError(`domain must satisfy min < max, got [${domain[0]}, ${domain[1]}]`);
  }
  const width = options.width ?? DEFAULT_WIDTH;
  const rowHeight = options.rowHeight ?? 34;
  checkPositive("width", width);
  checkPositive("rowHeight", rowHeight);
  const markers = options.markers ?? [];
  checkFinite("markers z", markers.map((marker) => marker.z));
  rows.forEach((row, r) => {
    row.intervals.forEach((interval, i) => {
      if (Number.isNaN(interval.from) || Number.isNaN(interval.to)) {
        throw new RangeError(`rows[${r}].intervals[${i}] has a NaN end; pass intervals with numeric ends`);
      }
    });
    checkFinite(`rows[${r}].compare`, row.compare ?? []);
  });

  const [low, high] = domain;
  const clip = (z: number) => Math.min(high, Math.max(low, z));
  const inside = (z: number) => Number.isFinite(z) && z >= low && z <= high;
  const bands = rows.flatMap((row) =>
    row.intervals
      .filter((interval) => interval.to > low && interval.from < high && interval.from < interval.to)
      .map((interval) => ({
        row: row.label,
        from: clip(interval.from),
        to: clip(interval.to),
        output: String(interval.output),
      }))
  );
  const ticks = rows.flatMap((row) => {
    const ends = row.intervals.flatMap((interval) => [interval.from, interval.to]).filter(inside);
    return [...new Set(ends)].map((z) => ({ row: row.label, z }));
  });
  const compared = rows.flatMap((row) =>
    (row.compare ?? []).filter(inside).map((z) => ({ row: row.label, z }))
  );
  const labelled = markerLevels(markers.filter((marker) => inside(marker.z)), domain, width);

  const x = {
    field: "from",
    type: "quantitative",
    title: options.xTitle ?? "bottleneck z",
    scale: { domain, nice: false, zero: false },
  };
  const y = {
    field: "row",
    type: "nominal",
    title: null,
    sort: rows.map((row) => row.label),
    scale: { paddingInner: 0.25, paddingOuter: 0.15 },
    axis: { labelLimit: 400 },
  };
  const layers: Record<string, unknown>[] = [
    {
      data: { values: bands },
      mark: { type: "rect" },
      encoding: {
        x,
        x2: { field: "to" },
        y,
        color: {
          field: "output",
          type: "nominal",
          title: options.legendTitle ?? "Heaviside output",
          scale: { domain: ["0", "1"], range: [viridisHex(0), viridisHex(1)] },
        },
      },
    },
    {
      data: { values: ticks },
      mark: { type: "tick", orient: "vertical", color: "#111", thickness: 2, size: px(rowHeight * 0.75) },
      encoding: { x: { ...x, field: "z" }, y },
    },
  ];
  if (compared.length > 0) {
    layers.push({
      data: { values: compared },
      mark: {
        type: "point",
        shape: "triangle-down",
        filled: true,
        color: NEGATIVE_COLOUR,
        size: 50,
        opacity: 1,
        yOffset: px(-rowHeight * 0.375 - 3),
      },
      encoding: { x: { ...x, field: "z" }, y },
    });
  }
  if (labelled.length > 0) {
    layers.push(
      {
        data: { values: labelled },
        mark: { type: "rule", color: "#333", strokeDash: [3, 2], strokeWidth: 1 },
        encoding: { x: { ...x, field: "z" } },
      },
      {
        data: { values: labelled },
        mark: {
          type: "text",
          align: "center",
          baseline: "bottom",
          fontSize: MARKER_FONT_SIZE,
          color: "#222",
        },
        encoding: {
          x: { ...x, field: "z" },
          y: { field: "labelY", type: "quantitative", scale: null, axis: null },
          text: { field: "label", type: "nominal" },
        },
      },
    );
  }

  return topLevel({
    width,
    height: px(rows.length * rowHeight),
    layer: layers,
  }, { title: options.title, subtitle: options.subtitle });
}

/**
 * Assigns each marker a label line (0 just above the plot, 1 above that, ...)
 * so that labels on the same line do not overlap, placing markers from left
 * to right on the lowest free line. Returns the markers with their level and
 * the label's y in pixels.
 */
function markerLevels(
  markers: MapMarker[],
  domain: [number, number],
  width: number,
): (MapMarker & { level: number; labelY: number })[] {
  const toPixels = (z: number) => ((z - domain[0]) / (domain[1] - domain[0])) * width;
  const lineEnds: number[] = [];
  return [...markers].sort((a, b) => a.z - b.z).map((marker) => {
    const centre = toPixels(marker.z);
    const half = textWidth(marker.label, MARKER_FONT_SIZE) / 2 + 3;
    let level = lineEnds.findIndex((end) => end <= centre - half);
    if (level < 0) level = lineEnds.length;
    lineEnds[level] = centre + half;
    return { ...marker, level, labelY: -2 - level * MARKER_LINE_HEIGHT };
  });
}
