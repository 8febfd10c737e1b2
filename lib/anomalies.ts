/**
 * Anomalous test images for autoencoders trained on line images: defects
 * drawn on a line image, and images that are not one straight line through
 * the centre. Each kind has one severity parameter with a unit and a valid
 * range (see `severityRange`). Pixels follow `lineImage` in lib/datasets.ts:
 * values in [0, 1], row-major, pixel (row, column) centred at
 * x = column + 1/2 - size/2, y = size/2 - row - 1/2.
 */
import { lineImage, lineImages } from "./datasets.ts";
import { assertSeed, deriveSeed, Random } from "./random.ts";

/** Kinds that damage an otherwise normal line image. */
export const DEFECT_KINDS = ["spot", "scratch", "salt-and-pepper", "missing-patch"] as const;

/** Kinds that are not a single straight line through the centre. */
export const NON_LINE_KINDS = ["two-lines", "curve", "uniform", "checkerboard", "off-centre-line"] as const;

/** Every anomaly kind: the defects first, then the non-line images. */
export const ANOMALY_KINDS = [...DEFECT_KINDS, ...NON_LINE_KINDS] as const;

/** A defect drawn on a line image. */
export type DefectKind = (typeof DEFECT_KINDS)[number];

/** One kind of anomalous image. */
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

/** Smallest image side, in pixels, that the anomaly generators accept. */
export const MIN_ANOMALY_SIZE = 8;

/** Ground truth of one test image. */
export interface AnomalyLabel {
  /** Anomaly kind, or "normal" for a held-out line image. */
  kind: AnomalyKind | "normal";
  /** Severity in the unit of the kind (see `severityRange`), 0 for normal images. */
  severity: number;
  /** True for a normal line image, false for an anomaly. */
  normal: boolean;
}

/** Test images with one label each. */
export interface LabelledSet {
  /** Pixel values in [0, 1], shape [count, size * size], row-major per image. */
  images: Float32Array;
  /** One label per image, in image order. */
  labels: AnomalyLabel[];
  /** Number of images. */
  count: number;
  /** Side of each image in pixels. */
  size: number;
}

/** The valid severities of one kind at one image size. */
export interface SeverityRange {
  /** Quantity the severity measures, with its unit. */
  unit: string;
  /** Lower bound. */
  min: number;
  /** Whether `min` itself is valid. When false, the range is (min, max]. */
  minInclusive: boolean;
  /** Upper bound, always valid. */
  max: number;
  /** Whether the severity must be a whole number. */
  integer: boolean;
  /** Severity used when none is given. */
  defaultValue: number;
}

/**
 * Returns the valid severities of `kind` for images of `size` x `size` pixels.
 *
 * | kind | severity | range |
 * |---|---|---|
 * | spot | side of a square of the opposite colour, pixels | integers [1, floor(size/2)] |
 * | scratch | length of a 1-pixel-wide inverted line along its main axis, pixels | integers [1, size] |
 * | salt-and-pepper | share of pixels inverted | (0, 1] |
 * | missing-patch | side of a square set to grey 0.5, pixels | integers [1, size] |
 * | two-lines | angle between two lines through the centre, degrees | (0, 90] |
 * | curve | bulge of a parabolic boundary at distance size/2 from the centre, pixels | (0, size/2] |
 * | uniform | the single pixel value | [0, 1] |
 * | checkerboard | side of each square, pixels | integers [1, floor(size/2)] |
 * | off-centre-line | distance from the line to the image centre, pixels | (0, size/2] |
 *
 * NOTE: near the lower bound an image can pixelate to exactly a centred line
 * image. At size 32, 2 of 100 off-centre lines at 0.25 pixels and 1 of 100
 * curves at bulge 0.5 did, and none at 1 pixel or more.
 */
export function severityRange(kind: AnomalyKind, size: number): SeverityRange {
  assertKind(kind);
  assertSize(size);
  const half = Math.floor(size / 2);
  switch (kind) {
    case "spot":
      return range("side of the square in pixels", 1, true, half, true, Math.max(1, Math.round(size / 8)));
    case "scratch":
      return range("length along the main axis in pixels", 1, true, size, true, size);
    case "salt-and-pepper":
      return range("share of pixels inverted", 0, false, 1, false, 0.05);
    case "missing-patch":
      return range("side of the grey square in pixels", 1, true, size, true, Math.round(size / 4));
    case "two-lines":
      return range("angle between the lines in degrees", 0, false, 90, false, 60);
    case "curve":
      return range("bulge at distance size/2 from the centre in pixels", 0, false, size / 2, false, size / 8);
    case "uniform":
      return range("pixel value", 0, true, 1, false, 0.5);
    case "checkerboard":
      return range("side of each square in pixels", 1, true, half, true, Math.max(1, Math.round(size / 8)));
    case "off-centre-line":
      return range("distance from the centre in pixels", 0, false, size / 2, false, size / 4);
  }
}

/**
 * Draws one anomalous image of `size` x `size` pixels.
 *
 * A defect kind first draws a line image at a uniform angle in [0, 2 pi) and
 * then applies `applyDefect`. The other kinds draw their orientation,
 * position or colour from `random`.
 *
 * @param options.severity in the unit and range of `severityRange(kind, size)`; its default when omitted
 * @param options.random the stream every draw comes from
 * @returns pixel values in [0, 1], length size * size, row-major
 * @example anomalyImage("spot", { size: 32, severity: 4, random: new Random(1) })
 */
export function anomalyImage(
  kind: AnomalyKind,
  options: { size: number; severity?: number; random: Random },
): Float32Array {
  const { size, random } = options;
  const severity = checkedSeverity(kind, size, options.severity);

  if (isDefectKind(kind)) {
    const base = lineImage(size, random.uniformRange(0, 2 * Math.PI));
    return applyDefect(kind, base, { size, severity, random });
  }
  switch (kind) {
    case "two-lines":
      return twoLines(size, severity, random);
    case "curve":
      return curve(size, severity, random);
    case "uniform":
      return new Float32Array(size * size).fill(severity);
    case "checkerboard":
      return checkerboard(size, severity, random);
    case "off-centre-line":
      return offCentreLine(size, severity, random);
  }
}

/**
 * Applies a defect to a copy of `image` (pixels in [0, 1]). Each defect
 * changes an exact number of pixels:
 *
 * - "spot": a square of `severity` x `severity` pixels, placed uniformly among
 *   the positions where the square is all black or all white in `image`, is
 *   set to the other colour, so severity^2 pixels change by 1. A line image
 *   always has such a position; another image without one raises a RangeError;
 * - "scratch": a digital line, 1 pixel wide, that covers `severity` pixels
 *   (one per row or column along its main axis) is inverted, v -> 1 - v;
 * - "salt-and-pepper": max(1, round(severity size^2)) pixels chosen uniformly
 *   without replacement are inverted;
 * - "missing-patch": a square of `severity` x `severity` pixels at a uniform
 *   position is set to grey 0.5.
 *
 * @param image pixel values, length size * size
 * @param options.severity in the unit and range of `severityRange(kind, size)`
 */
export function applyDefect(
  kind: DefectKind,
  image: Float32Array,
  options: { size: number; severity?: number; random: Random },
): Float32Array {
  const { size, random } = options;
  if (!isDefectKind(kind)) {
    throw new RangeError(`defect kind must be one of ${DEFECT_KINDS.join(", ")}, got "${kind}"`);
  }
  const severity = checkedSeverity(kind, size, options.severity);
  if (image.length !== size * size) {
    throw new RangeError(`image must have size * size = ${size * size} pixels, got ${image.length}`);
  }

  const result = image.slice();
  switch (kind) {
    case "spot":
      drawSpot(result, size, severity, random);
      break;
    case "scratch":
      drawScratch(result, size, severity, random);
      break;
    case "salt-and-pepper": {
      const inverted = Math.max(1, Math.round(severity * size * size));
      const order = random.permutation(size * size);
      for (let i = 0; i < inverted; i++) result[order[i]] = 1 - result[order[i]];
      break;
    }
    case "missing-patch": {
      const top = random.integer(size - severity + 1);
      const left = random.integer(size - severity + 1);
      fillSquare(result, size, top, left, severity, 0.5);
      break;
    }
  }
  return result;
}

/**
 * Generates `countPerKind` anomalous images for each kind in `kinds`, and for
 * each severity when a kind is given a list of severities.
 *
 * Image i of a kind draws from its own stream, seeded by `seed`, the kind's
 * index in `ANOMALY_KINDS` and i. So a kind's images do not depend on which
 * other kinds are requested, and a list of severities reuses the same draws
 * (the same base line, for example) at every severity.
 *
 * @param options.kinds distinct kinds, default all of `ANOMALY_KINDS`
 * @param options.severities per kind, one severity or a list; kinds not listed use their default
 * @param options.size image side in pixels, an integer >= 8
 * @param options.seed an integer in [0, 2^32 - 1]
 * @returns images in the order kind, then severity, then index
 * @example anomalySet({ kinds: ["spot"], countPerKind: 100, size: 32, seed: 7, severities: { spot: [1, 2, 4] } })
 */
export function anomalySet(options: {
  kinds?: readonly AnomalyKind[];
  countPerKind: number;
  size: number;
  seed: number;
  severities?: Partial<Record<AnomalyKind, number | readonly number[]>>;
}): LabelledSet {
  const { kinds = ANOMALY_KINDS, countPerKind, size, seed, severities = {} } = options;
  assertCount(countPerKind, "countPerKind");
  assertSize(size);
  assertSeed(seed);
  if (kinds.length === 0) {
    throw new RangeError(`kinds must list at least one of ${ANOMALY_KINDS.join(", ")}, got none`);
  }
  kinds.forEach((kind, i) => {
    assertKind(kind);
    if (kinds.indexOf(kind) !== i) {
      throw new RangeError(`kinds must be distinct, got "${kind}" twice`);
    }
  });
  for (const key of Object.keys(severities)) assertKind(key, "severities key");

  // Check every severity before drawing any image.
  const plan = kinds.map((kind) => {
    const given = severities[kind];
    let list: (number | undefined)[];
    if (given === undefined) list = [undefined];
    else if (typeof given === "number") list = [given];
    else list = [...given];
    if (list.length === 0) {
      throw new RangeError(`severities for "${kind}" must list at least one value, got an empty list`);
    }
    return { kind, list: list.map((severity) => checkedSeverity(kind, size, severity)) };
  });

  const count = plan.reduce((sum, { list }) => sum + list.length * countPerKind, 0);
  const pixels = size * size;
  const images = new Float32Array(count * pixels);
  const labels: AnomalyLabel[] = [];
  for (const { kind, list } of plan) {
    const kindIndex = ANOMALY_KINDS.indexOf(kind);
    for (const severity of list) {
      for (let i = 0; i < countPerKind; i++) {
        const random = new Random(deriveSeed(seed, kindIndex, i));
        images.set(anomalyImage(kind, { size, severity, random }), labels.length * pixels);
        labels.push({ kind, severity, normal: false });
      }
    }
  }
  return { images, labels, count, size };
}

/**
 * Generates `count` normal line images (from `lineImages`) labelled as
 * normal. Pass a seed different from the training set's seed, so the test
 * images are held out.
 *
 * @param options.size image side in pixels, an integer >= 8
 */
export function normalSet(options: { count: number; size: number; seed: number }): LabelledSet {
  const { count, size, seed } = options;
  assertCount(count, "count");
  assertSize(size);
  const { images } = lineImages({ count, size, seed });
  const labels = Array.from(
    { length: count },
    (): AnomalyLabel => ({ kind: "normal", severity: 0, normal: true }),
  );
  return { images, labels, count, size };
}

/** Concatenates labelled sets of equal image size, in the order given. */
export function joinSets(...sets: LabelledSet[]): LabelledSet {
  if (sets.length === 0) {
    throw new RangeError("sets must contain at least one labelled set, got none");
  }
  const size = sets[0].size;
  for (const set of sets) {
    if (set.size !== size) {
      throw new RangeError(`sets must share one image size, got ${size} and ${set.size}`);
    }
  }
  const count = sets.reduce((sum, set) => sum + set.count, 0);
  const images = new Float32Array(count * size * size);
  let offset = 0;
  for (const set of sets) {
    images.set(set.images, offset);
    offset += set.images.length;
  }
  return { images, labels: sets.flatMap((set) => set.labels), count, size };
}

function drawSpot(image: Float32Array, size: number, side: number, random: Random): void {
  // Integral image: sums[r * (size + 1) + c] is the sum of rows < r and columns < c.
  const stride = size + 1;
  const sums = new Float64Array(stride * stride);
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      sums[(row + 1) * stride + column + 1] = image[row * size + column] + sums[row * stride + column + 1] +
        sums[(row + 1) * stride + column] - sums[row * stride + column];
    }
  }

  // A square fits when it is all black or all white. On a line image one
  // quadrant lies wholly in each half, so a side up to size/2 always fits.
  const positions: number[] = [];
  for (let top = 0; top + side <= size; top++) {
    for (let left = 0; left + side <= size; left++) {
      const total = sums[(top + side) * stride + left + side] - sums[top * stride + left + side] -
        sums[(top + side) * stride + left] + sums[top * stride + left];
      if (total === 0 || total === side * side) positions.push(top * size + left);
    }
  }
  if (positions.length === 0) {
    throw new RangeError(
      `no ${side} x ${side} square of the image is all black or all white, so the spot cannot be placed. ` +
        "Use a black-and-white image or a smaller side",
    );
  }

  const position = positions[random.integer(positions.length)];
  const top = Math.floor(position / size);
  const left = position % size;
  fillSquare(image, size, top, left, side, 1 - image[position]);
}

function drawScratch(image: Float32Array, size: number, length: number, random: Random): void {
  // Step one pixel along the main axis per scratch pixel, so the pixels are distinct.
  const horizontal = random.uniform() < 0.5;
  const slope = random.uniformRange(-1, 1);
  const start = random.integer(size - length + 1);
  const drift = (length - 1) * slope;
  const offset = random.uniformRange(Math.max(0, -drift), Math.min(size - 1, size - 1 - drift));
  for (let step = 0; step < length; step++) {
    const along = start + step;
    const across = Math.round(offset + step * slope);
    const index = horizontal ? across * size + along : along * size + across;
    image[index] = 1 - image[index];
  }
}

function twoLines(size: number, degrees: number, random: Random): Float32Array {
  // Two half-planes combined by exclusive or colour the four regions alternately.
  const angle = random.uniformRange(0, 2 * Math.PI);
  const first = lineImage(size, angle);
  const second = lineImage(size, angle + degrees * Math.PI / 180);
  const invert = random.uniform() < 0.5 ? 1 : 0;
  return first.map((value, i) => (value !== second[i] ? 1 : 0) ^ invert);
}

function curve(size: number, bulge: number, random: Random): Float32Array {
  // Boundary: the parabola p.n = sign k (p.t)^2 with k chosen so that it departs
  // from its tangent through the centre by `bulge` pixels at |p.t| = size/2.
  const angle = random.uniformRange(0, 2 * Math.PI);
  const sign = random.uniform() < 0.5 ? 1 : -1;
  const curvature = sign * bulge / (size / 2) ** 2;
  const normal = [Math.cos(angle), Math.sin(angle)];
  return halfPlaneImage(size, (x, y) => {
    const along = -x * normal[1] + y * normal[0];
    return x * normal[0] + y * normal[1] - curvature * along * along;
  });
}

function checkerboard(size: number, side: number, random: Random): Float32Array {
  // A random phase in [0, 2 side) per axis also randomizes which colour comes first.
  const rowPhase = random.integer(2 * side);
  const columnPhase = random.integer(2 * side);
  const image = new Float32Array(size * size);
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      const parity = Math.floor((row + rowPhase) / side) + Math.floor((column + columnPhase) / side);
      image[row * size + column] = parity % 2;
    }
  }
  return image;
}

function offCentreLine(size: number, distance: number, random: Random): Float32Array {
  // The white side is the smaller or the larger part with equal probability.
  const angle = random.uniformRange(0, 2 * Math.PI);
  const shift = random.uniform() < 0.5 ? distance : -distance;
  const [nx, ny] = [Math.cos(angle), Math.sin(angle)];
  return halfPlaneImage(size, (x, y) => x * nx + y * ny - shift);
}

// White where `side(x, y)` >= 0 at the pixel centre, with the coordinates of `lineImage`.
function halfPlaneImage(size: number, side: (x: number, y: number) => number): Float32Array {
  const image = new Float32Array(size * size);
  for (let row = 0; row < size; row++) {
    const y = size / 2 - row - 0.5;
    for (let column = 0; column < size; column++) {
      const x = column + 0.5 - size / 2;
      image[row * size + column] = Math.round(side(x, y) * 1e9) / 1e9 >= 0 ? 1 : 0;
    }
  }
  return image;
}

function fillSquare(
  image: Float32Array,
  size: number,
  top: number,
  left: number,
  side: number,
  value: number,
) {
  for (let row = top; row < top + side; row++) {
    image.fill(value, row * size + left, row * size + left + side);
  }
}

function range(
  unit: string,
  min: number,
  minInclusive: boolean,
  max: number,
  integer: boolean,
  defaultValue: number,
): SeverityRange {
  return { unit, min, minInclusive, max, integer, defaultValue };
}

function checkedSeverity(kind: AnomalyKind, size: number, severity: number | undefined): number {
  const valid = severityRange(kind, size);
  if (severity === undefined) return valid.defaultValue;
  const aboveMin = valid.minInclusive ? severity >= valid.min : severity > valid.min;
  if (!(aboveMin && severity <= valid.max) || (valid.integer && !Number.isInteger(severity))) {
    const interval = `${valid.minInclusive ? "[" : "("}${valid.min}, ${valid.max}]`;
    throw new RangeError(
      `severity of "${kind}" (${valid.unit}) must be ${valid.integer ? "an integer" : "a number"} ` +
        `in ${interval} for size ${size}, got ${severity}`,
    );
  }
  return severity;
}

function isDefectKind(kind: string): kind is DefectKind {
  return (DEFECT_KINDS as readonly string[]).includes(kind);
}

function assertKind(kind: string, name = "anomaly kind"): asserts kind is AnomalyKind {
  if (!(ANOMALY_KINDS as readonly string[]).includes(kind)) {
    throw new RangeError(`${name} must be one of ${ANOMALY_KINDS.join(", ")}, got "${kind}"`);
  }
}

function assertSize(size: number): void {
  if (!Number.isInteger(size) || size < MIN_ANOMALY_SIZE) {
    throw new RangeError(`size must be an integer of at least ${MIN_ANOMALY_SIZE} pixels, got ${size}`);
  }
}

function assertCount(count: number, name: string): void {
  if (!Number.isInteger(count) || count <= 0) {
    throw new RangeError(`${name} must be a positive integer, got ${count}`);
  }
}
