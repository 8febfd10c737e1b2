import assert from "node:assert/strict";
import { countInitializations } from "./initialization.ts";
import { initialStateFrame, initialStates } from "./initial_state.ts";

const SEEDS = Array.from({ length: 600 }, (_, i) => i + 100);

Deno.test("initialStates agree with countInitializations", () => {
  const states = initialStates("ca", SEEDS);
  const counts = countInitializations({ firstSeed: 100, seeds: 600 });
  const deadCount = [0, 0, 0, 0, 0];
  for (const state of states) deadCount[state.deadInputs]++;
  assert.deepEqual(deadCount, counts.deadCount);
  assert.equal(states.filter((state) => state.oppositeSigns).length, counts.oppositeSigns);
});

Deno.test("CA and VA of a seed share dead inputs", () => {
  const ca = initialStates("ca", SEEDS);
  const va = initialStates("va", SEEDS);
  ca.forEach((state, i) => assert.equal(va[i].deadInputs, state.deadInputs, `seed ${state.seed}`));
});

Deno.test("initialStates finds dead inputs and opposite signs", () => {
  const states = initialStates("ca", SEEDS);
  assert.ok(states.some((state) => state.deadInputs === 4));
  assert.ok(states.some((state) => state.deadInputs === 0));
  const share = states.filter((state) => state.oppositeSigns).length / states.length;
  assert.ok(share > 0.08 && share < 0.17, `opposite-sign share ${share}, expected about 1/8`);
});

Deno.test("initialStateFrame columns", () => {
  const frame = initialStateFrame("va", [7, 3]);
  assert.deepEqual(frame.columns, ["model", "seed", "initial_dead_inputs", "initial_opposite_signs"]);
  assert.deepEqual(frame.getColumn("model").toArray(), ["VA", "VA"]);
  assert.deepEqual(frame.getColumn("seed").toArray(), [7, 3]);
  const states = initialStates("va", [7, 3]);
  assert.deepEqual(frame.getColumn("initial_dead_inputs").toArray(), states.map((state) => state.deadInputs));
  assert.deepEqual(
    frame.getColumn("initial_opposite_signs").toArray(),
    states.map((state) => state.oppositeSigns),
  );
});

Deno.test("initialStates rejects an invalid seed", () => {
  assert.throws(() => initialStates("ca", [-1]), RangeError);
});
