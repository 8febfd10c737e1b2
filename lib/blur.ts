/**
 * Measures of blur and reconstruction error for images with pixels in [0, 1].
 */

/** Throws unless two pixel arrays have the same length. */
function assertSameLength(name: string, a: ArrayLike<number>, b: ArrayLike<number>): void {
  if (a.length !== b.length) {
    throw new RangeError(
      `${name}: outputs have ${a.length} values but targets have ${b.length}; pass matching images`,
    );
  }
}

/**
 * Returns the share of pixels strictly between `low` and `high` (default
 * 0.1 and 0.9): pixels that are neither clearly black nor clearly white.
 */
export function greyShare(outputs: ArrayLike<number>, low = 0.1, high = 0.9): number {
  if (!(low < high)) throw new RangeError(`low must be below high, got low ${low} and high ${high}`);
  if (outputs.length === 0) throw new RangeError("outputs must not be empty");
  let grey = 0;
  for (let i = 0; i < outputs.length; i++) if (outputs[i] > low && outputs[i] < high) grey++;
  return grey / outputs.length;
}

/** Returns the mean squared error over all pixels of all images. */
export function meanSquaredError(outputs: ArrayLike<number>, targets: ArrayLike<number>): number {
  assertSameLength("meanSquaredError", outputs, targets);
  let sum = 0;
  for (let i = 0; i < outputs.length; i++) sum += (outputs[i] - targets[i]) ** 2;
  return sum / outputs.length;
}

/** Returns the share of pixels whose rounded output (>= 0.5 is white) differs from the target. */
export function wrongPixelShare(outputs: ArrayLike<number>, targets: ArrayLike<number>): number {
  assertSameLength("wrongPixelShare", outputs, targets);
  let wrong = 0;
  for (let i = 0; i < outputs.length; i++) if ((outputs[i] >= 0.5 ? 1 : 0) !== targets[i]) wrong++;
  return wrong / outputs.length;
}

/** Returns the mean squared error of each image, for images of `pixels` pixels: [count]. */
export function perImageError(
  outputs: ArrayLike<number>,
  targets: ArrayLike<number>,
  pixels: number,
): Float64Array {
  assertSameLength("perImageError", outputs, targets);
  if (!Number.isInteger(pixels) || pixels <= 0 || outputs.length % pixels !== 0) {
    throw new RangeError(`pixels must be a positive integer dividing ${outputs.length}, got ${pixels}`);
  }
  const errors = new Float64Array(outputs.length / pixels);
  for (let i = 0; i < outputs.length; i++) {
    errors[Math.floor(i / pixels)] += (outputs[i] - targets[i]) ** 2 / pixels;
  }
  return errors;
}
