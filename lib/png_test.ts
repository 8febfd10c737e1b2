import assert from "node:assert/strict";
import { inflateSync } from "node:zlib";
import { Resvg } from "@resvg/resvg-js";
import { crc32, encodePng, PNG_SIGNATURE, pngDataUrl, type RawImage, upscale } from "./png.ts";

/** Returns a 3x2 RGB test image: red, green and blue above black, white and grey. */
function sample(): RawImage {
  const data = Uint8Array.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 128, 128, 128]);
  return { width: 3, height: 2, channels: 3, data };
}

/** Splits a PNG file into its chunks, checking each CRC. */
function chunks(png: Uint8Array): { type: string; data: Uint8Array }[] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const out = [];
  let offset = 8;
  while (offset < png.length) {
    const length = view.getUint32(offset);
    const type = new TextDecoder().decode(png.subarray(offset + 4, offset + 8));
    const data = png.subarray(offset + 8, offset + 8 + length);
    assert.equal(view.getUint32(offset + 8 + length), crc32(png.subarray(offset + 4, offset + 8 + length)));
    out.push({ type, data });
    offset += 12 + length;
  }
  return out;
}

Deno.test("crc32 matches the standard check value", () => {
  assert.equal(crc32(new TextEncoder().encode("123456789")), 0xcbf43926);
});

Deno.test("encodePng writes signature and IHDR", () => {
  const png = encodePng(sample());
  assert.deepEqual(png.subarray(0, 8), PNG_SIGNATURE);
  const parts = chunks(png);
  assert.deepEqual(parts.map((part) => part.type), ["IHDR", "IDAT", "IEND"]);
  const header = new DataView(parts[0].data.buffer, parts[0].data.byteOffset, 13);
  assert.equal(header.getUint32(0), 3);
  assert.equal(header.getUint32(4), 2);
  assert.deepEqual([...parts[0].data.subarray(8)], [8, 2, 0, 0, 0]);
});

Deno.test("encodePng IDAT inflates to filtered rows", () => {
  const image = sample();
  const parts = chunks(encodePng(image));
  const raw = new Uint8Array(inflateSync(parts[1].data));
  assert.equal(raw.length, 2 * (1 + 9));
  assert.equal(raw[0], 0);
  assert.equal(raw[10], 0);
  assert.deepEqual(raw.subarray(1, 10), image.data.subarray(0, 9));
  assert.deepEqual(raw.subarray(11, 20), image.data.subarray(9, 18));
});

Deno.test("encodePng RGBA sets colour type 6", () => {
  const png = encodePng({ width: 1, height: 1, channels: 4, data: Uint8Array.from([1, 2, 3, 4]) });
  assert.equal(chunks(png)[0].data[9], 6);
});

Deno.test("encodePng output decodes in resvg", () => {
  // resvg decodes the PNG independently; drawing it 1:1 must give the same pixels.
  const image = sample();
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="3" height="2">` +
    `<image width="3" height="2" href="${pngDataUrl(encodePng(image))}"/></svg>`;
  const rendered = new Resvg(svg).render();
  assert.equal(rendered.width, 3);
  assert.equal(rendered.height, 2);
  const rgba = rendered.pixels;
  for (let p = 0; p < 6; p++) {
    assert.deepEqual(
      [...rgba.subarray(4 * p, 4 * p + 3)],
      [...image.data.subarray(3 * p, 3 * p + 3)],
      `pixel ${p}`,
    );
    assert.equal(rgba[4 * p + 3], 255);
  }
});

Deno.test("encodePng is deterministic", () => {
  assert.deepEqual(encodePng(sample()), encodePng(sample()));
});

Deno.test("encodePng rejects bad sizes", () => {
  const data = new Uint8Array(18);
  assert.throws(
    () => encodePng({ width: 0, height: 2, channels: 3, data }),
    /width must be a positive integer, got 0/,
  );
  assert.throws(() => encodePng({ width: 3, height: 1.5, channels: 3, data }), RangeError);
  assert.throws(
    () => encodePng({ width: 3, height: 2, channels: 2 as 3, data }),
    /channels must be 3 \(RGB\) or 4 \(RGBA\), got 2/,
  );
  assert.throws(() => encodePng({ width: 3, height: 3, channels: 3, data }), /27 bytes, got 18/);
});

Deno.test("upscale repeats each pixel in a block", () => {
  const big = upscale(sample(), 2);
  assert.equal(big.width, 6);
  assert.equal(big.height, 4);
  const pixel = (
    row: number,
    column: number,
  ) => [...big.data.subarray((row * 6 + column) * 3, (row * 6 + column) * 3 + 3)];
  assert.deepEqual(pixel(0, 0), [255, 0, 0]);
  assert.deepEqual(pixel(1, 1), [255, 0, 0]);
  assert.deepEqual(pixel(1, 2), [0, 255, 0]);
  assert.deepEqual(pixel(3, 5), [128, 128, 128]);
  assert.throws(() => upscale(sample(), 0), /factor must be a positive integer, got 0/);
});

Deno.test("pngDataUrl round-trips through base64", () => {
  const png = encodePng(sample());
  const url = pngDataUrl(png);
  assert.ok(url.startsWith("data:image/png;base64,"));
  const bytes = Uint8Array.from(atob(url.slice(22)), (c) => c.charCodeAt(0));
  assert.deepEqual(bytes, png);
});
