// What a watch of one account keeps between polls and across windows and reloads: the rules' state
// and the incidents found, in a JSON file beside the account's lease. Only the lease's holder writes
// it (whole, then renamed over the old one: a reader never sees half a file); every window reads it.
import { promises as fs } from 'node:fs';
import type { ActivityEntry } from '../api/models';
import { accountFile, leaseFile } from './lease';
import type { WatchedLog } from './poller';
import type { Incident } from './rules/incident';
import { sharedEntriesFile } from './sharedEntries';
import { applyRules, emptyRuleState, type RuleState } from './rules/ruleEngine';
import type { WatchThresholds } from './rules/ruleThresholds';
import { readIfThere, writeWhole } from './wholeFile';

/** Incidents kept per account; beyond, the oldest are dropped. */
export const MAX_STORED_INCIDENTS = 200;

export interface WatchRecord {
  version: 1;
  ruleState: RuleState;
  /** Oldest first. */
  incidents: Incident[];
  /**
   * Per log, the time the last complete poll covered: a quiet log has no newest entry to resume
   * from, and what is logged during a handover must not be skipped. Read as none from records written before.
   */
  polledUpTo: Partial<Record<WatchedLog, number>>;
}

export const emptyWatchRecord = (): WatchRecord => ({ version: 1, ruleState: emptyRuleState(), incidents: [], polledUpTo: {} });

/** The account's record file in `directory`, named (like its lease) by the hash of the account's key. */
export function watchRecordFile(directory: string, account: string): string {
  return accountFile(directory, account, '.watch.json');
}

/** Removes the account's record, shared entries and lease: the account is gone, and nothing of its watch should stay behind. */
export async function forgetWatch(directory: string, account: string): Promise<void> {
  await fs.rm(watchRecordFile(directory, account), { force: true });
  await fs.rm(sharedEntriesFile(directory, account), { force: true });
  await fs.rm(leaseFile(directory, account), { force: true });
}

/** The record in the file; an empty one when there is none, or what is there is not a record (a crash, a hand edit). */
export async function readWatchRecord(file: string): Promise<WatchRecord> {
  const text = await readIfThere(file);
  if (text === undefined) {
    return emptyWatchRecord();
  }
  try {
    const value = JSON.parse(text) as Partial<WatchRecord>;
    if (value.version !== 1 || value.ruleState?.version !== 1 || !Array.isArray(value.incidents)) {
      return emptyWatchRecord();
    }
    // Times that are not times are left out: the log resumes as if never polled, and the incidents stay.
    const polledUpTo = Object.fromEntries((['session', 'webhook'] as const).flatMap((log) => {
      const time: unknown = value.polledUpTo?.[log];
      return typeof time === 'number' && Number.isFinite(time) ? [[log, time]] : [];
    }));
    return { ...value, polledUpTo } as WatchRecord;
  } catch {
    return emptyWatchRecord();
  }
}

export async function writeWatchRecord(file: string, record: WatchRecord): Promise<void> {
  await writeWhole(file, JSON.stringify(record));
}

/** The stored incidents with those a batch opened or changed: changed ones in place, new ones last, the oldest dropped beyond the bound. */
export function mergeIncidents(stored: readonly Incident[], changed: readonly Incident[], max = MAX_STORED_INCIDENTS): Incident[] {
  const byId = new Map(changed.map((incident) => [incident.id, incident]));
  const merged = stored.map((incident) => byId.get(incident.id) ?? incident);
  const known = new Set(stored.map((incident) => incident.id));
  merged.push(...changed.filter((incident) => !known.has(incident.id)));
  return merged.slice(Math.max(0, merged.length - max));
}

/** The record after the rules ran over new entries, with the incidents they opened (each told once, by whoever calls this). */
export function recordEntries(record: WatchRecord, entries: readonly ActivityEntry[], thresholds: WatchThresholds, account: string): { record: WatchRecord; opened: Incident[] } {
  const result = applyRules(record.ruleState, entries, thresholds, account);
  return {
    record: { ...record, ruleState: result.state, incidents: mergeIncidents(record.incidents, [...result.opened, ...result.updated]) },
    opened: result.opened,
  };
}

/** The record after a complete poll of a log that covered up to `time`. */
export function recordPolledUpTo(record: WatchRecord, log: WatchedLog, time: number): WatchRecord {
  return { ...record, polledUpTo: { ...record.polledUpTo, [log]: Math.max(time, record.polledUpTo[log] ?? -Infinity) } };
}

/** Where a poller taking over from the record resumes each log: the later of the newest entry time the rules saw in it and the time polls covered. */
export function resumePoints(record: WatchRecord): Partial<Record<WatchedLog, number>> {
  const { sessions, webhooks } = record.ruleState.newest;
  const later = (a: number | undefined, b: number | undefined) => (a === undefined ? b : b === undefined ? a : Math.max(a, b));
  const session = later(sessions, record.polledUpTo.session);
  const webhook = later(webhooks, record.polledUpTo.webhook);
  return { ...(session === undefined ? {} : { session }), ...(webhook === undefined ? {} : { webhook }) };
}
