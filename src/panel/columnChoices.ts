// The columns a new query panel shows, per log: the last ones chosen in any panel of that log.
import type * as vscode from 'vscode';
import type { ActivityKind } from '../search/search';
import { parseColumnChoice } from './columns';

const key = (kind: ActivityKind) => `exavault.panel.columns.${kind}`;

export class ColumnChoices {
  constructor(private readonly state: vscode.Memento) {}

  /** The last choice for the log; undefined for its default columns. globalState may hold what another version wrote: checked on the way out. */
  get(kind: ActivityKind): string[] | undefined {
    return parseColumnChoice(kind, this.state.get<unknown>(key(kind)));
  }

  set(kind: ActivityKind, columns: readonly string[]): Thenable<void> {
    return this.state.update(key(kind), columns);
  }
}
