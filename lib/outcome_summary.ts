/**
 * Frequency tables of outcome classes from per-seed frames (`outcomeFrame`):
 * counts by polars group-by, shares with Wilson intervals, the report's
 * values beside them, and a distance between a row of shares and the report.
 */
import pl from "nodejs-polars";
import { type Outcome, OUTCOME_LABELS, OUTCOMES, REPORTED_FREQUENCIES } from "./outcomes.ts";
import { wilsonInterval } from "./statistics.ts";

/**
 * Counts the outcome classes of `frame` per combination of the `by` columns.
 * The result has the columns `...by`, `outcome`, `label`, `count`, `total`
 * (networks in the combination), `share`, `lower` and `upper` (the Wilson
 * interval at `level`) and `reported`. The last is the report's frequency
 * for the 2x2 CA, null where it gives none, and it is the same for every model.
 * Every class appears for every combination, with count 0 when absent.
 * Combinations keep their order of first appearance in `frame`, and classes
 * follow `OUTCOMES`.
 *
 * @param frame a frame with an `outcome` column of class names and the `by` columns
 * @param by grouping columns, such as ["model"]; none gives one table over all rows
 */
export function outcomeCounts(frame: pl.DataFrame, by: string[], level = 0.95): pl.DataFrame {
  const missing = ["outcome", ...by].filter((name) => !frame.columns.includes(name));
  if (missing.length > 0) {
    throw new RangeError(`frame has no column ${JSON.stringify(missing[0])}; columns are ${frame.columns}`);
  }
  const unknown = frame.getColumn("outcome").unique().toArray().filter((name) =>
    !OUTCOMES.includes(name as Outcome)
  );
  if (unknown.length > 0) {
    throw new RangeError(`unknown outcome ${JSON.stringify(unknown[0])}; expected one of ${OUTCOMES}`);
  }

  const keyed = by.length > 0 ? frame : frame.withColumns(pl.lit(0).alias("_all"));
  const keys = by.length > 0 ? by : ["_all"];
  const combinations = keyed.select(...keys).unique({ maintainOrder: true })
    .withRowIndex("_key_order");
  const classes = pl.DataFrame({ outcome: [...OUTCOMES], _class_order: OUTCOMES.map((_, i) => i) });
  const counts = keyed.groupBy([...keys, "outcome"]).agg(pl.len().alias("count"));

  const table = combinations.join(classes, { how: "cross" })
    .join(counts, { on: [...keys, "outcome"] as string[], how: "left" })
    .withColumns(pl.col("count").fillNull(0).cast(pl.Int64))
    .withColumns(pl.col("count").sum().over(keys[0], ...keys.slice(1)).alias("total"))
    .sort(["_key_order", "_class_order"]);

  const intervals = rowsOf(table).map((row) => wilsonInterval(row.count, row.total, level));
  const outcomes = table.getColumn("outcome").toArray() as Outcome[];
  return table.select(...by, "outcome", "count", "total").withColumns(
    pl.Series("label", outcomes.map((outcome) => OUTCOME_LABELS[outcome]), pl.Utf8),
    pl.Series("share", intervals.map((interval) => interval.estimate), pl.Float64),
    pl.Series("lower", intervals.map((interval) => interval.lower), pl.Float64),
    pl.Series("upper", intervals.map((interval) => interval.upper), pl.Float64),
    pl.Series("reported", outcomes.map((outcome) => REPORTED_FREQUENCIES[outcome]), pl.Float64),
  ).select(...by, "outcome", "label", "count", "total", "share", "lower", "upper", "reported");
}

function rowsOf(table: pl.DataFrame): { count: number; total: number }[] {
  const counts = table.getColumn("count").toArray().map(Number);
  const totals = table.getColumn("total").toArray().map(Number);
  return counts.map((count, i) => ({ count, total: totals[i] }));
}

/** Outcome classes that the report gives a number for (optimal 1/8, one pair 1/3, all grey 1/3). */
export const REPORTED_OUTCOMES: readonly Outcome[] = OUTCOMES.filter((outcome) =>
  REPORTED_FREQUENCIES[outcome] !== null
);

/**
 * Returns the Euclidean distance between `shares` and the report's
 * frequencies over `REPORTED_OUTCOMES`, the classes it gives a number for.
 * Two pairs ("occasionally") and "other" (not mentioned) have no number, so
 * they do not enter. 0 means the three shares match the report exactly.
 *
 * @param shares share of networks per class, each in [0, 1]
 */
export function reportDistance(shares: Partial<Record<Outcome, number>>): number {
  let sum = 0;
  for (const outcome of REPORTED_OUTCOMES) {
    const share = shares[outcome];
    if (share === undefined || !(share >= 0 && share <= 1)) {
      throw new RangeError(`share of ${outcome} must be a number in [0, 1], got ${share}`);
    }
    sum += (share - REPORTED_FREQUENCIES[outcome]!) ** 2;
  }
  return Math.sqrt(sum);
}

/**
 * Cross-tabulates `frame`: one row per value of `rowColumn` (in
 * `OUTCOMES` order when the values are outcome classes, else ascending),
 * one count column per outcome class of `column` (default "outcome"), and
 * `total`. With `shares`, the class columns hold the share of the row's
 * total instead of counts.
 */
export function outcomeCrossTable(
  frame: pl.DataFrame,
  rowColumn: string,
  options: { column?: string; shares?: boolean } = {},
): pl.DataFrame {
  const column = options.column ?? "outcome";
  const renamed = column === "outcome" ? frame.select(rowColumn, "outcome") : frame.select(
    pl.col(rowColumn),
    pl.col(column).alias("outcome"),
  );
  const counts = outcomeCounts(renamed, [rowColumn]);
  const values = [...new Set(counts.getColumn(rowColumn).toArray())];
  const isOutcome = values.every((value) => OUTCOMES.includes(value as Outcome));
  values.sort((a, b) =>
    isOutcome
      ? OUTCOMES.indexOf(a as Outcome) - OUTCOMES.indexOf(b as Outcome)
      : (a as number) < (b as number)
      ? -1
      : (a as number) > (b as number)
      ? 1
      : 0
  );

  const records = counts.toRecords();
  const rows = values.map((value) => {
    const cells = records.filter((record) => record[rowColumn] === value);
    const total = Number(cells[0].total);
    const entries = OUTCOMES.map((outcome) => {
      const count = Number(cells.find((cell) => cell.outcome === outcome)!.count);
      return [outcome, options.shares ? count / total : count];
    });
    return { [rowColumn]: value, ...Object.fromEntries(entries), total };
  });
  return pl.DataFrame(rows).select(rowColumn, ...OUTCOMES, "total")
    .withColumns(pl.col(rowColumn).cast(frame.getColumn(rowColumn).dtype));
}
