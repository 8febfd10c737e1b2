/**
 * Chart specs for the variational autoencoder notebook: the VA's weight
 * diagram (its architecture drawn with trained weights) and a row of panels
 * made from charts that lib/charts.ts builds.
 */
import { networkDiagram, type NetworkEdge, type VegaLiteSpec } from "./charts.ts";
import { topLevel } from "./charts/style.ts";
import { layerByName, type Weights } from "./network.ts";
import type { VarianceConvention } from "./training.ts";

/**
 * Draws a 2x2 VA layer by layer: the four input pixels, the two encoder
 * relu units (L1), the mean a and log variance b, the sampled bottleneck z,
 * the two decoder relu units (L3) and the four output pixels. Solid lines
 * are trained weights. The two dashed lines into z are the sampling step
 * z = a + s * eps, labelled "mean" and with the convention's s. The numbers
 * under the neurons are their biases.
 *
 * @throws {RangeError} when `weights` is not a VA on 2x2 images.
 */
export function vaDiagram(
  weights: Weights,
  convention: VarianceConvention,
  options: { title?: string; subtitle?: string; digits?: number } = {},
): VegaLiteSpec {
  if (weights.kind !== "va" || weights.pixels !== 4) {
    throw new RangeError(
      `vaDiagram draws a VA on 2x2 images, got a ${weights.kind} with ${weights.pixels} pixels`,
    );
  }
  const encoder = layerByName(weights, "encoder");
  const mean = layerByName(weights, "z_mean");
  const logVariance = layerByName(weights, "z_log_var");
  const hidden = layerByName(weights, "decoder_hidden");
  const output = layerByName(weights, "decoder_output");

  const edges: NetworkEdge[] = [];
  const dense = (
    from: number,
    to: number,
    kernel: Float32Array,
    inputs: number,
    units: number,
    offset = 0,
  ) => {
    for (let i = 0; i < inputs; i++) {
      for (let j = 0; j < units; j++) {
        edges.push({ from: [from, i], to: [to, j + offset], weight: kernel[i * units + j] });
      }
    }
  };
  dense(0, 1, encoder.kernel, 4, 2);
  dense(1, 2, mean.kernel, 2, 1, 0);
  dense(1, 2, logVariance.kernel, 2, 1, 1);
  const spread = convention === "variance" ? "s = e^(b/2)" : "s = e^b";
  edges.push({ from: [2, 0], to: [3, 0], weight: 1, dashed: true, label: "mean" });
  edges.push({ from: [2, 1], to: [3, 0], weight: 1, dashed: true, label: spread });
  dense(3, 4, hidden.kernel, 1, 2);
  dense(4, 5, output.kernel, 2, 4);

  return networkDiagram({
    layers: [
      { name: "input", units: ["UL", "UR", "LL", "LR"] },
      { name: "L1 (relu)", units: ["h1", "h2"] },
      { name: "mean, log var", units: ["a", "b"] },
      { name: "bottleneck", units: ["z"] },
      { name: "L3 (relu)", units: ["g1", "g2"] },
      { name: "output (sigmoid)", units: ["UL", "UR", "LL", "LR"] },
    ],
    edges,
    biases: [null, encoder.bias, [mean.bias[0], logVariance.bias[0]], null, hidden.bias, output.bias],
    title: options.title,
    subtitle: options.subtitle,
    digits: options.digits ?? 1,
    columnSpacing: 150,
    unitSpacing: 80,
  });
}

/**
 * Places charts built by lib/charts.ts side by side (in rows of `columns`),
 * each keeping its own title, under one overall title. The colour scale is
 * shared so that a series has one colour in every panel.
 *
 * @throws {RangeError} when `panels` is empty or `columns` is not a positive integer.
 */
export function panelRow(
  panels: VegaLiteSpec[],
  options: { title?: string; subtitle?: string; columns?: number } = {},
): VegaLiteSpec {
  if (panels.length === 0) throw new RangeError("panels must contain at least one chart, got none");
  const columns = options.columns ?? panels.length;
  if (!Number.isInteger(columns) || columns < 1) {
    throw new RangeError(`columns must be a positive integer, got ${columns}`);
  }
  const bodies = panels.map(({ $schema: _schema, config: _config, ...body }) => body);
  return topLevel(
    { concat: bodies, columns, spacing: 24, resolve: { scale: { color: "shared" } } },
    options,
  );
}
