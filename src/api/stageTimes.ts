// Where a search's load spends its time, stage by stage (JSON parsing, normalising, batching, messages
// to the webview), for `npm run bench:panel`. Off unless EXAVAULT_STAGE_TIMES names a file: then each
// stage's total is summed and written there when a load ends. Callers check `stageTiming` first, so
// a load that is not measured reads no clock.
import * as fs from 'node:fs';

const file = process.env.EXAVAULT_STAGE_TIMES;

/** Whether stage times are being taken. */
export const stageTiming = file !== undefined && file !== '';

export interface StageTotal {
  ms: number;
  count: number;
}

let totals: Record<string, StageTotal> = {};

/** Adds the time since `startedAt` (a performance.now() reading) to `stage`. */
export function addStageTime(stage: string, startedAt: number): void {
  const total = (totals[stage] ??= { ms: 0, count: 0 });
  total.ms += performance.now() - startedAt;
  total.count++;
}

/** Every stage's total since the last reset. */
export function stageTotals(): Record<string, StageTotal> {
  return structuredClone(totals);
}

/** Starts the totals afresh: a new load begins. */
export function resetStageTimes(): void {
  totals = {};
}

/** Writes the totals to the file EXAVAULT_STAGE_TIMES names: a load ended. */
export function writeStageTimes(): void {
  if (stageTiming) {
    fs.writeFileSync(file!, JSON.stringify(totals));
  }
}
