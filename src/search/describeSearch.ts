// A search in words, for pickers, the Saved Searches view and tooltips:
// "Last 24 hours · Delete, Upload · user alice · path /Finance/*". Free of `vscode`.
import * as l10n from '@vscode/l10n';
import { displayText } from '../activity/displayText';
import { formatTime } from '../activity/format';
import { ownValue } from '../api/normalize';
import { OPERATIONS } from '../api/wire';
import type { ActivityKind, ActivitySearch, TimeRange, TimeRangePreset } from './search';

export function presetLabel(preset: TimeRangePreset): string {
  switch (preset) {
    case 'hour': return l10n.t('Last hour');
    case 'day': return l10n.t('Last 24 hours');
    case 'week': return l10n.t('Last 7 days');
    case 'month': return l10n.t('Last 30 days');
    case 'quarter': return l10n.t('Last 90 days');
  }
}

export function kindLabel(kind: ActivityKind): string {
  return kind === 'sessions' ? l10n.t('Session logs') : l10n.t('Webhook calls');
}

/** `timeZone` names the zone of a custom range's times (the local one when absent). */
function rangeText(range: TimeRange, timeZone: string | undefined): string {
  return 'preset' in range ? presetLabel(range.preset) : `${formatTime(range.from, timeZone)} – ${formatTime(range.to, timeZone)}`;
}

/** Values a user typed or a log entry supplied: shown as one line of visible text. */
const shown = (value: string) => displayText(value, 120);

export function describeSearch(search: ActivitySearch, options: { timeZone?: string } = {}): string {
  const parts = [rangeText(search.range, options.timeZone)];
  if (search.kind === 'sessions') {
    const { types, username, ipAddress, path } = search.filters;
    if (types?.length) {
      parts.push(types.map((code) => ownValue(OPERATIONS, code) ?? shown(code)).sort((a, b) => a.localeCompare(b)).join(', '));
    }
    parts.push(
      ...(username ? [l10n.t('user {0}', shown(username))] : []),
      ...(ipAddress ? [l10n.t('IP {0}', shown(ipAddress))] : []),
      ...(path ? [l10n.t('path {0}', shown(path))] : []),
    );
  } else {
    const { events, endpointUrl, status, resourcePath, username } = search.filters;
    if (events?.length) {
      parts.push([...events].sort().map(shown).join(', '));
    }
    parts.push(
      ...(endpointUrl ? [l10n.t('endpoint {0}', shown(endpointUrl))] : []),
      ...(status ? [l10n.t('status {0}', shown(status))] : []),
      ...(resourcePath ? [l10n.t('path {0}', shown(resourcePath))] : []),
      ...(username ? [l10n.t('user {0}', shown(username))] : []),
    );
  }
  return parts.join(' · ');
}
