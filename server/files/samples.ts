// Files every generated account holds from before its 90 days of log: one of each kind a viewer
// meets (text formats, a PNG, a JPEG, a zip, a PDF-like binary), a large file, and files whose names
// break naive URI and path handling. The log never touches them, so they are always there.
import { HOSTILE_STRINGS } from '../generate/hostile';

export const SAMPLES_FOLDER = '/Samples';
export const ODD_NAMES_FOLDER = `${SAMPLES_FOLDER}/Odd names`;

export const SAMPLE_FILES = {
  markdown: `${SAMPLES_FOLDER}/README.md`,
  json: `${SAMPLES_FOLDER}/settings.json`,
  csv: `${SAMPLES_FOLDER}/orders.csv`,
  typescript: `${SAMPLES_FOLDER}/upload.ts`,
  png: `${SAMPLES_FOLDER}/logo.png`,
  jpeg: `${SAMPLES_FOLDER}/photo.jpg`,
  zip: `${SAMPLES_FOLDER}/archive.zip`,
  pdf: `${SAMPLES_FOLDER}/manual.pdf`,
  large: `${SAMPLES_FOLDER}/Large export.log`,
} as const;

const SIZES: Readonly<Record<keyof typeof SAMPLE_FILES, number | 'large'>> = {
  markdown: 2_400, json: 1_800, csv: 12_000, typescript: 3_000, png: 6_000, jpeg: 20_000, zip: 40_000, pdf: 120_000, large: 'large',
};

/**
 * Names with the characters URIs and paths get wrong (#, ?, %, runs of spaces, escapes that must stay
 * literal, non-Latin scripts), and VS Code's icon syntax, which a label must show as text.
 */
const ODD_NAMES = ['report #1.md', 'why?.txt', '100% done.csv', 'a%20b.txt', 'x%2Fy.txt', '#.txt', '?.txt', '  spaced  out .txt',
  'naïve café ☕.md', '東京 レポート.txt', 'Ünïcødé 🚀.json', 'semi;colon,comma&amp.txt', '+plus=equals.txt', '$(zap) icon syntax.txt'];

/** Every hostile payload that can be a file name (no "/" and no NUL), cut to a sensible length, as a .txt file. */
export function oddFileNames(): string[] {
  const payloads = HOSTILE_STRINGS.filter((text) => !text.includes('/') && !text.includes('\0')).map((text) => `${text.slice(0, 100)}.txt`);
  return [...ODD_NAMES, ...payloads];
}

export interface SampleFile {
  path: string;
  size: number;
}

export function sampleFiles(largeFileBytes: number): SampleFile[] {
  const named = (Object.keys(SAMPLE_FILES) as (keyof typeof SAMPLE_FILES)[]).map((key) => {
    const size = SIZES[key];
    return { path: SAMPLE_FILES[key], size: size === 'large' ? largeFileBytes : size };
  });
  const odd = oddFileNames().map((name, i) => ({ path: `${ODD_NAMES_FOLDER}/${name}`, size: 200 + 37 * i }));
  return [...named, ...odd];
}
