import assert from "node:assert/strict";
import { greyShare, meanSquaredError, perImageError, wrongPixelShare } from "./blur.ts";

Deno.test("greyShare counts pixels strictly inside (0.1, 0.9)", () => {
  assert.equal(greyShare([0, 0.1, 0.5, 0.9, 1]), 1 / 5);
  assert.equal(greyShare([0.2, 0.8, 0.95, 0.05]), 2 / 4);
  assert.equal(greyShare([0, 1, 1, 0]), 0);
});

Deno.test("meanSquaredError of known values", () => {
  assert.equal(meanSquaredError([0, 0.5, 1, 1], [0, 1, 1, 0]), (0.25 + 1) / 4);
});

Deno.test("wrongPixelShare rounds at one half", () => {
  assert.equal(wrongPixelShare([0.49, 0.5, 0.9, 0.1], [0, 1, 0, 0]), 1 / 4);
});

Deno.test("perImageError splits by image", () => {
  assert.deepEqual([...perImageError([0, 1, 1, 1], [0, 0, 1, 1], 2)], [0.5, 0]);
});

Deno.test("mismatched inputs raise RangeError", () => {
  assert.throws(() => meanSquaredError([1], [1, 2]), /outputs have 1 values but targets have 2/);
  assert.throws(
    () => perImageError([1, 2, 3], [1, 2, 3], 2),
    /pixels must be a positive integer dividing 3, got 2/,
  );
  assert.throws(() => greyShare([0.5], 0.9, 0.1), /low must be below high/);
  assert.throws(() => greyShare([]), /must not be empty/);
});
