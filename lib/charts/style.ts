/**
 * Shared look of every chart (font, sizes, colours) and the input checks the
 * chart builders share.
 */
import type { VegaLiteSpec } from "../display.ts";

export type { VegaLiteSpec };

/** The vega-lite version the specs are written for: JupyterLab 4 renders v5. */
export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

/** Font of all chart text; Debian's fonts-dejavu-core has it, so resvg renders the same glyphs as the SVG names. */
export const CHART_FONT = "DejaVu Sans";

/** Default plot size in pixels, without axes and titles. */
export const DEFAULT_WIDTH = 360;
export const DEFAULT_HEIGHT = 240;

/** Colour of positive values (blue) and negative values (red) where a sign matters. */
export const POSITIVE_COLOUR = "#1f77b4";
export const NEGATIVE_COLOUR = "#d62728";

/** Returns the `config` block every chart uses. */
export function chartConfig(): Record<string, unknown> {
  return {
    font: CHART_FONT,
    background: "white",
    title: { fontSize: 14, fontWeight: "bold", anchor: "start", subtitleFontSize: 11, subtitleColor: "#555" },
    axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: "normal", gridColor: "#e8e8e8" },
    legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: "normal" },
    header: { labelFontSize: 12, titleFontSize: 12 },
    range: { category: { scheme: "tableau10" } },
  };
}

/** Returns a `title` block, or undefined when neither text is given. */
export function chartTitle(text?: string, subtitle?: string): Record<string, unknown> | undefined {
  if (text === undefined && subtitle === undefined) return undefined;
  return subtitle === undefined ? { text: text ?? "" } : { text: text ?? "", subtitle };
}

/** Builds a top-level spec: the schema, optional title, the body and the shared config (extra settings merged in). */
export function topLevel(
  body: Record<string, unknown>,
  options: { title?: string; subtitle?: string; config?: Record<string, unknown> } = {},
): VegaLiteSpec {
  const title = chartTitle(options.title, options.subtitle);
  return {
    $schema: VEGA_LITE_SCHEMA,
    ...(title ? { title } : {}),
    ...body,
    config: { ...chartConfig(), ...options.config },
  };
}

/** Throws a RangeError unless `value` is an integer >= `min`. */
export function checkInteger(name: string, value: number, min = 1): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer >= ${min}, got ${value}`);
  }
}

/** Throws a RangeError unless `value` is a finite number > 0. */
export function checkPositive(name: string, value: number): void {
  if (!(value > 0 && Number.isFinite(value))) {
    throw new RangeError(`${name} must be a positive finite number, got ${value}`);
  }
}

/** Throws a RangeError naming the first entry of `values` that is not finite. */
export function checkFinite(name: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new RangeError(`${name}[${i}] must be a finite number, got ${values[i]}`);
    }
  }
}

/** Throws a RangeError unless `labels` is missing or has `expected` entries. */
export function checkLength(name: string, labels: ArrayLike<unknown> | undefined, expected: number): void {
  if (labels !== undefined && labels.length !== expected) {
    throw new RangeError(`${name} must have ${expected} entries, got ${labels.length}`);
  }
}

/** Estimated width in pixels of `text` in DejaVu Sans at `fontSize`, for laying out labels. */
export function textWidth(text: string, fontSize: number): number {
  // DejaVu Sans averages about 0.6 em per character for mixed text.
  return Math.ceil(0.6 * fontSize * text.length);
}

/** Rounds a pixel coordinate to 1/100 pixel so that the SVG stays short and stable. */
export function px(value: number): number {
  return Math.round(value * 100) / 100;
}
