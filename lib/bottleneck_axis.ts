/**
 * Where the training images sit on the bottleneck axis relative to the
 * decoder's thresholds: their order, the thresholds between neighbouring
 * images, and how far each image is from the nearest threshold (its margin).
 * A small margin means a small change of z turns some output pixel grey or
 * flips it.
 */

/** A threshold of one output neuron: a bottleneck value where its Heaviside output changes. */
export interface OutputThreshold {
  /** Output neuron index k, from 0. */
  output: number;
  /** Bottleneck value. */
  z: number;
}

/** One image's place on the bottleneck axis. */
export interface ImagePlacement {
  /** Image index in the training set, from 0. */
  image: number;
  /** Bottleneck value. */
  z: number;
  /** Position from the left (smallest z), from 0. */
  rank: number;
  /** Threshold nearest to z over all outputs, or null when there is none. */
  nearest: OutputThreshold | null;
  /** |z - nearest.z| in bottleneck units; Infinity when there is no threshold. */
  margin: number;
}

/** The stretch of the axis between two neighbouring images, and the thresholds inside it. */
export interface AxisGap {
  /** Image index of the left neighbour. */
  left: number;
  /** Image index of the right neighbour. */
  right: number;
  /** Bottleneck value of the left image. */
  from: number;
  /** Bottleneck value of the right image. */
  to: number;
  /** Thresholds with from < z < to, ascending by z. */
  thresholds: OutputThreshold[];
}

/**
 * Places the images on the axis: their rank from the left and the nearest
 * threshold of any output.
 *
 * @param bottlenecks bottleneck value per image, shape [images]
 * @param thresholds per output neuron, its thresholds (any order), shape [outputs][thresholds of that output]
 * @returns one entry per image, in image order
 */
export function placeImages(
  bottlenecks: readonly number[],
  thresholds: readonly (readonly number[])[],
): ImagePlacement[] {
  checkValues(bottlenecks, thresholds);
  const all = flatten(thresholds);
  const order = sortedImages(bottlenecks);
  return bottlenecks.map((z, image) => {
    let nearest: OutputThreshold | null = null;
    for (const threshold of all) {
      if (nearest === null || Math.abs(threshold.z - z) < Math.abs(nearest.z - z)) nearest = threshold;
    }
    return {
      image,
      z,
      rank: order.indexOf(image),
      nearest,
      margin: nearest === null ? Infinity : Math.abs(nearest.z - z),
    };
  });
}

/**
 * Lists the gaps between neighbouring images from left to right, each with
 * the thresholds strictly inside it. A threshold left of the first image or
 * right of the last one lies in no gap, because no training image is decoded
 * there.
 *
 * @param bottlenecks bottleneck value per image, shape [images], at least 2 images
 * @param thresholds per output neuron, its thresholds, shape [outputs][thresholds of that output]
 */
export function imageGaps(
  bottlenecks: readonly number[],
  thresholds: readonly (readonly number[])[],
): AxisGap[] {
  checkValues(bottlenecks, thresholds);
  if (bottlenecks.length < 2) {
    throw new RangeError(`gaps need at least 2 images, got ${bottlenecks.length}`);
  }
  const all = flatten(thresholds).sort((a, b) => a.z - b.z || a.output - b.output);
  const order = sortedImages(bottlenecks);
  return order.slice(1).map((right, i) => {
    const left = order[i];
    const from = bottlenecks[left];
    const to = bottlenecks[right];
    return { left, right, from, to, thresholds: all.filter((t) => t.z > from && t.z < to) };
  });
}

/** Image indices sorted by bottleneck value; ties keep image order. */
function sortedImages(bottlenecks: readonly number[]): number[] {
  return bottlenecks.map((_, i) => i).sort((a, b) => bottlenecks[a] - bottlenecks[b] || a - b);
}

function flatten(thresholds: readonly (readonly number[])[]): OutputThreshold[] {
  return thresholds.flatMap((zs, output) => zs.map((z) => ({ output, z })));
}

function checkValues(bottlenecks: readonly number[], thresholds: readonly (readonly number[])[]): void {
  if (bottlenecks.length === 0) throw new RangeError("bottlenecks must contain at least one image, got none");
  bottlenecks.forEach((z, i) => {
    if (!Number.isFinite(z)) throw new RangeError(`bottlenecks[${i}] must be finite, got ${z}`);
  });
  thresholds.forEach((zs, k) =>
    zs.forEach((z, i) => {
      if (!Number.isFinite(z)) throw new RangeError(`thresholds[${k}][${i}] must be finite, got ${z}`);
    })
  );
}
