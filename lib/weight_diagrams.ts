/**
 * The decoder path to one output neuron, as the report draws it in its
 * figures 4 to 7: the bottleneck z, the two ReLU neurons of decoder_hidden
 * (L3) and output neuron k of decoder_output (L4), with the learned weights
 * on the edges and the biases under the neurons.
 */
import { networkDiagram, type NetworkDiagramOptions } from "./charts/network.ts";
import type { VegaLiteSpec } from "./charts/style.ts";
import { layerByName, type Weights } from "./network.ts";

/** The weights and biases on the path from the bottleneck to one output neuron. */
export interface DecoderPath {
  /** Output neuron index k, from 0. */
  output: number;
  /** decoder_hidden kernel w1[j], shape [hidden units]. */
  hiddenWeights: number[];
  /** decoder_hidden bias b1[j], shape [hidden units]. */
  hiddenBiases: number[];
  /** decoder_output kernel column w2[j, k], shape [hidden units]. */
  outputWeights: number[];
  /** decoder_output bias b2[k]. */
  outputBias: number;
}

/**
 * Reads the weights from the bottleneck through decoder_hidden to output
 * neuron `k`, as float64 copies of the float32 weights.
 *
 * @throws {RangeError} when k is not an output neuron or the decoder does not start from one bottleneck value.
 */
export function decoderPath(weights: Weights, k: number): DecoderPath {
  const hidden = layerByName(weights, "decoder_hidden");
  const output = layerByName(weights, "decoder_output");
  if (hidden.inputs !== 1) {
    throw new RangeError(`decoder_hidden must take 1 bottleneck value, got ${hidden.inputs} inputs`);
  }
  if (!Number.isInteger(k) || k < 0 || k >= output.units) {
    throw new RangeError(`output neuron must be an integer in [0, ${output.units - 1}], got ${k}`);
  }
  return {
    output: k,
    hiddenWeights: Array.from(hidden.kernel),
    hiddenBiases: Array.from(hidden.bias),
    outputWeights: Array.from({ length: hidden.units }, (_, j) => output.kernel[j * output.units + k]),
    outputBias: output.bias[k],
  };
}

/**
 * Builds the `networkDiagram` options of the path to output neuron `k`:
 * three columns (bottleneck z, L3 neurons h1 and h2, output neuron y_{k+1}),
 * one edge per weight, and the biases of L3 and of the output neuron. The
 * bottleneck's own bias belongs to the encoder side and is not drawn.
 */
export function decoderPathLayout(weights: Weights, k: number): NetworkDiagramOptions {
  const path = decoderPath(weights, k);
  const hiddenUnits = path.hiddenWeights.map((_, j) => `h${j + 1}`);
  return {
    layers: [
      { name: "bottleneck", units: ["z"] },
      { name: "L3", units: hiddenUnits },
      { name: `output ${k + 1}`, units: [`y${k + 1}`] },
    ],
    edges: [
      ...path.hiddenWeights.map((weight, j) => ({ from: [0, 0], to: [1, j], weight })),
      ...path.outputWeights.map((weight, j) => ({ from: [1, j], to: [2, 0], weight })),
    ] as NetworkDiagramOptions["edges"],
    biases: [null, path.hiddenBiases, [path.outputBias]],
  };
}

/**
 * Builds the weight diagram of the path to output neuron `k` (figures 4 to
 * 7 of the report), with learned values on the edges, blue for positive and
 * red for negative weights.
 *
 * @param options title and subtitle, and decimals of the labels (default 2)
 */
export function decoderPathDiagram(
  weights: Weights,
  k: number,
  options: { title?: string; subtitle?: string; digits?: number } = {},
): VegaLiteSpec {
  return networkDiagram({ ...decoderPathLayout(weights, k), ...options });
}
