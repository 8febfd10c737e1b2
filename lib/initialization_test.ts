import assert from "node:assert/strict";
import {
  countInitializations,
  deadCountTable,
  deadPairTable,
  deadSetNumerators,
  formatFraction,
  type InitializationCounts,
  initializationProbabilities,
  reduce,
  REPORTED_AT_LEAST_TWO_DEAD,
  unitPatternNumerators,
} from "./initialization.ts";
import { Random } from "./random.ts";
import { wilsonInterval } from "./statistics.ts";

const LEVEL = 0.99;

function assertInside(interval: { lower: number; upper: number }, value: number, message: string): void {
  assert.ok(interval.lower <= value, `${message}: ${value} below ${interval.lower}`);
  assert.ok(value <= interval.upper, `${message}: ${value} above ${interval.upper}`);
}
let cached: InitializationCounts | null = null;

/** Counts over seeds 0 to 19,999, computed once for all tests (about 1.5 s). */
function counts(): InitializationCounts {
  cached ??= countInitializations({ seeds: 20000 });
  return cached;
}

Deno.test("report footnote 6 value is 67/256", () => {
  assert.equal(REPORTED_AT_LEAST_TWO_DEAD, 67 / 256);
  assert.ok(Math.abs(REPORTED_AT_LEAST_TWO_DEAD - 0.2617) < 1e-4);
});

Deno.test("unit patterns form a distribution", () => {
  const numerators = unitPatternNumerators();
  assert.equal(numerators.reduce((sum, value) => sum + value, 0), 24);
  // Negating every weight flips every sign, so pattern m and its complement are equally likely.
  for (let m = 0; m < 16; m++) assert.equal(numerators[m], numerators[15 - m], `pattern ${m}`);
  // The pre-activations satisfy s(0011) + s(1100) = s(1010) + s(0101), so 0011 and 1100
  // cannot both be negative while 1010 and 0101 are both non-negative, nor the reverse.
  assert.equal(numerators[0b0101], 0);
  assert.equal(numerators[0b1010], 0);
});

Deno.test("unit patterns match direct sampling", () => {
  const random = new Random(2024);
  const samples = 200000;
  const hits = new Array<number>(16).fill(0);
  for (let s = 0; s < samples; s++) {
    const [ul, ur, ll, lr] = [0, 1, 2, 3].map(() => random.uniformRange(-1, 1));
    const mask = (ll + lr < 0 ? 1 : 0) | (ul + ll < 0 ? 2 : 0) | (ul + ur < 0 ? 4 : 0) |
      (ur + lr < 0 ? 8 : 0);
    hits[mask]++;
  }
  const numerators = unitPatternNumerators();
  for (let m = 0; m < 16; m++) {
    const interval = wilsonInterval(hits[m], samples, 0.999);
    const exact = numerators[m] / 24;
    assert.ok(
      interval.lower <= exact && exact <= interval.upper,
      `pattern ${m}: ${exact} vs ${hits[m] / samples}`,
    );
  }
});

Deno.test("each input is dead with probability 1/4", () => {
  const dead = deadSetNumerators();
  assert.equal(dead.reduce((sum, value) => sum + value, 0), 576);
  for (let image = 0; image < 4; image++) {
    const share = dead.reduce((sum, value, mask) => (mask >> image) & 1 ? sum + value : sum, 0);
    assert.equal(share, 144, `image ${image}`);
  }
});

Deno.test("exact footnote probabilities", () => {
  const rows = initializationProbabilities(counts());
  assert.deepEqual(rows.map((row) => row.exactFraction), ["1/4", "11/36", "1/36", "1/8", null]);
  assert.deepEqual(rows.map((row) => row.reported), [1 / 4, 67 / 256, null, 1 / 8, null]);
});

Deno.test("Monte Carlo agrees with exact footnote values", () => {
  for (const row of initializationProbabilities(counts(), LEVEL)) {
    if (row.exact === null) continue;
    const { lower, upper, estimate } = row.monteCarlo;
    assert.ok(
      lower <= row.exact && row.exact <= upper,
      `${row.quantity}: exact ${row.exact}, sampled ${estimate}`,
    );
  }
});

Deno.test("Monte Carlo rejects the independence value", () => {
  const row = initializationProbabilities(counts(), LEVEL)[1];
  assert.ok(row.monteCarlo.lower > REPORTED_AT_LEAST_TWO_DEAD, `lower end ${row.monteCarlo.lower}`);
});

Deno.test("dead count distribution", () => {
  const rows = deadCountTable(counts(), LEVEL);
  assert.deepEqual(rows.map((row) => row.exactFraction), ["61/144", "13/48", "31/144", "1/16", "1/36"]);
  assert.equal(rows.reduce((sum, row) => sum + row.independent, 0), 1);
  assert.equal(rows[4].independent, 1 / 256);
  for (const row of rows) {
    assertInside(row.monteCarlo, row.exact, `${row.dead} dead`);
  }
  assert.equal(rows.reduce((sum, row) => sum + row.monteCarlo.successes, 0), 20000);
});

Deno.test("complementary inputs can be dead together", () => {
  const rows = deadPairTable(counts(), LEVEL);
  assert.equal(rows.length, 6);
  for (const row of rows) {
    assert.equal(row.exactFraction, row.complementary ? "1/16" : "1/9", `${row.first} and ${row.second}`);
    assertInside(row.monteCarlo, row.exact, `${row.first} and ${row.second}`);
  }
  assert.deepEqual(rows.filter((row) => row.complementary).map((row) => [row.first, row.second]), [
    ["0011", "1100"],
    ["1010", "0101"],
  ]);
});

Deno.test("counts are consistent", () => {
  const result = counts();
  assert.equal(result.deadCount.reduce((sum, value) => sum + value, 0), 20000);
  for (let i = 0; i < 4; i++) assert.equal(result.deadPair[i][i], result.deadImage[i]);
  // With all four inputs dead every image gets the bottleneck bias, so each such seed collapses.
  assert.ok(result.allCollapsed >= result.deadCount[4]);
});

Deno.test("countInitializations rejects a bad seed count", () => {
  assert.throws(() => countInitializations({ seeds: 0 }), /seeds must be a positive integer, got 0/);
});

Deno.test("reduce and formatFraction", () => {
  assert.deepEqual(reduce(176, 576), { numerator: 11, denominator: 36 });
  assert.equal(formatFraction(reduce(72, 576)), "1/8");
});

Deno.test("countInitializations rejects an invalid first seed", () => {
  assert.throws(
    () => countInitializations({ firstSeed: Number.NaN, seeds: 10 }),
    /firstSeed must be an integer/,
  );
  assert.throws(
    () => countInitializations({ firstSeed: 2 ** 32 - 5, seeds: 10 }),
    /firstSeed \+ seeds - 1 must be/,
  );
});
