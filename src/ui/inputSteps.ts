import * as vscode from 'vscode';

/** What one step of a multi-step input asks. */
export interface InputStep {
  title: string;
  prompt: string;
  placeholder?: string;
  value?: string;
  password?: boolean;
  /** Instant, local checks only (run on every keystroke). */
  validate?: (value: string) => string | undefined;
  /**
   * Runs on Enter, with the input busy and locked. Returns a message to show while the input stays
   * open (an Error must be edited away; a Warning lets Enter try again), or undefined to move on.
   */
  accept?: (value: string, token: vscode.CancellationToken) => Promise<vscode.InputBoxValidationMessage | undefined>;
}

export const BACK = Symbol('back');

/**
 * Asks the given steps one after the other in one input box: step counter, Back button, and it
 * stays open when focus moves away (users copy tokens from a browser). Resolves with the values,
 * or undefined when the user cancels.
 */
export async function askSteps(steps: readonly ((values: string[]) => InputStep)[]): Promise<string[] | undefined> {
  const values: string[] = [];
  let index = 0;
  while (index < steps.length) {
    const result = await askOne(steps[index]!(values), index, steps.length, values[index]);
    if (result === undefined) {
      return undefined;
    }
    if (result === BACK) {
      index = Math.max(0, index - 1);
      continue;
    }
    values[index] = result;
    values.length = index + 1;
    index++;
  }
  return values;
}

function askOne(step: InputStep, index: number, total: number, previous: string | undefined): Promise<string | typeof BACK | undefined> {
  const input = vscode.window.createInputBox();
  input.title = step.title;
  input.step = index + 1;
  input.totalSteps = total;
  input.prompt = step.prompt;
  input.placeholder = step.placeholder;
  input.password = step.password ?? false;
  input.value = previous ?? step.value ?? '';
  input.ignoreFocusOut = true;
  input.buttons = index > 0 ? [vscode.QuickInputButtons.Back] : [];
  const disposables: vscode.Disposable[] = [];
  let checking: vscode.CancellationTokenSource | undefined;

  return new Promise((resolve) => {
    const finish = (result: string | typeof BACK | undefined) => {
      checking?.cancel();
      disposables.forEach((d) => d.dispose());
      input.dispose();
      resolve(result);
    };
    disposables.push(
      input.onDidTriggerButton((button) => {
        if (button === vscode.QuickInputButtons.Back) {
          finish(BACK);
        }
      }),
      input.onDidChangeValue((value) => {
        input.validationMessage = step.validate?.(value);
      }),
      input.onDidAccept(async () => {
        const value = input.value;
        const invalid = step.validate?.(value);
        if (invalid) {
          input.validationMessage = invalid;
          return;
        }
        if (!step.accept) {
          finish(value);
          return;
        }
        checking = new vscode.CancellationTokenSource();
        input.busy = true;
        input.enabled = false;
        input.validationMessage = undefined;
        const error = await step.accept(value, checking.token);
        if (checking.token.isCancellationRequested) {
          return;
        }
        input.busy = false;
        input.enabled = true;
        if (error) {
          input.validationMessage = error;
        } else {
          finish(value);
        }
      }),
      input.onDidHide(() => finish(undefined)),
    );
    input.show();
  });
}
