/**
 * Tests of the difference between the outcome frequencies of two models
 * trained from the same seeds. Per class, a pooled two-proportion z-test and
 * Fisher's exact test treat the samples as independent. McNemar's exact test
 * uses the pairing: the same seed under both models.
 */
import { type Outcome, OUTCOME_LABELS, OUTCOMES } from "./outcomes.ts";
import { fisherExactTest, twoProportionZTest } from "./statistics.ts";

/** One outcome class compared between two models. */
export interface ClassComparison {
  outcome: Outcome;
  label: string;
  first_count: number;
  first_share: number;
  second_count: number;
  second_share: number;
  /** first_share - second_share. */
  difference: number;
  /** Pooled two-proportion z statistic and its two-sided p-value. */
  z: number;
  p_z: number;
  /** Two-sided p-value of Fisher's exact test on the same 2x2 table. */
  p_fisher: number;
}

/**
 * Compares the share of each outcome class between two sets of counts,
 * such as the CA and the VA over the same seeds. The tests treat the two
 * samples as independent, which ignores the pairing by seed and so tends to
 * give larger p-values than a paired test (see `mcNemarExactTest`).
 */
export function compareOutcomeClasses(
  first: Record<Outcome, number>,
  second: Record<Outcome, number>,
): ClassComparison[] {
  const total = (counts: Record<Outcome, number>) =>
    OUTCOMES.reduce((sum, outcome) => sum + counts[outcome], 0);
  const firstTotal = total(first);
  const secondTotal = total(second);
  return OUTCOMES.map((outcome) => {
    const test = twoProportionZTest(first[outcome], firstTotal, second[outcome], secondTotal);
    return {
      outcome,
      label: OUTCOME_LABELS[outcome],
      first_count: first[outcome],
      first_share: test.proportion1,
      second_count: second[outcome],
      second_share: test.proportion2,
      difference: test.proportion1 - test.proportion2,
      z: test.z,
      p_z: test.pValue,
      p_fisher: fisherExactTest(first[outcome], firstTotal, second[outcome], secondTotal),
    };
  });
}

/** Result of McNemar's exact test. */
export interface McNemarTest {
  /** Pairs where only the first member has the property. */
  onlyFirst: number;
  /** Pairs where only the second member has the property. */
  onlySecond: number;
  /** Two-sided exact p-value: 2 P(X <= min(onlyFirst, onlySecond)) for X ~ Binomial(onlyFirst + onlySecond, 1/2), at most 1. */
  pValue: number;
}

/**
 * Runs McNemar's exact test on paired binary outcomes, given the two
 * discordant counts: under the null hypothesis that both members of a pair
 * have the property equally often, each discordant pair is equally likely
 * to go either way. Concordant pairs carry no information and do not enter.
 */
export function mcNemarExactTest(onlyFirst: number, onlySecond: number): McNemarTest {
  for (const [name, value] of Object.entries({ onlyFirst, onlySecond })) {
    if (!Number.isInteger(value) || value < 0) {
      throw new RangeError(`${name} must be a non-negative integer count of pairs, got ${value}`);
    }
  }
  const n = onlyFirst + onlySecond;
  const smaller = Math.min(onlyFirst, onlySecond);
  let logChoose = 0;
  let tail = 0;
  // Sum C(n, k) / 2^n for k = 0 .. smaller in log space, so n of many thousands does not overflow.
  for (let k = 0; k <= smaller; k++) {
    if (k > 0) logChoose += Math.log(n - k + 1) - Math.log(k);
    tail += Math.exp(logChoose - n * Math.LN2);
  }
  return { onlyFirst, onlySecond, pValue: n === 0 ? 1 : Math.min(1, 2 * tail) };
}

/**
 * Formats a p-value for a table: three decimals from 0.001 up, two
 * significant digits in exponent form below, and "< 1e-300" where the
 * float64 tail computations underflow.
 */
export function formatPValue(p: number): string {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p-value must be in [0, 1], got ${p}`);
  if (p >= 0.001) return p.toFixed(3);
  if (p < 1e-300) return "< 1e-300";
  return p.toExponential(1);
}
