// Every field of the selected entry, each with a Copy button, and the row's actions.
import { displayLines, displayText } from '../../activity/displayText';
import type { CauseShown, DetailsMessage, RowAction } from '../protocol';
import { button, h } from './dom';

type Strings = Record<string, string>;

const ACTION_ICONS: Record<RowAction, string> = {
  showUser: 'person', showIp: 'globe', showPath: 'history', openResource: 'go-to-file', resend: 'debug-restart',
  showCause: 'references', openCause: 'go-to-file',
};
// Offered with what it acts on (the cause found), not among the row's actions.
const SHOWN_WITH_CAUSE: ReadonlySet<RowAction> = new Set(['openCause']);

/** A field as the pane shows it, and what its Copy button copies. */
export interface DetailRow {
  label: string;
  shown: string;
  copy: string;
}

/**
 * The fields as shown: names (some are the server's) and values with every invisible or controlling
 * character made visible, line breaks kept in values; Copy copies the value exactly as sent.
 */
export function detailRows(fields: DetailsMessage['fields']): DetailRow[] {
  return fields.map(([label, value]) => ({ label: displayText(label, 200), shown: displayLines(value), copy: value }));
}

export class DetailPane {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  /** The id of the entry shown, if any. */
  private shownId: number | undefined;

  constructor(private readonly strings: Strings, private readonly post: (message: unknown) => void) {
    this.body = h('div', { class: 'details-body' });
    this.element = h('aside', { class: 'details', 'aria-label': strings.details, hidden: true }, this.body);
  }

  /** The id of the entry shown (or loading), if any. */
  get entryId(): number | undefined {
    return this.shownId;
  }

  clear(): void {
    this.shownId = undefined;
    this.element.hidden = true;
    this.body.replaceChildren();
  }

  loading(id: number): void {
    this.shownId = id;
    this.element.hidden = false;
    this.body.replaceChildren(h('p', { class: 'muted' }, this.strings.loadingDetails!));
  }

  show(details: DetailsMessage): void {
    this.shownId = details.id;
    this.element.hidden = false;
    const actions = h('div', { class: 'actions' },
      ...details.actions.filter((action) => !SHOWN_WITH_CAUSE.has(action)).map((action) => button(ACTION_ICONS[action], this.strings[`action.${action}`]!, () => this.post({ type: 'action', action, id: details.id }))),
      button('json', this.strings.copyJson!, () => this.post({ type: 'copy', text: details.json })));
    const list = h('dl', { class: 'fields' });
    for (const { label, shown, copy } of detailRows(details.fields)) {
      list.append(
        h('dt', {}, label),
        // A function, so "$&" and the like in a label are not replacement patterns.
        h('dd', {}, h('span', { class: 'value' }, shown), button('copy', this.strings.copyField!.replace('{0}', () => label), () => this.post({ type: 'copy', text: copy }), true)),
      );
    }
    const cause = details.cause ? [this.causeSection(details.id, details.cause)] : [];
    this.body.replaceChildren(h('h2', {}, this.strings.details!), actions, ...cause, list);
  }

  /** "Caused by": the verdict, why, and the entry one click away. */
  private causeSection(id: number, cause: CauseShown): HTMLElement {
    const open = cause.canOpen ? [button(ACTION_ICONS.openCause, this.strings['action.openCause']!, () => this.post({ type: 'action', action: 'openCause', id }))] : [];
    return h('section', { class: 'cause', 'aria-label': this.strings.causedBy },
      h('h3', {}, this.strings.causedBy!),
      h('p', { class: 'cause-summary' }, displayText(cause.summary, 1000)),
      h('p', { class: 'muted cause-why' }, displayText(cause.why, 1000)),
      ...open);
  }
}
