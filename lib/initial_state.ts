/**
 * The state of each seed's 2x2 network right after initialization, per
 * seed, so it can be joined to the trained outcome: how many inputs are
 * dead and whether the sign configuration of the report's footnote 7 holds.
 * lib/initialization.ts computes the same quantities as totals over seeds.
 */
import pl from "nodejs-polars";
import { twoByTwoImages } from "./datasets.ts";
import { initialWeights, layerByName, type ModelKind } from "./network.ts";
import { deadUnits } from "./outcomes.ts";
import { MODEL_NAMES } from "./outcome_study.ts";

/** One seed's network before training. */
export interface InitialState {
  seed: number;
  /** Inputs among the four 2x2 images whose encoder units are all inactive (pre-activation <= 0), 0 to 4. */
  deadInputs: number;
  /**
   * Whether both weights into the bottleneck share one sign and both
   * decoder_hidden weights have the other (footnote 7). For the VA the
   * bottleneck weights are those of z_mean.
   */
  oppositeSigns: boolean;
}

/**
 * Describes the initial network `initialWeights(kind, 4, seed)` of each
 * seed. The CA and the VA of one seed share their encoder weights, because
 * both draw the encoder first from the same stream, so their dead inputs agree.
 * Costs about 50 us per seed.
 */
export function initialStates(kind: ModelKind, seeds: ArrayLike<number>): InitialState[] {
  const images = twoByTwoImages();
  return Array.from(seeds, (seed) => {
    const weights = initialWeights(kind, 4, seed);
    const deadInputs = deadUnits(weights, images).filter((unit) => unit.deadInput).length;
    const bottleneck = layerByName(weights, kind === "ca" ? "bottleneck" : "z_mean").kernel;
    const decoderHidden = layerByName(weights, "decoder_hidden").kernel;
    return { seed, deadInputs, oppositeSigns: hasOppositeSigns(bottleneck, decoderHidden) };
  });
}

/**
 * Builds the initial states of `seeds` as a frame with the columns `model`
 * ("CA" or "VA"), `seed` (UInt32), `initial_dead_inputs` (Int32) and
 * `initial_opposite_signs` (Bool), ready to join to `outcomeFrame` on model and seed.
 */
export function initialStateFrame(kind: ModelKind, seeds: ArrayLike<number>): pl.DataFrame {
  const states = initialStates(kind, seeds);
  return pl.DataFrame([
    pl.Series("model", states.map(() => MODEL_NAMES[kind]), pl.Utf8),
    pl.Series("seed", states.map((state) => state.seed), pl.UInt32),
    pl.Series("initial_dead_inputs", states.map((state) => state.deadInputs), pl.Int32),
    pl.Series("initial_opposite_signs", states.map((state) => state.oppositeSigns), pl.Bool),
  ]);
}

function hasOppositeSigns(bottleneck: Float32Array, decoderHidden: Float32Array): boolean {
  const allNegative = (values: Float32Array) => values.every((w) => w < 0);
  const allPositive = (values: Float32Array) => values.every((w) => w > 0);
  return (allNegative(bottleneck) && allPositive(decoderHidden)) ||
    (allPositive(bottleneck) && allNegative(decoderHidden));
}
