import assert from "node:assert/strict";
import pl from "nodejs-polars";
import {
  assertFigureName,
  JUPYTER_DISPLAY,
  OUTPUT_ROOT_VARIABLE,
  outputRoot,
  projectRoot,
  renderPng,
  renderSvg,
  showChart,
  showHtml,
  showMarkdown,
  showTable,
  type VegaLiteSpec,
  writeDataFile,
  writeFileAtomic,
} from "./display.ts";

const SPEC: VegaLiteSpec = {
  $schema: "https://vega.github.io/schema/vega-lite/v5.json",
  title: "Probe chart",
  data: { values: [{ x: 1, y: 2 }, { x: 2, y: 3 }] },
  mark: "line",
  encoding: {
    x: { field: "x", type: "quantitative", title: "epoch" },
    y: { field: "y", type: "quantitative", title: "loss" },
  },
  config: { font: "DejaVu Sans" },
};

async function withTempRoot(body: (root: string) => Promise<void>): Promise<void> {
  const root = await Deno.makeTempDir({ prefix: "display_test_" });
  try {
    await body(root);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

async function listFiles(folder: string): Promise<string[]> {
  const names = [];
  for await (const entry of Deno.readDir(folder)) names.push(entry.name);
  return names.sort();
}

Deno.test("projectRoot walks up to deno.json", async () => {
  await withTempRoot(async (root) => {
    await Deno.writeTextFile(`${root}/deno.json`, "{}");
    await Deno.mkdir(`${root}/notebooks/deep`, { recursive: true });
    assert.equal(projectRoot(`${root}/notebooks/deep`), root);
    assert.equal(projectRoot(`${root}/notebooks/`), root);
    assert.equal(projectRoot(root), root);
  });
});

Deno.test("projectRoot throws without deno.json", async () => {
  await withTempRoot((root) => {
    assert.throws(() => projectRoot(root), /project root not found: no deno.json in/);
    return Promise.resolve();
  });
});

Deno.test("outputRoot follows the environment variable", () => {
  const previous = Deno.env.get(OUTPUT_ROOT_VARIABLE);
  try {
    Deno.env.set(OUTPUT_ROOT_VARIABLE, "/tmp/somewhere");
    assert.equal(outputRoot(), "/tmp/somewhere");
    Deno.env.delete(OUTPUT_ROOT_VARIABLE);
    assert.equal(outputRoot(), projectRoot());
  } finally {
    if (previous === undefined) Deno.env.delete(OUTPUT_ROOT_VARIABLE);
    else Deno.env.set(OUTPUT_ROOT_VARIABLE, previous);
  }
});

Deno.test("figure names follow the convention", () => {
  for (const name of ["fig01-training-images", "fig11a-bottleneck-means", "x03-roc-32x32"]) {
    assert.doesNotThrow(() => assertFigureName(name), name);
  }
  for (
    const name of ["fig1-images", "Fig01-images", "fig01", "fig01_images", "x1-a", "../fig01-a", "fig01-a/b"]
  ) {
    assert.throws(() => assertFigureName(name), /invalid figure name .*use "figNN-slug"/, name);
  }
});

Deno.test("renderSvg contains title and axis text", async () => {
  const svg = await renderSvg(SPEC);
  assert.ok(svg.startsWith("<svg"));
  assert.match(svg, /Probe chart/);
  assert.match(svg, />epoch</);
  assert.match(svg, />loss</);
  assert.match(svg, /font-family="DejaVu Sans"/);
});

Deno.test("renderSvg and renderPng are deterministic", async () => {
  const clipped: VegaLiteSpec = { ...SPEC, mark: { type: "line", clip: true } };
  await renderSvg(clipped);
  const first = await renderSvg(clipped);
  const second = await renderSvg(clipped);
  assert.equal(first, second);
  assert.deepEqual(await renderPng(first), await renderPng(second));
});

Deno.test("renderPng scales the SVG size", async () => {
  const svg = await renderSvg(SPEC);
  const width = Number(svg.match(/width="(\d+)"/)![1]);
  const png = await renderPng(svg, 2);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  assert.deepEqual([...png.subarray(1, 4)], [80, 78, 71]);
  assert.equal(view.getUint32(16), 2 * width);
  await assert.rejects(() => renderPng(svg, 0), /PNG scale must be a positive number/);
});

Deno.test("showChart bundle has vega-lite and SVG", async () => {
  const chart = await showChart(SPEC);
  const bundle = chart[JUPYTER_DISPLAY]();
  assert.deepEqual(Object.keys(bundle).sort(), ["application/vnd.vegalite.v5+json", "image/svg+xml"]);
  assert.equal(bundle["application/vnd.vegalite.v5+json"], SPEC);
  assert.equal(bundle["image/svg+xml"], chart.svg);
});

Deno.test("showChart writes SVG and PNG files", async () => {
  await withTempRoot(async (root) => {
    const chart = await showChart(SPEC, "x99-probe", { root });
    assert.deepEqual(await listFiles(`${root}/figures`), ["x99-probe.png", "x99-probe.svg"]);
    assert.equal(await Deno.readTextFile(`${root}/figures/x99-probe.svg`), chart.svg);
    const png = await Deno.readFile(`${root}/figures/x99-probe.png`);
    assert.deepEqual(png, await renderPng(chart.svg, 2));

    await showChart(SPEC, "x99-probe", { root });
    assert.deepEqual(await Deno.readFile(`${root}/figures/x99-probe.png`), png);
  });
});

Deno.test("showChart rejects bad names before writing", async () => {
  await withTempRoot(async (root) => {
    await assert.rejects(() => showChart(SPEC, "figure one", { root }), RangeError);
    assert.deepEqual(await listFiles(root), []);
  });
});

Deno.test("writeFileAtomic leaves no temporary file on error", async () => {
  await withTempRoot(async (root) => {
    await Deno.mkdir(`${root}/target`);
    // Renaming a file over a non-empty folder fails after the temporary file was written.
    await Deno.writeTextFile(`${root}/target/keep`, "x");
    await assert.rejects(() => writeFileAtomic(`${root}/target`, "new content"));
    assert.deepEqual(await listFiles(root), ["target"]);

    await writeFileAtomic(`${root}/sub/file.txt`, "hello");
    assert.equal(await Deno.readTextFile(`${root}/sub/file.txt`), "hello");
    assert.deepEqual(await listFiles(`${root}/sub`), ["file.txt"]);
  });
});

Deno.test("writeDataFile validates the name", async () => {
  await withTempRoot(async (root) => {
    const path = await writeDataFile("runs.parquet", Uint8Array.from([1, 2, 3]), { root });
    assert.equal(path, `${root}/data/runs.parquet`);
    assert.deepEqual(await Deno.readFile(path), Uint8Array.from([1, 2, 3]));
    for (const name of ["runs", "../runs.csv", "Runs.csv", "a/b.csv", ".hidden.csv"]) {
      await assert.rejects(() => writeDataFile(name, "x", { root }), /invalid data file name/, name);
    }
    assert.deepEqual(await listFiles(`${root}/data`), ["runs.parquet"]);
  });
});

Deno.test("showTable formats floats with digits", async () => {
  const df = pl.DataFrame({ seed: [1, 2, 3], loss: [0.5, 1 / 3, -0.00001], label: ["a", "<b>", null] });
  const bundle = (await showTable(df, undefined, { digits: 3 }))[JUPYTER_DISPLAY]();
  const html = bundle["text/html"] as string;
  assert.match(html, /<th style="text-align: right">seed<\/th>/);
  assert.match(html, /<td style="text-align: right">1<\/td>/);
  assert.match(html, />0.333</);
  assert.match(html, />0.000</);
  assert.doesNotMatch(html, /-0.000/);
  assert.match(html, />&lt;b&gt;</);
  assert.match(html, />null</);
  assert.match(html, /3 rows × 3 columns/);
  const text = bundle["text/plain"] as string;
  assert.equal(text.split("\n")[0], "seed   loss  label");
  assert.equal(text.split("\n")[3], "   2  0.333  <b>");
});

Deno.test("showTable elides middle rows", async () => {
  const df = pl.DataFrame({ i: [...Array(100).keys()] });
  const bundle = (await showTable(df, undefined, { maxRows: 6 }))[JUPYTER_DISPLAY]();
  const cells = [...(bundle["text/html"] as string).matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
  assert.deepEqual(cells, ["0", "1", "2", "…", "97", "98", "99"]);
});

Deno.test("showTable writes CSV and validates options", async () => {
  await withTempRoot(async (root) => {
    const df = pl.DataFrame({ a: [1.5, 2.25], b: ["x", "y"] });
    await showTable(df, "x01-probe", { root });
    assert.equal(await Deno.readTextFile(`${root}/data/x01-probe.csv`), "a,b\n1.5,x\n2.25,y\n");
    await assert.rejects(() => showTable(df, "bad name", { root }), /invalid table name/);
    await assert.rejects(
      () => showTable(df, "ok", { root, digits: -1 }),
      /digits must be an integer in 0..15, got -1/,
    );
    assert.deepEqual(await listFiles(`${root}/data`), ["x01-probe.csv"]);
  });
});

Deno.test("showMarkdown and showHtml bundles", () => {
  assert.deepEqual(showMarkdown("# Title")[JUPYTER_DISPLAY](), {
    "text/markdown": "# Title",
    "text/plain": "# Title",
  });
  assert.deepEqual(showHtml("<b>x</b>")[JUPYTER_DISPLAY](), { "text/html": "<b>x</b>" });
  assert.deepEqual(showHtml("<b>x</b>", "x")[JUPYTER_DISPLAY](), {
    "text/html": "<b>x</b>",
    "text/plain": "x",
  });
});

Deno.test("progressBar writes lines to stderr outside Jupyter", async () => {
  const script = `
    import { progressBar } from ${JSON.stringify(new URL("./display.ts", import.meta.url).href)};
    const progress = progressBar("training");
    await progress.update(0.5, "epoch 1/2");
    await progress.update(1, "epoch 2/2");
    await progress.done("2 epochs, loss 0.0123");
    let threw = false;
    try { await progress.update(1.5); } catch (error) { threw = error instanceof RangeError; }
    console.log(threw ? "rejected 1.5" : "accepted 1.5");
  `;
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["eval", script],
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
  const lines = new TextDecoder().decode(output.stderr).trimEnd().split("\n");
  // The second update comes within the 5 s interval for non-terminal output, so it is skipped.
  assert.equal(lines.length, 2);
  assert.match(lines[0], /^training █{10}·{10} {2}50% epoch 1\/2 \(\d+\.\d s\)$/);
  assert.match(lines[1], /^training: 2 epochs, loss 0.0123 \(\d+\.\d s\)$/);
  assert.equal(new TextDecoder().decode(output.stdout).trim(), "rejected 1.5");
});
