/**
 * Tables and figures of single classified 2x2 networks: which relu units
 * are inactive for which input (why a failed network stays stuck), and its
 * reconstructions beside the inputs.
 *
 * Units are named after the report's layers: L1.1 and L1.2 are the encoder
 * units, L3.1 and L3.2 the decoder's hidden units.
 */
import { imageRows, type ImageRowSet } from "./charts/images.ts";
import type { VegaLiteSpec } from "./charts/style.ts";
import { type ImageSet, TWO_BY_TWO_NAMES } from "./datasets.ts";
import { decode, type Weights } from "./network.ts";
import { deadUnits, type OutcomeResult } from "./outcomes.ts";

/** One input of a network: its bottleneck value, inactive units and reconstruction, as display text. */
export interface UnitActivityRow {
  image: string;
  /** Bottleneck value (the VA's mean a). */
  z: number;
  /** Encoder units with pre-activation <= 0, such as "L1.1, L1.2", or "none". */
  inactive_l1: string;
  /** True when both encoder units are inactive: the input reaches the bottleneck as its bias alone. */
  dead_input: boolean;
  /** Decoder hidden units with pre-activation <= 0 at this z, or "none"; "L3.1, L3.2" means the output is the output bias alone. */
  inactive_l3: string;
  /** Sigmoid reconstruction, pixels upper left to lower right, two decimals. */
  reconstruction: string;
}

/**
 * Lists, for each image, the inactive relu units of `weights` (from
 * `deadUnits`) and the reconstruction. An inactive unit passes no gradient
 * for that image, so the rows show which inputs cannot move.
 *
 * @param names one name per image; default the 2x2 image names
 */
export function unitActivityRows(
  weights: Weights,
  images: ImageSet,
  names: readonly string[] = TWO_BY_TWO_NAMES,
): UnitActivityRow[] {
  checkNames(names, images.count);
  const units = (layer: string, inactive: boolean[]) =>
    inactive.flatMap((off, j) => (off ? [`${layer}.${j + 1}`] : [])).join(", ") || "none";
  return deadUnits(weights, images).map((activity, i) => ({
    image: names[i],
    z: activity.bottleneck,
    inactive_l1: units("L1", activity.encoderInactive),
    dead_input: activity.deadInput,
    inactive_l3: units("L3", activity.decoderInactive),
    reconstruction: Array.from(decode(weights, activity.bottleneck), (value) => value.toFixed(2)).join(" "),
  }));
}

/** Options of the example figures. */
export interface ExampleChartOptions {
  title?: string;
  subtitle?: string;
  /** One name per image; default the 2x2 image names. */
  names?: readonly string[];
  /** Displayed side of each image in screen pixels; default 64. */
  cellSize?: number;
}

/**
 * Builds a figure of one network: the inputs above their reconstructions,
 * each captioned with the image name and its bottleneck value.
 */
export function outcomeExampleChart(
  result: OutcomeResult,
  images: ImageSet,
  options: ExampleChartOptions = {},
): VegaLiteSpec {
  const names = options.names ?? TWO_BY_TWO_NAMES;
  checkNames(names, images.count);
  checkResult(result, images);
  return imageRows({
    sets: [
      { label: "input", images: images.images },
      { label: "reconstruction", images: result.reconstructions.flat() },
    ],
    size: images.size,
    labels: names.map((name, i) => `${name}: z = ${result.bottlenecks[i].toFixed(2)}`),
    cellSize: options.cellSize ?? 64,
    gap: 30,
    title: options.title,
    subtitle: options.subtitle,
  });
}

/** One network of a gallery: its row label and classification. */
export interface GalleryEntry {
  label: string;
  result: OutcomeResult;
}

/**
 * Builds a figure of several networks on the same images: the inputs in the
 * first row, then one row of reconstructions per network, labelled.
 */
export function outcomeGalleryChart(
  images: ImageSet,
  entries: GalleryEntry[],
  options: ExampleChartOptions = {},
): VegaLiteSpec {
  if (entries.length === 0) throw new RangeError("entries must contain at least one network, got none");
  const names = options.names ?? TWO_BY_TWO_NAMES;
  checkNames(names, images.count);
  entries.forEach((entry) => checkResult(entry.result, images));
  const sets: ImageRowSet[] = [
    { label: "input", images: images.images },
    ...entries.map((entry) => ({ label: entry.label, images: entry.result.reconstructions.flat() })),
  ];
  return imageRows({
    sets,
    size: images.size,
    labels: [...names],
    cellSize: options.cellSize ?? 48,
    gap: 6,
    title: options.title,
    subtitle: options.subtitle,
  });
}

function checkNames(names: readonly string[], count: number): void {
  if (names.length !== count) {
    throw new RangeError(`names must have one name per image (${count}), got ${names.length}`);
  }
}

function checkResult(result: OutcomeResult, images: ImageSet): void {
  if (result.reconstructions.length !== images.count) {
    throw new RangeError(
      `result has ${result.reconstructions.length} reconstructions but there are ${images.count} images`,
    );
  }
}
