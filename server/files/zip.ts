// A zip archive written as it is sent: entries stored (no compression), each followed by a data
// descriptor, so nothing is read twice and the total size is known up front (Content-Length).
import { crc32 } from 'node:zlib';

export interface ZipEntry {
  /** The path inside the archive, with "/" between folders. */
  name: string;
  size: number;
  /** Milliseconds since the epoch. */
  modified: number;
  chunks(): Iterable<Buffer>;
}

const LOCAL_HEADER = 30;
const DATA_DESCRIPTOR = 16;
const CENTRAL_HEADER = 46;
const END_OF_DIRECTORY = 22;
// Bit 3: sizes and CRC follow the data; bit 11: names are UTF-8.
const FLAGS = 0x0808;
/** Past this, an archive needs zip64, which this writer does not make. */
export const ZIP_MAX_BYTES = 0xffff_fffe;

/** The archive's exact size in bytes. */
export function zipSize(entries: readonly ZipEntry[]): number {
  return entries.reduce((total, entry) => {
    const name = Buffer.byteLength(entry.name);
    return total + LOCAL_HEADER + name + entry.size + DATA_DESCRIPTOR + CENTRAL_HEADER + name;
  }, END_OF_DIRECTORY);
}

export function* zipChunks(entries: readonly ZipEntry[]): Generator<Buffer> {
  if (zipSize(entries) > ZIP_MAX_BYTES || entries.length > 0xffff) {
    throw new RangeError('too large for a zip without zip64');
  }
  const directory: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const [time, date] = dosTime(entry.modified);
    const local = Buffer.alloc(LOCAL_HEADER);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(FLAGS, 6);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt16LE(name.length, 26);
    yield local;
    yield name;
    let crc = 0;
    let written = 0;
    for (const chunk of entry.chunks()) {
      crc = crc32(chunk, crc);
      written += chunk.length;
      yield chunk;
    }
    if (written !== entry.size) {
      throw new Error(`zip entry ${entry.name} promised ${entry.size} bytes and gave ${written}`);
    }
    const descriptor = Buffer.alloc(DATA_DESCRIPTOR);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc, 4);
    descriptor.writeUInt32LE(entry.size, 8);
    descriptor.writeUInt32LE(entry.size, 12);
    yield descriptor;

    const central = Buffer.alloc(CENTRAL_HEADER);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(FLAGS, 8);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(entry.size, 20);
    central.writeUInt32LE(entry.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    directory.push(central, name);
    offset += LOCAL_HEADER + name.length + entry.size + DATA_DESCRIPTOR;
  }
  const directorySize = directory.reduce((total, part) => total + part.length, 0);
  yield* directory;
  const end = Buffer.alloc(END_OF_DIRECTORY);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  yield end;
}

/** MS-DOS time and date fields (local time in DOS; UTC here, as the server has no zone). */
function dosTime(ms: number): [number, number] {
  const date = new Date(Math.max(ms, Date.UTC(1980, 0, 1)));
  const time = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2);
  const day = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  return [time, day];
}
