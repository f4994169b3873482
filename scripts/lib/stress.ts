// The load switch: one busy loop per core, for as long as the suites run, so that waits which only
// hold on an idle machine show up. Not niced: the suites compete with it as with any other load.
import { spawn, type ChildProcess } from 'node:child_process';
import * as os from 'node:os';

export interface Load {
  readonly loops: number;
  stop(): void;
}

/** Starts the loops; each also ends by itself after `maxMs`, should the harness die without stopping it. */
export function startLoad(maxMs: number): Load {
  const loops: ChildProcess[] = Array.from({ length: os.availableParallelism() }, () =>
    spawn(process.execPath, ['-e', `const end = Date.now() + ${maxMs}; while (Date.now() < end) { /* busy */ }`], { stdio: 'ignore' }));
  const stop = () => {
    for (const loop of loops) {
      loop.kill('SIGKILL');
    }
  };
  process.once('exit', stop);
  return { loops: loops.length, stop };
}
