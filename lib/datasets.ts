/**
 * The report's training sets: black-and-white images split by a straight
 * line through the centre into a white half (1) and a black half (0).
 */
import { assertSeed, Random } from "./random.ts";

/** A set of square images, stored flat and row-major. */
export interface ImageSet {
  /** Pixel values in {0, 1}, shape [count, size * size], row-major per image. */
  images: Float32Array;
  /** Angle in radians, in [0, 2 pi), of the normal pointing into the white half; one per image. */
  angles: Float64Array;
  /** Number of images. */
  count: number;
  /** Side of each image in pixels. */
  size: number;
}

/**
 * Draws one line image of `size` x `size` pixels.
 *
 * Pixel (row, column) has its centre at x = column + 1/2 - size/2 and
 * y = size/2 - row - 1/2 (y grows upwards). It is white when its centre lies
 * on the side the normal (cos angle, sin angle) points to, or on the line.
 */
export function lineImage(size: number, angle: number): Float32Array {
  assertSize(size);
  if (!Number.isFinite(angle)) {
    throw new RangeError(`angle must be a finite number of radians, got ${angle}`);
  }
  const image = new Float32Array(size * size);
  const nx = Math.cos(angle);
  const ny = Math.sin(angle);
  for (let row = 0; row < size; row++) {
    const y = size / 2 - row - 0.5;
    for (let column = 0; column < size; column++) {
      const x = column + 0.5 - size / 2;
      // Round the projection so that angles such as pi/2 do not leave
      // pixels on the line to floating-point noise.
      const projection = Math.round((x * nx + y * ny) * 1e9) / 1e9;
      image[row * size + column] = projection >= 0 ? 1 : 0;
    }
  }
  return image;
}

/**
 * Generates `count` line images of `size` x `size` pixels with angles drawn
 * uniformly over the full circle from a generator seeded with `seed`, so the
 * white half turns all the way round.
 *
 * @example lineImages({ count: 1000, size: 32, seed: 1 })
 */
export function lineImages(options: { count: number; size: number; seed: number }): ImageSet {
  const { count, size, seed } = options;
  assertCount(count);
  assertSize(size);
  assertSeed(seed);
  const random = new Random(seed);
  const images = new Float32Array(count * size * size);
  const angles = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    angles[i] = random.uniformRange(0, 2 * Math.PI);
    images.set(lineImage(size, angles[i]), i * size * size);
  }
  return { images, angles, count, size };
}

/** The four 2x2 images by name: pixels upper left, upper right, lower left, lower right. */
export const TWO_BY_TWO_NAMES = ["0011", "1010", "1100", "0101"] as const;

/**
 * Returns the report's simplified training set: the four 2x2 images 0011, 1010,
 * 1100 and 0101 (pixels upper left, upper right, lower left, lower right).
 * They are the line images of size 2 whose white half faces down, left, up
 * and right.
 */
export function twoByTwoImages(): ImageSet {
  const angles = Float64Array.from([1.5, 1, 0.5, 0].map((turns) => turns * Math.PI));
  const images = new Float32Array(4 * 4);
  TWO_BY_TWO_NAMES.forEach((name, i) => {
    images.set([...name].map(Number), i * 4);
  });
  return { images, angles, count: 4, size: 2 };
}

/** Returns image `index` of `set` as a new array of size * size pixels. */
export function imageAt(set: ImageSet, index: number): Float32Array {
  if (!Number.isInteger(index) || index < 0 || index >= set.count) {
    throw new RangeError(`index must be an integer in [0, ${set.count - 1}], got ${index}`);
  }
  const pixels = set.size * set.size;
  return set.images.slice(index * pixels, (index + 1) * pixels);
}

function assertSize(size: number): void {
  if (!Number.isInteger(size) || size < 2) {
    throw new RangeError(`size must be an integer of at least 2 pixels, got ${size}`);
  }
}

function assertCount(count: number): void {
  if (!Number.isInteger(count) || count <= 0) {
    throw new RangeError(`count must be a positive integer, got ${count}`);
  }
}
