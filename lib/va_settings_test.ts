import assert from "node:assert/strict";
import { twoByTwoImages } from "./datasets.ts";
import { ensembleWeights, trainEnsemble } from "./ensemble.ts";
import { vaState } from "./va_analysis.ts";
import { trainVaSettings, twoByTwoWeight, vaSnapshots } from "./va_settings.ts";

const images = twoByTwoImages();

Deno.test("twoByTwoWeight maps scales to mse weights", () => {
  assert.equal(twoByTwoWeight("mean"), 1);
  assert.equal(twoByTwoWeight("sum"), 4);
  assert.equal(twoByTwoWeight(1024), 1024);
  assert.throws(() => twoByTwoWeight(0), /positive number, got 0/);
  assert.throws(() => twoByTwoWeight("max" as "sum"), /got "max"/);
});

Deno.test("trainVaSettings matches ensembles run one by one", async () => {
  const options = { seeds: { first: 40, count: 12 }, learningRate: 0.01, steps: 300 };
  const settings = [
    { convention: "variance", reconstructionScale: "mean" },
    { convention: "std", reconstructionScale: 1024 },
  ] as const;
  const progress: number[] = [];
  const results = await trainVaSettings([...settings], options, (done) => progress.push(done));
  assert.deepEqual(progress, [1, 2]);
  for (const [k, setting] of settings.entries()) {
    const direct = await trainEnsemble({ kind: "va", optimizer: "adam", ...options, ...setting });
    const result = results[k];
    assert.equal(result.networks, 12);
    assert.equal(result.weight, setting.reconstructionScale === "mean" ? 1 : 1024);
    assert.deepEqual(result.ensemble.weights, direct.weights);
    result.states.forEach((state, i) => {
      assert.deepEqual(state, vaState(ensembleWeights(direct, i), images, setting.convention));
    });
    const counted = result.optimal + result.onePair + result.twoPairs + result.allGrey + result.other;
    assert.equal(counted, 12);
  }
  await assert.rejects(() => trainVaSettings([], options), /at least one setting/);
});

Deno.test("vaSnapshots summarizes each step count", async () => {
  const setting = { convention: "variance", reconstructionScale: "mean" } as const;
  const rows = await vaSnapshots(setting, {
    seeds: { first: 0, count: 8 },
    learningRate: 0.01,
    steps: [1, 50],
    threads: 0,
  });
  assert.deepEqual(rows.map((row) => row.step), [1, 50]);
  const [direct] = await trainVaSettings([setting], {
    seeds: { first: 0, count: 8 },
    learningRate: 0.01,
    steps: 50,
  });
  assert.equal(rows[1].medianSpread, direct.medianSpread);
  assert.equal(rows[1].allGrey, direct.allGrey);
  assert.equal(rows[1].weight, 1);
});

Deno.test("shorter runs repeat the first steps of longer ones", async () => {
  const options = {
    kind: "va",
    seeds: { first: 5, count: 3 },
    optimizer: "adam",
    learningRate: 0.01,
    reconstructionScale: 100,
  } as const;
  const short = await trainEnsemble({ ...options, steps: 30, checkpoints: [0, 29] });
  const long = await trainEnsemble({ ...options, steps: 60, checkpoints: [0, 29, 59] });
  for (let n = 0; n < 3; n++) {
    assert.equal(short.checkpointLosses[n * 2], long.checkpointLosses[n * 3]);
    assert.equal(short.checkpointLosses[n * 2 + 1], long.checkpointLosses[n * 3 + 1]);
  }
});
