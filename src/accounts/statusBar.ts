import * as vscode from 'vscode';
import { formatTime } from '../activity/format';
import { plainText } from '../activity/plainText';
import { settings } from '../settings';
import type { AccountStore } from './accountStore';
import type { AccountClients } from './accountClients';
import { counted } from '../activity/counted';

/** The active account in the status bar, with the API allowance left; a click switches accounts. */
export class AccountStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('exavault.account', vscode.StatusBarAlignment.Left, 10);
  private readonly subscriptions: vscode.Disposable;

  constructor(private readonly store: AccountStore, private readonly clients: AccountClients) {
    this.item.name = vscode.l10n.t('ExaVault Account');
    this.item.command = 'exavault.switchAccount';
    this.subscriptions = vscode.Disposable.from(
      store.onDidChange(() => this.update()),
      clients.onDidUpdateRateLimit(() => this.update()),
      settings.onDidChange((changed) => changed('timeZone') && this.update()),
    );
    this.update();
  }

  dispose(): void {
    this.subscriptions.dispose();
    this.item.dispose();
  }

  private update(): void {
    const account = this.store.active();
    if (!account) {
      this.item.hide();
      return;
    }
    const rate = this.clients.rateLimitFor(account.id);
    const left = rate && counted(rate.remaining, 'calls');
    // The label is the server's account name: shown as text, "$(" and all (no icon syntax from data).
    const label = plainText(account.label, 64);
    this.item.text = left ? `$(database) ${label} · ${vscode.l10n.t('{0} left', left)}` : `$(database) ${label}`;
    const lines = [vscode.l10n.t('ExaVault account {0}', plainText(account.label, 128)), account.baseUrl];
    if (rate) {
      lines.push(vscode.l10n.t('API allowance: {0} of {1} left today (as of {2}).', rate.remaining.toLocaleString(), counted(rate.limit, 'calls'), formatTime(rate.at.getTime())));
    }
    lines.push(vscode.l10n.t('Click to switch accounts.'));
    // A plain string: the account name comes from the server and must not be read as markdown.
    this.item.tooltip = lines.join('\n');
    this.item.backgroundColor = rate && rate.remaining < rate.limit * 0.05 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }
}
