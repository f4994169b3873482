// Times are shown and typed in the zone the exavault.timeZone setting names, read at each use so that
// a change applies at once; a setting that names no zone falls back to UTC and says so.
import * as vscode from 'vscode';
import { formatTime, showTimesIn } from './activity/format';
import { showMessageTimesWith } from './api/errors';
import { settings } from './settings';

export function applyTimeZoneSetting(): vscode.Disposable {
  showTimesIn(() => settings.timeZone());
  showMessageTimesWith((time) => formatTime(time));
  const check = () => {
    if (settings.invalidTimeZone() !== undefined) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The setting exavault.timeZone names no time zone this editor knows, so times are shown in UTC. Use utc, local, or a zone name such as Europe/Berlin.'));
    }
  };
  check();
  return settings.onDidChange((changed) => {
    if (changed('timeZone')) {
      check();
    }
  });
}
