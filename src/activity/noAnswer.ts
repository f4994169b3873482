// A webhook call that got no HTTP answer: the log gives curl's error number in place of a status
// (API-NOTES: "it can also be a curl error number when the call never got an HTTP answer"). The
// common numbers are named, so "no answer (error 28)" reads as the timeout it is.
import * as l10n from '@vscode/l10n';

/** curl's error numbers a listener's outage gives most often, and what each means. */
const CAUSES: Readonly<Record<string, () => string>> = {
  6: () => l10n.t('host not found'),
  7: () => l10n.t('could not connect'),
  28: () => l10n.t('timed out'),
  35: () => l10n.t('TLS handshake failed'),
  52: () => l10n.t('empty reply'),
  56: () => l10n.t('connection lost while receiving'),
};

/** The error numbers `noAnswerText` names a cause for. */
export const NAMED_NO_ANSWERS: readonly string[] = Object.keys(CAUSES);

/** A call that got no HTTP answer, by its curl error number: its cause when known, and the number. */
export function noAnswerText(error: string): string {
  const cause = CAUSES[error];
  return cause ? l10n.t('no answer: {0} (error {1})', cause(), error) : l10n.t('no answer (error {0})', error);
}
