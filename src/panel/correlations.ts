// What the query panel found by following an entry to others: a webhook call's cause, the calls a
// session entry triggered. Each is looked for on request (it costs a query), kept for the entry's
// details while the search's rows stay, and opened as a search of its own.
import * as vscode from 'vscode';
import type { Account } from '../accounts/account';
import type { AccountClients } from '../accounts/accountClients';
import type { CauseVerdict } from '../activity/correlate/causedBy';
import type { TriggeredCalls } from '../activity/correlate/triggeredCalls';
import type { ActivityEntry } from '../api/models';
import { causeSearch, causeSummary, lookForCause } from '../correlate/causeView';
import { lookForTriggeredCalls, triggeredSearch } from '../correlate/triggeredView';
import type { Finding, RowAction } from './protocol';

export type CorrelationAction = Extract<RowAction, 'showCause' | 'openCause' | 'showTriggered' | 'openTriggered'>;
const CORRELATION_ACTIONS: ReadonlySet<RowAction> = new Set<CorrelationAction>(['showCause', 'openCause', 'showTriggered', 'openTriggered']);

export function isCorrelationAction(action: RowAction): action is CorrelationAction {
  return CORRELATION_ACTIONS.has(action);
}

export class PanelCorrelations {
  private readonly causes = new Map<number, CauseVerdict>();
  private readonly triggered = new Map<number, TriggeredCalls>();

  constructor(private readonly account: Account, private readonly clients: AccountClients) {}

  /** The rows went: so do their findings. */
  clear(): void {
    this.causes.clear();
    this.triggered.clear();
  }

  /** Looks for what `action` asks (once per entry) or opens what was found; true when the entry's details have something new. */
  async run(action: CorrelationAction, entry: ActivityEntry): Promise<boolean> {
    if (entry.kind === 'webhook') {
      const known = this.causes.get(entry.id);
      if (action === 'openCause' && known?.entry) {
        await vscode.commands.executeCommand('exavault.openSearch', causeSearch(this.account.id, known.entry));
      } else if (action === 'showCause' && !known) {
        const verdict = await lookForCause(entry, this.account, this.clients);
        if (verdict) {
          this.causes.set(entry.id, verdict);
          return true;
        }
      }
      return false;
    }
    const known = this.triggered.get(entry.id);
    const search = triggeredSearch(this.account.id, entry);
    if (action === 'openTriggered' && known && known.calls.length > 0 && search) {
      await vscode.commands.executeCommand('exavault.openSearch', search);
    } else if (action === 'showTriggered' && !known) {
      const found = await lookForTriggeredCalls(entry, this.account, this.clients);
      if (found) {
        this.triggered.set(entry.id, found);
        return true;
      }
    }
    return false;
  }

  /** What was found for the entry, in words, for its details. */
  findings(entry: ActivityEntry): Finding[] {
    const findings: Finding[] = [];
    const verdict = this.causes.get(entry.id);
    if (verdict) {
      findings.push({ title: vscode.l10n.t('Caused by'), summary: causeSummary(verdict), why: verdict.why, open: verdict.entry ? 'openCause' : undefined });
    }
    const triggered = this.triggered.get(entry.id);
    if (triggered) {
      findings.push({ title: vscode.l10n.t('Webhook calls it triggered'), summary: triggered.summary, why: triggered.why, open: triggered.calls.length > 0 ? 'openTriggered' : undefined });
    }
    return findings;
  }
}
