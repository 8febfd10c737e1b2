/**
 * Vega-lite v5 spec builders for the notebooks' figures. Every builder is a
 * pure function from data to a spec; `showChart` in lib/display.ts renders
 * and saves it. The builders live in lib/charts/, one concept per file.
 */
export {
  CHART_FONT,
  chartConfig,
  NEGATIVE_COLOUR,
  POSITIVE_COLOUR,
  VEGA_LITE_SCHEMA,
} from "./charts/style.ts";
export type { VegaLiteSpec } from "./charts/style.ts";
export { imageGrid, imagePairs, imageRows } from "./charts/images.ts";
export type {
  GridLayout,
  ImageGridOptions,
  ImageRowSet,
  ImageRowsOptions,
  PixelMode,
} from "./charts/images.ts";
export { lineChart, scatterChart } from "./charts/axes.ts";
export type { AxesOptions, ReferenceRule, ScatterPoint, XYPoint } from "./charts/axes.ts";
export { histogram } from "./charts/histogram.ts";
export type { DensityCurve } from "./charts/histogram.ts";
export { barChart } from "./charts/bars.ts";
export type { Bar } from "./charts/bars.ts";
export { heatmap } from "./charts/heatmap.ts";
export type { HeatmapCell } from "./charts/heatmap.ts";
export { networkDiagram } from "./charts/network.ts";
export type { NetworkDiagramOptions, NetworkEdge, NetworkLayer } from "./charts/network.ts";
export { sliderSweep } from "./charts/sweep.ts";
export type { SliderSweepOptions, SweepRow } from "./charts/sweep.ts";
