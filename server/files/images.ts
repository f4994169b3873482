// Real images of an exact byte size, for files the log names: a PNG (padding in a tEXt chunk), a
// baseline JPEG (padding in comment segments) and an ICO holding a PNG. The pixels are blocks of two
// colours, so VS Code's image preview has something to show. Padding is made as it is sent.
import { crc32, deflateSync } from 'node:zlib';

export type Rgb = readonly [number, number, number];

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Length, type and CRC around a chunk's data. */
const PNG_CHUNK_OVERHEAD = 12;
const TEXT_KEYWORD = Buffer.from('Comment\0', 'latin1');
const CHUNK = 64 * 1024;

/** A checkerboard-ish gradient between two colours, 8 pixels a block (JPEG blocks are 8 by 8 too). */
export function pixelAt(x: number, y: number, width: number, height: number, [from, to]: readonly [Rgb, Rgb]): Rgb {
  const t = ((Math.floor(x / 8) * 8) / Math.max(1, width) + (Math.floor(y / 8) * 8) / Math.max(1, height)) / 2;
  return [0, 1, 2].map((i) => Math.round(from[i]! + (to[i]! - from[i]!) * t)) as unknown as Rgb;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))), 0);
  return Buffer.concat([head, data, crc]);
}

/** The smallest PNG of the picture: signature, IHDR, IDAT, IEND. */
export function png(width: number, height: number, colours: readonly [Rgb, Rgb]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      raw.set(pixelAt(x, y, width, height, colours), y * (width * 3 + 1) + 1 + x * 3);
    }
  }
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(raw)), pngChunk('IEND', Buffer.alloc(0))]);
}

/** `image` (a PNG) grown to exactly `size` bytes by a tEXt chunk before IEND; undefined when no chunk fits. */
export function paddedPng(image: Buffer, size: number, filler: (length: number) => Buffer): Iterable<Buffer> | undefined {
  const padding = size - image.length;
  if (padding === 0) {
    return [image];
  }
  if (padding < PNG_CHUNK_OVERHEAD + TEXT_KEYWORD.length) {
    return undefined;
  }
  return (function* () {
    const end = image.length - PNG_CHUNK_OVERHEAD; // IEND
    yield image.subarray(0, end);
    const head = Buffer.alloc(8);
    head.writeUInt32BE(padding - PNG_CHUNK_OVERHEAD, 0);
    head.write('tEXt', 4, 'latin1');
    yield head;
    let crc = crc32(TEXT_KEYWORD, crc32(head.subarray(4)));
    yield TEXT_KEYWORD;
    for (let left = padding - PNG_CHUNK_OVERHEAD - TEXT_KEYWORD.length; left > 0; left -= CHUNK) {
      const part = filler(Math.min(CHUNK, left));
      crc = crc32(part, crc);
      yield part;
    }
    const tail = Buffer.alloc(4);
    tail.writeUInt32BE(crc, 0);
    yield tail;
    yield image.subarray(end);
  })();
}

/** An ICO of exactly `size` bytes: one 32 by 32 entry that is a (padded) PNG, as ICO files may hold since Windows Vista. */
export function paddedIco(colours: readonly [Rgb, Rgb], size: number, filler: (length: number) => Buffer): Iterable<Buffer> | undefined {
  const HEADER = 22;
  const image = paddedPng(png(32, 32, colours), size - HEADER, filler);
  if (!image) {
    return undefined;
  }
  const header = Buffer.alloc(HEADER);
  header.writeUInt16LE(1, 2); // icon
  header.writeUInt16LE(1, 4); // one image
  header.set([32, 32, 0, 0], 6);
  header.writeUInt16LE(1, 10); // planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(size - HEADER, 14);
  header.writeUInt32LE(HEADER, 18);
  return [header, ...image];
}

// JPEG: the standard luminance DC table (ITU T.81 Annex K.3), and an AC table that only says "end of block".
const DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const DC_VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const DC_CODES = ['00', '010', '011', '100', '101', '110', '1110', '11110', '111110', '1111110', '11111110', '111111110'];
const COMMENT_MAX = 0xffff - 2;

function segment(marker: number, data: number[] | Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(data.length + 2, 2);
  return Buffer.concat([head, Buffer.from(data)]);
}

/**
 * A greyscale baseline JPEG whose 8 by 8 blocks each carry only a DC value (a flat tone), so the
 * entropy-coded data is a few bits a block. Enough for a decoder to show a picture.
 */
export function jpeg(width: number, height: number, colours: readonly [Rgb, Rgb]): Buffer {
  const bits: string[] = [];
  let previous = 0;
  for (let by = 0; by < Math.ceil(height / 8); by++) {
    for (let bx = 0; bx < Math.ceil(width / 8); bx++) {
      const [r, g, b] = pixelAt(bx * 8, by * 8, width, height, colours);
      const level = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
      // With every quantizer 1, a block's tone is DC / 8 + 128.
      const dc = (level - 128) * 8;
      const diff = dc - previous;
      previous = dc;
      const category = diff === 0 ? 0 : Math.floor(Math.log2(Math.abs(diff))) + 1;
      const value = diff < 0 ? diff + (1 << category) - 1 : diff;
      bits.push(DC_CODES[category]!, category === 0 ? '' : value.toString(2).padStart(category, '0'), '0'); // '0': end of block
    }
  }
  let stream = bits.join('');
  stream += '1'.repeat((8 - (stream.length % 8)) % 8);
  const data: number[] = [];
  for (let i = 0; i < stream.length; i += 8) {
    const byte = parseInt(stream.slice(i, i + 8), 2);
    data.push(byte);
    if (byte === 0xff) {
      data.push(0); // byte stuffing
    }
  }
  const frame = [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0];
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xdb, [0, ...new Array<number>(64).fill(1)]),
    segment(0xc0, frame),
    segment(0xc4, [0x00, ...DC_BITS, ...DC_VALUES]),
    segment(0xc4, [0x10, 1, ...new Array<number>(15).fill(0), 0x00]),
    segment(0xda, [1, 1, 0x00, 0, 63, 0]),
    Buffer.from(data),
    Buffer.from([0xff, 0xd9]),
  ]);
}

/** `image` (a JPEG) grown to exactly `size` bytes by comment segments after SOI (a few bytes after EOI when less than a segment is left). */
export function paddedJpeg(image: Buffer, size: number, filler: (length: number) => Buffer): Iterable<Buffer> | undefined {
  if (size < image.length) {
    return undefined;
  }
  return (function* () {
    yield image.subarray(0, 2);
    let left = size - image.length;
    while (left >= 4) {
      let length = Math.min(left, COMMENT_MAX + 4);
      if (left - length > 0 && left - length < 4) {
        length -= 4;
      }
      const head = Buffer.from([0xff, 0xfe, 0, 0]);
      head.writeUInt16BE(length - 2, 2);
      yield head;
      if (length > 4) {
        yield filler(length - 4);
      }
      left -= length;
    }
    yield image.subarray(2);
    if (left > 0) {
      yield Buffer.alloc(left);
    }
  })();
}
