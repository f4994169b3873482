// Reads every file below some folders, bytes and all, looking for secrets in the forms they could
// leak in (see secretForms), also as UTF-16 text, which browsers' storage uses.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { secretForms } from './secrets';

/**
 * Now by the file system's clock: the time a file written now is stamped with. Scans compare file
 * times with it, never with Date.now(), which the clock switch moves while the kernel stamps files
 * with the real time.
 */
export function fileSystemNow(): number {
  const marker = fs.mkdtempSync(path.join(os.tmpdir(), 'exavault-now-'));
  try {
    return fs.statSync(marker).mtimeMs;
  } finally {
    fs.rmSync(marker, { recursive: true, force: true });
  }
}

export interface Leak {
  file: string;
  secret: string;
}

function* files(root: string, since: number, skip: (file: string) => boolean): Generator<string> {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(root, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(root, entry.name);
    if (skip(full)) {
      continue;
    }
    if (entry.isDirectory()) {
      yield* files(full, since, skip);
    } else if (entry.isFile()) {
      try {
        if (fs.statSync(full).mtimeMs >= since) {
          yield full;
        }
      } catch {
        // Removed while we looked: nothing was in it for long.
      }
    }
  }
}

/**
 * Every file below `roots` changed since `since` (ms) that holds one of `secrets`, but those `skip`
 * passes over; also how many files were read.
 */
export function scanForSecrets(roots: readonly string[], secrets: readonly string[], since = 0, skip: (file: string) => boolean = () => false): { leaks: Leak[]; filesRead: number } {
  const needles = secrets.map((secret) => ({
    secret,
    forms: [...secretForms(secret).map((form) => Buffer.from(form, 'latin1')), Buffer.from(secret, 'utf16le')],
  }));
  const leaks: Leak[] = [];
  let filesRead = 0;
  // Roots may nest (a checkout under the temp folder): read each file once.
  const read = new Set<string>();
  for (const root of roots) {
    for (const file of files(root, since, skip)) {
      if (read.has(file)) {
        continue;
      }
      read.add(file);
      let content: Buffer;
      try {
        content = fs.readFileSync(file);
      } catch {
        continue;
      }
      filesRead++;
      for (const { secret, forms } of needles) {
        if (forms.some((form) => content.includes(form))) {
          leaks.push({ file, secret });
        }
      }
    }
  }
  return { leaks, filesRead };
}
