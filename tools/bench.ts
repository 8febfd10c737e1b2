/**
 * Benchmark: lib/ensemble.ts against PyTorch on the 10,000-seed 2x2 CA
 * study, and one 32x32 CA epoch in tfjs-wasm against PyTorch.
 *
 * Usage: deno task bench [--runs 3] [--networks 10000] [--steps 2000] [--epochs 5]
 *
 * Runs alternate between the contenders so that a change in machine load
 * hits all of them. Prints a Markdown table of medians for
 * docs/benchmarks.md. PyTorch comes from Debian's python3-torch under
 * /usr/bin/python3 (tools/ensemble_torch.py, tools/epoch_torch.py).
 */
import * as tf from "@tensorflow/tfjs";
import { parseArgs } from "node:util";
import { lineImages } from "../lib/datasets.ts";
import { trainEnsemble } from "../lib/ensemble.ts";
import { useWasmBackend } from "../lib/models.ts";
import { initialWeights } from "../lib/network.ts";
import { trainAutoencoder } from "../lib/training.ts";

const PYTHON = "/usr/bin/python3";
const LEARNING_RATE = 0.01;

const { values: flags } = parseArgs({
  args: Deno.args,
  options: {
    runs: { type: "string", default: "3" },
    networks: { type: "string", default: "10000" },
    steps: { type: "string", default: "2000" },
    epochs: { type: "string", default: "5" },
  },
});
const runs = positiveInteger("runs", flags.runs);
const networks = positiveInteger("networks", flags.networks);
const steps = positiveInteger("steps", flags.steps);
const epochs = positiveInteger("epochs", flags.epochs);

function positiveInteger(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) {
    console.error(`--${name} must be a positive integer, got ${JSON.stringify(text)}`);
    Deno.exit(2);
  }
  return value;
}

async function run(command: string, args: string[]): Promise<string> {
  const output = await new Deno.Command(command, { args, stdout: "piped", stderr: "piped" }).output();
  const decoder = new TextDecoder();
  if (!output.success) {
    throw new Error(`${command} ${args.join(" ")} failed:\n${decoder.decode(output.stderr)}`);
  }
  return decoder.decode(output.stdout).trim();
}

async function torchVersion(): Promise<string> {
  try {
    return await run(PYTHON, ["-c", "import torch; print(torch.__version__)"]);
  } catch {
    console.error(`PyTorch is missing for ${PYTHON}; install it with: apt-get install -y python3-torch`);
    Deno.exit(1);
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function log(message: string): void {
  console.error(`[bench] ${message}`);
}

/**
 * Upper bounds of the final-loss classes: all images right (loss near 0), a neighbouring pair
 * averaged (1/16), a complementary pair averaged (1/8). All grey is 1/4.
 */
const CLASS_BOUNDS = [0.02, 0.09, 0.18];

/** Counts final losses per class; the last class takes everything above the bounds. */
function lossClasses(losses: Iterable<number>): number[] {
  const counts = new Array(CLASS_BOUNDS.length + 1).fill(0);
  for (const loss of losses) {
    const index = CLASS_BOUNDS.findIndex((bound) => loss < bound);
    counts[index === -1 ? CLASS_BOUNDS.length : index]++;
  }
  return counts;
}

const version = await torchVersion();
const directory = await Deno.makeTempDir({ prefix: "bench-" });
const cpu = (await run("lscpu", [])).match(/Model name:\s*(.+)/)?.[1] ?? "unknown";
const loadBefore = Deno.loadavg();

// Initial weights of the study, shared with PyTorch: float32 [networks, 29].
const weightsFile = `${directory}/weights.f32`;
const initial = new Float32Array(networks * 29);
for (let n = 0; n < networks; n++) {
  const layers = initialWeights("ca", 4, n).layers;
  initial.set(layers.flatMap((layer) => [...layer.kernel, ...layer.bias]), n * 29);
}
await Deno.writeFile(weightsFile, new Uint8Array(initial.buffer));

const times: Record<string, number[]> = {};
const record = (name: string, seconds: number) => {
  (times[name] ??= []).push(seconds);
  log(`${name}: ${seconds.toFixed(2)} s`);
};
let ensembleLosses: Float32Array = new Float32Array();
const torchLossesFile = `${directory}/torch-losses.f32`;

for (let r = 0; r < runs; r++) {
  log(`study run ${r + 1} of ${runs}: ${networks} networks x ${steps} Adam steps`);
  for (const threads of [2, 1]) {
    const start = performance.now();
    const result = await trainEnsemble({
      kind: "ca",
      seeds: { first: 0, count: networks },
      optimizer: "adam",
      learningRate: LEARNING_RATE,
      steps,
      threads,
    });
    record(`ensemble, ${threads} worker${threads > 1 ? "s" : ""}`, (performance.now() - start) / 1000);
    ensembleLosses = result.finalLosses;
  }
  for (const threads of [1, 2]) {
    const output = await run(PYTHON, [
      new URL("./ensemble_torch.py", import.meta.url).pathname,
      ...["--weights", weightsFile, "--networks", `${networks}`, "--steps", `${steps}`],
      ...["--learning-rate", `${LEARNING_RATE}`, "--threads", `${threads}`, "--losses-out", torchLossesFile],
    ]);
    record(`PyTorch bmm, ${threads} thread${threads > 1 ? "s" : ""}`, JSON.parse(output).seconds);
  }
}
const torchLosses = new Float32Array((await Deno.readFile(torchLossesFile)).buffer);

// One 32x32 CA epoch: 1000 images, batch 32, Adam.
await useWasmBackend();
const data = lineImages({ count: 1000, size: 32, seed: 1 });
const imagesFile = `${directory}/images.f32`;
await Deno.writeFile(imagesFile, new Uint8Array(data.images.buffer));
const epochTimes: Record<string, number[]> = {};
for (let r = 0; r < runs; r++) {
  log(`epoch run ${r + 1} of ${runs}: ${epochs} timed epochs after a warm-up epoch`);
  const stamps: number[] = [];
  await trainAutoencoder(initialWeights("ca", 1024, r + 1), data, {
    optimizer: "adam",
    learningRate: 0.001,
    epochs: epochs + 1,
    batchSize: 32,
    seed: r + 1,
    onEpoch: () => stamps.push(performance.now()),
  });
  const tfjsEpochs = stamps.slice(1).map((stamp, i) => (stamp - stamps[i]) / 1000);
  (epochTimes["tfjs-wasm"] ??= []).push(...tfjsEpochs);
  log(`tfjs-wasm: median epoch ${median(tfjsEpochs).toFixed(3)} s`);
  for (const threads of [1, 2]) {
    const output = await run(PYTHON, [
      new URL("./epoch_torch.py", import.meta.url).pathname,
      ...["--images", imagesFile, "--count", "1000", "--epochs", `${epochs}`, "--threads", `${threads}`],
    ]);
    const seconds: number[] = JSON.parse(output).epoch_seconds;
    const name = `PyTorch, ${threads} thread${threads > 1 ? "s" : ""}`;
    (epochTimes[name] ??= []).push(...seconds);
    log(`${name}: median epoch ${median(seconds).toFixed(3)} s`);
  }
}
await Deno.remove(directory, { recursive: true });
const loadAfter = Deno.loadavg();

const ensembleMedian = median(times["ensemble, 2 workers"]);
const torchBest = Math.min(median(times["PyTorch bmm, 1 thread"]), median(times["PyTorch bmm, 2 threads"]));
const lines = [
  `Machine: ${cpu}, ${navigator.hardwareConcurrency} cores. Deno ${Deno.version.deno}, ` +
  `tfjs ${tf.version.tfjs}, PyTorch ${version}.`,
  `Load average (1, 5, 15 min): ${loadBefore.map((v) => v.toFixed(2)).join(", ")} before, ` +
  `${loadAfter.map((v) => v.toFixed(2)).join(", ")} after.`,
  "",
  `2x2 CA study: ${networks} networks, ${steps} full-batch Adam steps (lr ${LEARNING_RATE}), ${runs} runs`,
  "",
  "| trainer | median s | runs (s) |",
  "|---|---:|---|",
  ...Object.entries(times).map(([name, values]) =>
    `| ${name} | ${median(values).toFixed(2)} | ${values.map((v) => v.toFixed(2)).join(", ")} |`
  ),
  "",
  `PyTorch (better thread count) / ensemble (2 workers): ${(torchBest / ensembleMedian).toFixed(1)}x`,
  `Final-loss classes (< 0.02, < 0.09, < 0.18, rest): ensemble ${lossClasses(ensembleLosses).join(", ")}; ` +
  `PyTorch ${lossClasses(torchLosses).join(", ")}`,
  "",
  `32x32 CA epoch: 1000 images, batch 32, Adam; ${runs} runs x ${epochs} epochs`,
  "",
  "| trainer | median ms per epoch |",
  "|---|---:|",
  ...Object.entries(epochTimes).map(([name, values]) =>
    `| ${name} | ${(median(values) * 1000).toFixed(0)} |`
  ),
];
console.log(lines.join("\n"));
