/**
 * nodejs-polars DataFrames as notebook tables: an HTML table with fixed float
 * digits (and aligned plain text), and optionally the full table as CSV.
 */
import type { DataFrame } from "nodejs-polars";
import { type Displayable, escapeHtml, JUPYTER_DISPLAY } from "./bundle.ts";
import { type OutputOptions, TABLE_NAME, writeDataFile } from "./files.ts";

/** Options of `showTable`. */
export interface TableOptions extends OutputOptions {
  /** Decimals shown for non-integer floats; default 4. The CSV file keeps full precision. */
  digits?: number;
  /** Rows shown before the rest is elided as "…"; default 40 (first 20 and last 20). */
  maxRows?: number;
}

/**
 * Returns an object that the kernel displays as an HTML table (and aligned
 * plain text) of `df`, with floats rounded to `digits` decimals. With `name`,
 * also writes the whole table to `data/NAME.csv` under the output root.
 *
 * @throws {RangeError} when `name` does not match `TABLE_NAME` or `digits` is not an integer in 0..15,
 * before writing anything.
 */
export async function showTable(
  df: DataFrame,
  name?: string,
  options: TableOptions = {},
): Promise<Displayable> {
  const digits = options.digits ?? 4;
  const maxRows = options.maxRows ?? 40;
  if (!Number.isInteger(digits) || digits < 0 || digits > 15) {
    throw new RangeError(`digits must be an integer in 0..15, got ${digits}`);
  }
  if (!Number.isInteger(maxRows) || maxRows < 2) {
    throw new RangeError(`maxRows must be an integer of at least 2, got ${maxRows}`);
  }
  if (name !== undefined && !TABLE_NAME.test(name)) {
    throw new RangeError(
      `invalid table name ${
        JSON.stringify(name)
      }: use lowercase letters, digits, "-" and "_", such as "x04-outcomes"`,
    );
  }

  if (name !== undefined) {
    await writeDataFile(`${name}.csv`, new Uint8Array(df.writeCSV()), options);
  }
  const table = formatTable(df, digits, maxRows);
  return {
    [JUPYTER_DISPLAY]: () => ({ "text/html": tableHtml(table), "text/plain": tableText(table) }),
  };
}

/** A table's header and body as display strings; `null` in `rows` marks the elided middle. */
interface FormattedTable {
  header: string[];
  numeric: boolean[];
  rows: (string[] | null)[];
  shape: [number, number];
}

function formatTable(df: DataFrame, digits: number, maxRows: number): FormattedTable {
  const columns = df.getColumns();
  const height = df.height;
  // Row indices to display; -1 marks the elided middle.
  const displayedRows = height <= maxRows ? [...Array(height).keys()] : [
    ...Array(Math.ceil(maxRows / 2)).keys(),
    -1,
    ...Array.from({ length: Math.floor(maxRows / 2) }, (_, i) => height - Math.floor(maxRows / 2) + i),
  ];
  const cells = columns.map((series) => {
    const values = series.toArray() as unknown[];
    const isFloat = series.isFloat();
    const integral = isFloat && values.every((value) => typeof value !== "number" || Number.isInteger(value));
    return displayedRows.map((row) =>
      row < 0 ? "" : formatCell(values[row], isFloat && !integral ? digits : undefined)
    );
  });
  return {
    header: columns.map((series) => series.name),
    numeric: columns.map((series) => series.isNumeric()),
    rows: displayedRows.map((row, i) => row < 0 ? null : cells.map((column) => column[i])),
    shape: [height, columns.length],
  };
}

/** Formats one value: floats with `digits` decimals when given, -0 as 0, null as "null". */
function formatCell(value: unknown, digits: number | undefined): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "NaN";
    if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
    const text = digits === undefined ? String(value) : value.toFixed(digits);
    return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
  }
  return String(value);
}

function tableHtml(table: FormattedTable): string {
  const align = (i: number) => table.numeric[i] ? ` style="text-align: right"` : "";
  const header = table.header.map((name, i) => `<th${align(i)}>${escapeHtml(name)}</th>`).join("");
  const body = table.rows.map((row) =>
    row === null
      ? `<tr><td colspan="${table.header.length}" style="text-align: center">…</td></tr>`
      : `<tr>${row.map((cell, i) => `<td${align(i)}>${escapeHtml(cell)}</td>`).join("")}</tr>`
  );
  const [height, width] = table.shape;
  return `<table class="dataframe">\n<thead><tr>${header}</tr></thead>\n<tbody>\n${
    body.join("\n")
  }\n</tbody>\n</table>\n` +
    `<p><small>${height} rows × ${width} columns</small></p>`;
}

function tableText(table: FormattedTable): string {
  const widths = table.header.map((name, i) =>
    Math.max(name.length, ...table.rows.map((row) => row === null ? 1 : row[i].length))
  );
  const line = (cells: string[]) =>
    cells.map((cell, i) => table.numeric[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i])).join("  ")
      .trimEnd();
  const lines = [line(table.header), line(widths.map((width) => "-".repeat(width)))];
  for (const row of table.rows) lines.push(row === null ? line(widths.map(() => "…")) : line(row));
  const [height, width] = table.shape;
  lines.push(`(${height} rows × ${width} columns)`);
  return lines.join("\n");
}
