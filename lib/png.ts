/**
 * A minimal PNG encoder for 8-bit RGB and RGBA images: no interlacing, filter
 * type 0 (None) on every row, one IDAT chunk compressed with zlib at level 9.
 * The same pixels always give the same bytes on the same Deno version.
 */
import { deflateSync } from "node:zlib";

/** The 8 bytes every PNG file starts with. */
export const PNG_SIGNATURE: Uint8Array = Uint8Array.from([137, 80, 78, 71, 13, 10, 26, 10]);

/** Pixels to encode, row-major from the top-left corner. */
export interface RawImage {
  /** Width in pixels, a positive integer. */
  width: number;
  /** Height in pixels, a positive integer. */
  height: number;
  /** 3 for RGB, 4 for RGBA. */
  channels: 3 | 4;
  /** Samples, shape [height, width, channels], each in 0..255. */
  data: Uint8Array;
}

/**
 * Encodes `image` as a PNG file.
 *
 * @throws {RangeError} when the size is not a positive integer, `channels`
 * is not 3 or 4, or `data` has not width * height * channels bytes.
 */
export function encodePng(image: RawImage): Uint8Array {
  const { width, height, channels, data } = image;
  for (const [name, value] of [["width", width], ["height", height]] as const) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`PNG ${name} must be a positive integer, got ${value}`);
    }
  }
  if (channels !== 3 && channels !== 4) {
    throw new RangeError(`PNG channels must be 3 (RGB) or 4 (RGBA), got ${channels}`);
  }
  const rowBytes = width * channels;
  if (data.length !== rowBytes * height) {
    throw new RangeError(
      `PNG data must have width * height * channels = ${rowBytes * height} bytes, got ${data.length}`,
    );
  }

  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header[8] = 8; // bit depth
  header[9] = channels === 3 ? 2 : 6; // colour type: truecolour, or truecolour with alpha
  // Bytes 10 to 12 stay 0: deflate compression, adaptive filtering, no interlace.

  const filtered = new Uint8Array((rowBytes + 1) * height);
  for (let row = 0; row < height; row++) {
    // Each row starts with its filter type byte, 0 (None).
    filtered.set(data.subarray(row * rowBytes, (row + 1) * rowBytes), row * (rowBytes + 1) + 1);
  }
  const compressed = new Uint8Array(deflateSync(filtered, { level: 9 }));

  return concat([
    PNG_SIGNATURE,
    chunk("IHDR", header),
    chunk("IDAT", compressed),
    chunk("IEND", new Uint8Array(0)),
  ]);
}

/**
 * Scales `image` up by an integer `factor`, each pixel becoming a block of
 * factor x factor pixels, so viewers that smooth images keep sharp edges.
 *
 * @throws {RangeError} when `factor` is not a positive integer.
 */
export function upscale(image: RawImage, factor: number): RawImage {
  if (!Number.isInteger(factor) || factor < 1) {
    throw new RangeError(`upscale factor must be a positive integer, got ${factor}`);
  }
  const { width, height, channels, data } = image;
  const outWidth = width * factor;
  const out = new Uint8Array(data.length * factor * factor);
  for (let row = 0; row < height * factor; row++) {
    const sourceRow = Math.floor(row / factor);
    for (let column = 0; column < outWidth; column++) {
      const source = (sourceRow * width + Math.floor(column / factor)) * channels;
      out.set(data.subarray(source, source + channels), (row * outWidth + column) * channels);
    }
  }
  return { width: outWidth, height: height * factor, channels, data: out };
}

/** Returns a `data:image/png;base64,...` URL holding `png`. */
export function pngDataUrl(png: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < png.length; i++) binary += String.fromCharCode(png[i]);
  return "data:image/png;base64," + btoa(binary);
}

/** Returns the CRC-32 (ISO 3309, as PNG uses) of `bytes`. */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const CRC_TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** Builds one chunk: length, type, data, then the CRC of type and data. */
function chunk(type: string, data: Uint8Array): Uint8Array {
  const typeBytes = new TextEncoder().encode(type);
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(typeBytes, 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
