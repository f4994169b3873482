// What the user silenced: a rule for a subject (for an hour or for good) and dismissed incidents.
// Kept in globalState, so it holds across reloads and in every window that reads it afresh.
import * as vscode from 'vscode';
import type { Incident, RuleId } from '../watch/rules/incident';

const STATE_KEY = 'exavault.watch.mutes';
const HOUR_MS = 3_600_000;
/** Dismissed incidents remembered; beyond, the oldest are forgotten (the record drops them too). */
const MAX_DISMISSED = 1000;

export interface Mute {
  account: string;
  rule: RuleId;
  subject: string;
  /** Until when, in milliseconds; none: until the user unmutes it. */
  until?: number;
}

interface StoredMutes {
  mutes: Mute[];
  /** `account|incident id`. */
  dismissed: string[];
}

const dismissKey = (incident: Incident) => `${incident.account ?? ''}|${incident.id}`;

export class IncidentMutes implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento, private readonly clock: () => number = Date.now) {}

  // Read on every call: another window may have changed it.
  private read(): StoredMutes {
    const stored = this.state.get<Partial<StoredMutes>>(STATE_KEY);
    return {
      mutes: Array.isArray(stored?.mutes) ? stored.mutes : [],
      dismissed: Array.isArray(stored?.dismissed) ? stored.dismissed : [],
    };
  }

  private async write(stored: StoredMutes): Promise<void> {
    const now = this.clock();
    await this.state.update(STATE_KEY, {
      mutes: stored.mutes.filter((mute) => mute.until === undefined || mute.until > now),
      dismissed: stored.dismissed.slice(-MAX_DISMISSED),
    });
    this.changed.fire();
  }

  /** Whether the user muted its rule for its subject (and the mute still holds) or dismissed it. */
  hides(incident: Incident): boolean {
    const { mutes, dismissed } = this.read();
    const now = this.clock();
    return dismissed.includes(dismissKey(incident)) || mutes.some((mute) => mute.account === (incident.account ?? '')
      && mute.rule === incident.rule && mute.subject === incident.subject && (mute.until === undefined || mute.until > now));
  }

  muteForAnHour(incident: Incident): Promise<void> {
    return this.mute(incident, this.clock() + HOUR_MS);
  }

  muteForGood(incident: Incident): Promise<void> {
    return this.mute(incident, undefined);
  }

  async dismiss(incident: Incident): Promise<void> {
    const stored = this.read();
    await this.write({ ...stored, dismissed: [...stored.dismissed.filter((key) => key !== dismissKey(incident)), dismissKey(incident)] });
  }

  private async mute(incident: Incident, until: number | undefined): Promise<void> {
    const stored = this.read();
    const same = (mute: Mute) => mute.account === (incident.account ?? '') && mute.rule === incident.rule && mute.subject === incident.subject;
    const mute: Mute = { account: incident.account ?? '', rule: incident.rule, subject: incident.subject, ...(until === undefined ? {} : { until }) };
    await this.write({ ...stored, mutes: [...stored.mutes.filter((other) => !same(other)), mute] });
  }

  dispose(): void {
    this.changed.dispose();
  }
}
