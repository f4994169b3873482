// "Time Window..." in the title of the Sessions and Webhook Calls views: how far back both look, picked
// among the panel's presets (the exavault.sidebar.timeWindowHours setting, which both views follow).
import * as vscode from 'vscode';
import { presetLabel } from '../search/describeSearch';
import { presetHours, TIME_RANGE_PRESETS } from '../search/search';
import { settings } from '../settings';

export function registerChooseTimeWindowCommand(): vscode.Disposable {
  return vscode.commands.registerCommand('exavault.chooseTimeWindow', async () => {
    const current = Math.round(settings.timeWindowMs() / 3_600_000);
    const items = TIME_RANGE_PRESETS.map((preset) => ({
      label: presetLabel(preset),
      description: presetHours(preset) === current ? vscode.l10n.t('shown now') : undefined,
      hours: presetHours(preset),
    }));
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Time Window of the Sidebar'),
      placeHolder: vscode.l10n.t('How far back the Sessions and Webhook Calls views look'),
    });
    if (picked && picked.hours !== current) {
      await vscode.workspace.getConfiguration('exavault').update('sidebar.timeWindowHours', picked.hours, vscode.ConfigurationTarget.Global);
    }
  });
}
