import assert from "node:assert/strict";
import { VIRIDIS_SIZE, viridisHex, viridisIndex, viridisPixels, viridisRgb } from "./colormap.ts";

Deno.test("viridis endpoints match matplotlib", () => {
  assert.equal(viridisHex(0), "#440154");
  assert.equal(viridisHex(1), "#fde725");
  assert.deepEqual(viridisRgb(0), [0x44, 0x01, 0x54]);
  assert.deepEqual(viridisRgb(1), [0xfd, 0xe7, 0x25]);
});

Deno.test("viridis midpoint is teal", () => {
  // matplotlib maps 0.5 to entry floor(0.5 * 256) = 128.
  assert.equal(viridisIndex(0.5), 128);
  assert.equal(viridisHex(0.5), "#21918c");
});

Deno.test("viridis index follows matplotlib binning", () => {
  assert.equal(viridisIndex(0), 0);
  assert.equal(viridisIndex(1 / 256 - 1e-12), 0);
  assert.equal(viridisIndex(1 / 256), 1);
  assert.equal(viridisIndex(0.999), 255);
  assert.equal(viridisIndex(1), VIRIDIS_SIZE - 1);
  assert.equal(viridisIndex(-3), 0);
  assert.equal(viridisIndex(7), 255);
});

Deno.test("viridis rejects NaN", () => {
  assert.throws(() => viridisHex(NaN), RangeError);
});

Deno.test("viridis table brightens monotonically", () => {
  // Viridis was designed so that its lightness grows with the value; rounding
  // to 8 bits leaves some neighbours equally bright, so compare every 4th entry.
  const linear = (code: number) => {
    const c = code / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  let previous = -1;
  for (let i = 0; i < VIRIDIS_SIZE; i += 4) {
    const [r, g, b] = viridisRgb((i + 0.5) / VIRIDIS_SIZE);
    const luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    assert.ok(luminance > previous, `luminance not increasing at entry ${i}`);
    previous = luminance;
  }
});

Deno.test("viridisPixels packs RGB per value", () => {
  const rgb = viridisPixels([0, 1, 0.5]);
  assert.deepEqual([...rgb], [0x44, 0x01, 0x54, 0xfd, 0xe7, 0x25, 0x21, 0x91, 0x8c]);
});
