/**
 * Weights set by hand: a builder from nested arrays, and the optimal 2x2
 * classical autoencoder that the report shows as figure 13.
 */
import { layerShapes, type ModelKind, type Weights } from "./network.ts";

/** Kernel and bias of one dense layer as plain arrays. */
export interface LayerArrays {
  /** Kernel as rows, shape [inputs][units]: kernel[i][j] connects input i to unit j. */
  kernel: number[][];
  /** Bias, shape [units]; zeros when omitted. */
  bias?: number[];
}

/**
 * Builds `Weights` of a model of `kind` from nested arrays, one entry per
 * layer name of `layerShapes`. A CA has encoder, bottleneck, decoder_hidden
 * and decoder_output, and a VA has z_mean and z_log_var in place of
 * bottleneck. The pixel count is the number of kernel rows of the encoder. Values are
 * stored as float32, as tfjs stores them.
 *
 * @example
 * weightsFromArrays("ca", {
 *   encoder: { kernel: [[1, 0], [0, 1], [1, 0], [0, 1]] },
 *   bottleneck: { kernel: [[1], [-1]] },
 *   decoder_hidden: { kernel: [[10, -10]] },
 *   decoder_output: { kernel: [[1, 1, 1, 1], [1, 1, 1, 1]], bias: [0, 0, 0, 0] },
 * });
 */
export function weightsFromArrays(kind: ModelKind, layers: Record<string, LayerArrays>): Weights {
  const encoder = layers.encoder;
  if (!encoder) {
    throw new RangeError(`layers must contain "encoder", got ${JSON.stringify(Object.keys(layers))}`);
  }
  const pixels = encoder.kernel.length;
  const shapes = layerShapes(kind, pixels);

  const expected = shapes.map((shape) => shape.name);
  const unknown = Object.keys(layers).filter((name) => !expected.includes(name));
  if (unknown.length > 0) {
    throw new RangeError(`unknown layer ${JSON.stringify(unknown[0])}; a ${kind} has ${expected.join(", ")}`);
  }

  return {
    kind,
    pixels,
    layers: shapes.map((shape) => {
      const arrays = layers[shape.name];
      if (!arrays) {
        throw new RangeError(
          `layer ${JSON.stringify(shape.name)} is missing; a ${kind} has ${expected.join(", ")}`,
        );
      }
      const { kernel, bias = new Array(shape.units).fill(0) } = arrays;
      if (kernel.length !== shape.inputs || kernel.some((row) => row.length !== shape.units)) {
        const found = `[${kernel.length}][${kernel.map((row) => row.length).join("|")}]`;
        throw new RangeError(
          `kernel of ${shape.name} must have shape [${shape.inputs}][${shape.units}], got ${found}`,
        );
      }
      if (bias.length !== shape.units) {
        throw new RangeError(`bias of ${shape.name} must have ${shape.units} values, got ${bias.length}`);
      }
      return { ...shape, kernel: Float32Array.from(kernel.flat()), bias: Float32Array.from(bias) };
    }),
  };
}

/**
 * Returns a set of optimal weights for the 2x2 classical autoencoder, with
 * zero biases everywhere except in the output layer.
 *
 * The encoder maps 0011, 1010, 1100 and 0101 (pixels upper left, upper
 * right, lower left, lower right) to the hidden pairs (10, 0), (1, 0),
 * (0, 1) and (0, 10), and the bottleneck z = h2 - h1 gives -10, -1, 1 and 10.
 * The decoder is the report's: hidden units relu(10 z) and relu(-10 z), then
 * output logits 15 - 10|z|, 10 z, -10 z and 10|z| - 15. Under the Heaviside
 * rule output 1 is 1 on [-1.5, 1.5], output 2 on [0, inf), output 3 on
 * (-inf, 0] and output 4 outside (-1.5, 1.5), so every image decodes to itself.
 * With the sigmoid the worst pixel is off by sigmoid(-5), about 0.0067.
 */
export function optimalWeights(): Weights {
  return weightsFromArrays("ca", {
    // Rows are pixels (upper left, upper right, lower left, lower right).
    encoder: { kernel: [[-4, -4], [-5, 5], [5, -5], [5, 5]] },
    bottleneck: { kernel: [[-1], [1]] },
    decoder_hidden: { kernel: [[10, -10]] },
    decoder_output: { kernel: [[-1, 1, -1, 1], [-1, -1, 1, 1]], bias: [15, 0, 0, -15] },
  });
}
