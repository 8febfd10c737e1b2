import assert from "node:assert/strict";
import { variationalNoise } from "../network.ts";
import { MAX_SEED } from "../random.ts";
import { fillVariationalNoise } from "./noise.ts";

Deno.test("fillVariationalNoise equals variationalNoise bit for bit", () => {
  const seeds = Uint32Array.from([0, 1, 2, 42, 7919, 123456789, 2 ** 31, MAX_SEED - 1, MAX_SEED]);
  const stride = seeds.length + 3;
  const firstStep = 1995;
  const steps = 40;
  const out = new Float32Array(steps * 4 * stride);
  fillVariationalNoise(seeds, firstStep, steps, out, stride);

  for (let t = 0; t < steps; t++) {
    seeds.forEach((seed, n) => {
      const expected = variationalNoise(seed, firstStep + t, 4);
      for (let k = 0; k < 4; k++) {
        assert.equal(
          out[(t * 4 + k) * stride + n],
          expected[k],
          `seed ${seed}, step ${firstStep + t}, image ${k}`,
        );
      }
    });
  }
});

Deno.test("fillVariationalNoise leaves padding lanes untouched", () => {
  const out = new Float32Array(2 * 4 * 4).fill(99);
  fillVariationalNoise(Uint32Array.from([5, 6]), 0, 2, out, 4);
  for (let row = 0; row < 8; row++) {
    assert.equal(out[row * 4 + 2], 99);
    assert.equal(out[row * 4 + 3], 99);
  }
});

Deno.test("fillVariationalNoise rejects a short buffer", () => {
  assert.throws(
    () => fillVariationalNoise(Uint32Array.from([1, 2]), 0, 3, new Float32Array(10), 2),
    /too small for 3 steps of 2 networks/,
  );
});
