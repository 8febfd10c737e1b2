import assert from "node:assert/strict";
import { imageGaps, placeImages } from "./bottleneck_axis.ts";

// The report's optimal network: images at -10, -1, 1 and 10; outputs 1 and 4 switch at -1.5 and 1.5,
// outputs 2 and 3 at 0.
const BOTTLENECKS = [-10, -1, 1, 10];
const THRESHOLDS = [[-1.5, 1.5], [0], [0], [-1.5, 1.5]];

Deno.test("placeImages ranks images and finds margins", () => {
  const placements = placeImages(BOTTLENECKS, THRESHOLDS);
  assert.deepEqual(placements.map((p) => p.rank), [0, 1, 2, 3]);
  assert.deepEqual(placements.map((p) => p.margin), [8.5, 0.5, 0.5, 8.5]);
  assert.deepEqual(placements[0].nearest, { output: 0, z: -1.5 });
  assert.deepEqual(placements[2].nearest, { output: 0, z: 1.5 });
});

Deno.test("placeImages ranks unsorted images", () => {
  const placements = placeImages([0.9, -0.5, -9.9, 13.8], THRESHOLDS);
  assert.deepEqual(placements.map((p) => p.rank), [2, 1, 0, 3]);
  assert.equal(placements[1].nearest?.z, 0);
  assert.equal(placements[1].margin, 0.5);
});

Deno.test("placeImages without thresholds", () => {
  const placements = placeImages([1, 2], [[], []]);
  assert.equal(placements[0].nearest, null);
  assert.equal(placements[0].margin, Infinity);
});

Deno.test("imageGaps lists thresholds between neighbours", () => {
  const gaps = imageGaps(BOTTLENECKS, THRESHOLDS);
  assert.deepEqual(gaps.map((gap) => [gap.left, gap.right, gap.from, gap.to]), [
    [0, 1, -10, -1],
    [1, 2, -1, 1],
    [2, 3, 1, 10],
  ]);
  assert.deepEqual(gaps[0].thresholds, [{ output: 0, z: -1.5 }, { output: 3, z: -1.5 }]);
  assert.deepEqual(gaps[1].thresholds, [{ output: 1, z: 0 }, { output: 2, z: 0 }]);
  assert.deepEqual(gaps[2].thresholds, [{ output: 0, z: 1.5 }, { output: 3, z: 1.5 }]);
});

Deno.test("imageGaps leaves out thresholds beyond the images", () => {
  const gaps = imageGaps([0, 1], [[-5, 0.5, 7]]);
  assert.equal(gaps.length, 1);
  assert.deepEqual(gaps[0].thresholds, [{ output: 0, z: 0.5 }]);
});

Deno.test("imageGaps keeps image order for ties", () => {
  const gaps = imageGaps([2, 1, 1], [[1.5]]);
  assert.deepEqual(gaps.map((gap) => [gap.left, gap.right]), [[1, 2], [2, 0]]);
  assert.deepEqual(gaps[0].thresholds, []);
  assert.deepEqual(gaps[1].thresholds, [{ output: 0, z: 1.5 }]);
});

Deno.test("bottleneck axis rejects bad input", () => {
  assert.throws(() => imageGaps([1], [[0]]), /at least 2 images, got 1/);
  assert.throws(() => placeImages([], [[0]]), /at least one image/);
  assert.throws(() => placeImages([0, NaN], [[0]]), /bottlenecks\[1\] must be finite, got NaN/);
  assert.throws(() => placeImages([0], [[0], [Infinity]]), /thresholds\[1\]\[0\] must be finite/);
});
