// What a file holds, made from the seed and its path alone, to exactly its size, as it is sent:
// plausible text for text formats (Markdown, JSON, CSV, TypeScript, logs...), real images for
// PNG, JPEG and ICO, a real zip, a PDF-like binary, and random bytes for every other format.
import { createHash } from 'node:crypto';
import { paddedIco, paddedJpeg, paddedPng, jpeg, png, type Rgb } from './images';
import { Random } from '../generate/random';
import { zipChunks, zipSize } from './zip';

const CHUNK = 64 * 1024;

export interface FileSpec {
  seed: number;
  path: string;
  size: number;
  /** Milliseconds since the epoch: dates inside the content, and the modified time in a zip. */
  modified: number;
}

type Dialect = {
  header(title: string, random: Random): string;
  line(n: number, random: Random): string;
  /** Written between lines (JSON needs commas). */
  separator?: string;
  footer: string;
};

const WORDS = ['account', 'upload', 'invoice', 'quarter', 'review', 'folder', 'client', 'report', 'archive', 'export', 'budget',
  'forecast', 'contract', 'delivery', 'schedule', 'summary', 'batch', 'record', 'transfer', 'backup', 'release', 'policy'];
const USERS = ['jsmith', 'mgarcia', 'akumar', 'lchen', 'tnguyen', 'opatel', 'dkim', 'backup-bot', 'sync-service'];
const LEVELS = ['INFO', 'INFO', 'INFO', 'DEBUG', 'WARN', 'ERROR'];

const words = (random: Random, count: number): string => Array.from({ length: count }, () => random.pick(WORDS)).join(' ');
const sentence = (random: Random): string => {
  const text = words(random, random.int(6, 14));
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
};
const amount = (random: Random): string => (random.int(100, 9_999_999) / 100).toFixed(2);
const isoDay = (random: Random): string => new Date(Date.UTC(2026, 0, 1) + random.int(0, 364) * 86_400_000).toISOString().slice(0, 10);

const LINES: Dialect = {
  header: (title) => `${title}\n\n`,
  line: (_n, random) => `${sentence(random)}\n`,
  footer: '',
};

const DIALECTS: Readonly<Record<string, Dialect>> = {
  md: {
    header: (title) => `# ${title}\n\n`,
    line: (n, random) => (n % 12 === 0 ? `\n## ${sentence(random).slice(0, -1)}\n\n` : n % 4 === 0 ? `- ${words(random, random.int(3, 7))}\n` : `${sentence(random)} ${sentence(random)}\n`),
    footer: '',
  },
  json: {
    header: (title) => `{\n  "name": "${title}",\n  "version": 2,\n  "records": [\n`,
    line: (n, random) => `    { "id": ${n + 1}, "user": "${random.pick(USERS)}", "amount": ${amount(random)}, "date": "${isoDay(random)}", "status": "${random.pick(['ok', 'ok', 'pending', 'failed'])}" }`,
    separator: ',\n',
    footer: '\n  ]\n}\n',
  },
  csv: {
    header: () => 'id,date,user,description,amount,status\n',
    line: (n, random) => `${n + 1},${isoDay(random)},${random.pick(USERS)},${words(random, 3)},${amount(random)},${random.pick(['paid', 'open', 'void'])}\n`,
    footer: '',
  },
  ts: {
    header: (title) => `// ${title}: records as the upload job sends them.\nexport interface UploadRecord {\n  id: number;\n  user: string;\n  path: string;\n  bytes: number;\n}\n\nexport const records: UploadRecord[] = [\n`,
    line: (n, random) => `  { id: ${n + 1}, user: '${random.pick(USERS)}', path: '/${random.pick(WORDS)}/${random.pick(WORDS)}-${random.int(1, 999)}.csv', bytes: ${random.int(100, 9_000_000)} },\n`,
    footer: '];\n',
  },
  log: {
    header: () => '',
    line: (n, random) => `2026-07-${String(1 + (n % 28)).padStart(2, '0')}T${String(random.int(0, 23)).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')}Z ${random.pick(LEVELS)} worker[${random.int(1, 32)}]: ${words(random, random.int(2, 5))} ${random.int(1, 99_999)} in ${random.int(1, 900)} ms\n`,
    footer: '',
  },
  yaml: {
    header: (title) => `# ${title}\nitems:\n`,
    line: (n, random) => `  - id: ${n + 1}\n    name: ${random.pick(WORDS)}-${random.int(1, 99)}\n    owner: ${random.pick(USERS)}\n`,
    footer: '',
  },
  xml: {
    header: () => '<?xml version="1.0" encoding="UTF-8"?>\n<records>\n',
    line: (n, random) => `  <record id="${n + 1}" user="${random.pick(USERS)}" amount="${amount(random)}" date="${isoDay(random)}"/>\n`,
    footer: '</records>\n',
  },
  html: {
    header: (title) => `<!doctype html>\n<html><head><meta charset="utf-8"><title>${title}</title></head><body>\n<table>\n`,
    line: (n, random) => `<tr><td>${n + 1}</td><td>${words(random, 2)}</td><td>${random.pick(['passed', 'passed', 'failed', 'skipped'])}</td></tr>\n`,
    footer: '</table>\n</body></html>\n',
  },
  svg: {
    header: () => '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">\n',
    line: (_n, random) => `<rect x="${random.int(0, 56)}" y="${random.int(0, 56)}" width="8" height="8" fill="#${random.hex(6)}"/>\n`,
    footer: '</svg>\n',
  },
  edi: {
    header: () => 'ISA*00*          *00*          *ZZ*EXAVAULT       *ZZ*PARTNER        *260701*1200*U*00401*000000001*0*P*>~\n',
    line: (n, random) => `PO1*${n + 1}*${random.int(1, 99)}*EA*${amount(random)}**VP*SKU${random.int(1000, 9999)}~\n`,
    footer: 'IEA*1*000000001~\n',
  },
  sha256: {
    header: () => '',
    line: (n, random) => `${random.hex(64)}  app-4.2.${n}-${random.pick(['linux-x64.tar.gz', 'win-x64.msi', 'macos-arm64.dmg'])}\n`,
    footer: '',
  },
  txt: LINES,
};
const ALIASES: Readonly<Record<string, string>> = { yml: 'yaml', js: 'ts', htm: 'html' };

export type ContentKind = 'text' | 'png' | 'jpeg' | 'ico' | 'zip' | 'pdf' | 'binary';

/** Lower-case extension without the dot; "" when the name has none. */
export function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

export function contentKind(path: string): ContentKind {
  const extension = extensionOf(path);
  if (extension in DIALECTS || extension in ALIASES) {
    return 'text';
  }
  switch (extension) {
    case 'png':
      return 'png';
    case 'jpg':
    case 'jpeg':
      return 'jpeg';
    case 'ico':
      return 'ico';
    case 'zip':
      return 'zip';
    case 'pdf':
      return 'pdf';
    default:
      // A name without an extension reads as text (README, LICENSE); everything else is bytes.
      return extension === '' ? 'text' : 'binary';
  }
}

/** The file's bytes, about 64 KiB at a time, exactly `spec.size` in all. */
export function fileChunks(spec: FileSpec): Iterable<Buffer> {
  const random = new Random(fileSeed(spec.seed, spec.path));
  const kind = contentKind(spec.path);
  const filler = (length: number) => Buffer.from(fillerText(random, length), 'latin1');
  const colours: [Rgb, Rgb] = [[random.int(0, 255), random.int(0, 255), random.int(0, 255)], [random.int(0, 255), random.int(0, 255), random.int(0, 255)]];
  const chunks = kind === 'text' ? textChunks(random, spec)
    : kind === 'png' ? paddedPng(png(96, 64, colours), spec.size, filler)
      : kind === 'jpeg' ? paddedJpeg(jpeg(96, 64, colours), spec.size, filler)
        : kind === 'ico' ? paddedIco(colours, spec.size, filler)
          : kind === 'zip' ? archiveChunks(random, spec)
            : kind === 'pdf' ? pdfChunks(random, spec.size)
              : undefined;
  // Too small for its format: random bytes of the right size.
  return chunks ?? noiseChunks(random, spec.size);
}

/** The whole file at once: for tests and small files. */
export function fileBytes(spec: FileSpec): Buffer {
  return Buffer.concat([...fileChunks(spec)]);
}

/** A 32-bit seed of its own for each path, so files do not depend on one another. */
function fileSeed(seed: number, path: string): number {
  return createHash('md5').update(`${seed}\0${path}`).digest().readUInt32LE(0);
}

/** Letters, digits and spaces from the name: headings never carry a hostile name's markup or line breaks. */
function titleOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name.replace(/[^A-Za-z0-9 ._-]+/g, ' ').replace(/\s+/g, ' ').trim() || 'Untitled';
}

function* textChunks(random: Random, spec: FileSpec): Generator<Buffer> {
  const dialect = DIALECTS[ALIASES[extensionOf(spec.path)] ?? extensionOf(spec.path)] ?? LINES;
  const header = dialect.header(titleOf(spec.path), random);
  if (header.length + dialect.footer.length > spec.size) {
    // Too small for the frame: lines alone, cut to size.
    let lines = '';
    while (lines.length < spec.size) {
      lines += dialect.line(0, random);
    }
    yield Buffer.from(lines.slice(0, spec.size), 'latin1');
    return;
  }
  let pending = header;
  let left = spec.size - header.length - dialect.footer.length;
  for (let n = 0; ; n++) {
    const line = (n > 0 && dialect.separator ? dialect.separator : '') + dialect.line(n, random);
    if (line.length > left) {
      break;
    }
    pending += line;
    left -= line.length;
    if (pending.length >= CHUNK) {
      yield Buffer.from(pending, 'latin1');
      pending = '';
    }
  }
  // Whitespace tops it up: valid wherever it lands in these formats.
  pending += (left > 0 ? `${' '.repeat(left - 1)}\n` : '') + dialect.footer;
  if (pending.length > 0) {
    yield Buffer.from(pending, 'latin1');
  }
}

/** A real zip holding one text file, its size chosen so the archive is exactly `spec.size`. */
function archiveChunks(random: Random, spec: FileSpec): Iterable<Buffer> | undefined {
  const name = `${titleOf(spec.path).replace(/\.zip$/i, '')}.txt`;
  const empty = zipSize([{ name, size: 0, modified: spec.modified, chunks: () => [] }]);
  if (spec.size < empty) {
    return undefined;
  }
  const inner: FileSpec = { ...spec, path: `${spec.path}/${name}`, size: spec.size - empty };
  return zipChunks([{ name, size: inner.size, modified: spec.modified, chunks: () => textChunks(random, inner) }]);
}

/** A PDF's header and trailer around random bytes: what a viewer would recognise, and binary to an editor. */
function pdfChunks(random: Random, size: number): Iterable<Buffer> | undefined {
  const header = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n', 'latin1');
  const footer = Buffer.from('\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');
  if (size < header.length + footer.length) {
    return undefined;
  }
  return [header, ...noiseChunks(random, size - header.length - footer.length), footer];
}

function* noiseChunks(random: Random, size: number): Generator<Buffer> {
  for (let left = size; left > 0; left -= CHUNK) {
    const chunk = Buffer.alloc(Math.min(CHUNK, left));
    for (let i = 0; i + 4 <= chunk.length; i += 4) {
      chunk.writeUInt32LE(random.uint32(), i);
    }
    for (let i = chunk.length - (chunk.length % 4); i < chunk.length; i++) {
      chunk[i] = random.int(0, 255);
    }
    yield chunk;
  }
}

function fillerText(random: Random, length: number): string {
  let text = '';
  while (text.length < length) {
    text += `${sentence(random)} `;
  }
  return text.slice(0, length);
}
