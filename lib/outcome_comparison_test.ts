import assert from "node:assert/strict";
import { compareOutcomeClasses, formatPValue, mcNemarExactTest } from "./outcome_comparison.ts";
import { fisherExactTest, twoProportionZTest } from "./statistics.ts";

const CA = { "optimal": 65, "one-pair": 414, "two-pairs": 7, "all-grey": 309, "other": 205 };
const VA = { "optimal": 170, "one-pair": 500, "two-pairs": 52, "all-grey": 84, "other": 194 };

Deno.test("compareOutcomeClasses tests every class", () => {
  const rows = compareOutcomeClasses(CA, VA);
  assert.equal(rows.length, 5);
  const optimal = rows[0];
  assert.equal(optimal.outcome, "optimal");
  assert.equal(optimal.first_count, 65);
  assert.equal(optimal.first_share, 0.065);
  assert.equal(optimal.second_share, 0.17);
  assert.ok(Math.abs(optimal.difference - (0.065 - 0.17)) < 1e-15);
  const z = twoProportionZTest(65, 1000, 170, 1000);
  assert.equal(optimal.z, z.z);
  assert.equal(optimal.p_z, z.pValue);
  assert.equal(optimal.p_fisher, fisherExactTest(65, 1000, 170, 1000));
  assert.ok(optimal.z < 0 && optimal.p_z < 1e-10);
});

Deno.test("compareOutcomeClasses gives p = 1 for equal counts", () => {
  const row = compareOutcomeClasses(CA, CA)[1];
  assert.equal(row.z, 0);
  assert.equal(row.p_z, 1);
  assert.equal(row.p_fisher, 1);
});

Deno.test("mcNemarExactTest matches the binomial tail", () => {
  // 1 of 10 discordant pairs one way: 2 (C(10,0) + C(10,1)) / 2^10 = 22 / 1024.
  assert.ok(Math.abs(mcNemarExactTest(1, 9).pValue - 22 / 1024) < 1e-15);
  assert.equal(mcNemarExactTest(9, 1).pValue, mcNemarExactTest(1, 9).pValue);
  assert.equal(mcNemarExactTest(5, 5).pValue, 1);
  assert.equal(mcNemarExactTest(0, 0).pValue, 1);
});

Deno.test("mcNemarExactTest handles thousands of pairs", () => {
  const balanced = mcNemarExactTest(5000, 5100).pValue;
  assert.ok(balanced > 0.3 && balanced < 0.35, `p ${balanced}`);
  const skewed = mcNemarExactTest(1000, 2000).pValue;
  assert.ok(skewed > 0 && skewed < 1e-70, `p ${skewed}`);
});

Deno.test("mcNemarExactTest rejects invalid counts", () => {
  assert.throws(() => mcNemarExactTest(-1, 3), /onlyFirst/);
  assert.throws(() => mcNemarExactTest(2, 1.5), /onlySecond/);
});

Deno.test("formatPValue picks decimals or exponents", () => {
  assert.equal(formatPValue(1), "1.000");
  assert.equal(formatPValue(0.0123), "0.012");
  assert.equal(formatPValue(0.001), "0.001");
  assert.equal(formatPValue(0.00042), "4.2e-4");
  assert.equal(formatPValue(3.3e-127), "3.3e-127");
  assert.equal(formatPValue(0), "< 1e-300");
  assert.throws(() => formatPValue(NaN), RangeError);
});
