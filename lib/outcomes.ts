/**
 * Outcome classes of a trained 2x2 autoencoder, decided from what it does to
 * the four training images rather than from its loss.
 *
 * For each image i the classifier computes the bottleneck value z_i (for the
 * VA the mean a, without sampling) and the sigmoid reconstruction r_i =
 * decode(z_i). Then:
 *
 * - Image i is **correct** when every pixel of r_i lies within
 *   `pixelTolerance` (default 0.5, strict) of the image's pixel, so with the
 *   default, rounding r_i gives back the image.
 * - Images i and j **collapse** when |z_i - z_j| <= `bottleneckTolerance`
 *   (default 1e-3), or when max_p |r_i[p] - r_j[p]| <= `reconstructionTolerance`
 *   (default 0.05). The first catches inputs whose encoder units are all
 *   inactive, which share the bottleneck value exactly. The second catches
 *   distinct bottleneck values that the decoder maps to the same output, as
 *   when both decoder hidden units are inactive. The groups are the connected
 *   components of this relation.
 *
 * | outcome            | groups                         | correct images required   |
 * |--------------------|--------------------------------|---------------------------|
 * | optimal            | all singletons                 | all                       |
 * | one pair averaged  | one pair, the rest singletons  | every singleton           |
 * | two pairs averaged | two pairs, the rest singletons | every singleton           |
 * | all grey           | one group with every image     | none                      |
 * | other              | anything else                  |                           |
 *
 * A collapsed group gets one output for several images, so training drives
 * that output to their mean: 0.5 where they differ, hence "averaged" and "all
 * grey". "Other" contains networks that separate every image but still get
 * one wrong (not converged), three collapsed images, and pairs beside a
 * wrong singleton.
 */
import { imageAt, type ImageSet } from "./datasets.ts";
import { applyDense, decode, type DenseLayer, encode, layerByName, type Weights } from "./network.ts";
import { type ProportionInterval, wilsonInterval } from "./statistics.ts";

/** Outcome class of a trained network; see the module documentation for the exact rules. */
export type Outcome = "optimal" | "one-pair" | "two-pairs" | "all-grey" | "other";

/** All outcome classes, in display order. */
export const OUTCOMES: readonly Outcome[] = ["optimal", "one-pair", "two-pairs", "all-grey", "other"];

/** Display label of each outcome class. */
export const OUTCOME_LABELS: Readonly<Record<Outcome, string>> = {
  "optimal": "optimal",
  "one-pair": "one pair averaged",
  "two-pairs": "two pairs averaged",
  "all-grey": "all grey",
  "other": "other",
};

/**
 * Frequencies the report gives for the 2x2 CA over random initializations:
 * optimal 1/8, one pair about 1/3, all grey about 1/3. It gives no number for
 * two pairs ("occasionally") or for other outcomes, so those are null.
 */
export const REPORTED_FREQUENCIES: Readonly<Record<Outcome, number | null>> = {
  "optimal": 1 / 8,
  "one-pair": 1 / 3,
  "two-pairs": null,
  "all-grey": 1 / 3,
  "other": null,
};

/** Tolerances of the classifier. */
export interface OutcomeOptions {
  /** Largest bottleneck difference at which two images collapse; default 1e-3. */
  bottleneckTolerance?: number;
  /** Largest pixel difference between reconstructions at which two images collapse; default 0.05. */
  reconstructionTolerance?: number;
  /** An image is correct when every reconstructed pixel is less than this from the image; default 0.5. */
  pixelTolerance?: number;
}

/** Bottleneck values, reconstructions and collapse groups of the images, with the resulting outcome class. */
export interface OutcomeResult {
  outcome: Outcome;
  /** Bottleneck value per image (the VA's mean a), shape [count]. */
  bottlenecks: number[];
  /** Sigmoid reconstruction per image at its bottleneck value, shape [count][pixels], values in (0, 1). */
  reconstructions: number[][];
  /** Whether each image is reconstructed within the pixel tolerance, shape [count]. */
  correct: boolean[];
  /** Images that collapse together, each group ascending, groups ordered by their first image. */
  groups: number[][];
}

/**
 * Classifies a trained network by its bottleneck values and reconstructions
 * of `images`, following the rules in the module documentation. Pure and
 * cheap (one encode and one decode per image), so it suits 10,000 networks.
 *
 * @param weights a CA or VA whose pixel count matches the images
 * @param images the training images, normally `twoByTwoImages()`
 */
export function classifyOutcome(
  weights: Weights,
  images: ImageSet,
  options: OutcomeOptions = {},
): OutcomeResult {
  const tolerances = resolveOptions(options);
  assertImagesFit(weights, images);

  const bottlenecks: number[] = [];
  const reconstructions: number[][] = [];
  const correct: boolean[] = [];
  for (let i = 0; i < images.count; i++) {
    const image = imageAt(images, i);
    const z = encode(weights, image).z;
    const reconstruction = Array.from(decode(weights, z, "sigmoid"));
    bottlenecks.push(z);
    reconstructions.push(reconstruction);
    correct.push(maxDifference(reconstruction, image) < tolerances.pixelTolerance);
  }

  const groups = collapseGroups(bottlenecks, reconstructions, tolerances);
  return { outcome: decideOutcome(groups, correct), bottlenecks, reconstructions, correct, groups };
}

/** Applies the table of the module documentation to groups and correctness. */
function decideOutcome(groups: number[][], correct: boolean[]): Outcome {
  const count = correct.length;
  const pairs = groups.filter((group) => group.length === 2).length;
  const singletons = groups.filter((group) => group.length === 1);
  const singletonsCorrect = singletons.every(([i]) => correct[i]);

  if (groups.length === 1 && count >= 2) return "all-grey";
  if (pairs + singletons.length !== groups.length || !singletonsCorrect) return "other";
  if (pairs === 0) return "optimal";
  // NOTE: a collapsed pair counts as averaged even when its shared output
  // copies one of the two images instead of a grey mix. In 10,000 Adam runs
  // about 0.4% of "one-pair" networks are of that kind.
  if (pairs === 1) return "one-pair";
  if (pairs === 2) return "two-pairs";
  return "other";
}

function collapseGroups(
  bottlenecks: number[],
  reconstructions: number[][],
  tolerances: Required<OutcomeOptions>,
): number[][] {
  const count = bottlenecks.length;
  const parent = Array.from({ length: count }, (_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i])));

  for (let i = 0; i < count; i++) {
    for (let j = i + 1; j < count; j++) {
      const sameBottleneck = Math.abs(bottlenecks[i] - bottlenecks[j]) <= tolerances.bottleneckTolerance;
      const sameOutput = maxDifference(reconstructions[i], reconstructions[j]) <=
        tolerances.reconstructionTolerance;
      if (sameBottleneck || sameOutput) parent[Math.max(root(i), root(j))] = Math.min(root(i), root(j));
    }
  }

  const groups = new Map<number, number[]>();
  for (let i = 0; i < count; i++) {
    const key = root(i);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(i);
  }
  return [...groups.values()];
}

function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  for (let p = 0; p < a.length; p++) max = Math.max(max, Math.abs(a[p] - b[p]));
  return max;
}

/** Counts how often each outcome class occurs; every class is present, possibly with 0. */
export function countOutcomes(outcomes: Iterable<Outcome>): Record<Outcome, number> {
  const counts = Object.fromEntries(OUTCOMES.map((outcome) => [outcome, 0])) as Record<Outcome, number>;
  for (const outcome of outcomes) {
    if (!(outcome in counts)) {
      throw new RangeError(
        `unknown outcome ${JSON.stringify(outcome)}; expected one of ${OUTCOMES.join(", ")}`,
      );
    }
    counts[outcome]++;
  }
  return counts;
}

/** One row of an outcome frequency table. */
export interface OutcomeRow extends ProportionInterval {
  outcome: Outcome;
  label: string;
  /** The report's frequency, or null where it gives none. */
  reported: number | null;
}

/**
 * Builds one row per outcome class from counts: the observed share, its
 * Wilson interval at `level` and the report's frequency.
 */
export function outcomeTable(counts: Record<Outcome, number>, level = 0.95): OutcomeRow[] {
  const total = OUTCOMES.reduce((sum, outcome) => sum + counts[outcome], 0);
  return OUTCOMES.map((outcome) => ({
    outcome,
    label: OUTCOME_LABELS[outcome],
    reported: REPORTED_FREQUENCIES[outcome],
    ...wilsonInterval(counts[outcome], total, level),
  }));
}

/** Activity of the relu units for one image; an inactive unit passes neither signal nor gradient. */
export interface UnitActivity {
  image: number;
  bottleneck: number;
  /** Encoder pre-activations x . w + b, shape [encoder units]. */
  encoderPreActivations: number[];
  /** True where the encoder pre-activation is <= 0, so relu outputs 0 with zero gradient. */
  encoderInactive: boolean[];
  /** True when every encoder unit is inactive: the image reaches the bottleneck as its bias alone. */
  deadInput: boolean;
  /** Decoder hidden pre-activations w1 z + b1 at this image's bottleneck value, shape [decoder units]. */
  decoderPreActivations: number[];
  /** True where the decoder hidden pre-activation is <= 0. */
  decoderInactive: boolean[];
}

/**
 * Lists, for each image, which encoder relu units and which decoder hidden
 * relu units are inactive (pre-activation <= 0). An inactive unit passes no
 * gradient for that image, so it explains why a failed network stays stuck:
 * two dead inputs share one bottleneck value, and images whose bottleneck
 * values leave every decoder unit inactive share one output.
 */
export function deadUnits(weights: Weights, images: ImageSet): UnitActivity[] {
  assertImagesFit(weights, images);
  const encoder = layerByName(weights, "encoder");
  const decoderHidden = layerByName(weights, "decoder_hidden");
  return Array.from({ length: images.count }, (_, i) => {
    const image = imageAt(images, i);
    const bottleneck = encode(weights, image).z;
    const encoderPreActivations = preActivations(encoder, image);
    const decoderPreActivations = preActivations(decoderHidden, [bottleneck]);
    const encoderInactive = encoderPreActivations.map((x) => x <= 0);
    return {
      image: i,
      bottleneck,
      encoderPreActivations,
      encoderInactive,
      deadInput: encoderInactive.every(Boolean),
      decoderPreActivations,
      decoderInactive: decoderPreActivations.map((x) => x <= 0),
    };
  });
}

function preActivations(layer: DenseLayer, input: ArrayLike<number>): number[] {
  return Array.from(applyDense({ ...layer, activation: "linear" }, input));
}

function resolveOptions(options: OutcomeOptions): Required<OutcomeOptions> {
  const resolved = {
    bottleneckTolerance: options.bottleneckTolerance ?? 1e-3,
    reconstructionTolerance: options.reconstructionTolerance ?? 0.05,
    pixelTolerance: options.pixelTolerance ?? 0.5,
  };
  for (const name of ["bottleneckTolerance", "reconstructionTolerance"] as const) {
    if (!(resolved[name] >= 0 && Number.isFinite(resolved[name]))) {
      throw new RangeError(`${name} must be a finite number >= 0, got ${resolved[name]}`);
    }
  }
  if (!(resolved.pixelTolerance > 0 && resolved.pixelTolerance <= 1)) {
    throw new RangeError(
      `pixelTolerance must be in (0, 1], got ${resolved.pixelTolerance}; 0.5 means rounding`,
    );
  }
  return resolved;
}

function assertImagesFit(weights: Weights, images: ImageSet): void {
  const pixels = images.size * images.size;
  if (pixels !== weights.pixels) {
    throw new RangeError(
      `images have ${pixels} pixels but the network has ${weights.pixels}; pass the set it was trained on`,
    );
  }
}
