/**
 * Weight diagram of a whole classical autoencoder: input pixels, L1, the
 * bottleneck L2, L3 and the output L4 as columns, every weight on its edge
 * and every bias under its neuron, as the report draws its optimal solution.
 */
import { networkDiagram, type NetworkDiagramOptions, type NetworkEdge } from "./charts/network.ts";
import type { VegaLiteSpec } from "./charts/style.ts";
import type { Weights } from "./network.ts";

/** Pixel names of the 2x2 images, in input order. */
const TWO_BY_TWO_PIXEL_NAMES = ["UL", "UR", "LL", "LR"];

/**
 * Builds the `networkDiagram` options of a CA. The columns are "input"
 * (pixels UL, UR, LL, LR for 2x2 images, else p1, p2, ...), "L1" (h1, h2),
 * "L2" (z), "L3" (g1, g2) and "L4" (y1, ...). There is one edge per kernel
 * entry, and the biases of L1 to L4 sit under their neurons.
 *
 * @throws {RangeError} for a VA, whose middle layer is sampled, or for more than 16 pixels, which would
 * not be readable.
 */
export function autoencoderLayout(weights: Weights): NetworkDiagramOptions {
  if (weights.kind !== "ca") {
    throw new RangeError(`autoencoderLayout draws a CA, got kind ${JSON.stringify(weights.kind)}`);
  }
  if (weights.pixels > 16) {
    throw new RangeError(`autoencoderLayout draws at most 16 pixels, got ${weights.pixels}; use a 2x2 CA`);
  }
  const pixelNames = weights.pixels === 4
    ? TWO_BY_TWO_PIXEL_NAMES
    : Array.from({ length: weights.pixels }, (_, p) => `p${p + 1}`);
  const unitPrefixes = ["h", "z", "g", "y"];
  const layerNames = ["L1", "L2 (bottleneck)", "L3", "L4 (output)"];
  const layers = [
    { name: "input", units: pixelNames },
    ...weights.layers.map((layer, l) => ({
      name: layerNames[l],
      units: layer.units === 1
        ? [unitPrefixes[l]]
        : Array.from({ length: layer.units }, (_, j) => `${unitPrefixes[l]}${j + 1}`),
    })),
  ];

  const edges: NetworkEdge[] = weights.layers.flatMap((layer, l) =>
    Array.from({ length: layer.inputs * layer.units }, (_, index) => ({
      from: [l, Math.floor(index / layer.units)] as [number, number],
      to: [l + 1, index % layer.units] as [number, number],
      weight: layer.kernel[index],
    }))
  );
  return { layers, edges, biases: [null, ...weights.layers.map((layer) => layer.bias)] };
}

/**
 * Builds the weight diagram of a whole CA: blue positive and red negative
 * weights, line width growing with |weight|, labels rounded to `digits`.
 */
export function autoencoderDiagram(
  weights: Weights,
  options: { title?: string; subtitle?: string; digits?: number } = {},
): VegaLiteSpec {
  return networkDiagram({ ...autoencoderLayout(weights), columnSpacing: 150, unitSpacing: 80, ...options });
}
