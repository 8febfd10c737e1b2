/**
 * Trains many independent 2x2 autoencoders at once, one per seed, for
 * outcome statistics over random initializations.
 *
 * Every network follows the same computation as the same seed trained alone
 * in tfjs 4.22.0 (lib/training.ts with one full batch per step): initial
 * weights `initialWeights(kind, 4, seed)`, the four 2x2 images in their
 * fixed order every step, the VA noise `variationalNoise(seed, step, 4)`,
 * relu'(0) = 0, and the float32 updates of tfjs's Adam, SGD and RMSProp.
 * ensemble_test.ts checks this against tfjs: weights agree within 1e-5
 * after 100 steps, and outcome counts agree in distribution after 2000.
 * NOTE: paths are not identical seed by seed over 2000 steps. On a loss
 * plateau, float32 rounding differences in tiny gradients are scaled up by
 * Adam, and about 2% of seeds end in another outcome class than in tfjs.
 *
 * The work runs in a WebAssembly SIMD kernel (lib/ensemble/kernel.wasm),
 * four networks per vector, in chunks of networks spread over Deno workers.
 * Results do not depend on the number of workers or the chunk size.
 *
 * @example
 * const result = await trainEnsemble({
 *   kind: "ca", seeds: { first: 0, count: 10_000 }, optimizer: "adam", learningRate: 0.01, steps: 2000,
 * });
 * const weights = ensembleWeights(result, 0); // lib/network.ts Weights of seed 0
 */
import { layerShapes, type ModelKind, type Weights } from "./network.ts";
import { assertSeed, MAX_SEED } from "./random.ts";
import type { ReconstructionScale } from "./training.ts";
import {
  type ChunkJob,
  type ChunkResult,
  type EnsembleOptimizer,
  IMAGE_COUNT,
  PARAMETER_COUNT,
  PIXEL_COUNT,
} from "./ensemble/kernel.ts";

export type { EnsembleOptimizer } from "./ensemble/kernel.ts";

/** Settings of an ensemble run; all networks share them and differ only in their seed. */
export interface EnsembleOptions {
  kind: ModelKind;
  /** One network per seed: a list, or `count` consecutive seeds from `first`. */
  seeds: number[] | Uint32Array | { first: number; count: number };
  optimizer: EnsembleOptimizer;
  learningRate: number;
  /** Optimizer steps, each over all four images. */
  steps: number;
  /**
   * VA: "variance" reads e^b as the variance (s = e^(b/2), the default), "std" as the
   * standard deviation (s = e^b).
   */
  convention?: "variance" | "std";
  /**
   * VA: weight of the reconstruction term against the KL term, as in lib/training.ts: the mse ("mean",
   * default), 4 times it ("sum" over the pixels), or the mse times a positive number.
   */
  reconstructionScale?: ReconstructionScale;
  /** Steps (0-based) whose loss to record, in increasing order; default none. */
  checkpoints?: number[];
  /**
   * Workers to run in parallel; default 2. With 0 the chunks run one after another in the calling
   * thread. That blocks the thread but starts no workers, which matters in the Deno 2.9.6 Jupyter
   * kernel, where each worker took about 1 s to start on a 2-core machine, against about 0.1 s in a script.
   */
  threads?: number;
  /** Networks per chunk of work; default 256, fewer for long VA runs to bound the noise buffer. */
  chunkSize?: number;
  /** Called after each finished chunk with the networks done so far. */
  onProgress?: (doneNetworks: number, totalNetworks: number) => void;
}

/** Results of an ensemble run, network-major: row i belongs to `seeds[i]`. */
export interface EnsembleResult {
  kind: ModelKind;
  optimizer: EnsembleOptimizer;
  learningRate: number;
  steps: number;
  convention: "variance" | "std";
  reconstructionScale: ReconstructionScale;
  /** [count] seed of each network. */
  seeds: Uint32Array;
  /** Number of networks. */
  count: number;
  /** Trainable parameters per network: CA 29, VA 32. */
  parameterCount: number;
  /** [count, parameterCount] final weights, layer by layer as lib/network.ts lists them, kernel then bias. */
  weights: Float32Array;
  /** [count] loss of the last step, computed before its update (the value tfjs's minimize returns). */
  finalLosses: Float32Array;
  /** Steps whose loss was recorded. */
  checkpoints: number[];
  /** [count, checkpoints.length] loss at each checkpoint step. */
  checkpointLosses: Float32Array;
  /** [count, 4] bottleneck value of each 2x2 image at the final weights: CA z, VA mean a. */
  bottleneck: Float32Array;
  /** [count, 4] VA log variance b of each image at the final weights; 0 for the CA. */
  logVariance: Float32Array;
  /** Largest WebAssembly memory of any worker, in bytes; it depends on the chunk size, not on count. */
  kernelMemoryBytes: number;
}

const DEFAULT_CHUNK_SIZE = 256;

/** Largest VA noise buffer per chunk, in bytes (16 bytes per step and network). */
const NOISE_BUDGET_BYTES = 32 * 1024 * 1024;

/**
 * Trains one network per seed and returns their final weights, losses and
 * bottleneck values. Throws a RangeError naming the value for invalid
 * options, and an Error if a worker fails.
 */
export async function trainEnsemble(options: EnsembleOptions): Promise<EnsembleResult> {
  const settings = validate(options);
  const { seeds, threads } = settings;
  const count = seeds.length;
  const parameterCount = PARAMETER_COUNT[settings.kind];
  const checkpointCount = settings.checkpoints.length;
  const result: EnsembleResult = {
    kind: settings.kind,
    optimizer: settings.optimizer,
    learningRate: settings.learningRate,
    steps: settings.steps,
    convention: settings.convention,
    reconstructionScale: settings.reconstructionScale,
    seeds,
    count,
    parameterCount,
    weights: new Float32Array(count * parameterCount),
    finalLosses: new Float32Array(count),
    checkpoints: [...settings.checkpoints],
    checkpointLosses: new Float32Array(count * checkpointCount),
    bottleneck: new Float32Array(count * IMAGE_COUNT),
    logVariance: new Float32Array(count * IMAGE_COUNT),
    kernelMemoryBytes: 0,
  };

  const chunkSize = settings.chunkSize;
  const starts = Array.from({ length: Math.ceil(count / chunkSize) }, (_, i) => i * chunkSize);
  const store = (start: number, chunk: ChunkResult) => {
    result.weights.set(chunk.weights, start * parameterCount);
    result.finalLosses.set(chunk.finalLosses, start);
    result.checkpointLosses.set(chunk.checkpointLosses, start * checkpointCount);
    result.bottleneck.set(chunk.bottleneck, start * IMAGE_COUNT);
    result.logVariance.set(chunk.logVariance, start * IMAGE_COUNT);
    result.kernelMemoryBytes = Math.max(result.kernelMemoryBytes, chunk.memoryBytes);
  };
  const jobOf = (start: number): ChunkJob => ({
    kind: settings.kind,
    optimizer: settings.optimizer,
    learningRate: settings.learningRate,
    steps: settings.steps,
    convention: settings.convention,
    reconstructionWeight: reconstructionWeightOf(settings.reconstructionScale),
    checkpoints: Int32Array.from(settings.checkpoints),
    seeds: seeds.slice(start, start + chunkSize),
  });

  const onChunk = (start: number, chunk: ChunkResult, done: number) => {
    store(start, chunk);
    options.onProgress?.(Math.min(done * chunkSize, count), count);
  };
  if (threads === 0) {
    // Loaded here so that importing this module does not compile the kernel in the calling thread.
    const { trainChunk } = await import("./ensemble/kernel.ts");
    starts.forEach((start, i) => onChunk(start, trainChunk(jobOf(start)), i + 1));
  } else {
    await runChunks(starts, Math.min(threads, starts.length), jobOf, onChunk);
  }
  return result;
}

/**
 * Runs the chunks on `threads` workers and hands each worker the next chunk
 * when it finishes one. `onChunk` receives each result and the number of
 * chunks done so far.
 */
async function runChunks(
  starts: number[],
  threads: number,
  jobOf: (start: number) => ChunkJob,
  onChunk: (start: number, chunk: ChunkResult, done: number) => void,
): Promise<void> {
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      let done = 0;
      const dispatch = (worker: Worker) => {
        if (next >= starts.length) return;
        const id = next++;
        worker.postMessage({ id, job: jobOf(starts[id]) });
      };
      for (let i = 0; i < threads; i++) {
        const worker = new Worker(new URL("./ensemble/worker.ts", import.meta.url), { type: "module" });
        workers.push(worker);
        worker.onmessage = (event: MessageEvent<{ id: number; result?: ChunkResult; error?: string }>) => {
          const { id, result, error } = event.data;
          if (error !== undefined || !result) {
            reject(new Error(`ensemble worker failed on chunk ${id}: ${error}`));
            return;
          }
          done++;
          try {
            onChunk(starts[id], result, done);
          } catch (callbackError) {
            // An exception from onProgress would otherwise escape the message handler.
            reject(callbackError);
            return;
          }
          if (done === starts.length) resolve();
          else dispatch(worker);
        };
        worker.onerror = (event: ErrorEvent) => {
          event.preventDefault();
          reject(new Error(`ensemble worker failed: ${event.message}`));
        };
        dispatch(worker);
      }
    });
  } finally {
    for (const worker of workers) worker.terminate();
  }
}

/** Rebuilds the lib/network.ts `Weights` of network `index` (0-based) of an ensemble result. */
export function ensembleWeights(result: EnsembleResult, index: number): Weights {
  if (!Number.isInteger(index) || index < 0 || index >= result.count) {
    throw new RangeError(`network index must be an integer in [0, ${result.count - 1}], got ${index}`);
  }
  let offset = index * result.parameterCount;
  const take = (length: number) => {
    const values = result.weights.slice(offset, offset + length);
    offset += length;
    return values;
  };
  const layers = layerShapes(result.kind, PIXEL_COUNT).map((shape) => {
    const kernel = take(shape.inputs * shape.units);
    const bias = take(shape.units);
    return { ...shape, kernel, bias };
  });
  return { kind: result.kind, pixels: PIXEL_COUNT, layers };
}

interface Settings {
  kind: ModelKind;
  seeds: Uint32Array;
  optimizer: EnsembleOptimizer;
  learningRate: number;
  steps: number;
  convention: "variance" | "std";
  reconstructionScale: ReconstructionScale;
  checkpoints: number[];
  threads: number;
  chunkSize: number;
}

function validate(options: EnsembleOptions): Settings {
  const { kind, optimizer, learningRate, steps } = options;
  if (kind !== "ca" && kind !== "va") {
    throw new RangeError(`kind must be "ca" or "va", got ${JSON.stringify(kind)}`);
  }
  if (optimizer !== "adam" && optimizer !== "sgd" && optimizer !== "rmsprop") {
    throw new RangeError(`optimizer must be "adam", "sgd" or "rmsprop", got ${JSON.stringify(optimizer)}`);
  }
  if (typeof learningRate !== "number" || !(learningRate > 0) || !Number.isFinite(learningRate)) {
    throw new RangeError(`learningRate must be a positive finite number such as 0.01, got ${learningRate}`);
  }
  assertPositiveInteger("steps", steps);
  const convention = options.convention ?? "variance";
  if (convention !== "variance" && convention !== "std") {
    throw new RangeError(`convention must be "variance" or "std", got ${JSON.stringify(convention)}`);
  }
  const reconstructionScale = options.reconstructionScale ?? "mean";
  reconstructionWeightOf(reconstructionScale);

  const checkpoints = options.checkpoints ?? [];
  checkpoints.forEach((step, i) => {
    if (!Number.isInteger(step) || step < 0 || step >= steps) {
      throw new RangeError(`checkpoints[${i}] must be an integer step in [0, ${steps - 1}], got ${step}`);
    }
    if (i > 0 && step <= checkpoints[i - 1]) {
      throw new RangeError(
        `checkpoints must increase, but checkpoints[${i}] = ${step} follows ${checkpoints[i - 1]}`,
      );
    }
  });

  const threads = options.threads ?? 2;
  if (threads !== 0) assertPositiveInteger("threads", threads);
  const noiseLimit = kind === "va" ? Math.max(1, Math.floor(NOISE_BUDGET_BYTES / (16 * steps))) : Infinity;
  const chunkSize = options.chunkSize ?? Math.max(4, Math.min(DEFAULT_CHUNK_SIZE, noiseLimit));
  assertPositiveInteger("chunkSize", chunkSize);

  return {
    kind,
    seeds: resolveSeeds(options.seeds),
    optimizer,
    learningRate,
    steps,
    convention,
    reconstructionScale,
    checkpoints,
    threads,
    chunkSize,
  };
}

function resolveSeeds(seeds: EnsembleOptions["seeds"]): Uint32Array {
  if (seeds instanceof Uint32Array || Array.isArray(seeds)) {
    if (seeds.length === 0) throw new RangeError("seeds is empty; pass at least one seed");
    const resolved = new Uint32Array(seeds.length);
    for (let i = 0; i < seeds.length; i++) {
      assertSeed(seeds[i], `seeds[${i}]`);
      resolved[i] = seeds[i];
    }
    return resolved;
  }
  if (typeof seeds !== "object" || seeds === null) {
    throw new RangeError(`seeds must be an array of seeds or { first, count }, got ${JSON.stringify(seeds)}`);
  }
  const { first, count } = seeds;
  assertSeed(first, "seeds.first");
  assertPositiveInteger("seeds.count", count);
  if (first + count - 1 > MAX_SEED) {
    throw new RangeError(
      `seeds.first + seeds.count - 1 must not exceed ${MAX_SEED}, got ${
        first + count - 1
      }; lower seeds.first`,
    );
  }
  return Uint32Array.from({ length: count }, (_, i) => first + i);
}

/**
 * Returns the factor on the mse: 1 for "mean", the pixel count 4 for "sum", or the number itself. It
 * repeats `reconstructionWeight` of lib/training.ts because importing that module would load tfjs,
 * which the ensemble does not use.
 */
function reconstructionWeightOf(scale: ReconstructionScale): number {
  if (scale === "mean") return 1;
  if (scale === "sum") return PIXEL_COUNT;
  if (typeof scale === "number" && scale > 0 && Number.isFinite(scale)) return scale;
  throw new RangeError(
    `reconstructionScale must be "mean", "sum" or a positive number such as 100, got ${
      JSON.stringify(scale)
    }`,
  );
}

function assertPositiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
}
