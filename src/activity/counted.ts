// A count with its noun in the form the count takes ("1 entry", "2 entries"): each form a string of
// its own through l10n, so every language words both. The panel's webview gets the forms as words.
import * as l10n from '@vscode/l10n';

export type CountedNoun = 'entries' | 'newEntries' | 'apiCalls' | 'calls' | 'rows' | 'bars' | 'openIncidents';

/** Per noun, the form for a count of one and for any other count; `{0}` is the count. */
const FORMS: Readonly<Record<CountedNoun, readonly [one: () => string, other: () => string]>> = {
  entries: [() => l10n.t('{0} entry'), () => l10n.t('{0} entries')],
  newEntries: [() => l10n.t('{0} new entry'), () => l10n.t('{0} new entries')],
  apiCalls: [() => l10n.t('{0} API call'), () => l10n.t('{0} API calls')],
  calls: [() => l10n.t('{0} call'), () => l10n.t('{0} calls')],
  rows: [() => l10n.t('{0} row'), () => l10n.t('{0} rows')],
  bars: [() => l10n.t('{0} bar'), () => l10n.t('{0} bars')],
  openIncidents: [() => l10n.t('{0} open incident'), () => l10n.t('{0} open incidents')],
};

/** Which form a count takes. */
export const pluralForm = (count: number): 'one' | 'other' => (count === 1 ? 'one' : 'other');

/** `count` with its noun, the count in the locale's style. */
export function counted(count: number, noun: CountedNoun): string {
  const [one, other] = FORMS[noun];
  return (pluralForm(count) === 'one' ? one : other)().replace('{0}', count.toLocaleString());
}

/** Every noun's forms as words by key, `<noun>.one` and `<noun>.other`, for the webview (see counted in webview/format.ts). */
export function countedWords(): Record<string, string> {
  return Object.fromEntries(Object.entries(FORMS).flatMap(([noun, [one, other]]) => [[`${noun}.one`, one()], [`${noun}.other`, other()]]));
}
