// What a sidebar view's header says of the time window it shows: the window, when every entry in
// it is loaded; otherwise how many entries are loaded and how far back they reach, so that counts
// of loaded entries never read as counts of the whole window. Free of `vscode`: tested in Node.
import * as l10n from '@vscode/l10n';
import { formatSpan } from './format';

/**
 * `entries` are the loaded ones (any order); `complete` says the window holds no others. "last 7 days",
 * or "200 loaded · newest 16 h of 7 days".
 */
export function windowText(windowMs: number, entries: readonly { created: number | undefined }[], complete: boolean, now: Date): string {
  // The window exactly: in days only when it is whole days (a setting of 100 hours reads as such).
  const hours = Math.round(windowMs / 3_600_000);
  const window = hours >= 48 && hours % 24 === 0 ? formatSpan(windowMs) : l10n.t('{0} h', hours);
  let oldest = Infinity;
  for (const entry of entries) {
    if (entry.created !== undefined && entry.created < oldest) {
      oldest = entry.created;
    }
  }
  if (complete || !Number.isFinite(oldest)) {
    return l10n.t('last {0}', window);
  }
  return l10n.t('{0} loaded · newest {1} of {2}', entries.length.toLocaleString(), formatSpan(now.getTime() - oldest), window);
}
