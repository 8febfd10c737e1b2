/**
 * Builders for small nbformat 4.5 notebooks that the runner tests write to temporary folders.
 */

import { KERNEL_DISPLAY_NAME, KERNEL_NAME } from "../kernel.ts";

/** One output of a code cell, as stored in an .ipynb file. */
export type Output = Record<string, unknown> & { output_type: string };

/** One notebook cell, as stored in an .ipynb file. */
export interface Cell {
  cell_type: "code" | "markdown";
  id: string;
  metadata: { tags?: string[] };
  source: string;
  outputs?: Output[];
  execution_count?: number | null;
}

/** Notebook content, as stored in an .ipynb file. */
export interface Notebook {
  cells: Cell[];
  metadata: Record<string, unknown>;
  nbformat: number;
  nbformat_minor: number;
}

let nextId = 0;

/** Builds a code cell whose `tags` become `metadata.tags` and whose stored outputs are `outputs`. */
export function codeCell(source: string, tags: string[] = [], outputs: Output[] = []): Cell {
  nextId += 1;
  const metadata = tags.length > 0 ? { tags } : {};
  return { cell_type: "code", id: `test-${nextId}`, metadata, source, outputs, execution_count: null };
}

/** Builds a markdown cell. */
export function markdownCell(source: string): Cell {
  nextId += 1;
  return { cell_type: "markdown", id: `test-${nextId}`, metadata: {}, source };
}

/** Writes a notebook with the given cells and the project's kernel spec to `path`. */
export async function writeNotebook(path: string, cells: Cell[]): Promise<void> {
  const notebook: Notebook = {
    cells,
    metadata: {
      kernelspec: { name: KERNEL_NAME, display_name: KERNEL_DISPLAY_NAME, language: "typescript" },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
  await Deno.writeTextFile(path, JSON.stringify(notebook, null, 1) + "\n");
}

/** Reads a notebook file and joins the string arrays that nbformat stores for `source`, `text` and text MIME data. */
export async function readNotebook(path: string): Promise<Notebook> {
  const notebook = JSON.parse(await Deno.readTextFile(path)) as Notebook;
  for (const cell of notebook.cells) {
    cell.source = joinText(cell.source);
    for (const output of cell.outputs ?? []) {
      if ("text" in output) output.text = joinText(output.text);
      const data = output.data as Record<string, unknown> | undefined;
      for (const [mimeType, value] of Object.entries(data ?? {})) {
        if (Array.isArray(value)) data![mimeType] = joinText(value);
      }
    }
  }
  return notebook;
}

/** Returns every error output of the notebook's code cells. */
export function errorOutputs(notebook: Notebook): Output[] {
  return notebook.cells.flatMap((cell) => cell.outputs ?? []).filter((output) =>
    output.output_type === "error"
  );
}

function joinText(text: unknown): string {
  return Array.isArray(text) ? text.join("") : String(text);
}
