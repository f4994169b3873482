// Processor time, from Linux's /proc: the whole machine's (machineBusySeconds), and where a stretch's
// went, process by process: the benchmark's own process (the local server, Playwright's driver),
// code-server, the extension host, the browser's renderers (the workbench and the webviews), its GPU
// process and the rest of it, everything else.
import * as fs from 'node:fs';

// USER_HZ, which /proc counts in, is 100 on every Linux a benchmark here runs on.
const TICKS_PER_SECOND = 100;

/**
 * Processor time every process on the machine has used since it started, in core-seconds (Linux's
 * /proc/stat: user, nice, system, irq and softirq time), or undefined elsewhere. The difference
 * over a stretch is the work done in it, whichever processes did it.
 */
export function machineBusySeconds(): number | undefined {
  try {
    const [, ...ticks] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
    const [user, nice, system, , , irq, softirq] = ticks;
    return [user, nice, system, irq, softirq].reduce<number>((sum, value) => sum + (value ?? 0), 0) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Each live process's processor time so far (user and system, in seconds), by pid, with the part it plays. */
export type ProcessTimes = Map<number, { part: string; seconds: number }>;

function partOf(pid: number, commandLine: string): string {
  if (pid === process.pid) {
    return 'this benchmark (the local server, Playwright)';
  }
  if (commandLine.includes('--type=extensionHost')) {
    return 'extension host';
  }
  if (commandLine.includes('code-server')) {
    return 'code-server (the VS Code server, its channels)';
  }
  if (commandLine.includes('--type=renderer')) {
    return 'browser renderers (workbench, webviews)';
  }
  if (commandLine.includes('--type=gpu-process')) {
    return 'browser GPU process';
  }
  return /chrom/i.test(commandLine) ? 'browser, other processes' : 'everything else';
}

/** A snapshot; undefined where /proc cannot be read. */
export function processTimes(): ProcessTimes | undefined {
  let pids: number[];
  try {
    pids = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);
  } catch {
    return undefined;
  }
  const times: ProcessTimes = new Map();
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      // The fields after the command's name, which is in parentheses and may hold anything: utime and stime are the 12th and 13th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const seconds = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
      const commandLine = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      times.set(pid, { part: partOf(pid, commandLine), seconds });
    } catch {
      // Ended meanwhile.
    }
  }
  return times;
}

/** Seconds of processor time each part used between two snapshots (processes started meanwhile count from zero), most first. */
export function timeByPart(before: ProcessTimes, after: ProcessTimes): [string, number][] {
  const parts = new Map<string, number>();
  for (const [pid, { part, seconds }] of after) {
    parts.set(part, (parts.get(part) ?? 0) + seconds - (before.get(pid)?.seconds ?? 0));
  }
  return [...parts].sort((a, b) => b[1] - a[1]);
}
