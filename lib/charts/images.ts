/**
 * Grids of square greyscale images drawn in viridis (0 dark purple, 1 yellow).
 *
 * Small images (up to 4x4) are drawn as one rect per pixel with the value as
 * a tooltip. Larger ones are drawn as one vega `image` mark per image whose
 * URL is a PNG data URL, so a grid of 32x32 images stays a few kilobytes per
 * image in the notebook instead of a thousand rects each.
 */
import { viridisHex, viridisPixels } from "../colormap.ts";
import { encodePng, pngDataUrl } from "../png.ts";
import {
  checkInteger,
  checkLength,
  checkPositive,
  px,
  textWidth,
  topLevel,
  type VegaLiteSpec,
} from "./style.ts";

/** Pixel drawing method: "rects" (one rect each), "png" (one image mark per image), or "auto" (rects up to 4x4). */
export type PixelMode = "auto" | "rects" | "png";

/** Layout options shared by the image grid builders. */
export interface GridLayout {
  /** Side of each image in pixels. */
  size: number;
  /** Images per grid row; default min(count, 8). */
  columns?: number;
  /** Displayed side of each image in screen pixels; default 64. */
  cellSize?: number;
  /** Space between images in screen pixels; default 8. */
  gap?: number;
  title?: string;
  subtitle?: string;
  /** Default "auto". */
  pixels?: PixelMode;
}

/** Options of `imageGrid`. */
export interface ImageGridOptions extends GridLayout {
  /** Pixel values in [0, 1] (clamped), shape [count, size * size], row-major per image. */
  images: ArrayLike<number>;
  /** One caption per image, drawn below it. */
  labels?: string[];
  /** One label per grid row, drawn left of it. */
  rowLabels?: string[];
}

/** One set of images shown as a row in `imageRows`. */
export interface ImageRowSet {
  /** Row label, such as "input" or "reconstruction". */
  label: string;
  /** Pixel values in [0, 1], shape [count, size * size]; every set has the same count. */
  images: ArrayLike<number>;
}

/** Options of `imageRows`. */
export interface ImageRowsOptions extends GridLayout {
  sets: ImageRowSet[];
  /** One caption per image index, drawn below the last set's row. */
  labels?: string[];
}

/**
 * Builds a grid of `count` images, `columns` per row, in viridis.
 *
 * @example imageGrid({ images: set.images, size: 32, columns: 8, title: "Training images" })
 * @throws {RangeError} when `images` is not a whole number of size x size images, a value is NaN,
 * or `labels` / `rowLabels` have the wrong length.
 */
export function imageGrid(options: ImageGridOptions): VegaLiteSpec {
  const count = imageCount("images", options.images, options.size);
  const columns = options.columns ?? Math.min(count, 8);
  checkInteger("columns", columns);
  const rows = Math.ceil(count / columns);
  checkLength("labels", options.labels, count);
  checkLength("rowLabels", options.rowLabels, rows);

  const cells: Cell[] = [];
  for (let i = 0; i < count; i++) {
    cells.push({
      image: imageAt(options.images, options.size, i),
      row: Math.floor(i / columns),
      column: i % columns,
      label: options.labels?.[i],
    });
  }
  return gridSpec(cells, rows, columns, options.rowLabels, options);
}

/**
 * Builds a grid that shows several image sets of the same count row by row:
 * for each block of `columns` images, one row per set (for example inputs
 * above reconstructions above Heaviside outputs), each row labelled.
 *
 * @throws {RangeError} when the sets differ in count or are not whole images.
 */
export function imageRows(options: ImageRowsOptions): VegaLiteSpec {
  if (options.sets.length === 0) throw new RangeError("sets must contain at least one image set, got none");
  const counts = options.sets.map((set) =>
    imageCount(`images of set "${set.label}"`, set.images, options.size)
  );
  if (counts.some((count) => count !== counts[0])) {
    throw new RangeError(`every set must have the same number of images, got ${counts.join(", ")}`);
  }
  const count = counts[0];
  const columns = options.columns ?? Math.min(count, 8);
  checkInteger("columns", columns);
  checkLength("labels", options.labels, count);

  const blocks = Math.ceil(count / columns);
  const setCount = options.sets.length;
  const cells: Cell[] = [];
  options.sets.forEach((set, s) => {
    for (let i = 0; i < count; i++) {
      cells.push({
        image: imageAt(set.images, options.size, i),
        row: Math.floor(i / columns) * setCount + s,
        column: i % columns,
        label: s === setCount - 1 ? options.labels?.[i] : undefined,
      });
    }
  });
  const rowLabels = Array.from({ length: blocks * setCount }, (_, row) => options.sets[row % setCount].label);
  return gridSpec(cells, blocks * setCount, columns, rowLabels, options, setCount);
}

/**
 * Builds inputs above their reconstructions, block by block; a shorthand for
 * `imageRows` with the sets "input" and `outputLabel` (default "reconstruction").
 */
export function imagePairs(
  options: GridLayout & {
    inputs: ArrayLike<number>;
    outputs: ArrayLike<number>;
    outputLabel?: string;
    labels?: string[];
  },
): VegaLiteSpec {
  const { inputs, outputs, outputLabel, ...layout } = options;
  return imageRows({
    ...layout,
    sets: [{ label: "input", images: inputs }, { label: outputLabel ?? "reconstruction", images: outputs }],
  });
}

interface Cell {
  image: ArrayLike<number>;
  row: number;
  column: number;
  label?: string;
}

const LABEL_FONT_SIZE = 11;
const ROW_LABEL_FONT_SIZE = 12;

/**
 * Lays out `cells` on a grid of `rows` x `columns`. Only rows with captions
 * reserve space for them; `blockSize` rows form a block, and blocks are
 * separated by twice the gap.
 */
function gridSpec(
  cells: Cell[],
  rows: number,
  columns: number,
  rowLabels: string[] | undefined,
  layout: GridLayout,
  blockSize = 1,
): VegaLiteSpec {
  const { size } = layout;
  const cellSize = layout.cellSize ?? 64;
  const gap = layout.gap ?? 8;
  checkPositive("cellSize", cellSize);
  if (!(gap >= 0 && Number.isFinite(gap))) {
    throw new RangeError(`gap must be a finite number >= 0, got ${gap}`);
  }
  const mode = layout.pixels ?? "auto";
  if (!["auto", "rects", "png"].includes(mode)) {
    throw new RangeError(`pixels must be "auto", "rects" or "png", got ${JSON.stringify(mode)}`);
  }
  const useRects = mode === "rects" || (mode === "auto" && size <= 4);

  const hasLabels = cells.some((cell) => cell.label !== undefined);
  const captioned = new Set(cells.filter((cell) => cell.label !== undefined).map((cell) => cell.row));
  const rowTop = [0];
  for (let row = 1; row <= rows; row++) {
    const captionHeight = captioned.has(row - 1) ? LABEL_FONT_SIZE + 6 : 0;
    const blockGap = row % blockSize === 0 && blockSize > 1 ? gap : 0;
    rowTop.push(rowTop[row - 1] + cellSize + captionHeight + gap + blockGap);
  }
  const left = rowLabels
    ? Math.max(...rowLabels.map((label) => textWidth(label, ROW_LABEL_FONT_SIZE))) + 10
    : 0;
  const cellX = (cell: Cell) => left + cell.column * (cellSize + gap);
  const cellY = (cell: Cell) => rowTop[cell.row];

  const pixelLayer = useRects
    ? rectLayer(cells, size, cellSize, cellX, cellY)
    : pngLayer(cells, size, cellSize, cellX, cellY);
  const layers: Record<string, unknown>[] = [pixelLayer];
  if (hasLabels) {
    const values = cells.filter((cell) => cell.label !== undefined).map((cell) => ({
      x: px(cellX(cell) + cellSize / 2),
      y: px(cellY(cell) + cellSize + 3),
      text: cell.label,
    }));
    layers.push(textLayer(values, { align: "center", baseline: "top", fontSize: LABEL_FONT_SIZE }));
  }
  if (rowLabels) {
    const values = rowLabels.map((text, row) => ({
      x: left - 10,
      y: px(rowTop[row] + cellSize / 2),
      text,
    }));
    layers.push(textLayer(values, { align: "right", baseline: "middle", fontSize: ROW_LABEL_FONT_SIZE }));
  }

  return topLevel({
    width: px(left + columns * cellSize + (columns - 1) * gap),
    height: px(rowTop[rows] - gap - (rows % blockSize === 0 && blockSize > 1 ? gap : 0)),
    layer: layers,
  }, { title: layout.title, subtitle: layout.subtitle, config: { view: { stroke: null } } });
}

/** Builds one rect per pixel, coloured with the exact viridis table colour, with the value as tooltip. */
function rectLayer(
  cells: Cell[],
  size: number,
  cellSize: number,
  cellX: (cell: Cell) => number,
  cellY: (cell: Cell) => number,
): Record<string, unknown> {
  const pixel = cellSize / size;
  const values = [];
  for (const cell of cells) {
    for (let p = 0; p < size * size; p++) {
      const x = cellX(cell) + (p % size) * pixel;
      const y = cellY(cell) + Math.floor(p / size) * pixel;
      const value = cell.image[p];
      values.push({
        x: px(x),
        x2: px(x + pixel),
        y: px(y),
        y2: px(y + pixel),
        value: px(value),
        colour: viridisHex(value),
      });
    }
  }
  return {
    data: { values },
    // A stroke in the fill colour closes the hairline seams that anti-aliasing leaves between rects.
    mark: { type: "rect", strokeWidth: 0.5 },
    encoding: {
      ...pixelPosition(true),
      color: { field: "colour", type: "nominal", scale: null },
      stroke: { field: "colour", type: "nominal", scale: null },
      tooltip: { field: "value", type: "quantitative", format: ".3f" },
    },
  };
}

/** Builds one image mark per image, its pixels encoded as a viridis PNG data URL. */
function pngLayer(
  cells: Cell[],
  size: number,
  cellSize: number,
  cellX: (cell: Cell) => number,
  cellY: (cell: Cell) => number,
): Record<string, unknown> {
  const values = cells.map((cell) => ({
    x: px(cellX(cell)),
    y: px(cellY(cell)),
    url: pngDataUrl(encodePng({ width: size, height: size, channels: 3, data: viridisPixels(cell.image) })),
  }));
  return {
    data: { values },
    // aria: false keeps vega from repeating each data URL in an aria-label.
    mark: {
      type: "image",
      width: cellSize,
      height: cellSize,
      align: "left",
      baseline: "top",
      aspect: false,
      smooth: false,
      aria: false,
    },
    encoding: { ...pixelPosition(false), url: { field: "url", type: "nominal" } },
  };
}

function textLayer(
  values: { x: number; y: number; text?: string }[],
  mark: { align: string; baseline: string; fontSize: number },
): Record<string, unknown> {
  return {
    data: { values },
    mark: { type: "text", ...mark, aria: false },
    encoding: { ...pixelPosition(false), text: { field: "text", type: "nominal" } },
  };
}

/** x and y (and x2, y2) in screen pixels, without scales or axes. */
function pixelPosition(withEnds: boolean): Record<string, unknown> {
  const channel = (field: string) => ({ field, type: "quantitative", scale: null, axis: null });
  return withEnds
    ? { x: channel("x"), x2: { field: "x2" }, y: channel("y"), y2: { field: "y2" } }
    : { x: channel("x"), y: channel("y") };
}

function imageCount(name: string, images: ArrayLike<number>, size: number): number {
  checkInteger("size", size);
  const pixels = size * size;
  if (images.length === 0 || images.length % pixels !== 0) {
    throw new RangeError(
      `${name} must hold a whole number of ${size}x${size} images (a multiple of ${pixels} values), got ${images.length}`,
    );
  }
  for (let i = 0; i < images.length; i++) {
    if (Number.isNaN(images[i])) {
      throw new RangeError(`${name}[${i}] is NaN; pixel values must be numbers in [0, 1]`);
    }
  }
  return images.length / pixels;
}

function imageAt(images: ArrayLike<number>, size: number, index: number): ArrayLike<number> {
  const pixels = size * size;
  const start = index * pixels;
  if (images instanceof Float32Array || images instanceof Float64Array) {
    return images.subarray(start, start + pixels);
  }
  return Array.from({ length: pixels }, (_, p) => images[start + p]);
}
