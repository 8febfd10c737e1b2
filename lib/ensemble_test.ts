import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { twoByTwoImages } from "./datasets.ts";
import { type EnsembleOptions, type EnsembleResult, ensembleWeights, trainEnsemble } from "./ensemble.ts";
import { useWasmBackend } from "./models.ts";
import { encode, initialWeights, layerShapes, type ModelKind, type Weights } from "./network.ts";
import { trainAutoencoder } from "./training.ts";

await useWasmBackend();

const images = twoByTwoImages();

/** Largest absolute difference between two weight sets of the same layout. */
function maxWeightDifference(a: Weights, b: Weights): number {
  let worst = 0;
  a.layers.forEach((layer, i) => {
    const other = b.layers[i];
    assert.equal(layer.name, other.name);
    layer.kernel.forEach((value, j) => worst = Math.max(worst, Math.abs(value - other.kernel[j])));
    layer.bias.forEach((value, j) => worst = Math.max(worst, Math.abs(value - other.bias[j])));
  });
  return worst;
}

interface Case {
  kind: ModelKind;
  optimizer: "adam" | "sgd" | "rmsprop";
  learningRate: number;
  convention?: "variance" | "std";
  reconstructionScale?: "mean" | "sum" | number;
  seeds: number[];
}

const cases: Case[] = [
  { kind: "ca", optimizer: "adam", learningRate: 0.01, seeds: [0, 1, 2, 3, 4, 5] },
  { kind: "va", optimizer: "adam", learningRate: 0.01, seeds: [0, 1, 2, 3, 4, 5] },
  {
    kind: "va",
    optimizer: "adam",
    learningRate: 0.01,
    convention: "std",
    reconstructionScale: "sum",
    seeds: [6, 7, 8, 9],
  },
  { kind: "va", optimizer: "adam", learningRate: 0.01, reconstructionScale: 100, seeds: [16, 17, 18, 19] },
  {
    kind: "va",
    optimizer: "adam",
    learningRate: 0.01,
    convention: "std",
    reconstructionScale: 1024,
    seeds: [20, 21, 22],
  },
  { kind: "ca", optimizer: "sgd", learningRate: 0.5, seeds: [10, 11, 12] },
  { kind: "va", optimizer: "sgd", learningRate: 0.2, reconstructionScale: "sum", seeds: [10, 11, 12] },
  { kind: "ca", optimizer: "rmsprop", learningRate: 0.01, seeds: [13, 14, 15] },
  { kind: "va", optimizer: "rmsprop", learningRate: 0.01, convention: "std", seeds: [13, 14, 15] },
];

for (const c of cases) {
  const label = `${c.kind} ${c.optimizer} ${c.convention ?? "variance"} ${c.reconstructionScale ?? "mean"}`;
  Deno.test(`ensemble matches tfjs training: ${label}`, async () => {
    const steps = 100;
    const result = await trainEnsemble({
      ...c,
      steps,
      checkpoints: Array.from({ length: steps }, (_, i) => i),
    });
    for (const [i, seed] of c.seeds.entries()) {
      const reference = await trainAutoencoder(initialWeights(c.kind, 4, seed), images, {
        ...c,
        epochs: steps,
        batchSize: 4,
        seed,
      });
      const difference = maxWeightDifference(ensembleWeights(result, i), reference.weights);
      assert.ok(difference < 1e-5, `seed ${seed}: weights differ by ${difference}`);
      for (let t = 0; t < steps; t++) {
        const loss = result.checkpointLosses[i * steps + t];
        // The tolerance is relative above 1 because float32 resolves a loss near 256 (weight 1024) to about 3e-5.
        assert.ok(
          Math.abs(loss - reference.losses[t]) < 1e-5 * Math.max(1, Math.abs(reference.losses[t])),
          `seed ${seed}, step ${t}: loss ${loss}, tfjs ${reference.losses[t]}`,
        );
      }
    }
  });
}

/**
 * Trains many CA networks at once in tfjs, as an independent reference.
 * Every parameter is one variable with the networks in its first dimension.
 * The loss is the sum of the per-network mean squared errors, so each
 * network gets its own gradient, and tfjs's elementwise Adam updates each
 * one on its own. Full batch, images in their fixed order.
 */
function trainBatchedCa(seeds: number[], steps: number, learningRate: number) {
  const count = seeds.length;
  const shapes = layerShapes("ca", 4);
  const starts = seeds.map((seed) => initialWeights("ca", 4, seed));
  const variables = shapes.flatMap((shape, l) => {
    const kernels = new Float32Array(count * shape.inputs * shape.units);
    starts.forEach((weights, n) => kernels.set(weights.layers[l].kernel, n * shape.inputs * shape.units));
    return [
      tf.variable(tf.tensor3d(kernels, [count, shape.inputs, shape.units])),
      tf.variable(tf.zeros([count, 1, shape.units])),
    ];
  });
  const x = tf.tile(tf.tensor3d(images.images, [1, 4, 4]), [count, 1, 1]);
  const [w1, b1, w2, b2, w3, b3, w4, b4] = variables;
  const perNetworkLoss = () => {
    const h = tf.relu(tf.add(tf.matMul(x, w1), b1));
    const z = tf.add(tf.matMul(h, w2), b2);
    const g = tf.relu(tf.add(tf.matMul(z, w3), b3));
    const y = tf.sigmoid(tf.add(tf.matMul(g, w4), b4));
    return tf.mean(tf.square(tf.sub(x, y)), [1, 2]);
  };
  const optimizer = tf.train.adam(learningRate);
  for (let t = 0; t < steps; t++) {
    tf.tidy(() => {
      optimizer.minimize(() => tf.sum(perNetworkLoss()) as tf.Scalar);
    });
  }
  const losses = tf.tidy(perNetworkLoss).dataSync() as Float32Array;
  const arrays = variables.map((variable) => variable.dataSync() as Float32Array);
  const weights = seeds.map((_, n): Weights => ({
    kind: "ca",
    pixels: 4,
    layers: shapes.map((shape, l) => {
      const size = shape.inputs * shape.units;
      return {
        ...shape,
        kernel: arrays[2 * l].slice(n * size, (n + 1) * size),
        bias: arrays[2 * l + 1].slice(n * shape.units, (n + 1) * shape.units),
      };
    }),
  }));
  tf.dispose([...variables, x]);
  optimizer.dispose();
  return { losses, weights };
}

/** Mean squared reconstruction error of each network's final weights, from lib/network.ts. */
function finalReconstructionErrors(result: EnsembleResult): Float64Array {
  return Float64Array.from(
    { length: result.count },
    (_, n) => reconstructionError(ensembleWeights(result, n)),
  );
}

function reconstructionError(weights: Weights): number {
  let sum = 0;
  for (let k = 0; k < 4; k++) {
    const x = images.images.subarray(k * 4, k * 4 + 4);
    const layers = weights.layers;
    const z = encode(weights, x).z;
    const hidden = layers[2].kernel.map((w, j) => Math.max(0, z * w + layers[2].bias[j]));
    for (let p = 0; p < 4; p++) {
      const logit = hidden[0] * layers[3].kernel[p] + hidden[1] * layers[3].kernel[4 + p] + layers[3].bias[p];
      sum += (1 / (1 + Math.exp(-logit)) - x[p]) ** 2;
    }
  }
  return sum / 16;
}

/**
 * Outcome class from the loss: 0 all four images reconstructed, 1 two
 * neighbouring images averaged (loss 1/16), 2 a complementary pair averaged
 * (1/8), 3 worse (all grey is 1/4).
 */
function lossClass(loss: number): number {
  if (loss < 0.02) return 0;
  if (loss < 0.09) return 1;
  if (loss < 0.18) return 2;
  return 3;
}

/** Pearson's chi-square statistic of a 2 x k table of counts, with its degrees of freedom. */
function chiSquare(a: number[], b: number[]): { statistic: number; degrees: number } {
  const totalA = a.reduce((s, v) => s + v, 0);
  const totalB = b.reduce((s, v) => s + v, 0);
  let statistic = 0;
  let degrees = -1;
  a.forEach((countA, i) => {
    const column = countA + b[i];
    if (column === 0) return;
    degrees++;
    const expectedA = (column * totalA) / (totalA + totalB);
    const expectedB = (column * totalB) / (totalA + totalB);
    statistic += (countA - expectedA) ** 2 / expectedA + (b[i] - expectedB) ** 2 / expectedB;
  });
  return { statistic, degrees };
}

Deno.test("ensemble matches a batched tfjs reference over 2000 seeds", async () => {
  const seeds = Array.from({ length: 2000 }, (_, i) => 1000 + i);
  const options = { kind: "ca", seeds, optimizer: "adam", learningRate: 0.01 } as const;

  const early = await trainEnsemble({ ...options, steps: 100 });
  const earlyReference = trainBatchedCa(seeds, 100, 0.01);
  let close = 0;
  seeds.forEach((_, n) => {
    if (maxWeightDifference(ensembleWeights(early, n), earlyReference.weights[n]) < 1e-5) close++;
  });
  // Batched matMul sums in another order than the single-network model, so
  // a few networks drift apart faster; 1986 of 2000 agreed when written.
  assert.ok(close >= 0.98 * seeds.length, `after 100 steps only ${close} of 2000 networks agree to 1e-5`);

  const steps = 2000;
  const result = await trainEnsemble({ ...options, steps });
  const reference = trainBatchedCa(seeds, steps, 0.01);
  const ours = finalReconstructionErrors(result);
  const countsOurs = [0, 0, 0, 0];
  const countsReference = [0, 0, 0, 0];
  let same = 0;
  seeds.forEach((_, n) => {
    const a = lossClass(ours[n]);
    const b = lossClass(reference.losses[n]);
    countsOurs[a]++;
    countsReference[b]++;
    if (a === b) same++;
  });
  const { statistic, degrees } = chiSquare(countsOurs, countsReference);
  // 0.999 quantiles of chi-square with 1, 2, 3 degrees of freedom.
  const critical = [0, 10.83, 13.82, 16.27][degrees];
  const table = `ensemble ${countsOurs}, tfjs ${countsReference}`;
  assert.ok(statistic < critical, `chi-square ${statistic.toFixed(2)} on ${degrees} df: ${table}`);
  assert.ok(same >= 0.95 * seeds.length, `only ${same} of 2000 seeds fall in the same class: ${table}`);
});

Deno.test("thread count and chunk size do not change results", async () => {
  const options: EnsembleOptions = {
    kind: "va",
    seeds: { first: 77, count: 301 },
    optimizer: "adam",
    learningRate: 0.02,
    steps: 150,
    checkpoints: [0, 10, 149],
  };
  const single = await trainEnsemble({ ...options, threads: 1 });
  const spread = await trainEnsemble({ ...options, threads: 3, chunkSize: 37 });
  const inline = await trainEnsemble({ ...options, threads: 0, chunkSize: 50 });
  for (const key of ["weights", "finalLosses", "checkpointLosses", "bottleneck", "logVariance"] as const) {
    assert.deepEqual(new Uint8Array(spread[key].buffer), new Uint8Array(single[key].buffer), key);
    assert.deepEqual(
      new Uint8Array(inline[key].buffer),
      new Uint8Array(single[key].buffer),
      `${key}, threads 0`,
    );
  }
});

Deno.test("kernel memory stays flat as the network count grows", async () => {
  const options = { kind: "va", optimizer: "adam", learningRate: 0.01, steps: 50 } as const;
  const small = await trainEnsemble({ ...options, seeds: { first: 0, count: 5_000 } });
  const large = await trainEnsemble({ ...options, seeds: { first: 0, count: 50_000 } });
  assert.equal(large.kernelMemoryBytes, small.kernelMemoryBytes);
  // The noise of all 50,000 networks at once would take 16 bytes per step and network.
  assert.ok(large.kernelMemoryBytes < 50_000 * 50 * 16 / 4, `${large.kernelMemoryBytes} bytes`);
  assert.ok(large.finalLosses.every(Number.isFinite));
});

Deno.test("bottleneck values match encode on the final weights", async () => {
  for (const kind of ["ca", "va"] as const) {
    const result = await trainEnsemble({
      kind,
      seeds: [3, 4, 5],
      optimizer: "adam",
      learningRate: 0.05,
      steps: 200,
    });
    for (let n = 0; n < result.count; n++) {
      const weights = ensembleWeights(result, n);
      for (let k = 0; k < 4; k++) {
        const { z, logVar } = encode(weights, images.images.subarray(k * 4, k * 4 + 4));
        assert.ok(Math.abs(result.bottleneck[n * 4 + k] - z) < 1e-5, `${kind} network ${n} image ${k}: z`);
        assert.ok(
          Math.abs(result.logVariance[n * 4 + k] - logVar) < 1e-5,
          `${kind} network ${n} image ${k}: b`,
        );
      }
    }
  }
});

Deno.test("ensembleWeights rebuilds the lib/network.ts layout", async () => {
  const result = await trainEnsemble({
    kind: "va",
    seeds: [8, 9],
    optimizer: "sgd",
    learningRate: 0.1,
    steps: 1,
  });
  const weights = ensembleWeights(result, 1);
  assert.equal(weights.kind, "va");
  assert.equal(weights.pixels, 4);
  assert.deepEqual(
    weights.layers.map((layer) => [layer.name, layer.kernel.length, layer.bias.length]),
    layerShapes("va", 4).map((shape) => [shape.name, shape.inputs * shape.units, shape.units]),
  );
  assert.throws(() => ensembleWeights(result, 2), /network index must be an integer in \[0, 1\], got 2/);
});

Deno.test("progress reaches the network count", async () => {
  const calls: [number, number][] = [];
  await trainEnsemble({
    kind: "ca",
    seeds: { first: 0, count: 1000 },
    optimizer: "adam",
    learningRate: 0.01,
    steps: 10,
    chunkSize: 128,
    onProgress: (done, total) => calls.push([done, total]),
  });
  assert.equal(calls.length, 8);
  assert.deepEqual(calls.at(-1), [1000, 1000]);
  calls.forEach(([done, total], i) => {
    assert.equal(total, 1000);
    if (i > 0) assert.ok(done > calls[i - 1][0], `progress went back to ${done}`);
  });
});

Deno.test("invalid options are rejected with the value and a fix", async () => {
  const valid: EnsembleOptions = { kind: "ca", seeds: [1], optimizer: "adam", learningRate: 0.01, steps: 10 };
  const rejects = (change: Partial<EnsembleOptions>, pattern: RegExp) =>
    assert.rejects(() => trainEnsemble({ ...valid, ...change } as EnsembleOptions), pattern);
  await rejects(
    { optimizer: "adagrad" as "adam" },
    /optimizer must be "adam", "sgd" or "rmsprop", got "adagrad"/,
  );
  await rejects({ steps: 0 }, /steps must be a positive integer, got 0/);
  await rejects({ steps: 2.5 }, /steps must be a positive integer, got 2.5/);
  await rejects({ learningRate: NaN }, /learningRate must be a positive finite number such as 0.01, got NaN/);
  await rejects({ learningRate: -1 }, /learningRate must be a positive finite number such as 0.01, got -1/);
  await rejects({ seeds: [1, 2.5] }, /seeds\[1\] must be an integer in \[0, 4294967295\], got 2.5/);
  await rejects({ seeds: [] }, /seeds is empty/);
  await rejects({ seeds: { first: 2 ** 32 - 2, count: 5 } }, /must not exceed 4294967295/);
  await rejects({ kind: "ae" as "ca" }, /kind must be "ca" or "va", got "ae"/);
  await rejects({ convention: "sigma" as "std" }, /convention must be "variance" or "std", got "sigma"/);
  for (const scale of [0, -4, NaN, "max" as "sum"]) {
    await rejects(
      { kind: "va", reconstructionScale: scale },
      /reconstructionScale must be "mean", "sum" or a positive number such as 100, got /,
    );
  }
  await rejects({ checkpoints: [5, 3] }, /checkpoints must increase/);
  await rejects({ checkpoints: [10] }, /checkpoints\[0\] must be an integer step in \[0, 9\], got 10/);
  await rejects({ threads: -1 }, /threads must be a positive integer, got -1/);
  await rejects({ threads: 1.5 }, /threads must be a positive integer, got 1.5/);
});

Deno.test("progress callback errors reject the run", async () => {
  await assert.rejects(
    () =>
      trainEnsemble({
        kind: "ca",
        seeds: [1, 2],
        optimizer: "adam",
        learningRate: 0.01,
        steps: 5,
        onProgress: () => {
          throw new Error("display closed");
        },
      }),
    /display closed/,
  );
});
