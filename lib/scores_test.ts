import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { lineImages } from "./datasets.ts";
import { buildAutoencoder, disposeAutoencoder, reconstruct, useWasmBackend } from "./models.ts";
import { initialWeights, layerByName, type Weights } from "./network.ts";
import { deriveSeed, Random } from "./random.ts";
import { DETECTORS, detectorScores, reconstructionScores, scoreAllDetectors } from "./scores.ts";

await useWasmBackend();

const images = lineImages({ count: 6, size: 8, seed: 3 }).images;

/** Builds a VA whose log variance output is the constant `logVar` for every input. */
function vaWithLogVar(logVar: number): Weights {
  const weights = initialWeights("va", 64, 4);
  const layer = layerByName(weights, "z_log_var");
  layer.kernel.fill(0);
  layer.bias.fill(logVar);
  return weights;
}

function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number) {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < actual.length; i++) {
    assert.ok(
      Math.abs(actual[i] - expected[i]) <= tolerance,
      `index ${i}: ${actual[i]} differs from ${expected[i]} by more than ${tolerance}`,
    );
  }
}

Deno.test("reconstructionScores computes mse and max per image", () => {
  const scores = reconstructionScores(
    [0, 1, 1, 0, 0.5, 0.5, 0.5, 0.5],
    [0, 0.5, 1, 1, 0.5, 0.5, 0.5, 0.25],
    4,
  );
  assert.deepEqual(Array.from(scores.mse), [(0.25 + 1) / 4, 0.0625 / 4]);
  assert.deepEqual(Array.from(scores.max), [1, 0.25]);
});

Deno.test("reconstructionScores rejects bad shapes and NaN", () => {
  assert.throws(() => reconstructionScores([0, 1], [0], 1), /same length/);
  assert.throws(() => reconstructionScores([0, 1, 0], [0, 1, 0], 2), /divides the 3 values/);
  assert.throws(() => reconstructionScores([0, 1], [0, 1], 0), /positive integer/);
  assert.throws(() => reconstructionScores([0, NaN], [0, 1], 2), /pixel 1 is NaN/);
});

Deno.test("CA detectors score their own reconstructions", () => {
  const ca = buildAutoencoder(initialWeights("ca", 64, 2));
  try {
    for (const [detector, rule] of [["CA", "sigmoid"], ["CA Heaviside", "heaviside"]] as const) {
      const result = detectorScores(ca, images, detector);
      const expected = reconstruct(ca, images, { rule }).outputs;
      assert.deepEqual(result.outputs, expected);
      assert.deepEqual(result.scores, reconstructionScores(images, expected, 64));
    }
    const stepped = detectorScores(ca, images, "CA Heaviside").outputs;
    assert.ok(stepped.every((value) => value === 0 || value === 1));
  } finally {
    disposeAutoencoder(ca);
  }
});

Deno.test("detectorScores rejects a model of the wrong kind", () => {
  const ca = buildAutoencoder(initialWeights("ca", 64, 2));
  try {
    assert.throws(() => detectorScores(ca, images, "VA mean"), /needs a VA, got a CA/);
    // deno-lint-ignore no-explicit-any
    assert.throws(() => detectorScores(ca, images, "PCA" as any), /detector must be one of/);
  } finally {
    disposeAutoencoder(ca);
  }
});

Deno.test("VA sampled is reproducible and depends on the seed", () => {
  const va = buildAutoencoder(vaWithLogVar(0));
  try {
    const first = detectorScores(va, images, "VA sampled", { samples: 3, seed: 7 });
    const again = detectorScores(va, images, "VA sampled", { samples: 3, seed: 7 });
    const other = detectorScores(va, images, "VA sampled", { samples: 3, seed: 8 });
    assert.deepEqual(first.scores, again.scores);
    assert.notDeepEqual(first.scores.mse, other.scores.mse);
    assert.throws(() => detectorScores(va, images, "VA sampled", { samples: 0 }), /samples must be/);
  } finally {
    disposeAutoencoder(va);
  }
});

Deno.test("VA sampled equals VA mean when s is tiny", () => {
  const va = buildAutoencoder(vaWithLogVar(-40));
  try {
    const sampled = detectorScores(va, images, "VA sampled", { samples: 2, seed: 1 });
    const mean = detectorScores(va, images, "VA mean");
    assertClose(sampled.scores.mse, mean.scores.mse, 1e-6);
    assertClose(sampled.outputs, mean.outputs, 1e-6);
  } finally {
    disposeAutoencoder(va);
  }
});

Deno.test("VA sampled averages single draws", () => {
  const va = buildAutoencoder(vaWithLogVar(1));
  try {
    const both = detectorScores(va, images, "VA sampled", { samples: 2, seed: 9 });
    const single = detectorScores(va, images, "VA sampled", { samples: 1, seed: 9 });
    assert.notDeepEqual(both.scores.mse, single.scores.mse);
    assert.ok(both.scores.max.every((value) => value >= 0 && value <= 1));
  } finally {
    disposeAutoencoder(va);
  }
});

Deno.test("std convention with b matches variance convention with 2b", () => {
  const narrow = buildAutoencoder(vaWithLogVar(0.4));
  const wide = buildAutoencoder(vaWithLogVar(0.8));
  try {
    const std = detectorScores(narrow, images, "VA sampled", { samples: 2, seed: 3, convention: "std" });
    const variance = detectorScores(wide, images, "VA sampled", { samples: 2, seed: 3 });
    const plain = detectorScores(narrow, images, "VA sampled", { samples: 2, seed: 3 });
    assertClose(std.scores.mse, variance.scores.mse, 1e-5);
    assert.notDeepEqual(std.scores.mse, plain.scores.mse);
  } finally {
    disposeAutoencoder(narrow);
    disposeAutoencoder(wide);
  }
});

Deno.test("one VA draw matches reconstruct with the same noise", () => {
  const va = buildAutoencoder(vaWithLogVar(-1));
  try {
    const random = new Random(deriveSeed(11, 0));
    const noise = Float32Array.from({ length: 6 }, () => random.normal());
    const expected = reconstruct(va, images, { noise }).outputs;
    const single = detectorScores(va, images, "VA sampled", { samples: 1, seed: 11 });
    assertClose(single.outputs, expected, 1e-6);
    assert.deepEqual(detectorScores(va, images, "VA mean").outputs, reconstruct(va, images).outputs);
  } finally {
    disposeAutoencoder(va);
  }
});

Deno.test("detectorScores frees its tensors", () => {
  const va = buildAutoencoder(vaWithLogVar(0));
  const ca = buildAutoencoder(initialWeights("ca", 64, 2));
  try {
    const before = tf.memory().numTensors;
    detectorScores(va, images, "VA sampled", { samples: 3, seed: 1 });
    detectorScores(va, images, "VA mean");
    detectorScores(ca, images, "CA Heaviside");
    assert.equal(tf.memory().numTensors, before);
  } finally {
    disposeAutoencoder(va);
    disposeAutoencoder(ca);
  }
});

Deno.test("scoreAllDetectors runs each detector once", () => {
  const ca = buildAutoencoder(initialWeights("ca", 64, 2));
  const va = buildAutoencoder(vaWithLogVar(0));
  try {
    const results = scoreAllDetectors({ ca, va }, images, { samples: 2, seed: 4 });
    assert.deepEqual(Object.keys(results), [...DETECTORS]);
    assert.deepEqual(
      results["VA sampled"],
      detectorScores(va, images, "VA sampled", { samples: 2, seed: 4 }),
    );
    assert.deepEqual(results["CA Heaviside"], detectorScores(ca, images, "CA Heaviside"));
    assert.throws(() => scoreAllDetectors({ ca: va, va }, images), /needs a CA, got a VA/);
  } finally {
    disposeAutoencoder(ca);
    disposeAutoencoder(va);
  }
});
