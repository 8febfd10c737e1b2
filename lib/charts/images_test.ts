import assert from "node:assert/strict";
import { inflateSync } from "node:zlib";
import { Resvg } from "@resvg/resvg-js";
import { viridisHex, viridisRgb } from "../colormap.ts";
import { lineImages, twoByTwoImages } from "../datasets.ts";
import { imageGrid, imagePairs, imageRows } from "./images.ts";
import { allLayers, compileAndRender, valuesOf } from "./testing.ts";

/** Decodes the pixels of a PNG data URL written by lib/png.ts (filter type 0 on every row). */
function decodeDataUrl(url: string): { width: number; height: number; rgb: Uint8Array } {
  const png = Uint8Array.from(atob(url.slice("data:image/png;base64,".length)), (c) => c.charCodeAt(0));
  const view = new DataView(png.buffer);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  const idatLength = view.getUint32(33);
  const raw = new Uint8Array(inflateSync(png.subarray(41, 41 + idatLength)));
  const rgb = new Uint8Array(width * height * 3);
  for (let row = 0; row < height; row++) {
    rgb.set(raw.subarray(row * (3 * width + 1) + 1, (row + 1) * (3 * width + 1)), row * 3 * width);
  }
  return { width, height, rgb };
}

Deno.test("imageGrid draws 2x2 images as rects", async () => {
  const set = twoByTwoImages();
  const spec = imageGrid({ images: set.images, size: 2, labels: ["0011", "1010", "1100", "0101"] });
  const [pixels, labels] = allLayers(spec);
  assert.equal((pixels.mark as { type: string }).type, "rect");
  const rects = valuesOf(pixels);
  assert.equal(rects.length, 16);
  // Image 0011: the upper pixels are 0 (dark purple), the lower ones 1 (yellow).
  assert.deepEqual(rects.slice(0, 4).map((rect) => rect.colour), [
    "#440154",
    "#440154",
    "#fde725",
    "#fde725",
  ]);
  assert.deepEqual(valuesOf(labels).map((label) => label.text), ["0011", "1010", "1100", "0101"]);

  const { svg, warnings } = await compileAndRender(spec);
  assert.deepEqual(warnings, []);
  assert.equal(svg.match(/<path[^>]*fill="#fde725"/g)?.length, 8);
  assert.match(svg, />1010</);
});

Deno.test("imageGrid embeds 32x32 images as PNG", async () => {
  const set = lineImages({ count: 3, size: 32, seed: 5 });
  const spec = imageGrid({ images: set.images, size: 32, columns: 3, cellSize: 64 });
  const [pixels] = allLayers(spec);
  assert.equal((pixels.mark as { type: string }).type, "image");
  const urls = valuesOf(pixels).map((image) => image.url as string);
  assert.equal(urls.length, 3);

  const decoded = decodeDataUrl(urls[1]);
  assert.equal(decoded.width, 32);
  assert.equal(decoded.height, 32);
  for (const p of [0, 100, 517, 1023]) {
    const expected = viridisRgb(set.images[1024 + p]);
    assert.deepEqual([...decoded.rgb.subarray(3 * p, 3 * p + 3)], expected, `pixel ${p}`);
  }

  const { svg, warnings } = await compileAndRender(spec);
  assert.deepEqual(warnings, []);
  assert.equal(svg.match(/<image /g)?.length, 3);
  assert.equal(
    svg.match(/data:image\/png;base64,/g)?.length,
    3,
    "each data URL appears once, not in aria labels",
  );
  assert.match(svg, /image-rendering: pixelated/);
});

Deno.test("imageGrid PNG images show in resvg", async () => {
  // One all-dark and one all-bright image: the rendered cell centres must have their viridis colours.
  const images = new Float32Array(2 * 1024);
  images.fill(1, 1024);
  const { svg } = await compileAndRender(imageGrid({ images, size: 32, cellSize: 50, gap: 10 }));
  const rendered = new Resvg(svg).render();
  const [, left, top] = svg.match(/translate\((\d+),(\d+)\)/)!.map(Number);
  const pixelAt = (
    x: number,
    y: number,
  ) => [...rendered.pixels.subarray(4 * (y * rendered.width + x), 4 * (y * rendered.width + x) + 3)];
  assert.deepEqual(pixelAt(left + 25, top + 25), viridisRgb(0));
  assert.deepEqual(pixelAt(left + 85, top + 25), viridisRgb(1));
});

Deno.test("imageGrid lays out rows and labels", () => {
  const images = new Float32Array(5 * 16).fill(0.5);
  const spec = imageGrid({ images, size: 4, columns: 2, rowLabels: ["a", "b", "c"], cellSize: 40, gap: 10 });
  const layers = allLayers(spec);
  const rects = valuesOf(layers[0]);
  assert.equal(rects.length, 5 * 16);
  assert.ok(rects.every((rect) => rect.colour === viridisHex(0.5)));
  const rowLabels = valuesOf(layers[1]);
  assert.deepEqual(rowLabels.map((label) => label.text), ["a", "b", "c"]);
  assert.deepEqual(rowLabels.map((label) => label.y), [20, 70, 120]);
  assert.equal(spec.height, 3 * 50 - 10);
});

Deno.test("imageRows interleaves sets per block", () => {
  const inputs = new Float32Array(3 * 4).fill(0);
  const outputs = new Float32Array(3 * 4).fill(1);
  const spec = imageRows({
    sets: [{ label: "input", images: inputs }, { label: "reconstruction", images: outputs }],
    size: 2,
    columns: 2,
    labels: ["A", "B", "C"],
  });
  const [pixels, captions, rowLabels] = allLayers(spec);
  assert.deepEqual(valuesOf(rowLabels).map((label) => label.text), [
    "input",
    "reconstruction",
    "input",
    "reconstruction",
  ]);
  assert.deepEqual(valuesOf(captions).map((caption) => caption.text), ["A", "B", "C"]);
  // Input rows are 64 + 8 (gap) pixels high, output rows 17 more for the captions, and blocks are
  // 8 pixels further apart. Image C starts block 1: its input is in grid row 2, its output in row 3.
  const rects = valuesOf(pixels);
  assert.equal(rects.length, 2 * 3 * 4);
  assert.equal(rects[2 * 4].y, 72 + 89 + 8);
  assert.equal(rects[(3 + 2) * 4].y, 72 + 89 + 8 + 72);
  assert.equal(spec.height, 2 * (72 + 89) + 8 - 8);
  assert.equal(rects[(3 + 2) * 4].x, rects[2 * 4].x);
});

Deno.test("imagePairs labels input and output rows", () => {
  const images = new Float32Array(2 * 4);
  const spec = imagePairs({ inputs: images, outputs: images, size: 2, outputLabel: "heaviside" });
  const rowLabels = allLayers(spec).at(-1)!;
  assert.deepEqual(valuesOf(rowLabels).map((label) => label.text), ["input", "heaviside"]);
});

Deno.test("imageGrid rejects bad input", () => {
  assert.throws(
    () => imageGrid({ images: new Float32Array(10), size: 2 }),
    /whole number of 2x2 images .* got 10/,
  );
  assert.throws(() => imageGrid({ images: [0, NaN, 0, 0], size: 2 }), /images\[1\] is NaN/);
  assert.throws(
    () => imageGrid({ images: new Float32Array(8), size: 2, labels: ["a"] }),
    /labels must have 2 entries, got 1/,
  );
  assert.throws(
    () => imageGrid({ images: new Float32Array(8), size: 0 }),
    /size must be an integer >= 1, got 0/,
  );
  assert.throws(
    () => imageGrid({ images: new Float32Array(4), size: 2, pixels: "svg" as "png" }),
    /pixels must be "auto", "rects" or "png"/,
  );
  assert.throws(
    () =>
      imageRows({
        sets: [{ label: "a", images: new Float32Array(4) }, { label: "b", images: new Float32Array(8) }],
        size: 2,
      }),
    /same number of images, got 1, 2/,
  );
});
