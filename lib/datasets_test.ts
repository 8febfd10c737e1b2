import assert from "node:assert/strict";
import { imageAt, lineImage, lineImages, TWO_BY_TWO_NAMES, twoByTwoImages } from "./datasets.ts";

Deno.test("lineImages has the requested shape", () => {
  const set = lineImages({ count: 10, size: 32, seed: 1 });
  assert.equal(set.images.length, 10 * 32 * 32);
  assert.equal(set.angles.length, 10);
  assert.equal(set.count, 10);
  assert.equal(set.size, 32);
});

Deno.test("lineImages pixels are 0 or 1", () => {
  const set = lineImages({ count: 50, size: 32, seed: 2 });
  for (const value of set.images) assert.ok(value === 0 || value === 1, `pixel ${value}`);
});

Deno.test("line images are about half white", () => {
  const set = lineImages({ count: 200, size: 32, seed: 3 });
  for (let i = 0; i < set.count; i++) {
    const white = imageAt(set, i).reduce((sum, value) => sum + value, 0);
    assert.ok(Math.abs(white - 512) <= 32, `image ${i} has ${white} white pixels`);
  }
});

Deno.test("lineImages is the same for the same seed", () => {
  const a = lineImages({ count: 20, size: 32, seed: 4 });
  const b = lineImages({ count: 20, size: 32, seed: 4 });
  assert.deepEqual(new Uint8Array(a.images.buffer), new Uint8Array(b.images.buffer));
  assert.deepEqual(a.angles, b.angles);
});

Deno.test("lineImages differs between seeds", () => {
  const a = lineImages({ count: 20, size: 32, seed: 4 });
  const b = lineImages({ count: 20, size: 32, seed: 5 });
  assert.notDeepEqual(a.angles, b.angles);
  assert.notDeepEqual(a.images, b.images);
});

Deno.test("angles cover the full circle", () => {
  const { angles } = lineImages({ count: 1000, size: 8, seed: 6 });
  const quadrants = [0, 0, 0, 0];
  for (const angle of angles) {
    assert.ok(angle >= 0 && angle < 2 * Math.PI, `angle ${angle}`);
    quadrants[Math.floor(angle / (Math.PI / 2))]++;
  }
  for (const count of quadrants) assert.ok(count > 200, `quadrant counts ${quadrants}`);
});

Deno.test("opposite angles give complementary images", () => {
  const a = lineImage(32, 0.3);
  const b = lineImage(32, 0.3 + Math.PI);
  for (let i = 0; i < a.length; i++) assert.equal(a[i] + b[i], 1);
});

Deno.test("angle 0 makes the right half white", () => {
  const image = lineImage(4, 0);
  assert.deepEqual([...image], [0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1]);
});

Deno.test("twoByTwoImages are 0011 1010 1100 0101", () => {
  const set = twoByTwoImages();
  assert.equal(set.count, 4);
  assert.equal(set.size, 2);
  TWO_BY_TWO_NAMES.forEach((name, i) => {
    assert.equal([...imageAt(set, i)].join(""), name);
  });
});

Deno.test("twoByTwoImages match size-2 line images", () => {
  const set = twoByTwoImages();
  for (let i = 0; i < 4; i++) {
    assert.deepEqual(imageAt(set, i), lineImage(2, set.angles[i]));
  }
});

Deno.test("invalid arguments raise RangeError", () => {
  assert.throws(() => lineImages({ count: 10, size: 1, seed: 1 }), /size must be an integer of at least 2/);
  assert.throws(() => lineImages({ count: 0, size: 32, seed: 1 }), /count must be a positive integer, got 0/);
  assert.throws(() => lineImages({ count: -3, size: 32, seed: 1 }), /got -3/);
  assert.throws(() => lineImages({ count: 10, size: 32, seed: 1.5 }), /seed must be an integer/);
  assert.throws(() => lineImage(32, Number.NaN), /angle must be a finite number/);
  assert.throws(() => imageAt(twoByTwoImages(), 4), /index must be an integer in \[0, 3\]/);
});
