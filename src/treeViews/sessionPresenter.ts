import * as vscode from 'vscode';
import type { SessionEntry } from '../api/models';
import { ownValue } from '../api/normalize';
import { entryFields } from '../activity/fields';
import { displayText } from '../activity/displayText';
import { baseName, parentFolder } from '../activity/pathName';
import { formatRelative } from '../activity/format';
import { groupSessions } from '../activity/grouping';
import type { ActivityPresenter } from './presenter';
import { fieldsTooltip } from '../ui/fieldsTooltip';

const ICONS: Readonly<Record<string, string>> = {
  PASS: 'sign-in', EXIT: 'sign-out', STOR: 'cloud-upload', RETR: 'cloud-download', DELE: 'trash', MKD: 'new-folder',
  RNTO: 'edit', MOVE: 'arrow-right', COPY: 'copy', COMPR: 'file-zip', EXTRACT: 'package', SHARE: 'live-share',
  EDIT_SHARE: 'live-share', DELE_SHARE: 'live-share', SEND: 'mail', RECV: 'inbox', EDIT_SEND: 'mail', EDIT_RECV: 'inbox',
  DELE_SEND: 'mail', DELE_RECV: 'inbox', NOTIFY: 'bell', EDIT_NTFY: 'bell', DELE_NTFY: 'bell-slash', USER: 'person-add',
  EDIT_USER: 'person', DELE_USER: 'person', DFA: 'link', EDIT_DFA: 'link', DELE_DFA: 'link',
};

export function sessionIcon(entry: SessionEntry): vscode.ThemeIcon {
  if (entry.failed) {
    return new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
  }
  return new vscode.ThemeIcon(ownValue(ICONS, entry.operation) ?? 'circle-outline');
}

export const sessionPresenter: ActivityPresenter<SessionEntry> = {
  viewId: 'exavault.sessions',
  kind: 'sessions',
  noActivity: (hours) => vscode.l10n.t('No session activity in the last {0} hours.', hours),
  group: groupSessions,
  groupingKey: () => 'operation',
  entryItem(entry, now) {
    // The file's name first (rows of one folder differ there), and the time first in the description,
    // where a narrow sidebar does not cut it off. Logins and user changes have no file: they are about
    // the user and where from, which the label says once.
    const when = formatRelative(entry.created, now);
    const label = entry.fileName
      ? baseName(entry.fileName)
      : (entry.ipAddress ? `${entry.username} @ ${entry.ipAddress}` : entry.username) || entry.operationName;
    const item = new vscode.TreeItem(displayText(label), vscode.TreeItemCollapsibleState.None);
    item.description = (entry.fileName ? [when, displayText(entry.username, 64), displayText(parentFolder(entry.fileName))] : [when]).filter(Boolean).join(' · ');
    item.iconPath = sessionIcon(entry);
    item.contextValue = entry.fileName ? 'sessionEntry.withPath' : 'sessionEntry';
    return item;
  },
  entryTooltip: (entry) => fieldsTooltip(entry.operationName, entryFields(entry)),
  groupIcon(group) {
    const icon = ownValue(ICONS, group.key) ?? 'circle-outline';
    return group.failed ? new vscode.ThemeIcon(icon, new vscode.ThemeColor('errorForeground')) : new vscode.ThemeIcon(icon);
  },
  pathOf: (entry) => entry.fileName,
};
