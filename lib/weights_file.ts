/**
 * Trained weights as JSON files in data/, so a later notebook can reuse a
 * model without training it again.
 */
import { layerShapes, type ModelKind, type Weights } from "./network.ts";

/** The JSON form of `Weights`: kernels and biases as plain number arrays. */
interface WeightsJson {
  kind: ModelKind;
  pixels: number;
  layers: { name: string; kernel: number[]; bias: number[] }[];
}

/** Serializes weights to JSON text; float32 values round-trip exactly. */
export function weightsToJson(weights: Weights): string {
  const json: WeightsJson = {
    kind: weights.kind,
    pixels: weights.pixels,
    layers: weights.layers.map((layer) => ({
      name: layer.name,
      kernel: Array.from(layer.kernel),
      bias: Array.from(layer.bias),
    })),
  };
  return JSON.stringify(json) + "\n";
}

/** Parses weights written by `weightsToJson`, checking every layer's name and size. */
export function weightsFromJson(text: string): Weights {
  const json = JSON.parse(text) as WeightsJson;
  const shapes = layerShapes(json.kind, json.pixels);
  if (!Array.isArray(json.layers) || json.layers.length !== shapes.length) {
    throw new RangeError(`weights file has ${json.layers?.length} layers, expected ${shapes.length}`);
  }
  const layers = shapes.map((shape, i) => {
    const layer = json.layers[i];
    if (
      layer.name !== shape.name || layer.kernel.length !== shape.inputs * shape.units ||
      layer.bias.length !== shape.units
    ) {
      throw new RangeError(
        `weights file layer ${i} is ${layer.name} with ${layer.kernel.length} kernel values, ` +
          `expected ${shape.name} with ${shape.inputs * shape.units}; regenerate the file`,
      );
    }
    for (const value of [...layer.kernel, ...layer.bias]) {
      if (typeof value !== "number" || !Number.isFinite(value)) {
        throw new RangeError(
          `weights file layer ${shape.name} contains ${JSON.stringify(value)}, expected finite numbers; ` +
            `regenerate the file`,
        );
      }
    }
    return { ...shape, kernel: Float32Array.from(layer.kernel), bias: Float32Array.from(layer.bias) };
  });
  return { kind: json.kind, pixels: json.pixels, layers };
}
