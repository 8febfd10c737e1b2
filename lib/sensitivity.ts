/**
 * Sensitivity of the outcome frequencies to the training settings: one
 * outcome study per combination of model, optimizer, learning rate and step
 * count, the report distance of each combination, and heatmap cells.
 */
import pl from "nodejs-polars";
import type { HeatmapCell } from "./charts/heatmap.ts";
import type { EnsembleOptimizer } from "./ensemble.ts";
import type { ModelKind } from "./network.ts";
import { outcomeFrame, runOutcomeStudy } from "./outcome_study.ts";
import { reportDistance } from "./outcome_summary.ts";
import { type Outcome, OUTCOMES } from "./outcomes.ts";
import type { ReconstructionScale } from "./training.ts";

/** One model of a sensitivity grid and the number of seeds per combination. */
export interface SensitivityModel {
  kind: ModelKind;
  /** Seeds firstSeed .. firstSeed + seeds - 1 for every combination. */
  seeds: number;
  /** VA only; see `EnsembleOptions`. */
  reconstructionScale?: ReconstructionScale;
  convention?: "variance" | "std";
}

/** Settings of a sensitivity grid: every model is trained with every optimizer, learning rate and step count. */
export interface SensitivityOptions {
  models: SensitivityModel[];
  optimizers: EnsembleOptimizer[];
  learningRates: number[];
  steps: number[];
  /** First seed of every combination; default 0. */
  firstSeed?: number;
  /** Combinations trained at the same time; default 4. Results do not depend on it. */
  concurrency?: number;
  /** Workers per combination; default 1. */
  threadsPerRun?: number;
  /** Called after each chunk with the estimated share of the work done, in [0, 1], and the running combination. */
  onProgress?: (fraction: number, combination: string) => void;
}

/**
 * Estimated cost of a VA network step in CA network steps, from 2000-step ensemble runs on a 2-core
 * machine. It only weights the progress fraction.
 */
const VA_COST = 2.5;

/**
 * Trains every combination of the grid and returns their `outcomeFrame`
 * rows stacked, models in the given order, then optimizers, learning rates
 * and step counts. Throws what `trainEnsemble` throws for invalid settings.
 *
 * NOTE: in the Deno 2.9.6 Jupyter kernel a new Worker takes about 1 s to
 * start (about 20 ms under `deno run`), and each `trainEnsemble` call starts
 * its own workers. Training `concurrency` combinations at a time overlaps
 * that latency; with 54 combinations one at a time it added almost a minute.
 */
export async function runSensitivity(options: SensitivityOptions): Promise<pl.DataFrame> {
  const { models, optimizers, learningRates, steps } = options;
  for (const [name, list] of Object.entries({ models, optimizers, learningRates, steps })) {
    if (list.length === 0) throw new RangeError(`${name} must not be empty; give at least one value`);
  }
  const firstSeed = options.firstSeed ?? 0;
  const combinations = models.flatMap((model) =>
    optimizers.flatMap((optimizer) =>
      learningRates.flatMap((learningRate) =>
        steps.map((stepCount) => ({ model, optimizer, learningRate, stepCount }))
      )
    )
  );
  const costOf = (c: (typeof combinations)[number]) =>
    c.model.seeds * c.stepCount * (c.model.kind === "va" ? VA_COST : 1);
  const totalCost = combinations.reduce((sum, c) => sum + costOf(c), 0);

  const concurrency = options.concurrency ?? 4;
  const threads = options.threadsPerRun ?? 1;
  for (const [name, value] of Object.entries({ concurrency, threadsPerRun: threads })) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`${name} must be a positive integer, got ${value}`);
    }
  }

  const frames: pl.DataFrame[] = new Array(combinations.length);
  const doneCosts = new Array<number>(combinations.length).fill(0);
  let next = 0;
  const runNext = async (): Promise<void> => {
    while (next < combinations.length) {
      const index = next++;
      const c = combinations[index];
      const label = `${c.model.kind.toUpperCase()} ${c.optimizer} ${c.learningRate} ${c.stepCount}`;
      const study = await runOutcomeStudy({
        kind: c.model.kind,
        seeds: { first: firstSeed, count: c.model.seeds },
        optimizer: c.optimizer,
        learningRate: c.learningRate,
        steps: c.stepCount,
        reconstructionScale: c.model.reconstructionScale,
        convention: c.model.convention,
        threads,
        onProgress: (done, total) => {
          doneCosts[index] = costOf(c) * done / total;
          options.onProgress?.(doneCosts.reduce((sum, cost) => sum + cost, 0) / totalCost, label);
        },
      });
      frames[index] = outcomeFrame(study);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, combinations.length) }, runNext));
  return pl.concat(frames, { how: "vertical" });
}

/**
 * Returns one row per combination of the `keys` columns of a summary from
 * `outcomeCounts`: the keys, the share of each class (columns named after
 * the classes: optimal, one-pair, ...), and `distance`, the
 * `reportDistance` of the shares. Rows are sorted by distance, smallest first.
 *
 * @param summary `outcomeCounts(frame, keys)`
 */
export function reportDistances(summary: pl.DataFrame, keys: string[]): pl.DataFrame {
  const missing = [...keys, "outcome", "share"].filter((name) => !summary.columns.includes(name));
  if (missing.length > 0) {
    throw new RangeError(
      `summary has no column ${JSON.stringify(missing[0])}; pass outcomeCounts(frame, keys)`,
    );
  }
  const wide = new Map<string, Record<string, unknown>>();
  for (const row of summary.toRecords()) {
    const key = JSON.stringify(keys.map((name) => row[name]));
    if (!wide.has(key)) wide.set(key, Object.fromEntries(keys.map((name) => [name, row[name]])));
    wide.get(key)![row.outcome as string] = row.share;
  }
  const rows = [...wide.values()].map((row) => {
    for (const outcome of OUTCOMES) row[outcome] ??= 0;
    return { ...row, distance: reportDistance(row as Record<Outcome, number>) };
  });
  rows.sort((a, b) => a.distance - b.distance);
  // Rebuilding the frame from records infers types, so the keys get their summary types back.
  return pl.DataFrame(rows).select(...keys, ...OUTCOMES, "distance")
    .withColumns(...keys.map((name) => pl.col(name).cast(summary.getColumn(name).dtype)));
}

/**
 * Builds heatmap cells of one class's share from a summary of
 * `outcomeCounts(frame, ["model", "optimizer", "learning_rate", "steps"])`,
 * for one model: rows "optimizer, lr x", columns "N steps". The cell whose
 * settings are `marked` gets a star after its value.
 */
export function shareCells(
  summary: pl.DataFrame,
  options: {
    model: string;
    outcome: Outcome;
    digits?: number;
    marked?: { optimizer: string; learning_rate: number; steps: number };
  },
): HeatmapCell[] {
  const digits = options.digits ?? 3;
  const rows = summary.toRecords().filter((row) =>
    row.model === options.model && row.outcome === options.outcome
  );
  if (rows.length === 0) {
    throw new RangeError(`summary has no rows for model ${options.model} and outcome ${options.outcome}`);
  }
  return rows.map((row) => {
    const share = row.share as number;
    const marked = options.marked !== undefined && row.optimizer === options.marked.optimizer &&
      row.learning_rate === options.marked.learning_rate && row.steps === options.marked.steps;
    return {
      row: `${row.optimizer}, lr ${row.learning_rate}`,
      column: `${row.steps} steps`,
      value: share,
      text: `${share.toFixed(digits)}${marked ? " ★" : ""}`,
    };
  });
}
