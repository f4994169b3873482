// Every field of the selected entry, each with a Copy button, and the row's actions.
import { displayLines, displayText } from '../../activity/displayText';
import type { DetailsMessage, Finding, RowAction } from '../protocol';
import { button, h } from './dom';

type Strings = Record<string, string>;

const ACTION_ICONS: Record<RowAction, string> = {
  showUser: 'person', showIp: 'globe', showPath: 'history', tracePath: 'git-commit', openResource: 'go-to-file', resend: 'debug-restart', resendFailed: 'redo',
  showSession: 'list-ordered', showCause: 'references', openCause: 'go-to-file', showTriggered: 'references', openTriggered: 'go-to-file',
};
// Offered with what they open (a finding), not among the row's actions.
const SHOWN_WITH_FINDING: ReadonlySet<RowAction> = new Set(['openCause', 'openTriggered']);

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
      ...details.actions.filter((action) => !SHOWN_WITH_FINDING.has(action)).map((action) => button(ACTION_ICONS[action], this.strings[`action.${action}`]!, () => this.post({ type: 'action', action, id: details.id }))),
      button('json', this.strings.copyJson!, () => this.post({ type: 'copy', text: details.json })));
    const list = h('dl', { class: 'fields' });
    for (const { label, shown, copy } of detailRows(details.fields)) {
      list.append(
        h('dt', {}, label),
        // A function, so "$&" and the like in a label are not replacement patterns.
        h('dd', {}, h('span', { class: 'value' }, shown), button('copy', this.strings.copyField!.replace('{0}', () => label), () => this.post({ type: 'copy', text: copy }), true)),
      );
    }
    const findings = details.findings.map((finding) => this.findingSection(details.id, finding));
    this.body.replaceChildren(h('h2', {}, this.strings.details!), actions, ...findings, list);
  }

  /** "Caused by", "Webhook calls it triggered": what was found, why, and what it found one click away. */
  private findingSection(id: number, finding: Finding): HTMLElement {
    const { open } = finding;
    const opener = open ? [button(ACTION_ICONS[open], this.strings[`action.${open}`]!, () => this.post({ type: 'action', action: open, id }))] : [];
    return h('section', { class: 'finding', 'aria-label': displayText(finding.title, 200) },
      h('h3', {}, displayText(finding.title, 200)),
      h('p', { class: 'finding-summary' }, displayText(finding.summary, 1000)),
      h('p', { class: 'muted finding-why' }, displayText(finding.why, 1000)),
      ...opener);
  }
}
