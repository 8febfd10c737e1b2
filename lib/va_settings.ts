/**
 * Loss settings of the 2x2 variational autoencoder compared over many seeds:
 * the convention of footnote 4 (e^b read as the variance or as the standard
 * deviation) and the weight of the mse against the KL term. Each setting is
 * one ensemble run (lib/ensemble.ts), summarized with lib/va_analysis.ts.
 */
import { twoByTwoImages } from "./datasets.ts";
import { type EnsembleResult, ensembleWeights, trainEnsemble } from "./ensemble.ts";
import type { ReconstructionScale, VarianceConvention } from "./training.ts";
import { summarizeVaStates, type VaState, vaState, type VaSummary } from "./va_analysis.ts";

/** One loss setting of the VA. */
export interface VaSetting {
  convention: VarianceConvention;
  /** Weight of the mse against the KL term: "mean" (1), "sum" (4 for 2x2 images) or a positive number. */
  reconstructionScale: ReconstructionScale;
}

/** Training settings shared by every loss setting; Adam with tfjs defaults besides the learning rate. */
export interface VaRunOptions {
  /** One network per seed. */
  seeds: { first: number; count: number };
  learningRate: number;
  /** Full-batch steps over the four images. */
  steps: number;
  /** Workers of `trainEnsemble`; 0 trains in the calling thread. Default 2. */
  threads?: number;
}

/** Outcome of one loss setting over all seeds. */
export interface VaSettingResult extends VaSummary {
  convention: VarianceConvention;
  reconstructionScale: ReconstructionScale;
  /** The numeric weight of the mse: 1, 4 or the given number. */
  weight: number;
  /** Per seed, in seed order. */
  states: VaState[];
  ensemble: EnsembleResult;
}

/** Returns the numeric mse weight of `scale` for 2x2 images, as lib/training.ts applies it. */
export function twoByTwoWeight(scale: ReconstructionScale): number {
  if (scale === "mean") return 1;
  if (scale === "sum") return 4;
  if (typeof scale === "number" && scale > 0 && Number.isFinite(scale)) return scale;
  throw new RangeError(
    `reconstructionScale must be "mean", "sum" or a positive number, got ${JSON.stringify(scale)}`,
  );
}

/**
 * Trains one ensemble of 2x2 VAs per setting (same seeds, Adam) and
 * summarizes each: outcome counts, dead encoders, median mse and median s.
 * `onProgress` receives the settings finished so far.
 */
export async function trainVaSettings(
  settings: VaSetting[],
  options: VaRunOptions,
  onProgress?: (done: number, total: number) => void,
): Promise<VaSettingResult[]> {
  if (settings.length === 0) throw new RangeError("settings must contain at least one setting, got none");
  const images = twoByTwoImages();
  const results: VaSettingResult[] = [];
  for (const setting of settings) {
    const ensemble = await trainEnsemble({
      kind: "va",
      seeds: options.seeds,
      optimizer: "adam",
      learningRate: options.learningRate,
      steps: options.steps,
      convention: setting.convention,
      reconstructionScale: setting.reconstructionScale,
      threads: options.threads,
    });
    const states = Array.from(
      { length: ensemble.count },
      (_, i) => vaState(ensembleWeights(ensemble, i), images, setting.convention),
    );
    results.push({
      ...setting,
      weight: twoByTwoWeight(setting.reconstructionScale),
      ...summarizeVaStates(states),
      states,
      ensemble,
    });
    onProgress?.(results.length, settings.length);
  }
  return results;
}

/** Summary of one setting after a number of training steps. */
export interface VaSnapshot extends VaSummary {
  weight: number;
  step: number;
}

/**
 * Follows a setting through training: trains the same seeds for each step
 * count in `steps` and summarizes the networks there. Each run repeats the
 * first steps of the longer ones exactly (the same initial weights and the
 * same noise at every step), so the rows are snapshots of one training run.
 */
export async function vaSnapshots(
  setting: VaSetting,
  options: Omit<VaRunOptions, "steps"> & { steps: number[] },
): Promise<VaSnapshot[]> {
  const rows: VaSnapshot[] = [];
  for (const steps of options.steps) {
    const [result] = await trainVaSettings([setting], { ...options, steps });
    const {
      states: _states,
      ensemble: _ensemble,
      convention: _convention,
      reconstructionScale: _scale,
      ...summary
    } = result;
    rows.push({ ...summary, step: steps });
  }
  return rows;
}
