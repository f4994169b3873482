// The clock switch: suites run with the wall clock at another date and time, through Debian's
// libfaketime, preloaded into Node and the local servers. The VS Code server strips LD_PRELOAD from
// the extension host's environment, so it runs on a copy of Node 24 that links libfaketime itself
// (patchelf adds it to the binary's needed libraries); FAKETIME still reaches it. A fixed offset
// rather than a start time: every process, whenever it starts, reads the same clock.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheDir, node24Bin } from './paths';

// ld.so expands $LIB to the machine's library folder (x86_64-linux-gnu on Debian).
const LIBRARY = '/usr/$LIB/faketime/libfaketime.so.1';
const LIBRARY_ON_DISK = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';
const INSTALL = 'sudo apt-get install -y faketime patchelf';

/** `2028-02-29T23:58:00Z` or `2028-02-29 23:58` (UTC unless a zone is given), in milliseconds since the epoch. */
export function parseClock(text: string): number {
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(Z|[+-]\d{2}:\d{2})?$/.exec(text.trim());
  const ms = match ? Date.parse(`${match[1]}T${match[2]}${match[3] ?? 'Z'}`) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new Error(`"${text}" is not a date and time: write it as 2028-02-29T23:58:00Z.`);
  }
  return ms;
}

/** Whether this machine has what the switch needs (libfaketime, and patchelf for the extension host's Node). */
export function clockSwitchAvailable(): boolean {
  return fs.existsSync(LIBRARY_ON_DISK) && spawnSync('patchelf', ['--version']).status === 0;
}

/**
 * The environment that makes a process (and everything it starts) read a clock that stood at `at`
 * when this was called and runs at the normal rate. Checks that it works before returning it.
 */
export function clockEnvironment(at: number): NodeJS.ProcessEnv {
  if (!clockSwitchAvailable()) {
    throw new Error(`The clock switch needs Debian's libfaketime and patchelf: \`${INSTALL}\`.`);
  }
  // Under the switch already (a suite that runs this), this process's clock is off by the inherited offset.
  const inherited = /^[+-]\d+$/.test(process.env.FAKETIME ?? '') ? Number(process.env.FAKETIME) * 1000 : 0;
  const offsetSeconds = Math.round((at - (Date.now() - inherited)) / 1000);
  const preloads = (process.env.LD_PRELOAD ?? '').split(/[\s:]+/).filter((entry) => entry !== '' && entry !== LIBRARY);
  const env = {
    LD_PRELOAD: [...preloads, LIBRARY].join(' '),
    FAKETIME: `${offsetSeconds >= 0 ? '+' : '-'}${Math.abs(offsetSeconds)}`,
    // Timers and performance.now() keep the real monotonic clock: only the calendar moves.
    FAKETIME_DONT_FAKE_MONOTONIC: '1',
  };
  const probe = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(Date.now()))'], { env: { ...process.env, ...env }, encoding: 'utf8' });
  const seen = Number(probe.stdout);
  if (probe.status !== 0 || !(Math.abs(seen - at) < 60_000)) {
    throw new Error(`The clock switch did not take: a Node process under libfaketime read ${Number.isFinite(seen) && seen > 0 ? new Date(seen).toISOString() : `nothing (${probe.stderr.trim()})`}, not about ${new Date(at).toISOString()}.`);
  }
  return env;
}

/**
 * Node 24 for the VS Code server under the clock switch: a copy that loads libfaketime by itself, so
 * the extension host it starts (with LD_PRELOAD removed, FAKETIME kept) reads the same clock. Made
 * once per Node binary, beside the provisioned one.
 */
export function clockedNode(): string {
  const clocked = path.join(cacheDir, 'clock', `node-${fs.statSync(node24Bin).size}`);
  if (!fs.existsSync(clocked)) {
    fs.mkdirSync(path.dirname(clocked), { recursive: true });
    const partial = `${clocked}.partial`;
    fs.copyFileSync(node24Bin, partial);
    const patched = spawnSync('patchelf', ['--add-needed', LIBRARY_ON_DISK, partial], { encoding: 'utf8' });
    if (patched.status !== 0) {
      throw new Error(`patchelf could not add libfaketime to a copy of Node 24: ${patched.stderr || patched.error?.message}`);
    }
    fs.renameSync(partial, clocked);
  }
  return clocked;
}
