/**
 * Runs one chunk of networks through the WebAssembly training kernel
 * (kernel.wasm, built from tools/ensemble_kernel.c): lays out the initial
 * weights, the VA noise and the output arrays in the kernel's memory, calls
 * it, and copies the results out network by network.
 *
 * Each importer (each worker) gets its own kernel instance and memory. The
 * memory grows to the largest chunk trained and is reused afterwards.
 */
import { exp_in_place, heap_base, memory, train } from "./kernel.wasm";
import { initialWeights, type ModelKind } from "../network.ts";
import { twoByTwoImages } from "../datasets.ts";
import { fillVariationalNoise, NOISE_PER_STEP } from "./noise.ts";

/** Optimizer name, with tfjs's default hyperparameters besides the learning rate. */
export type EnsembleOptimizer = "adam" | "sgd" | "rmsprop";

/** Trainable parameters per network: CA 29, VA 32. */
export const PARAMETER_COUNT: Record<ModelKind, number> = { ca: 29, va: 32 };

/** Images in the training set (the four 2x2 images) and pixels per image. */
export const IMAGE_COUNT = 4;
export const PIXEL_COUNT = 4;

const OPTIMIZER_CODES: Record<EnsembleOptimizer, number> = { adam: 0, sgd: 1, rmsprop: 2 };

/** Settings of one chunk of networks, which differ only in their seeds. */
export interface ChunkJob {
  kind: ModelKind;
  optimizer: EnsembleOptimizer;
  learningRate: number;
  steps: number;
  /** VA: "variance" (s = exp(b / 2)) or "std" (s = exp(b)). */
  convention: "variance" | "std";
  /** VA: weight of the reconstruction term, such as 1 ("mean") or 4 ("sum"); stored as float32. */
  reconstructionWeight: number;
  /** Steps (0-based, increasing) whose loss is recorded. */
  checkpoints: Int32Array;
  /** One seed per network. */
  seeds: Uint32Array;
}

/** Results of a chunk, network-major: row n belongs to `seeds[n]`. */
export interface ChunkResult {
  /** [networks, parameters]: final weights, layer by layer, kernel (row-major) then bias. */
  weights: Float32Array;
  /** [networks]: loss of the last step, computed before its update. */
  finalLosses: Float32Array;
  /** [networks, checkpoints]: loss at each checkpoint step. */
  checkpointLosses: Float32Array;
  /** [networks, 4]: bottleneck value per image at the final weights (CA z, VA mean a). */
  bottleneck: Float32Array;
  /** [networks, 4]: VA log variance b per image at the final weights; 0 for the CA. */
  logVariance: Float32Array;
  /** Size of the kernel's memory after the chunk, in bytes. */
  memoryBytes: number;
}

/** Bytes of the Job struct in tools/ensemble_kernel.c (15 four-byte fields). */
const JOB_BYTES = 64;

/** Carves 16-byte aligned arrays out of the kernel's memory, starting at its heap base. */
class Layout {
  #next = heap_base();

  /** Reserves `count` four-byte values and returns their byte offset. */
  take(count: number): number {
    const offset = this.#next;
    this.#next += Math.ceil((count * 4) / 16) * 16;
    return offset;
  }

  /** Grows the memory so that everything taken so far fits. */
  commit(): void {
    const missing = this.#next - memory.buffer.byteLength;
    if (missing > 0) memory.grow(Math.ceil(missing / 65536));
  }
}

/** Trains the chunk's networks from their seeded initial weights and returns their results. */
export function trainChunk(job: ChunkJob): ChunkResult {
  const networks = job.seeds.length;
  // The kernel works on groups of 4 networks; padding lanes repeat the first seed.
  const lanes = Math.ceil(networks / 4) * 4;
  const parameters = PARAMETER_COUNT[job.kind];
  const checkpointCount = job.checkpoints.length;
  const noiseValues = job.kind === "va" ? job.steps * NOISE_PER_STEP * lanes : 0;

  const layout = new Layout();
  const jobAt = layout.take(JOB_BYTES / 4);
  const imagesAt = layout.take(IMAGE_COUNT * PIXEL_COUNT);
  const paramsAt = layout.take(parameters * lanes);
  const noiseAt = layout.take(noiseValues);
  const checkpointsAt = layout.take(checkpointCount);
  const checkpointLossesAt = layout.take(checkpointCount * lanes);
  const finalLossesAt = layout.take(lanes);
  const bottleneckAt = layout.take(2 * IMAGE_COUNT * lanes);
  layout.commit();

  const floats = new Float32Array(memory.buffer);
  const ints = new Int32Array(memory.buffer);
  floats.set(twoByTwoImages().images, imagesAt / 4);
  for (let n = 0; n < lanes; n++) {
    const weights = initialWeights(job.kind, PIXEL_COUNT, job.seeds[n < networks ? n : 0]);
    let p = 0;
    for (const layer of weights.layers) {
      for (const value of layer.kernel) floats[paramsAt / 4 + p++ * lanes + n] = value;
      for (const value of layer.bias) floats[paramsAt / 4 + p++ * lanes + n] = value;
    }
  }
  if (noiseValues > 0) {
    const seeds = new Uint32Array(lanes).fill(job.seeds[0]);
    seeds.set(job.seeds);
    fillVariationalNoise(seeds, 0, job.steps, floats.subarray(noiseAt / 4, noiseAt / 4 + noiseValues), lanes);
  }
  ints.set(job.checkpoints, checkpointsAt / 4);

  const fields = jobAt / 4;
  ints[fields] = job.kind === "ca" ? 0 : 1;
  ints[fields + 1] = OPTIMIZER_CODES[job.optimizer];
  ints[fields + 2] = job.convention === "variance" ? 0 : 1;
  ints[fields + 3] = lanes;
  ints[fields + 4] = job.steps;
  floats[fields + 5] = job.learningRate;
  floats[fields + 6] = job.reconstructionWeight;
  ints[fields + 7] = imagesAt;
  ints[fields + 8] = paramsAt;
  ints[fields + 9] = noiseAt;
  ints[fields + 10] = checkpointsAt;
  ints[fields + 11] = checkpointCount;
  ints[fields + 12] = checkpointLossesAt;
  ints[fields + 13] = finalLossesAt;
  ints[fields + 14] = bottleneckAt;
  train(jobAt);

  // Transpose from the kernel's [row][lane] layout to [network][row].
  const read = (at: number, rows: number): Float32Array => {
    const out = new Float32Array(networks * rows);
    for (let n = 0; n < networks; n++) {
      for (let r = 0; r < rows; r++) out[n * rows + r] = floats[at / 4 + r * lanes + n];
    }
    return out;
  };
  return {
    weights: read(paramsAt, parameters),
    finalLosses: read(finalLossesAt, 1),
    checkpointLosses: read(checkpointLossesAt, checkpointCount),
    bottleneck: read(bottleneckAt, IMAGE_COUNT),
    logVariance: read(bottleneckAt + IMAGE_COUNT * lanes * 4, IMAGE_COUNT),
    memoryBytes: memory.buffer.byteLength,
  };
}

/** Applies the kernel's float32 exp approximation to a copy of `values`, for accuracy tests. */
export function kernelExp(values: Float32Array): Float32Array {
  const count = Math.ceil(values.length / 4) * 4;
  const layout = new Layout();
  const at = layout.take(count);
  layout.commit();
  const floats = new Float32Array(memory.buffer, at, count);
  floats.fill(0);
  floats.set(values);
  exp_in_place(at, count);
  return floats.slice(0, values.length);
}
