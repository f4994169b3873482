// The walkthrough's steps, as the extension sees them done. The workbench starts following a
// walkthrough only when one is first shown (the demo and many users start without the Welcome page),
// and misses what happened before: a view shown, a command run, and a context key that was already
// set (it checks a step only on a change). So each step completes on its context key while the
// walkthrough is the active editor: opening it (or coming back to it) checks what is done by then,
// and the workbench keeps a step checked once it is. Searches and files opened from the query panel
// run inside the extension host, where the workbench sees no command at all: they set keys here too.
import * as vscode from 'vscode';

/** What the user did: looked at an activity view, ran a search (whichever way), opened a file or folder the logs name. */
export type WalkthroughStep = 'viewShown' | 'searchOpened' | 'pathOpened';

export function walkthroughStepDone(step: WalkthroughStep): void {
  void vscode.commands.executeCommand('setContext', `exavault.walkthrough.${step}`, true);
}
