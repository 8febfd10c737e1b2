import assert from "node:assert/strict";
import {
  ANOMALY_KINDS,
  anomalyImage,
  anomalySet,
  applyDefect,
  DEFECT_KINDS,
  joinSets,
  normalSet,
  severityRange,
} from "./anomalies.ts";
import { lineImage, lineImages } from "./datasets.ts";
import { Random } from "./random.ts";

function changedPixels(before: Float32Array, after: Float32Array): number[] {
  const changed: number[] = [];
  for (let i = 0; i < before.length; i++) {
    if (before[i] !== after[i]) changed.push(i);
  }
  return changed;
}

function bytes(array: Float32Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

// Every distinct centred line image of one size: the image changes only at
// angles where the line crosses a pixel centre, so those angles and the
// midpoints between them cover all of them.
const centredCache = new Map<number, Float32Array[]>();
function centredLineImages(size: number): Float32Array[] {
  if (centredCache.has(size)) return centredCache.get(size)!;
  const critical: number[] = [];
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      const x = column + 0.5 - size / 2;
      const y = size / 2 - row - 0.5;
      const along = Math.atan2(y, x);
      for (const angle of [along + Math.PI / 2, along - Math.PI / 2]) {
        critical.push(((angle % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI));
      }
    }
  }
  critical.sort((a, b) => a - b);
  const angles = [...critical];
  for (let i = 0; i < critical.length; i++) {
    const next = i + 1 < critical.length ? critical[i + 1] : critical[0] + 2 * Math.PI;
    angles.push((critical[i] + next) / 2);
  }
  const images = angles.map((angle) => lineImage(size, angle));
  centredCache.set(size, images);
  return images;
}

// Smallest number of pixels in which `image` differs from a centred line image.
function distanceToCentredLine(image: Float32Array, size: number): number {
  let best = Infinity;
  for (const line of centredLineImages(size)) {
    let differences = 0;
    for (let i = 0; i < image.length && differences < best; i++) {
      if (image[i] !== line[i]) differences++;
    }
    best = Math.min(best, differences);
  }
  return best;
}

function severitiesToTry(kind: (typeof ANOMALY_KINDS)[number], size: number): number[] {
  const range = severityRange(kind, size);
  let low = range.min;
  if (!range.minInclusive) low += range.integer ? 1 : 1e-6;
  return [low, range.defaultValue, range.max];
}

Deno.test("anomalySet has the requested shape", () => {
  const set = anomalySet({ countPerKind: 3, size: 32, seed: 1 });
  assert.equal(set.count, 3 * ANOMALY_KINDS.length);
  assert.equal(set.size, 32);
  assert.equal(set.images.length, set.count * 32 * 32);
  assert.equal(set.labels.length, set.count);
  assert.deepEqual(
    set.labels.filter((_, i) => i % 3 === 0).map((label) => label.kind),
    [...ANOMALY_KINDS],
  );
  for (const label of set.labels) {
    assert.equal(label.normal, false);
    assert.equal(label.severity, severityRange(label.kind as typeof ANOMALY_KINDS[number], 32).defaultValue);
  }
});

Deno.test("anomaly pixels lie in [0, 1]", () => {
  for (const size of [8, 9, 32]) {
    for (const kind of ANOMALY_KINDS) {
      for (const severity of severitiesToTry(kind, size)) {
        const image = anomalyImage(kind, { size, severity, random: new Random(size) });
        assert.equal(image.length, size * size);
        for (const value of image) {
          assert.ok(value >= 0, `${kind} at ${severity}, size ${size}: pixel ${value}`);
          assert.ok(value <= 1, `${kind} at ${severity}, size ${size}: pixel ${value}`);
        }
      }
    }
  }
});

Deno.test("anomalySet is the same for the same seed", () => {
  const a = anomalySet({ countPerKind: 4, size: 16, seed: 2 });
  const b = anomalySet({ countPerKind: 4, size: 16, seed: 2 });
  assert.deepEqual(bytes(a.images), bytes(b.images));
  assert.deepEqual(a.labels, b.labels);
});

Deno.test("anomalySet differs between seeds", () => {
  const a = anomalySet({ countPerKind: 4, size: 16, seed: 2 });
  const b = anomalySet({ countPerKind: 4, size: 16, seed: 3 });
  assert.notDeepEqual(bytes(a.images), bytes(b.images));
});

Deno.test("anomalySet kind images ignore other kinds", () => {
  const all = anomalySet({ countPerKind: 5, size: 16, seed: 4 });
  const one = anomalySet({ kinds: ["curve"], countPerKind: 5, size: 16, seed: 4 });
  const first = all.labels.findIndex((label) => label.kind === "curve") * 16 * 16;
  assert.deepEqual(bytes(one.images), bytes(all.images.slice(first, first + 5 * 16 * 16)));
});

Deno.test("anomalySet sweeps a list of severities", () => {
  const set = anomalySet({
    kinds: ["salt-and-pepper", "spot"],
    countPerKind: 2,
    size: 32,
    seed: 5,
    severities: { "salt-and-pepper": [0.1, 0.2], spot: 3 },
  });
  assert.deepEqual(
    set.labels.map((label) => `${label.kind} ${label.severity}`),
    [
      "salt-and-pepper 0.1",
      "salt-and-pepper 0.1",
      "salt-and-pepper 0.2",
      "salt-and-pepper 0.2",
      "spot 3",
      "spot 3",
    ],
  );

  // The same draws at both severities: the base line is shared and the
  // pixels inverted at 0.1 are among those inverted at 0.2.
  const pixels = 32 * 32;
  const low = set.images.slice(0, pixels);
  const high = set.images.slice(2 * pixels, 3 * pixels);
  const difference = changedPixels(low, high);
  assert.equal(difference.length, Math.round(0.2 * pixels) - Math.round(0.1 * pixels));
  for (const i of difference) assert.equal(high[i], 1 - low[i]);
});

Deno.test("anomalyImage defaults each severity", () => {
  for (const kind of ANOMALY_KINDS) {
    const withDefault = anomalyImage(kind, { size: 32, random: new Random(6) });
    const explicit = anomalyImage(kind, {
      size: 32,
      severity: severityRange(kind, 32).defaultValue,
      random: new Random(6),
    });
    assert.deepEqual(bytes(withDefault), bytes(explicit), kind);
  }
});

Deno.test("spot changes a square of one colour", () => {
  const random = new Random(7);
  for (const size of [8, 9, 32]) {
    for (let side = 1; side <= Math.floor(size / 2); side++) {
      const base = lineImage(size, random.uniformRange(0, 2 * Math.PI));
      const spotted = applyDefect("spot", base, { size, severity: side, random });
      const changed = changedPixels(base, spotted);
      assert.equal(changed.length, side * side, `size ${size}, side ${side}`);

      const rows = changed.map((i) => Math.floor(i / size));
      const columns = changed.map((i) => i % size);
      assert.equal(Math.max(...rows) - Math.min(...rows) + 1, side);
      assert.equal(Math.max(...columns) - Math.min(...columns) + 1, side);
      for (const i of changed) assert.equal(spotted[i], 1 - base[i]);
      assert.equal(new Set(changed.map((i) => spotted[i])).size, 1);
    }
  }
});

Deno.test("spot takes either colour", () => {
  const random = new Random(24);
  const colours = [0, 0];
  for (let trial = 0; trial < 40; trial++) {
    const base = lineImage(32, random.uniformRange(0, 2 * Math.PI));
    const spotted = applyDefect("spot", base, { size: 32, severity: 4, random });
    colours[spotted[changedPixels(base, spotted)[0]]]++;
  }
  assert.ok(colours[0] >= 10, `${colours[0]} of 40 spots are black`);
  assert.ok(colours[1] >= 10, `${colours[1]} of 40 spots are white`);
});

Deno.test("spot rejects an image without room", () => {
  const grey = new Float32Array(64).fill(0.5);
  assert.throws(
    () => applyDefect("spot", grey, { size: 8, severity: 2, random: new Random(1) }),
    /no 2 x 2 square of the image is all black or all white/,
  );
});

Deno.test("scratch inverts severity pixels", () => {
  const random = new Random(8);
  for (const length of [1, 2, 5, 16, 32]) {
    for (let trial = 0; trial < 20; trial++) {
      const base = lineImage(32, random.uniformRange(0, 2 * Math.PI));
      const scratched = applyDefect("scratch", base, { size: 32, severity: length, random });

      // Every covered pixel is inverted, so the changed pixels are the scratch.
      const changed = changedPixels(base, scratched);
      assert.equal(changed.length, length);
      for (const i of changed) assert.equal(scratched[i], 1 - base[i]);

      // One pixel per row or per column, each next to the one before.
      const rows = changed.map((i) => Math.floor(i / 32));
      const columns = changed.map((i) => i % 32);
      const distinct = Math.max(new Set(rows).size, new Set(columns).size);
      assert.equal(distinct, length);
      const byAxis = new Set(rows).size === length ? rows : columns;
      const other = byAxis === rows ? columns : rows;
      const order = changed.map((_, k) => k).sort((a, b) => byAxis[a] - byAxis[b]);
      for (let k = 1; k < order.length; k++) {
        assert.equal(byAxis[order[k]] - byAxis[order[k - 1]], 1);
        assert.ok(Math.abs(other[order[k]] - other[order[k - 1]]) <= 1, "scratch is not connected");
      }
    }
  }
});

Deno.test("salt-and-pepper inverts the requested share", () => {
  const random = new Random(9);
  const base = lineImage(32, 1);
  for (const share of [0.0001, 0.01, 0.05, 0.3, 0.5, 1]) {
    const noisy = applyDefect("salt-and-pepper", base, { size: 32, severity: share, random });
    const changed = changedPixels(base, noisy);
    assert.equal(changed.length, Math.max(1, Math.round(share * 1024)), `share ${share}`);
    for (const i of changed) assert.equal(noisy[i], 1 - base[i]);
  }
});

Deno.test("missing-patch sets a grey square", () => {
  const random = new Random(10);
  for (const side of [1, 4, 8, 32]) {
    const base = lineImage(32, random.uniformRange(0, 2 * Math.PI));
    const patched = applyDefect("missing-patch", base, { size: 32, severity: side, random });
    const grey = [...patched.keys()].filter((i) => patched[i] === 0.5);
    assert.equal(grey.length, side * side);
    assert.equal(changedPixels(base, patched).length, side * side);
    const rows = grey.map((i) => Math.floor(i / 32));
    assert.equal(Math.max(...rows) - Math.min(...rows) + 1, side);
  }
});

Deno.test("applyDefect leaves its input unchanged", () => {
  const base = lineImage(16, 2);
  const copy = base.slice();
  for (const kind of DEFECT_KINDS) {
    applyDefect(kind, base, { size: 16, random: new Random(11) });
    assert.deepEqual(bytes(base), bytes(copy), kind);
  }
});

Deno.test("off-centre-line is no centred line", () => {
  const random = new Random(12);
  for (const size of [9, 32]) {
    for (const distance of [1, 2, 4, size / 2]) {
      for (let trial = 0; trial < 10; trial++) {
        const image = anomalyImage("off-centre-line", { size, severity: distance, random });
        const nearest = distanceToCentredLine(image, size);
        assert.ok(nearest > 0, `size ${size}, distance ${distance}: equals a centred line image`);
      }
    }
  }
});

Deno.test("off-centre-line moves the white share", () => {
  // A line at distance d from the centre moves about 2 d size pixels
  // from one colour to the other, for angles near the image axes.
  const random = new Random(13);
  let smaller = 0;
  for (let trial = 0; trial < 40; trial++) {
    const image = anomalyImage("off-centre-line", { size: 32, severity: 4, random });
    const white = image.reduce((sum, value) => sum + value, 0);
    assert.ok(Math.abs(white - 512) >= 4 * 32 - 1, `white pixels ${white}`);
    if (white < 512) smaller++;
  }
  assert.ok(smaller >= 10, `${smaller} of 40 lines have a smaller white side`);
  assert.ok(smaller <= 30, `${smaller} of 40 lines have a smaller white side`);
});

Deno.test("curve bends to either side", () => {
  // A white side inside the parabola is smaller than half the image, outside it larger.
  const random = new Random(23);
  let smaller = 0;
  let larger = 0;
  for (let trial = 0; trial < 40; trial++) {
    const image = anomalyImage("curve", { size: 32, severity: 8, random });
    const white = image.reduce((sum, value) => sum + value, 0);
    if (white < 512) smaller++;
    if (white > 512) larger++;
  }
  assert.ok(smaller >= 10, `${smaller} of 40 curves have a smaller white side`);
  assert.ok(larger >= 10, `${larger} of 40 curves have a larger white side`);
});

Deno.test("curve is no centred line", () => {
  const random = new Random(14);
  let previous = 0;
  for (const bulge of [2, 4, 8, 16]) {
    let total = 0;
    for (let trial = 0; trial < 10; trial++) {
      const image = anomalyImage("curve", { size: 32, severity: bulge, random });
      const nearest = distanceToCentredLine(image, 32);
      assert.ok(nearest > 0, `bulge ${bulge}: equals a centred line image`);
      total += nearest;
    }
    assert.ok(total > previous, `bulge ${bulge}: mean distance ${total / 10} not above the smaller bulge`);
    previous = total;
  }
});

Deno.test("two-lines has four regions", () => {
  const random = new Random(15);
  for (const degrees of [30, 60, 90]) {
    for (let trial = 0; trial < 10; trial++) {
      const image = anomalyImage("two-lines", { size: 32, severity: degrees, random });
      assert.ok(distanceToCentredLine(image, 32) > 0, `${degrees} degrees: equals a centred line image`);

      // Walking round a circle about the centre crosses each line twice.
      let crossings = 0;
      let previous = -1;
      for (let step = 0; step <= 720; step++) {
        const angle = step * Math.PI / 360;
        const column = Math.floor(16 + 14 * Math.cos(angle));
        const row = Math.floor(16 - 14 * Math.sin(angle));
        const value = image[row * 32 + column];
        if (previous >= 0 && value !== previous) crossings++;
        previous = value;
      }
      assert.equal(crossings, 4, `${degrees} degrees`);
    }
  }
});

Deno.test("two-lines wedge matches the angle", () => {
  // Two lines through the centre at an angle of d degrees leave two wedges
  // of d degrees each, so one colour covers d / 180 of a centred disc.
  const random = new Random(25);
  for (const degrees of [10, 30, 60, 90]) {
    for (let trial = 0; trial < 5; trial++) {
      const image = anomalyImage("two-lines", { size: 32, severity: degrees, random });
      let inside = 0;
      let white = 0;
      for (let row = 0; row < 32; row++) {
        for (let column = 0; column < 32; column++) {
          if (Math.hypot(column + 0.5 - 16, 16 - row - 0.5) > 15) continue;
          inside++;
          white += image[row * 32 + column];
        }
      }
      const minority = Math.min(white, inside - white) / inside;
      assert.ok(Math.abs(minority - degrees / 180) < 0.03, `${degrees} degrees: share ${minority}`);
    }
  }
});

Deno.test("uniform is one value", () => {
  for (const value of [0, 0.25, 0.5, 1]) {
    const image = anomalyImage("uniform", { size: 16, severity: value, random: new Random(16) });
    assert.deepEqual(new Set(image), new Set([value]));
  }
});

Deno.test("checkerboard alternates every side", () => {
  const random = new Random(17);
  for (const side of [1, 2, 3, 4, 16]) {
    const image = anomalyImage("checkerboard", { size: 32, severity: side, random });
    assert.deepEqual(new Set(image), new Set([0, 1]));
    for (let row = 0; row < 32; row++) {
      for (let column = 0; column < 32; column++) {
        const value = image[row * 32 + column];
        if (column + side < 32) assert.equal(image[row * 32 + column + side], 1 - value);
        if (row + side < 32) assert.equal(image[(row + side) * 32 + column], 1 - value);
      }
    }
    const white = image.reduce((sum, value) => sum + value, 0);
    assert.ok(Math.abs(white - 512) <= side * side * 2, `side ${side}: ${white} white pixels`);
  }
});

Deno.test("checkerboard phase varies", () => {
  const random = new Random(26);
  const distinct = new Set<string>();
  for (let trial = 0; trial < 10; trial++) {
    const image = anomalyImage("checkerboard", { size: 16, severity: 4, random });
    distinct.add(image.join(""));
  }
  assert.ok(distinct.size >= 5, `${distinct.size} distinct boards in 10 draws`);
});

Deno.test("normalSet labels held-out line images", () => {
  const set = normalSet({ count: 20, size: 32, seed: 18 });
  assert.equal(set.count, 20);
  assert.deepEqual(bytes(set.images), bytes(lineImages({ count: 20, size: 32, seed: 18 }).images));
  for (const label of set.labels) assert.deepEqual(label, { kind: "normal", severity: 0, normal: true });
  const training = lineImages({ count: 20, size: 32, seed: 1 });
  assert.notDeepEqual(bytes(set.images), bytes(training.images));
});

Deno.test("joinSets concatenates in order", () => {
  const normal = normalSet({ count: 3, size: 16, seed: 19 });
  const anomalous = anomalySet({ kinds: ["uniform"], countPerKind: 2, size: 16, seed: 20 });
  const joined = joinSets(normal, anomalous);
  assert.equal(joined.count, 5);
  assert.deepEqual(joined.labels.map((label) => label.normal), [true, true, true, false, false]);
  assert.deepEqual(bytes(joined.images.slice(3 * 256)), bytes(anomalous.images));
  assert.throws(() => joinSets(normal, normalSet({ count: 1, size: 8, seed: 1 })), /got 16 and 8/);
  assert.throws(() => joinSets(), /at least one labelled set/);
});

Deno.test("severity outside its range is rejected", () => {
  const random = new Random(21);
  const cases: [(typeof ANOMALY_KINDS)[number], number, RegExp][] = [
    ["spot", 0, /"spot" .* must be an integer in \[1, 16\] for size 32, got 0/],
    ["spot", 17, /in \[1, 16\] for size 32, got 17/],
    ["spot", 2.5, /an integer .* got 2.5/],
    ["scratch", 33, /in \[1, 32\] for size 32, got 33/],
    ["salt-and-pepper", 0, /in \(0, 1\] for size 32, got 0/],
    ["salt-and-pepper", 1.5, /got 1.5/],
    ["missing-patch", 0, /in \[1, 32\] .* got 0/],
    ["two-lines", 91, /in \(0, 90\] .* got 91/],
    ["curve", 17, /in \(0, 16\] .* got 17/],
    ["uniform", -0.1, /in \[0, 1\] .* got -0.1/],
    ["checkerboard", 0, /in \[1, 16\] .* got 0/],
    ["off-centre-line", 0, /in \(0, 16\] .* got 0/],
    ["off-centre-line", NaN, /got NaN/],
  ];
  for (const [kind, severity, message] of cases) {
    assert.throws(() => anomalyImage(kind, { size: 32, severity, random }), message, `${kind} ${severity}`);
  }
});

Deno.test("bad kinds and sizes are rejected", () => {
  const random = new Random(22);
  assert.throws(
    // @ts-expect-error: an unknown kind, as untyped callers might pass
    () => anomalyImage("blob", { size: 32, random }),
    /anomaly kind must be one of spot, scratch, .*, got "blob"/,
  );
  assert.throws(
    // @ts-expect-error: a non-line kind is not a defect
    () => applyDefect("curve", lineImage(8, 0), { size: 8, random }),
    /defect kind must be one of spot, scratch, salt-and-pepper, missing-patch, got "curve"/,
  );
  assert.throws(
    () => anomalyImage("spot", { size: 7, random }),
    /size must be an integer of at least 8 pixels, got 7/,
  );
  assert.throws(() => anomalyImage("spot", { size: 8.5, random }), /got 8.5/);
  assert.throws(
    () => applyDefect("spot", lineImage(8, 0), { size: 9, random }),
    /image must have size \* size = 81 pixels, got 64/,
  );
});

Deno.test("anomalySet rejects bad options", () => {
  assert.throws(() => anomalySet({ countPerKind: 2.5, size: 32, seed: 1 }), /countPerKind .* got 2.5/);
  assert.throws(() => anomalySet({ countPerKind: 0, size: 32, seed: 1 }), /countPerKind .* got 0/);
  assert.throws(() => anomalySet({ countPerKind: 1, size: 32, seed: -3 }), /seed .* got -3/);
  assert.throws(() => anomalySet({ countPerKind: 1, size: 32, seed: 0.5 }), /seed .* got 0.5/);
  assert.throws(() => anomalySet({ kinds: [], countPerKind: 1, size: 32, seed: 1 }), /at least one of/);
  assert.throws(
    () => anomalySet({ kinds: ["spot", "spot"], countPerKind: 1, size: 32, seed: 1 }),
    /distinct, got "spot" twice/,
  );
  assert.throws(
    // @ts-expect-error: an unknown kind as a severities key
    () => anomalySet({ countPerKind: 1, size: 32, seed: 1, severities: { blob: 2 } }),
    /severities key must be one of .* got "blob"/,
  );
  assert.throws(
    () => anomalySet({ countPerKind: 1, size: 32, seed: 1, severities: { spot: [] } }),
    /severities for "spot" must list at least one value/,
  );
  assert.throws(
    () => anomalySet({ countPerKind: 1, size: 32, seed: 1, severities: { spot: [2, 40] } }),
    /got 40/,
  );
  assert.throws(() => normalSet({ count: 0, size: 32, seed: 1 }), /count must be a positive integer, got 0/);
  assert.throws(() => normalSet({ count: 5, size: 4, seed: 1 }), /at least 8 pixels, got 4/);
});
