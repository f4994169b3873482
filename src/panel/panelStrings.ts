import * as vscode from 'vscode';
import { countedWords } from '../activity/counted';
import { relativeWords } from '../activity/format';
import { columnFields, failureChoices, fieldOrderText, LOGS, orderKey, sortableFields } from '../activity/logSchema';
import { NAMED_NO_ANSWERS, noAnswerText } from '../activity/noAnswer';
import { presetLabel } from '../search/describeSearch';
import { TIME_RANGE_PRESETS, type ActivityKind } from '../search/search';

/**
 * The log's words for the webview, by key: `filter.<key>` and `filter.<key>.any` (a filter's label and
 * placeholder), `chart.top.<field id>` (a list's title), `order.<order key>` (an order: "Size, largest first").
 */
function logStrings(kind: ActivityKind): Record<string, string> {
  const strings: Record<string, string> = {};
  for (const field of LOGS[kind].fields) {
    if (field.filter) {
      strings[`filter.${field.filter.key}`] = field.filter.words.label?.() ?? field.label();
      strings[`filter.${field.filter.key}.any`] = field.filter.words.any();
    }
    if (typeof field.chart === 'object') {
      strings[`chart.top.${field.id}`] = field.chart.top();
    }
  }
  // Every order the table or the server can show: the server's by its fields, the table's by its columns.
  for (const field of new Set([...sortableFields(LOGS[kind]), ...columnFields(LOGS[kind])])) {
    for (const descending of [true, false]) {
      strings[`order.${orderKey({ field: field.id, descending })}`] = fieldOrderText(field, descending);
    }
  }
  return strings;
}

/**
 * The webview's words, localized here: the webview has no l10n of its own. `{0}` marks a value; a
 * count with its noun ("3 entries") is one value, worded from the `<noun>.one`/`<noun>.other` forms.
 */
export function panelStrings(kind: ActivityKind): Record<string, string> {
  // Called as l10n.t(...): `vscode-l10n-dev export` finds only calls of that shape (not an alias such as `t`).
  const l10n = vscode.l10n;
  return {
    title: kind === 'sessions' ? l10n.t('Session logs') : l10n.t('Webhook calls'),
    filters: l10n.t('Filters'),
    timeRange: l10n.t('Time range'),
    ...Object.fromEntries(TIME_RANGE_PRESETS.map((preset) => [`range.${preset}`, presetLabel(preset)])),
    ...logStrings(kind),
    ...countedWords(),
    'range.custom': l10n.t('Custom range'),
    from: l10n.t('From'),
    to: l10n.t('To'),
    timePlaceholder: l10n.t('YYYY-MM-DD HH:MM'),
    rangeIncomplete: l10n.t('Enter the start and the end of the range as a date and a 24-hour time: 2026-11-20 14:05.'),
    rangeOrder: l10n.t('The start must be before the end.'),
    noAnswer: noAnswerText('{0}'),
    ...Object.fromEntries(NAMED_NO_ANSWERS.map((error) => [`noAnswer.${error}`, noAnswerText(error)])),
    statusInvalid: l10n.t('A status code such as 404, or a class such as 4xx.'),
    order: l10n.t('Order'),
    serverOrder: l10n.t('Server order: {0}'),
    sortedHere: l10n.t('Sorted here by {0}: loaded rows only'),
    search: l10n.t('Search'),
    stop: l10n.t('Stop'),
    retry: l10n.t('Retry'),
    refine: l10n.t('Refine loaded rows'),
    refinePlaceholder: l10n.t('Refine loaded rows (any shown column)'),
    matchCount: l10n.t('{0} of {1}'),
    hiddenColumns: l10n.t('Not shown, empty in every loaded row: {0}'),
    exportCsv: l10n.t('Export CSV'),
    // All fields, not the shown columns: an export is for other tools, which should not depend on what the table shows.
    exportAll: l10n.t('Exports every field of the rows shown (refined and sorted as shown), whichever columns are shown.'),
    columns: l10n.t('Columns'),
    chooseColumns: l10n.t('Choose the columns to show'),
    columnsShown: l10n.t('Columns shown'),
    defaultColumns: l10n.t('Default Columns'),
    exportJson: l10n.t('Export JSON'),
    copyLink: l10n.t('Copy Link to Search'),
    relativeTimes: l10n.t('Relative Times'),
    relativeTimesTitle: l10n.t('Show times as how long before the search ran; the exact time is in each cell\'s tooltip'),
    ...relativeWords(),
    tableLabel: kind === 'sessions' ? l10n.t('Session log entries') : l10n.t('Webhook calls'),
    sortBy: l10n.t('Sort by {0}'),
    failed: kind === 'sessions' ? l10n.t('Failed') : l10n.t('Failed call'),
    failures: l10n.t('Failures'),
    'failure.none': l10n.t('All entries'),
    ...Object.fromEntries(failureChoices(LOGS[kind]).map(({ value, words }) => [`failure.${String(value)}`, words.label()])),
    resizeColumn: l10n.t('Resize column {0} (Left and Right arrow keys)'),
    starting: l10n.t('Starting...'),
    'state.running': l10n.t('Loading... {0}, {1}'),
    'state.confirming': l10n.t('Waiting for your answer... {0}, {1}'),
    'state.done': l10n.t('{0}, {1}'),
    'state.stopped': l10n.t('Stopped: {0}, {1}'),
    'state.failed': l10n.t('Failed after {0}, {1}'),
    loadAll: l10n.t('Load All'),
    stopHere: l10n.t('Stop Here'),
    details: l10n.t('Details'),
    loadingDetails: l10n.t('Loading details...'),
    copyField: l10n.t('Copy {0}'),
    copyJson: l10n.t('Copy as JSON'),
    'action.showUser': l10n.t('Activity for this User'),
    'action.showIp': l10n.t('Activity for this IP'),
    'action.showPath': l10n.t('Activity for this Path'),
    'action.tracePath': l10n.t('Trace Path History'),
    'action.openResource': l10n.t('Open Resource'),
    'action.resend': l10n.t('Resend'),
    'action.resendFailed': l10n.t('Resend Failed Calls to this Endpoint...'),
    'action.showSession': l10n.t('Show Session'),
    'action.showCause': l10n.t('Show Cause'),
    'action.openCause': l10n.t('Open Cause'),
    'action.showTriggered': l10n.t('Webhook Calls It Triggered'),
    'action.openTriggered': l10n.t('Show Calls'),
    'chart.title': l10n.t('Charts'),
    'chart.activity': l10n.t('Activity over time'),
    'chart.activityLabel': l10n.t('Activity over time: {0} in {1}. Left and Right choose a time, Up and Down a part of its bar, Enter narrows the search to it.'),
    'chart.activityHint': kind === 'sessions'
      ? l10n.t('Click a coloured part of a bar to show only that operation or the failed logins and transfers, or a time below the bars to show only that time.')
      : l10n.t('Click a coloured part of a bar to show only that event, or a time below the bars to show only that time.'),
    'chart.outcomeHint': l10n.t('Click Failure in a bar to show only the failed calls, or a time below the bars to show only that time.'),
    'chart.failed': LOGS[kind].failure.words.series(),
    'chart.stackBy': l10n.t('Colour the bars by'),
    'chart.byEvent': l10n.t('Event'),
    'chart.byOutcome': l10n.t('Success / failure'),
    'chart.success': l10n.t('Success'),
    'chart.failure': l10n.t('Failure'),
    'chart.unknown': l10n.t('No status'),
    'chart.other': l10n.t('Other'),
    'chart.none': l10n.t('(none)'),
    'chart.empty': l10n.t('No entries to chart.'),
    'chart.topItem': l10n.t('{0}: {1}'),
    'chart.topOfColumn': l10n.t('Most frequent values of'),
    'chart.topOf': l10n.t('Top values: {0}'),
    'chart.noColumn': l10n.t('(pick a shown column)'),
    'chart.narrowTo': l10n.t('Search for {0} only'),
    'chart.total': l10n.t('Total: {0}'),
    'chart.binEntries': l10n.t('{0}: {1}'),
    'chart.part': l10n.t('{0}: {1}'),
    'chart.partEntries': l10n.t('{0} at {1}: {2}'),
  };
}
