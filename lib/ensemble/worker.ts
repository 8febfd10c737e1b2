/**
 * Worker of lib/ensemble.ts: trains each chunk it receives and posts the
 * results back, transferring the arrays.
 *
 * Message in: `{ id: number, job: ChunkJob }`.
 * Message out: `{ id, result: ChunkResult }`, or `{ id, error: string }` if training threw.
 */
/// <reference lib="deno.worker" />
import { type ChunkJob, trainChunk } from "./kernel.ts";

self.onmessage = (event: MessageEvent<{ id: number; job: ChunkJob }>) => {
  const { id, job } = event.data;
  try {
    const result = trainChunk(job);
    const buffers = [
      result.weights,
      result.finalLosses,
      result.checkpointLosses,
      result.bottleneck,
      result.logVariance,
    ].map((array) => array.buffer as ArrayBuffer);
    self.postMessage({ id, result }, buffers);
  } catch (error) {
    self.postMessage({ id, error: error instanceof Error ? error.stack ?? error.message : String(error) });
  }
};
