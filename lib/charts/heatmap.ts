/** Annotated heatmaps, such as a sensitivity grid over two parameters. */
import { checkFinite, checkInteger, checkPositive, topLevel, type VegaLiteSpec } from "./style.ts";

/** One cell of a heatmap. */
export interface HeatmapCell {
  row: string;
  column: string;
  value: number;
  /** Text printed in the cell; default the value with `digits` decimals. */
  text?: string;
}

/**
 * Builds a heatmap of rows x columns with each value printed in its cell,
 * coloured with viridis. The text is black on the light half of the scale
 * and white on the dark half. Rows and columns keep the order of first appearance.
 */
export function heatmap(options: {
  cells: HeatmapCell[];
  title?: string;
  subtitle?: string;
  rowTitle?: string;
  columnTitle?: string;
  valueTitle?: string;
  /** Colour range [min, max]; default the data's range. */
  domain?: [number, number];
  /** Decimals of the printed values; default 2. */
  digits?: number;
  /** Cell size in pixels; default 48 x 32. */
  cellWidth?: number;
  cellHeight?: number;
}): VegaLiteSpec {
  const { cells } = options;
  if (cells.length === 0) throw new RangeError("heatmap cells must not be empty");
  checkFinite("cell values", cells.map((cell) => cell.value));
  const digits = options.digits ?? 2;
  checkInteger("digits", digits, 0);
  const cellWidth = options.cellWidth ?? 48;
  const cellHeight = options.cellHeight ?? 32;
  checkPositive("cellWidth", cellWidth);
  checkPositive("cellHeight", cellHeight);

  const rows = [...new Set(cells.map((cell) => cell.row))];
  const columns = [...new Set(cells.map((cell) => cell.column))];
  const [low, high] = options.domain ??
    [Math.min(...cells.map((cell) => cell.value)), Math.max(...cells.map((cell) => cell.value))];
  const middle = (low + high) / 2;
  const values = cells.map((cell) => ({ ...cell, text: cell.text ?? cell.value.toFixed(digits) }));
  const x = {
    field: "column",
    type: "ordinal",
    title: options.columnTitle ?? null,
    sort: columns,
    axis: { labelAngle: 0 },
  };
  const y = { field: "row", type: "ordinal", title: options.rowTitle ?? null, sort: rows };
  return topLevel({
    data: { values },
    width: cellWidth * columns.length,
    height: cellHeight * rows.length,
    encoding: { x, y },
    layer: [
      {
        mark: { type: "rect" },
        encoding: {
          color: {
            field: "value",
            type: "quantitative",
            title: options.valueTitle ?? null,
            scale: { scheme: "viridis", domain: [low, high], clamp: true },
          },
        },
      },
      {
        mark: { type: "text", fontSize: 11 },
        encoding: {
          text: { field: "text", type: "nominal" },
          color: { condition: { test: `datum.value >= ${middle}`, value: "black" }, value: "white" },
        },
      },
    ],
  }, { title: options.title, subtitle: options.subtitle });
}
