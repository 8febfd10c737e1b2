/**
 * End-to-end test: runs every notebook of a copy of the repository with the real Deno kernel,
 * then checks the executed notebooks and the figure files they wrote.
 */

import assert from "node:assert/strict";
import { cpSync, existsSync } from "node:fs";
import { join } from "node:path";
import { Random } from "../lib/random.ts";
import { runnerCommand } from "./figures.ts";
import { writeKernelSpec } from "./kernel.ts";
import { pythonPath, REPO_ROOT } from "./setup.ts";
import { codeCell, errorOutputs, markdownCell, readNotebook, writeNotebook } from "./testdata/notebook.ts";

/** Upper bound for one run of all notebooks, well above the 5 minutes the figures task aims at on 2 cores. */
const RUN_TIMEOUT_MS = 20 * 60_000;

/** Size budget of one executed notebook, including its outputs. */
const MAX_NOTEBOOK_BYTES = 2 * 1024 * 1024;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Parses SVG files with Python's XML parser and prints, per file, the root tag, width and height. */
const SVG_PARSER = `
import json, sys, xml.etree.ElementTree as ElementTree
result = {}
for path in sys.argv[1:]:
    try:
        root = ElementTree.parse(path).getroot()
        result[path] = {"tag": root.tag, "width": root.get("width"), "height": root.get("height")}
    except ElementTree.ParseError as error:
        result[path] = {"error": str(error)}
print(json.dumps(result))
`;

interface SvgFacts {
  tag?: string;
  width?: string | null;
  height?: string | null;
  error?: string;
}

/** Copies the files a clone has (lib, tools, notebooks, deno.json, deno.lock) to a temporary folder. */
async function copyRepository(): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "notebooks_test_" });
  for (const name of ["lib", "tools", "notebooks", "deno.json", "deno.lock"]) {
    const source = join(REPO_ROOT, name);
    if (existsSync(source)) cpSync(source, join(root, name), { recursive: true });
  }
  await Deno.mkdir(join(root, "notebooks"), { recursive: true });
  await writeKernelSpec(join(root, ".jupyter"));
  return root;
}

/** Runs the notebooks of the copy at `root`, showing the runner's progress live while collecting it. */
async function runNotebooks(root: string, notebooks: string[]): Promise<{ code: number; stderr: string }> {
  const child = runnerCommand(notebooks, {
    repoRoot: root,
    piped: true,
    signal: AbortSignal.timeout(RUN_TIMEOUT_MS),
  }).spawn();
  const stdout = new Response(child.stdout).arrayBuffer();

  let stderr = "";
  const decoder = new TextDecoder();
  for await (const chunk of child.stderr) {
    await Deno.stderr.write(chunk);
    stderr += decoder.decode(chunk, { stream: true });
  }
  await stdout;
  const status = await child.status;
  return { code: status.code, stderr };
}

async function listFiles(folder: string, extension: string): Promise<string[]> {
  if (!existsSync(folder)) return [];
  const names: string[] = [];
  for await (const entry of Deno.readDir(folder)) {
    if (entry.isFile && entry.name.endsWith(extension)) names.push(entry.name);
  }
  return names.sort();
}

/** Returns the PNG's width and height after checking its signature and chunk layout. */
function pngSize(bytes: Uint8Array, name: string): { width: number; height: number } {
  assert.deepEqual([...bytes.subarray(0, 8)], PNG_SIGNATURE, `${name}: invalid PNG signature`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunkType = (offset: number) => new TextDecoder().decode(bytes.subarray(offset + 4, offset + 8));
  assert.equal(chunkType(8), "IHDR", `${name}: first chunk should be IHDR`);

  let offset = 8;
  let lastType = "";
  while (offset + 12 <= bytes.length) {
    lastType = chunkType(offset);
    offset += 12 + view.getUint32(offset);
  }
  assert.equal(offset, bytes.length, `${name}: chunk lengths should add up to the file size`);
  assert.equal(lastType, "IEND", `${name}: last chunk should be IEND`);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

async function parseSvgs(paths: string[]): Promise<Record<string, SvgFacts>> {
  const output = await new Deno.Command(pythonPath(), { args: ["-c", SVG_PARSER, ...paths], stdin: "null" })
    .output();
  assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
  return JSON.parse(new TextDecoder().decode(output.stdout));
}

Deno.test({
  name: "notebooks run cleanly and write valid figures",
  fn: async (t) => {
    const root = await copyRepository();
    const passed: boolean[] = [];

    passed.push(
      await t.step("smoke notebook imports lib and deno.json packages", async () => {
        const pinnedVegaLite =
          JSON.parse(await Deno.readTextFile(join(root, "deno.json"))).imports["vega-lite"];
        await Deno.mkdir(join(root, "smoke"));
        const path = join(root, "smoke", "smoke.ipynb");
        await writeNotebook(path, [
          markdownCell("# Smoke test"),
          codeCell('import { Random } from "../lib/random.ts";\nnew Random(7).uniform()'),
          codeCell('const vegaLite = await import("vega-lite");\nvegaLite.version'),
        ]);

        const run = await runNotebooks(root, [path]);

        assert.equal(run.code, 0, run.stderr);
        const cells = (await readNotebook(path)).cells;
        assert.deepEqual(cells[1].outputs?.[0].data, { "text/plain": String(new Random(7).uniform()) });
        assert.deepEqual(cells[2].outputs?.[0].data, {
          "text/plain": JSON.stringify(pinnedVegaLite.split("@").pop()),
        });
      }),
    );

    const notebooks = await listFiles(join(root, "notebooks"), ".ipynb");

    passed.push(
      await t.step(`runner executes ${notebooks.length} notebooks`, async () => {
        const run = await runNotebooks(root, []);
        assert.equal(run.code, 0, `runner failed in ${root}:\n${run.stderr}`);
        assert.match(run.stderr, new RegExp(`ran ${notebooks.length} notebooks`));
      }),
    );

    passed.push(
      await t.step("executed notebooks contain no errors", async () => {
        for (const name of notebooks) {
          const path = join(root, "notebooks", name);
          const notebook = await readNotebook(path);
          assert.deepEqual(errorOutputs(notebook), [], `${name} has error outputs`);
          assert.equal((notebook.metadata.kernelspec as { name: string }).name, "deno-autoencoders", name);
          const size = (await Deno.stat(path)).size;
          assert.ok(size <= MAX_NOTEBOOK_BYTES, `${name} is ${size} bytes, above ${MAX_NOTEBOOK_BYTES}`);
        }
      }),
    );

    passed.push(
      await t.step("figures are valid SVG and PNG pairs", async () => {
        const figures = join(root, "figures");
        const svgs = await listFiles(figures, ".svg");
        const pngs = await listFiles(figures, ".png");
        assert.deepEqual(
          pngs.map((name) => name.replace(/\.png$/, "")),
          svgs.map((name) => name.replace(/\.svg$/, "")),
          "every figure should exist as both .svg and .png",
        );

        const facts = await parseSvgs(svgs.map((name) => join(figures, name)));
        for (const name of svgs) {
          const text = await Deno.readTextFile(join(figures, name));
          assert.ok(/^(<\?xml|<svg)/.test(text), `${name} should start with <svg or an XML declaration`);
          const svg = facts[join(figures, name)];
          assert.equal(svg.error, undefined, `${name} is not well-formed XML`);
          assert.equal(svg.tag, "{http://www.w3.org/2000/svg}svg", `${name}: root element`);
          assert.ok(parseFloat(svg.width ?? "") > 0, `${name}: width ${svg.width}`);
          assert.ok(parseFloat(svg.height ?? "") > 0, `${name}: height ${svg.height}`);
        }

        for (const name of pngs) {
          const { width, height } = pngSize(await Deno.readFile(join(figures, name)), name);
          assert.ok(width > 0, `${name}: width ${width}`);
          assert.ok(height > 0, `${name}: height ${height}`);
        }
      }),
    );

    // A failed run leaves the copy in place, so the paths in the messages stay inspectable.
    if (passed.every(Boolean)) await Deno.remove(root, { recursive: true });
  },
});
