/**
 * Jupyter display helpers and the project's output files: charts here,
 * tables, progress, MIME bundles and file paths in lib/display/.
 *
 * Charts are vega-lite v5 specs. `showChart` compiles them with vega-lite
 * 5.23.0 and renders SVG with vega 5.33.1, the major versions JupyterLab 4's
 * vega5 extension uses, so the static SVG matches the interactive chart.
 * Named charts are also written to `figures/NAME.svg` and `figures/NAME.png`,
 * named tables to `data/NAME.csv`, always through a temporary file and a
 * rename so a failed run leaves no half-written file.
 */
import process from "node:process";
import type { Resvg as ResvgClass } from "@resvg/resvg-js";
import type * as VegaModule from "vega";
import type * as VegaLiteModule from "vega-lite";
import { type Displayable, JUPYTER_DISPLAY } from "./display/bundle.ts";
import { assertFigureName, type OutputOptions, outputRoot, writeFileAtomic } from "./display/files.ts";

export { escapeHtml, JUPYTER_DISPLAY, showHtml, showMarkdown } from "./display/bundle.ts";
export type { Displayable, MimeBundle } from "./display/bundle.ts";
export {
  assertFigureName,
  DATA_FILE_NAME,
  FIGURE_NAME,
  OUTPUT_ROOT_VARIABLE,
  outputRoot,
  projectRoot,
  TABLE_NAME,
  writeDataFile,
  writeFileAtomic,
} from "./display/files.ts";
export type { OutputOptions } from "./display/files.ts";
export { showTable } from "./display/table.ts";
export type { TableOptions } from "./display/table.ts";
export { progressBar } from "./display/progress.ts";
export type { ProgressBar } from "./display/progress.ts";

/** A vega-lite v5 specification, as `lib/charts.ts` builds it. */
export interface VegaLiteSpec {
  $schema: string;
  [key: string]: unknown;
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

/** Largest PNG scale: a figure of 1000 x 1000 SVG pixels then needs about 256 MB of RGBA pixels. */
export const MAX_PNG_SCALE = 8;

/**
 * Renders an SVG string to PNG bytes with resvg, using the system fonts
 * (DejaVu Sans as the default), `scale` PNG pixels per SVG pixel.
 *
 * @throws {RangeError} when `scale` is not in (0, MAX_PNG_SCALE].
 */
export async function renderPng(svg: string, scale = 2): Promise<Uint8Array> {
  if (!(scale > 0 && scale <= MAX_PNG_SCALE)) {
    throw new RangeError(
      `PNG scale must be a number of pixels per SVG pixel in (0, ${MAX_PNG_SCALE}], got ${scale}`,
    );
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
