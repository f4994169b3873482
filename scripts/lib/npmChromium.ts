// The browser from the npm registry: @sparticuz/chromium ships a headless Chromium for x64 Linux inside
// the package, brotli-compressed, with the two libraries (NSS, NSPR) a bare Debian lacks. Unpacked
// here once per version into the git-ignored cache; the package's own code, written for serverless
// hosts (it unpacks into /tmp and sets process-wide variables), is not run.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';
import { cacheDir, repoRoot } from './paths';

export interface UnpackedChromium {
  readonly executablePath: string;
  /** Its own libraries, for LD_LIBRARY_PATH. */
  readonly libraryDir: string;
  readonly version: string;
}

// Its exports name no files: found where npm puts it.
const packageDir = () => path.join(repoRoot, 'node_modules', '@sparticuz', 'chromium');

/** Unpacks the npm package's Chromium into .cache/chromium/<version>, unless it is there already. */
export async function unpackNpmChromium(): Promise<UnpackedChromium> {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`the npm package's Chromium is built for x64 Linux, not ${process.platform}-${process.arch}`);
  }
  const source = packageDir();
  const { version } = JSON.parse(fs.readFileSync(path.join(source, 'package.json'), 'utf8')) as { version: string };
  const target = path.join(cacheDir, 'chromium', version);
  const unpacked = { executablePath: path.join(target, 'chromium'), libraryDir: path.join(target, 'lib'), version };
  const stamp = path.join(target, 'unpacked');
  if (fs.existsSync(stamp)) {
    return unpacked;
  }
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  await pipeline(fs.createReadStream(path.join(source, 'bin', 'chromium.br')), zlib.createBrotliDecompress(), fs.createWriteStream(unpacked.executablePath, { mode: 0o755 }));
  // swiftshader: software GL; al2023: NSS and NSPR (lib/). Debian's own fonts serve.
  for (const archive of ['swiftshader.tar.br', 'al2023.tar.br']) {
    const tarFile = path.join(target, archive.replace(/\.br$/, ''));
    await pipeline(fs.createReadStream(path.join(source, 'bin', archive)), zlib.createBrotliDecompress(), fs.createWriteStream(tarFile));
    const untar = spawnSync('tar', ['-xf', tarFile, '-C', target], { encoding: 'utf8' });
    fs.rmSync(tarFile);
    if (untar.status !== 0) {
      throw new Error(`tar -xf ${archive} failed: ${untar.stderr.trim()}`);
    }
  }
  fs.writeFileSync(stamp, '');
  return unpacked;
}
