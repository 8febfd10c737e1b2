import assert from "node:assert/strict";
import { join } from "node:path";
import { runnerCommand } from "./figures.ts";
import { writeKernelSpec } from "./kernel.ts";
import { type Cell, codeCell, markdownCell, readNotebook, writeNotebook } from "./testdata/notebook.ts";

/** A throwaway project folder: `<root>/notebooks/` and a kernel spec in `<root>/.jupyter`. */
interface Scratch {
  root: string;
  notebooks: string;
  jupyterPath: string;
}

/** Parent of every scratch folder of this file, removed when the test process exits. */
const scratchParent = Deno.makeTempDirSync({ prefix: "runner_test_" });
globalThis.addEventListener("unload", () => Deno.removeSync(scratchParent, { recursive: true }));

async function makeScratch(): Promise<Scratch> {
  const root = await Deno.makeTempDir({ dir: scratchParent });
  const notebooks = join(root, "notebooks");
  await Deno.mkdir(notebooks);
  const jupyterPath = join(root, ".jupyter");
  await writeKernelSpec(jupyterPath);
  return { root, notebooks, jupyterPath };
}

async function runRunner(
  scratch: Scratch,
  paths: string[],
  args: string[] = [],
): Promise<{ code: number; stderr: string }> {
  const output = await runnerCommand(paths, { jupyterPath: scratch.jupyterPath, piped: true, args }).output();
  return { code: output.code, stderr: new TextDecoder().decode(output.stderr) };
}

async function notebookWith(scratch: Scratch, name: string, cells: Cell[]): Promise<string> {
  const path = join(scratch.notebooks, name);
  await writeNotebook(path, cells);
  return path;
}

function outputTypes(cell: Cell): string[] {
  return (cell.outputs ?? []).map((output) => output.output_type);
}

Deno.test("runner captures results, displays and streams", async () => {
  const scratch = await makeScratch();
  await Deno.writeTextFile(join(scratch.root, "marker.txt"), "found from the notebook folder");
  const path = await notebookWith(scratch, "outputs.ipynb", [
    markdownCell("# Outputs"),
    codeCell("const answer = 6 * 7;\nanswer"),
    codeCell(
      'await Deno.jupyter.display({ "text/html": "<b>shown</b>", "text/plain": "shown" }, { raw: true });',
    ),
    codeCell("for (let i = 0; i < 50; i++) console.log(i);"),
    codeCell("const quiet = 1;"),
    codeCell('Deno.readTextFileSync("../marker.txt")'),
  ]);

  const run = await runRunner(scratch, [path]);

  assert.equal(run.code, 0, run.stderr);
  const cells = (await readNotebook(path)).cells;
  assert.deepEqual(cells[1].outputs?.[0].data, { "text/plain": "42" });
  assert.deepEqual(outputTypes(cells[2]), ["display_data"]);
  assert.deepEqual(cells[2].outputs?.[0].data, { "text/html": "<b>shown</b>", "text/plain": "shown" });
  assert.deepEqual(outputTypes(cells[3]), ["stream"], "50 console.log lines should merge into one output");
  assert.equal(cells[3].outputs?.[0].text, Array.from({ length: 50 }, (_, i) => `${i}\n`).join(""));
  assert.deepEqual(cells[4].outputs, []);
  assert.deepEqual(cells[5].outputs?.[0].data, { "text/plain": '"found from the notebook folder"' });
  assert.deepEqual(cells.slice(1).map((cell) => cell.execution_count), [1, 2, 3, 4, 5]);
  assert.ok(cells.every((cell) => !("execution" in cell.metadata)), "timing metadata should be removed");
  assert.match(run.stderr, /cell 6 \(5\/5\): Deno\.readTextFileSync.* \d+\.\d\d s/);
});

Deno.test("runner keeps results that arrive after idle", async () => {
  // The Deno 2.9.6 kernel sends `status: idle` before the result in roughly 1 cell of 10.
  const scratch = await makeScratch();
  const cells = Array.from({ length: 40 }, (_, i) => codeCell(`${i} * 2`));
  const path = await notebookWith(scratch, "race.ipynb", cells);

  const run = await runRunner(scratch, [path]);

  assert.equal(run.code, 0, run.stderr);
  const results = (await readNotebook(path)).cells.map((cell) => cell.outputs?.[0]?.data);
  assert.deepEqual(results, cells.map((_, i) => ({ "text/plain": String(i * 2) })));
});

Deno.test("runner rerun leaves notebook byte-identical", async () => {
  const scratch = await makeScratch();
  const path = await notebookWith(scratch, "rerun.ipynb", [
    codeCell("const values = [3, 1, 2].sort();\nvalues"),
    codeCell(
      'await Deno.jupyter.display({ "image/svg+xml": "<svg/>", "text/plain": "svg" }, { raw: true });',
    ),
    codeCell('console.log("a"); console.error("b"); console.log("c");'),
  ]);

  const first = await runRunner(scratch, [path]);
  const afterFirst = await Deno.readFile(path);
  const second = await runRunner(scratch, [path]);
  const afterSecond = await Deno.readFile(path);

  assert.equal(first.code, 0, first.stderr);
  assert.equal(second.code, 0, second.stderr);
  assert.match(first.stderr, /rerun\.ipynb: updated/);
  assert.match(second.stderr, /rerun\.ipynb: unchanged/);
  assert.deepEqual(afterSecond, afterFirst);
});

Deno.test("runner stops at failing cell with its location", async () => {
  const scratch = await makeScratch();
  const cells = [
    markdownCell("# Failure"),
    codeCell("const base = 1;"),
    codeCell(
      "function check(a: number) {\n  if (a > 1) throw new RangeError(`a=${a} is above 1`);\n}\ncheck(base + 2);",
    ),
    codeCell("const after = 2;"),
  ];
  const path = await notebookWith(scratch, "fail.ipynb", cells);
  const before = await Deno.readFile(path);

  const run = await runRunner(scratch, [path]);

  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stderr, /fail\.ipynb: cell 3, line 4: RangeError: a=3 is above 1/);
  assert.match(run.stderr, />\s+4 \| check\(base \+ 2\);/);
  assert.match(run.stderr, /at check \(<anonymous>:2:\d+\)/);
  assert.doesNotMatch(run.stderr, /cell 4 \(/, "cells after the failure should not run");
  assert.ok(!run.stderr.includes("\x1b["), "the report should contain no ANSI escapes");
  assert.deepEqual(await Deno.readFile(path), before, "a failed notebook should stay unwritten");
});

Deno.test("runner locates syntax errors", async () => {
  const scratch = await makeScratch();
  const path = await notebookWith(scratch, "syntax.ipynb", [
    codeCell("const fine = 1;\nconst broken = 1 +;"),
  ]);

  const run = await runRunner(scratch, [path]);

  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stderr, /syntax\.ipynb: cell 1, line 2: Error: Execution failed: SyntaxError/);
  assert.match(run.stderr, />\s+2 \| const broken = 1 \+;/);
});

Deno.test("runner rejects missing expected output", async (t) => {
  const scratch = await makeScratch();

  await t.step("bare name whose value is undefined", async () => {
    const path = await notebookWith(scratch, "bare.ipynb", [
      codeCell("let unset: number | undefined;\nunset"),
    ]);
    const run = await runRunner(scratch, [path]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /bare\.ipynb: cell 1 produced no output, but one was expected/);
    assert.match(run.stderr, /retrying once with a fresh kernel/);
  });

  await t.step("cell that had outputs before the run", async () => {
    const stale = [{ output_type: "stream", name: "stdout", text: "old\n" }];
    const path = await notebookWith(scratch, "stale.ipynb", [codeCell("const silent = 1;", [], stale)]);
    const run = await runRunner(scratch, [path]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /stale\.ipynb: cell 1 produced no output/);
  });

  await t.step("cell tagged expect-output", async () => {
    const path = await notebookWith(scratch, "tagged.ipynb", [
      codeCell("const nothing = 1;", ["expect-output"]),
    ]);
    const run = await runRunner(scratch, [path]);
    assert.equal(run.code, 1, run.stderr);
  });

  await t.step("tag no-output accepts the silent cell", async () => {
    const stale = [{ output_type: "stream", name: "stdout", text: "old\n" }];
    const path = await notebookWith(scratch, "allowed.ipynb", [
      codeCell("let none;\nnone", ["no-output"], stale),
    ]);
    const run = await runRunner(scratch, [path]);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual((await readNotebook(path)).cells[0].outputs, []);
  });
});

Deno.test("runner stops a cell at the timeout", async () => {
  const scratch = await makeScratch();
  const path = await notebookWith(scratch, "slow.ipynb", [
    codeCell("await new Promise((resolve) => setTimeout(resolve, 30_000));"),
  ]);
  const started = Date.now();

  const run = await runRunner(scratch, [path], ["--timeout", "2"]);

  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stderr, /slow\.ipynb: a cell timed out after 2 s/);
  assert.ok(Date.now() - started < 25_000, "the runner should not wait for the cell to finish");
});

Deno.test("runner runs only the selected notebook", async () => {
  const scratch = await makeScratch();
  const selected = await notebookWith(scratch, "01-selected.ipynb", [codeCell('"ran"')]);
  const other = await notebookWith(scratch, "02-other.ipynb", [codeCell('"ran too"')]);
  const otherBefore = await Deno.readFile(other);

  const run = await runRunner(scratch, [selected]);

  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual((await readNotebook(selected)).cells[0].outputs?.[0].data, { "text/plain": '"ran"' });
  assert.deepEqual(await Deno.readFile(other), otherBefore);
  assert.doesNotMatch(run.stderr, /02-other/);
  assert.match(run.stderr, /ran 1 notebooks/);
});

Deno.test("runner rejects a path that is not a notebook", async () => {
  const scratch = await makeScratch();

  const run = await runRunner(scratch, [join(scratch.notebooks, "missing.ipynb")]);

  assert.equal(run.code, 2, run.stderr);
  assert.match(run.stderr, /missing\.ipynb is not a notebook file/);
});

Deno.test("runner reports a missing kernel spec", async () => {
  const scratch = await makeScratch();
  const path = await notebookWith(scratch, "any.ipynb", [codeCell("1")]);
  const emptyJupyterPath = await Deno.makeTempDir({ dir: scratchParent });

  const run = await runRunner({ ...scratch, jupyterPath: emptyJupyterPath }, [path]);

  assert.equal(run.code, 2, run.stderr);
  assert.match(run.stderr, /kernel spec deno-autoencoders not found/);
  assert.match(run.stderr, /deno run -A tools\/setup\.ts/);
});
