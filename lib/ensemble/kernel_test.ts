import assert from "node:assert/strict";
import { buildKernel, findClang, KERNEL_OUTPUT } from "../../tools/build_ensemble_kernel.ts";
import { kernelExp, trainChunk } from "./kernel.ts";

const clang = await findClang();

Deno.test({
  name: "kernel.wasm matches its C source",
  ignore: clang === null,
  async fn() {
    const directory = await Deno.makeTempDir();
    try {
      const rebuilt = `${directory}/kernel.wasm`;
      await buildKernel(rebuilt);
      assert.deepEqual(
        await Deno.readFile(rebuilt),
        await Deno.readFile(KERNEL_OUTPUT),
        "kernel.wasm is stale: run deno run -A tools/build_ensemble_kernel.ts and commit it",
      );
    } finally {
      await Deno.remove(directory, { recursive: true });
    }
  },
});

Deno.test("kernel exp is within 2 float32 ulp of Math.exp", () => {
  const x = Float32Array.from({ length: 40001 }, (_, i) => -87 + i * (175 / 40000));
  const y = kernelExp(x);
  for (let i = 0; i < x.length; i++) {
    const error = Math.abs(y[i] / Math.exp(x[i]) - 1);
    assert.ok(error < 2.4e-7, `exp(${x[i]}) = ${y[i]}, relative error ${error}`);
  }
});

Deno.test("kernel exp clamps to [-87, 88]", () => {
  const y = kernelExp(Float32Array.from([-1000, 1000]));
  assert.ok(Math.abs(y[0] / Math.exp(-87) - 1) < 1e-6, `exp(-1000) gave ${y[0]}`);
  assert.ok(Math.abs(y[1] / Math.exp(88) - 1) < 1e-6, `exp(1000) gave ${y[1]}`);
});

Deno.test("trainChunk pads to groups of four without changing results", () => {
  const job = {
    kind: "va",
    optimizer: "adam",
    learningRate: 0.01,
    steps: 30,
    convention: "variance",
    reconstructionWeight: 1,
    checkpoints: Int32Array.from([0, 29]),
  } as const;
  const five = trainChunk({ ...job, seeds: Uint32Array.from([3, 4, 5, 6, 7]) });
  const alone = trainChunk({ ...job, seeds: Uint32Array.from([7]) });
  assert.equal(five.weights.length, 5 * 32);
  assert.deepEqual(alone.weights, five.weights.slice(4 * 32));
  assert.deepEqual(alone.checkpointLosses, five.checkpointLosses.slice(4 * 2));
  assert.equal(alone.finalLosses[0], five.finalLosses[4]);
  assert.equal(alone.checkpointLosses[1], alone.finalLosses[0]);
});
