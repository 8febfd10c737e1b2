/**
 * Outcome studies: train one 2x2 network per seed with `trainEnsemble`,
 * classify every network with `classifyOutcome`, and return one row per seed
 * as a nodejs-polars DataFrame for group-bys and Parquet files.
 *
 * @example
 * const study = await runOutcomeStudy({
 *   kind: "ca", seeds: { first: 0, count: 10_000 }, optimizer: "adam", learningRate: 0.01, steps: 2000,
 * });
 * const frame = outcomeFrame(study); // 10,000 rows, columns as in OUTCOME_FRAME_COLUMNS
 */
import pl from "nodejs-polars";
import { TWO_BY_TWO_NAMES, twoByTwoImages } from "./datasets.ts";
import { type EnsembleOptions, type EnsembleResult, ensembleWeights, trainEnsemble } from "./ensemble.ts";
import type { ModelKind } from "./network.ts";
import { groupText, otherKind } from "./outcome_details.ts";
import { classifyOutcome, type OutcomeOptions, type OutcomeResult } from "./outcomes.ts";

/** Settings of an outcome study: the ensemble's options and the classifier's tolerances. */
export interface OutcomeStudyOptions extends EnsembleOptions {
  /** Tolerances of `classifyOutcome`; its defaults when omitted. */
  classifier?: OutcomeOptions;
}

/** A trained ensemble and the classification of each of its networks, in seed order. */
export interface OutcomeStudy {
  ensemble: EnsembleResult;
  /** One result per network: outcomes[i] belongs to ensemble.seeds[i]. */
  outcomes: OutcomeResult[];
}

/** Display name of each model kind, as used in the `model` column. */
export const MODEL_NAMES: Readonly<Record<ModelKind, string>> = { ca: "CA", va: "VA" };

/** Bottleneck columns of the frame, one per 2x2 image: z_0011, z_1010, z_1100, z_0101. */
export const BOTTLENECK_COLUMNS: readonly string[] = TWO_BY_TWO_NAMES.map((name) => `z_${name}`);

/** Columns of `outcomeFrame`, in order. */
export const OUTCOME_FRAME_COLUMNS: readonly string[] = [
  "model",
  "seed",
  "optimizer",
  "learning_rate",
  "steps",
  "reconstruction_weight",
  "final_loss",
  "outcome",
  "other_kind",
  "groups",
  "collapse_z_range",
  ...BOTTLENECK_COLUMNS,
];

/**
 * Trains one network per seed and classifies each on the four 2x2 images.
 * Throws what `trainEnsemble` throws for invalid options. Classifying costs
 * about 60 us per network on top of the training.
 */
export async function runOutcomeStudy(options: OutcomeStudyOptions): Promise<OutcomeStudy> {
  const { classifier, ...ensembleOptions } = options;
  const ensemble = await trainEnsemble(ensembleOptions);
  const images = twoByTwoImages();
  const outcomes = Array.from(
    { length: ensemble.count },
    (_, i) => classifyOutcome(ensembleWeights(ensemble, i), images, classifier),
  );
  return { ensemble, outcomes };
}

/**
 * Builds one row per network of a study, with the columns of
 * `OUTCOME_FRAME_COLUMNS`:
 *
 * - `model` "CA" or "VA"; `seed` (UInt32); `optimizer`; `learning_rate`; `steps` (Int32)
 * - `reconstruction_weight`: the VA's factor on the mse against the KL term
 *   (1 for "mean", 4 for "sum"). It is null for the CA, whose loss is the mse alone.
 * - `final_loss`: loss of the last step, as `trainEnsemble` reports it
 * - `outcome`: the class of lib/outcomes.ts; `other_kind`: `otherKind` for
 *   class "other", else null; `groups`: `groupText`, such as "0011 | 1010+1100 | 0101"
 * - `collapse_z_range`: `collapseRange`, the largest bottleneck range within a collapse group
 * - `z_0011` ... `z_0101`: bottleneck value of each image (the VA's mean a), float64
 */
export function outcomeFrame(study: OutcomeStudy): pl.DataFrame {
  const { ensemble, outcomes } = study;
  const images = twoByTwoImages();
  const count = ensemble.count;
  const constant = <T>(value: T) => Array.from({ length: count }, () => value);
  const weight = ensemble.kind === "va" ? reconstructionWeightOf(ensemble.reconstructionScale) : null;

  return pl.DataFrame([
    pl.Series("model", constant(MODEL_NAMES[ensemble.kind]), pl.Utf8),
    pl.Series("seed", Array.from(ensemble.seeds), pl.UInt32),
    pl.Series("optimizer", constant(ensemble.optimizer), pl.Utf8),
    pl.Series("learning_rate", constant(ensemble.learningRate), pl.Float64),
    pl.Series("steps", constant(ensemble.steps), pl.Int32),
    pl.Series("reconstruction_weight", constant(weight), pl.Float64),
    pl.Series("final_loss", Array.from(ensemble.finalLosses), pl.Float64),
    pl.Series("outcome", outcomes.map((result) => result.outcome), pl.Utf8),
    pl.Series("other_kind", outcomes.map((result) => otherKind(result, images)), pl.Utf8),
    pl.Series("groups", outcomes.map((result) => groupText(result)), pl.Utf8),
    pl.Series("collapse_z_range", outcomes.map(collapseRange), pl.Float64),
    ...BOTTLENECK_COLUMNS.map((name, i) =>
      pl.Series(name, outcomes.map((result) => result.bottlenecks[i]), pl.Float64)
    ),
  ]);
}

/**
 * Returns the largest range of bottleneck values (max z - min z) within a
 * collapse group of two or more images, or null when every image has its
 * own group. 0 means the grouped images share one bottleneck value, as dead
 * inputs do. A positive range means the decoder maps distinct values to one output.
 */
export function collapseRange(result: OutcomeResult): number | null {
  const ranges = result.groups.filter((group) => group.length >= 2).map((group) => {
    const values = group.map((i) => result.bottlenecks[i]);
    return Math.max(...values) - Math.min(...values);
  });
  return ranges.length === 0 ? null : Math.max(...ranges);
}

/** Returns the factor on the mse: 1 for "mean", 4 (the 2x2 pixel count) for "sum", else the number. */
function reconstructionWeightOf(scale: EnsembleResult["reconstructionScale"]): number {
  if (scale === "mean") return 1;
  if (scale === "sum") return 4;
  return scale;
}
