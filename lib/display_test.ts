import assert from "node:assert/strict";
import { listFiles, withTempRoot } from "./display/testing.ts";
import { JUPYTER_DISPLAY, renderPng, renderSvg, showChart, type VegaLiteSpec } from "./display.ts";

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
  await assert.rejects(
    () => renderPng(svg, 0),
    /PNG scale must be a number of pixels per SVG pixel in \(0, 8\], got 0/,
  );
  await assert.rejects(() => renderPng(svg, 1e6), /got 1000000/);
  await assert.rejects(() => renderPng(svg, Number.NaN), /got NaN/);
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
