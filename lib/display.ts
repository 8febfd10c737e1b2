/**
 * Jupyter display helpers and the project's output files.
 *
 * Charts are vega-lite v5 specs. `showChart` compiles them with vega-lite
 * 5.23.0 and renders SVG with vega 5.33.1, the major versions JupyterLab 4's
 * vega5 extension uses, so the static SVG matches the interactive chart.
 * Named charts are also written to `figures/NAME.svg` and `figures/NAME.png`,
 * named tables to `data/NAME.csv`, always through a temporary file and a
 * rename so a failed run leaves no half-written file.
 */
import process from "node:process";
import type { DataFrame } from "nodejs-polars";
import type { Resvg as ResvgClass } from "@resvg/resvg-js";
import type * as VegaModule from "vega";
import type * as VegaLiteModule from "vega-lite";

/** A vega-lite v5 specification, as `lib/charts.ts` builds it. */
export interface VegaLiteSpec {
  $schema: string;
  [key: string]: unknown;
}

/** A Jupyter MIME bundle: MIME type to content. */
export type MimeBundle = Record<string, unknown>;

/** The symbol Deno's Jupyter kernel (2.9.6) looks up to display an object that a cell returns. */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for("Jupyter.display");

/** An object that Deno's Jupyter kernel displays as the MIME bundle its method returns. */
export interface Displayable {
  [JUPYTER_DISPLAY](): MimeBundle;
}

/** Figure names: `figNN-slug` for the report's figure NN (an optional letter for a panel), `xNN-slug` for new ones. */
export const FIGURE_NAME: RegExp = /^(fig\d\d[a-z]?|x\d\d)-[a-z0-9-]+$/;

/** Table names written to `data/NAME.csv`: lowercase letters, digits, `-` and `_`. */
export const TABLE_NAME: RegExp = /^[a-z0-9][a-z0-9_-]*$/;

/** Data file names: a table name followed by one or more extensions, such as `runs.parquet`. */
export const DATA_FILE_NAME: RegExp = /^[a-z0-9][a-z0-9_-]*(\.[a-z0-9]+)+$/;

/** Environment variable that moves `figures/` and `data/` under another folder, for tests and trial runs. */
export const OUTPUT_ROOT_VARIABLE = "AUTOENCODER_OUTPUT_ROOT";

/** Output folder option shared by the functions that write files. */
export interface OutputOptions {
  /** Folder that receives `figures/` and `data/`; default `outputRoot()`. */
  root?: string;
}

/** Options of `showChart`. */
export interface ChartOptions extends OutputOptions {
  /** PNG pixels per SVG pixel; default 2. */
  pngScale?: number;
}

/** A displayed chart: the kernel shows it, and the rendered SVG stays readable for checks. */
export interface ChartDisplay extends Displayable {
  spec: VegaLiteSpec;
  svg: string;
}

// ---------------------------------------------------------------------------
// Paths and atomic files

/**
 * Returns the project root: the nearest folder at or above `start` that
 * contains deno.json. In the kernel, `Deno.cwd()` is the notebook's folder,
 * so notebooks/ resolves to its parent.
 *
 * @throws {Error} when no folder above `start` contains deno.json.
 */
export function projectRoot(start: string = Deno.cwd()): string {
  let folder = start.replace(/\/+$/, "") || "/";
  while (true) {
    if (isFile(`${folder}/deno.json`)) return folder;
    const parent = folder.slice(0, folder.lastIndexOf("/")) || "/";
    if (parent === folder) {
      throw new Error(`project root not found: no deno.json in ${start} or any folder above it`);
    }
    folder = parent;
  }
}

/** Returns the folder that receives `figures/` and `data/`: $AUTOENCODER_OUTPUT_ROOT if set, else `projectRoot()`. */
export function outputRoot(): string {
  return Deno.env.get(OUTPUT_ROOT_VARIABLE) || projectRoot();
}

/**
 * Writes `content` to `path` atomically: into a temporary file in the same
 * folder, then renamed over `path`. Creates the folder when it is missing.
 * On failure the temporary file is removed and `path` keeps its old content.
 */
export async function writeFileAtomic(path: string, content: Uint8Array | string): Promise<void> {
  const slash = path.lastIndexOf("/");
  const folder = slash > 0 ? path.slice(0, slash) : ".";
  await Deno.mkdir(folder, { recursive: true });
  const temporary = `${folder}/.${path.slice(slash + 1)}.${Deno.pid}-${++temporaryCount}.tmp`;
  try {
    if (typeof content === "string") await Deno.writeTextFile(temporary, content);
    else await Deno.writeFile(temporary, content);
    await Deno.rename(temporary, path);
  } catch (error) {
    await Deno.remove(temporary).catch(() => {});
    throw error;
  }
}

let temporaryCount = 0;

/**
 * Writes `data/NAME` under the output root atomically and returns its path.
 * `name` is a file name with extension, such as `outcomes.parquet`.
 *
 * @throws {RangeError} when `name` does not match `DATA_FILE_NAME`, before writing anything.
 */
export async function writeDataFile(
  name: string,
  content: Uint8Array | string,
  options: OutputOptions = {},
): Promise<string> {
  if (!DATA_FILE_NAME.test(name)) {
    throw new RangeError(
      `invalid data file name ${JSON.stringify(name)}: use lowercase letters, digits, "-" and "_" ` +
        `followed by an extension, such as "outcomes.csv"`,
    );
  }
  const path = `${options.root ?? outputRoot()}/data/${name}`;
  await writeFileAtomic(path, content);
  return path;
}

/** Throws a RangeError naming the fix when `name` is not a valid figure name. */
export function assertFigureName(name: string): void {
  if (!FIGURE_NAME.test(name)) {
    throw new RangeError(
      `invalid figure name ${JSON.stringify(name)}: use "figNN-slug" for the report's figure NN ` +
        `(e.g. "fig02-reconstructions", "fig11a-bottleneck-means") or "xNN-slug" for a new figure ` +
        `(e.g. "x01-blur"), with lowercase letters, digits and "-" in the slug`,
    );
  }
}

function isFile(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

// ---------------------------------------------------------------------------
// Charts

interface Renderers {
  vega: typeof VegaModule;
  vegaLite: typeof VegaLiteModule;
  Resvg: typeof ResvgClass;
}

let renderers: Promise<Renderers> | undefined;

/** Loads vega, vega-lite and resvg once, on first use. */
function loadRenderers(): Promise<Renderers> {
  renderers ??= (async () => {
    // vega 5.33.1 pulls in node-fetch, whose use of the deprecated `punycode`
    // module prints a warning that would land in every notebook's outputs.
    const previous = process.noDeprecation;
    process.noDeprecation = true;
    try {
      const [vega, vegaLite, resvg] = await Promise.all([
        import("vega"),
        import("vega-lite"),
        import("@resvg/resvg-js"),
      ]);
      return { vega, vegaLite, Resvg: resvg.Resvg };
    } finally {
      process.noDeprecation = previous;
    }
  })();
  return renderers;
}

/**
 * Compiles a vega-lite v5 spec and renders it to an SVG string. The same
 * spec always gives the same string: the SVG id counters of vega are reset first.
 */
export async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  const { vega, vegaLite } = await loadRenderers();
  const compiled = vegaLite.compile(spec as unknown as VegaLiteModule.TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  try {
    (vega as unknown as { resetSVGDefIds(): void }).resetSVGDefIds();
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Renders an SVG string to PNG bytes with resvg, using the system fonts
 * (DejaVu Sans as the default), `scale` PNG pixels per SVG pixel.
 *
 * @throws {RangeError} when `scale` is not a positive finite number.
 */
export async function renderPng(svg: string, scale = 2): Promise<Uint8Array> {
  if (!(scale > 0 && Number.isFinite(scale))) {
    throw new RangeError(`PNG scale must be a positive number of pixels per SVG pixel, got ${scale}`);
  }
  const { Resvg } = await loadRenderers();
  const resvg = new Resvg(svg, {
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" },
    fitTo: { mode: "zoom", value: scale },
    background: "white",
  });
  return new Uint8Array(resvg.render().asPng());
}

/**
 * Renders `spec` and returns an object that the Jupyter kernel displays as
 * the interactive vega-lite chart (`application/vnd.vegalite.v5+json`) with
 * the static SVG (`image/svg+xml`) for viewers without vega. With `name`,
 * also writes `figures/NAME.svg` and `figures/NAME.png` under the output root.
 *
 * @example const chart = await showChart(imageGrid({ images, size: 32, columns: 8 }), "fig01-training-images");
 * @throws {RangeError} when `name` is not a valid figure name, before rendering or writing.
 */
export async function showChart(
  spec: VegaLiteSpec,
  name?: string,
  options: ChartOptions = {},
): Promise<ChartDisplay> {
  if (name !== undefined) assertFigureName(name);
  const svg = await renderSvg(spec);
  if (name !== undefined) {
    const png = await renderPng(svg, options.pngScale ?? 2);
    const folder = `${options.root ?? outputRoot()}/figures`;
    await writeFileAtomic(`${folder}/${name}.svg`, svg);
    await writeFileAtomic(`${folder}/${name}.png`, png);
  }
  return {
    spec,
    svg,
    [JUPYTER_DISPLAY]: () => ({ "application/vnd.vegalite.v5+json": spec, "image/svg+xml": svg }),
  };
}

// ---------------------------------------------------------------------------
// Tables, Markdown and HTML

/** Options of `showTable`. */
export interface TableOptions extends OutputOptions {
  /** Decimals shown for non-integer floats; default 4. The CSV file keeps full precision. */
  digits?: number;
  /** Rows shown before the rest is elided as "…"; default 40 (first 20 and last 20). */
  maxRows?: number;
}

/**
 * Returns an object that the kernel displays as an HTML table (and aligned
 * plain text) of `df`, with floats rounded to `digits` decimals. With `name`,
 * also writes the whole table to `data/NAME.csv` under the output root.
 *
 * @throws {RangeError} when `name` does not match `TABLE_NAME` or `digits` is not an integer in 0..15,
 * before writing anything.
 */
export async function showTable(
  df: DataFrame,
  name?: string,
  options: TableOptions = {},
): Promise<Displayable> {
  const digits = options.digits ?? 4;
  const maxRows = options.maxRows ?? 40;
  if (!Number.isInteger(digits) || digits < 0 || digits > 15) {
    throw new RangeError(`digits must be an integer in 0..15, got ${digits}`);
  }
  if (!Number.isInteger(maxRows) || maxRows < 2) {
    throw new RangeError(`maxRows must be an integer of at least 2, got ${maxRows}`);
  }
  if (name !== undefined && !TABLE_NAME.test(name)) {
    throw new RangeError(
      `invalid table name ${
        JSON.stringify(name)
      }: use lowercase letters, digits, "-" and "_", such as "x04-outcomes"`,
    );
  }

  if (name !== undefined) {
    await writeDataFile(`${name}.csv`, new Uint8Array(df.writeCSV()), options);
  }
  const table = formatTable(df, digits, maxRows);
  return {
    [JUPYTER_DISPLAY]: () => ({ "text/html": tableHtml(table), "text/plain": tableText(table) }),
  };
}

/** A table's header and body as display strings; `null` in `rows` marks the elided middle. */
interface FormattedTable {
  header: string[];
  numeric: boolean[];
  rows: (string[] | null)[];
  shape: [number, number];
}

function formatTable(df: DataFrame, digits: number, maxRows: number): FormattedTable {
  const columns = df.getColumns();
  const height = df.height;
  const shown = height <= maxRows ? [...Array(height).keys()] : [
    ...Array(Math.ceil(maxRows / 2)).keys(),
    -1,
    ...Array.from({ length: Math.floor(maxRows / 2) }, (_, i) => height - Math.floor(maxRows / 2) + i),
  ];
  const cells = columns.map((series) => {
    const values = series.toArray() as unknown[];
    const isFloat = series.isFloat();
    const integral = isFloat && values.every((value) => typeof value !== "number" || Number.isInteger(value));
    return shown.map((row) =>
      row < 0 ? "" : formatCell(values[row], isFloat && !integral ? digits : undefined)
    );
  });
  return {
    header: columns.map((series) => series.name),
    numeric: columns.map((series) => series.isNumeric()),
    rows: shown.map((row, i) => row < 0 ? null : cells.map((column) => column[i])),
    shape: [height, columns.length],
  };
}

/** Formats one value: floats with `digits` decimals when given, -0 as 0, null as "null". */
function formatCell(value: unknown, digits: number | undefined): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "NaN";
    if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
    const text = digits === undefined ? String(value) : value.toFixed(digits);
    return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
  }
  return String(value);
}

function tableHtml(table: FormattedTable): string {
  const align = (i: number) => table.numeric[i] ? ` style="text-align: right"` : "";
  const header = table.header.map((name, i) => `<th${align(i)}>${escapeHtml(name)}</th>`).join("");
  const body = table.rows.map((row) =>
    row === null
      ? `<tr><td colspan="${table.header.length}" style="text-align: center">…</td></tr>`
      : `<tr>${row.map((cell, i) => `<td${align(i)}>${escapeHtml(cell)}</td>`).join("")}</tr>`
  );
  const [height, width] = table.shape;
  return `<table class="dataframe">\n<thead><tr>${header}</tr></thead>\n<tbody>\n${
    body.join("\n")
  }\n</tbody>\n</table>\n` +
    `<p><small>${height} rows × ${width} columns</small></p>`;
}

function tableText(table: FormattedTable): string {
  const widths = table.header.map((name, i) =>
    Math.max(name.length, ...table.rows.map((row) => row === null ? 1 : row[i].length))
  );
  const line = (cells: string[]) =>
    cells.map((cell, i) => table.numeric[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i])).join("  ")
      .trimEnd();
  const lines = [line(table.header), line(widths.map((width) => "-".repeat(width)))];
  for (const row of table.rows) lines.push(row === null ? line(widths.map(() => "…")) : line(row));
  const [height, width] = table.shape;
  lines.push(`(${height} rows × ${width} columns)`);
  return lines.join("\n");
}

/** Escapes `&`, `<`, `>` and quotes for HTML text and attribute values. */
export function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;").replaceAll("'", "&#39;");
}

/** Returns an object that the kernel displays as Markdown, with `text` as the plain-text fallback. */
export function showMarkdown(text: string): Displayable {
  return { [JUPYTER_DISPLAY]: () => ({ "text/markdown": text, "text/plain": text }) };
}

/** Returns an object that the kernel displays as `html`, with `text` (default: none) as the plain-text fallback. */
export function showHtml(html: string, text?: string): Displayable {
  return {
    [JUPYTER_DISPLAY]:
      () => (text === undefined ? { "text/html": html } : { "text/html": html, "text/plain": text }),
  };
}

// ---------------------------------------------------------------------------
// Progress

/** A progress display; see `progressBar`. */
export interface ProgressBar {
  /** Shows `fraction` (0..1) done and a short `message`; updates are throttled. */
  update(fraction: number, message?: string): Promise<void>;
  /** Replaces the display with its final text, which should not contain timings so reruns match. */
  done(message?: string): Promise<void>;
}

/** Minimum time between two displayed updates, in milliseconds. */
const PROGRESS_INTERVAL_MS = 250;
/** Minimum time between two progress lines on a non-terminal stderr, in milliseconds. */
const PROGRESS_LOG_INTERVAL_MS = 5000;

let progressCount = 0;

/**
 * Starts a progress display labelled `label`. In a Jupyter kernel it is one
 * output that updates in place (`display_id`); elsewhere it writes progress
 * lines to stderr (in place on a terminal). Intermediate updates show the
 * elapsed seconds. In the kernel the final text from `done` shows only
 * `label` and its message, so a rerun leaves the same notebook output.
 *
 * @example
 * const progress = progressBar("training");
 * for (let epoch = 1; epoch <= 200; epoch++) await progress.update(epoch / 200, `epoch ${epoch}/200`);
 * await progress.done("200 epochs, loss 0.0123");
 */
export function progressBar(label: string): ProgressBar {
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  const line = (fraction: number, message?: string) => {
    const bar = "█".repeat(Math.round(20 * fraction)).padEnd(20, "·");
    const percent = `${Math.floor(100 * fraction)}%`.padStart(4);
    return `${label} ${bar} ${percent}${message ? ` ${message}` : ""} (${elapsed()})`;
  };

  const jupyter = jupyterApi();
  const terminal = !jupyter && Deno.stderr.isTerminal();
  const interval = jupyter || terminal ? PROGRESS_INTERVAL_MS : PROGRESS_LOG_INTERVAL_MS;
  let show: (text: string, final: boolean) => Promise<void>;
  if (jupyter) {
    const displayId = `progress-${++progressCount}`;
    // Displays go out in call order: each waits for the one before it.
    let queue = jupyter.display({ "text/plain": `${label} …` }, { raw: true, display_id: displayId });
    show = (text) => {
      queue = queue.then(() =>
        jupyter.display({ "text/plain": text }, { raw: true, update: true, display_id: displayId })
      );
      return queue;
    };
  } else {
    const encoder = new TextEncoder();
    show = (text, final) => {
      const shown = terminal ? `\r\x1b[K${text}${final ? "\n" : ""}` : `${text}\n`;
      Deno.stderr.writeSync(encoder.encode(shown));
      return Promise.resolve();
    };
  }

  let lastShown = -Infinity;
  let finished = false;
  return {
    update(fraction, message) {
      if (!(fraction >= 0 && fraction <= 1)) {
        throw new RangeError(`progress fraction must be in [0, 1], got ${fraction}`);
      }
      const now = performance.now();
      if (finished || now - lastShown < interval) return Promise.resolve();
      lastShown = now;
      return show(line(fraction, message), false);
    },
    done(message) {
      finished = true;
      const text = `${label}: ${message ?? "done"}`;
      return show(jupyter ? text : `${text} (${elapsed()})`, true);
    },
  };
}

/** Returns `Deno.jupyter` inside a Jupyter kernel, else undefined (Deno 2.9.6 throws on access outside). */
function jupyterApi(): typeof Deno.jupyter | undefined {
  try {
    return Deno.jupyter;
  } catch {
    return undefined;
  }
}
