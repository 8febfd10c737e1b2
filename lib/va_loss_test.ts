import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { weightsFromArrays } from "./hand_weights.ts";
import { buildAutoencoder, disposeAutoencoder, useWasmBackend } from "./models.ts";
import { batchLoss, type VarianceConvention } from "./training.ts";

await useWasmBackend();

// A VA whose encoder ignores the image: a = 0.5 and b = ln(0.25) from the biases alone.
// The decoder's output logit for every pixel is relu(z) - relu(-z) = z.
const A = 0.5;
const B = Math.log(0.25);
const weights = weightsFromArrays("va", {
  encoder: { kernel: [[0, 0], [0, 0], [0, 0], [0, 0]] },
  z_mean: { kernel: [[0], [0]], bias: [A] },
  z_log_var: { kernel: [[0], [0]], bias: [B] },
  decoder_hidden: { kernel: [[1, -1]] },
  decoder_output: { kernel: [[1, 1, 1, 1], [-1, -1, -1, -1]] },
});

// KL term of the report's equation (2) for one image, by hand:
// -1/2 (1 + b - a^2 - e^b) = -1/2 (1 - 1.386294 - 0.25 - 0.25) = 0.443147.
const KL = 0.4431471805599453;

function lossOf(convention: VarianceConvention, scale: "mean" | "sum" | number, eps: number): number {
  const autoencoder = buildAutoencoder(weights);
  const loss = tf.tidy(() => {
    const x = tf.zeros([1, 4]) as tf.Tensor2D;
    const noise = tf.tensor2d([[eps]]);
    return batchLoss(autoencoder, x, noise, convention, scale).dataSync()[0];
  });
  disposeAutoencoder(autoencoder);
  return loss;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

Deno.test("KL term alone matches the hand value", () => {
  // With eps chosen so that z = 0, every output is 1/2 and the mse of a black image is 1/4.
  const epsVariance = -A / Math.exp(B / 2);
  const epsStd = -A / Math.exp(B);
  assert.ok(Math.abs(lossOf("variance", "mean", epsVariance) - (0.25 + KL)) < 1e-5);
  assert.ok(Math.abs(lossOf("std", "mean", epsStd) - (0.25 + KL)) < 1e-5);
});

Deno.test("variance convention samples z = a + e^(b/2) eps", () => {
  // s = e^(b/2) = 0.5, so eps = 1 gives z = 1 and every output sigmoid(1).
  const mse = sigmoid(1) ** 2;
  assert.ok(Math.abs(lossOf("variance", "mean", 1) - (mse + KL)) < 1e-5);
  assert.ok(Math.abs(lossOf("variance", "sum", 1) - (4 * mse + KL)) < 1e-4);
  assert.ok(Math.abs(lossOf("variance", 100, 1) - (100 * mse + KL)) < 1e-3);
});

Deno.test("std convention samples z = a + e^b eps", () => {
  // s = e^b = 0.25, so eps = 1 gives z = 0.75.
  const mse = sigmoid(0.75) ** 2;
  assert.ok(Math.abs(lossOf("std", "mean", 1) - (mse + KL)) < 1e-5);
  assert.ok(Math.abs(lossOf("std", "sum", 1) - (4 * mse + KL)) < 1e-4);
});
