import assert from "node:assert/strict";
import { assertSeed, deriveSeed, Random } from "./random.ts";

Deno.test("Random repeats a stream for one seed", () => {
  const a = new Random(7);
  const b = new Random(7);
  for (let i = 0; i < 100; i++) assert.equal(a.nextUint32(), b.nextUint32());
});

Deno.test("Random differs between seeds", () => {
  const a = Array.from({ length: 8 }, ((r) => () => r.nextUint32())(new Random(1)));
  const b = Array.from({ length: 8 }, ((r) => () => r.nextUint32())(new Random(2)));
  assert.notDeepEqual(a, b);
});

Deno.test("uniform stays in [0, 1) with mean near 1/2", () => {
  const random = new Random(3);
  let sum = 0;
  const n = 100_000;
  for (let i = 0; i < n; i++) {
    const u = random.uniform();
    assert.ok(u >= 0 && u < 1, `uniform returned ${u}`);
    sum += u;
  }
  assert.ok(Math.abs(sum / n - 0.5) < 0.005, `mean ${sum / n}`);
});

Deno.test("normal has mean 0 and variance 1", () => {
  const random = new Random(4);
  const n = 200_000;
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < n; i++) {
    const x = random.normal();
    sum += x;
    sumSquares += x * x;
  }
  const mean = sum / n;
  assert.ok(Math.abs(mean) < 0.01, `mean ${mean}`);
  assert.ok(Math.abs(sumSquares / n - mean * mean - 1) < 0.02, `variance ${sumSquares / n}`);
});

Deno.test("integer covers [0, n) evenly", () => {
  const random = new Random(5);
  const counts = [0, 0, 0];
  for (let i = 0; i < 30_000; i++) counts[random.integer(3)]++;
  for (const count of counts) assert.ok(Math.abs(count - 10_000) < 400, `counts ${counts}`);
});

Deno.test("permutation contains each index once", () => {
  const permutation = new Random(6).permutation(50);
  assert.deepEqual([...permutation].sort((a, b) => a - b), Array.from({ length: 50 }, (_, i) => i));
  assert.notDeepEqual(permutation, Array.from({ length: 50 }, (_, i) => i));
});

Deno.test("deriveSeed separates streams", () => {
  assert.equal(deriveSeed(1, 2), deriveSeed(1, 2));
  assert.notEqual(deriveSeed(1, 2), deriveSeed(1, 3));
  assert.notEqual(deriveSeed(1, 2), deriveSeed(2, 2));
  assert.notEqual(deriveSeed(1, 2, 3), deriveSeed(1, 3, 2));
  assert.notEqual(deriveSeed(1, 0), deriveSeed(1));
});

Deno.test("invalid seeds raise RangeError", () => {
  for (const seed of [1.5, -1, 2 ** 32, Number.NaN]) {
    assert.throws(() => new Random(seed), RangeError);
    assert.throws(() => assertSeed(seed), /seed must be an integer/);
  }
});

Deno.test("Random matches known outputs for seed 0", () => {
  // Pinned so that a change to the generator, which would change every data set and figure, fails here.
  const random = new Random(0);
  const first = Array.from({ length: 4 }, () => random.nextUint32());
  assert.deepEqual(first, KNOWN_SEED_0);
});
const KNOWN_SEED_0 = [3809008728, 1133695204, 53579671, 2891528803];
