// The Incidents view: what the watch found on the watched accounts, newest first, with what watching
// costs (or why it is paused) in its header, a badge and a status bar item counting the open ones.
// Incident data comes from the logs: untrusted, shown as text only.
import * as vscode from 'vscode';
import type { AccountStore } from '../accounts/accountStore';
import { counted } from '../activity/counted';
import { formatTime } from '../activity/format';
import { MESSAGE_LENGTH, plainText } from '../activity/plainText';
import { settings } from '../settings';
import { costText } from '../watch/cost';
import type { Incident, RuleId } from '../watch/rules/incident';
import type { IncidentMutes } from './incidentMutes';
import type { WatchService, WatchStatus } from './watchService';

export const INCIDENTS_VIEW = 'exavault.incidents';

/** What each rule found, as the view and the notifications name it. */
export function ruleName(rule: RuleId): string {
  switch (rule) {
    case 'endpointFailing': return vscode.l10n.t('Endpoint failing');
    case 'failedLoginsByAddress': return vscode.l10n.t('Failed logins from one address');
    case 'failedLoginsByUsername': return vscode.l10n.t('Failed logins against one username');
    case 'massDeletion': return vscode.l10n.t('Mass deletion');
    case 'watchedPath': return vscode.l10n.t('Activity on a watched path');
  }
}

export class IncidentsView implements vscode.TreeDataProvider<Incident>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly treeView: vscode.TreeView<Incident>;
  private readonly statusItem = vscode.window.createStatusBarItem('exavault.incidents', vscode.StatusBarAlignment.Left, 9);
  private readonly subscriptions: vscode.Disposable;

  constructor(private readonly watch: WatchService, private readonly mutes: IncidentMutes, private readonly store: AccountStore) {
    this.treeView = vscode.window.createTreeView(INCIDENTS_VIEW, { treeDataProvider: this });
    this.statusItem.name = vscode.l10n.t('ExaVault Incidents');
    this.statusItem.command = `${INCIDENTS_VIEW}.focus`;
    this.subscriptions = vscode.Disposable.from(
      watch.onDidChange(() => this.update()),
      mutes.onDidChange(() => this.update()),
      settings.onDidChange((changed) => changed('timeZone') && this.update()),
    );
    this.update();
  }

  /** The incidents shown: of watched accounts, neither muted nor dismissed, newest first. */
  shown(): Incident[] {
    return this.watch.incidents().filter((incident) => !this.mutes.hides(incident))
      .sort((a, b) => (b.lastTime ?? -Infinity) - (a.lastTime ?? -Infinity));
  }

  getChildren(element?: Incident): Incident[] {
    return element ? [] : this.shown();
  }

  getTreeItem(incident: Incident): vscode.TreeItem {
    const item = new vscode.TreeItem(`${ruleName(incident.rule)}: ${plainText(incident.subject)}`, vscode.TreeItemCollapsibleState.None);
    item.id = `${incident.account ?? ''}|${incident.id}`;
    const state = incident.state === 'ongoing' ? vscode.l10n.t('ongoing') : vscode.l10n.t('resolved');
    item.description = [this.accountLabel(incident), counted(incident.count, 'entries'), this.timeSpan(incident), state].filter(Boolean).join(' · ');
    item.iconPath = new vscode.ThemeIcon(incident.state === 'ongoing' ? 'warning' : 'pass');
    item.contextValue = `incident.${incident.rule}.${incident.state}`;
    item.command = { command: 'exavault.incidents.showEvidence', title: vscode.l10n.t('Show Evidence'), arguments: [incident] };
    const tooltip = new vscode.MarkdownString();
    for (const line of [
      ruleName(incident.rule), vscode.l10n.t('Account: {0}', this.accountLabel(incident)), vscode.l10n.t('About: {0}', incident.subject),
      vscode.l10n.t('From {0} to {1}', formatTime(incident.firstTime) || '?', formatTime(incident.lastTime) || '?'),
      counted(incident.count, 'entries'), state,
    ]) {
      // Text only: subjects and account names come from the server.
      tooltip.appendText(line);
      tooltip.appendMarkdown('\n\n');
    }
    item.tooltip = tooltip;
    return item;
  }

  private accountLabel(incident: Incident): string {
    const account = this.store.list().find((candidate) => candidate.id === incident.account);
    return plainText(account?.label ?? incident.account ?? '');
  }

  private timeSpan(incident: Incident): string {
    const first = formatTime(incident.firstTime);
    const last = formatTime(incident.lastTime);
    return first === last ? first : `${first} – ${last}`;
  }

  /** The header: what each watch costs, or why it is paused. */
  private message(): string | undefined {
    const lines = this.watch.statuses().map(({ account, status }) => statusText(plainText(account.label), status)).filter((line): line is string => line !== undefined);
    return lines.length > 0 ? lines.join('\n') : undefined;
  }

  private update(): void {
    this.changed.fire();
    const open = this.shown().filter((incident) => incident.state === 'ongoing').length;
    this.treeView.message = this.message();
    // Counted only when there are some: at activation there are none, and the first count loads the runtime's number formats.
    if (open > 0) {
      const openText = counted(open, 'openIncidents');
      this.treeView.badge = { value: open, tooltip: openText };
      this.statusItem.text = `$(warning) ${open}`;
      this.statusItem.tooltip = vscode.l10n.t('ExaVault: {0}. Click to show them.', openText);
      this.statusItem.show();
    } else {
      this.treeView.badge = undefined;
      this.statusItem.hide();
    }
  }

  dispose(): void {
    this.subscriptions.dispose();
    this.statusItem.dispose();
    this.treeView.dispose();
    this.changed.dispose();
  }
}

function statusText(account: string, status: WatchStatus): string | undefined {
  switch (status.kind) {
    case 'starting':
      return vscode.l10n.t('Watching {0}.', account);
    case 'elsewhere':
      return vscode.l10n.t('Watching {0} (another window polls it).', account);
    case 'noCredentials':
      return vscode.l10n.t('Not watching {0}: its credentials are not on this machine.', account);
    case 'polling':
      return status.state.kind === 'watching'
        ? vscode.l10n.t('Watching {0}: {1}.', account, costText(status.cost))
        : vscode.l10n.t('{0}: {1}', account, plainText(status.state.message, MESSAGE_LENGTH));
  }
}
