import * as vscode from 'vscode';
import { DisposableStore } from '../util/disposables';

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

/** A step that asks to pick from a list. */
export interface PickStep<T extends vscode.QuickPickItem> {
  title: string;
  placeholder: string;
  /** Items marked `picked` start picked (several) or active (one). */
  items: readonly T[];
  /** Several may be picked, or none: Enter with nothing picked answers []. */
  canPickMany?: boolean;
}

export const BACK = Symbol('back');

/** A step's answer, BACK, or undefined when the user cancelled. */
export type Asked<T> = T | typeof BACK | undefined;

/** Passes a step's answer on, once `keep` has kept it (when it is an answer). */
export function kept<T>(answer: Asked<T>, keep: (value: T) => void): Asked<T> {
  if (answer !== undefined && answer !== BACK) {
    keep(answer);
  }
  return answer;
}

/** Where a step stands: "step of total" in its title. */
export interface StepPosition {
  step: number;
  total: number;
}

/** One step of a multi-step input. */
export interface Step {
  /** False when earlier answers make this step moot (it is skipped, and not counted). */
  applies?(): boolean;
  /** Asks, keeping the answer itself. */
  ask(position: StepPosition): Promise<Asked<unknown>>;
}

/**
 * Asks the steps that apply one after the other: step counter, Back to the step asked before.
 * Resolves true when every step was answered, false when the user cancelled.
 */
export async function runSteps(steps: readonly Step[]): Promise<boolean> {
  const asked: number[] = [];
  let index = 0;
  while (index < steps.length) {
    const applying = steps.filter((s) => s.applies?.() ?? true);
    const step = steps[index]!;
    if (!applying.includes(step)) {
      index++;
      continue;
    }
    const answer = await step.ask({ step: applying.indexOf(step) + 1, total: applying.length });
    if (answer === undefined) {
      return false;
    }
    if (answer === BACK) {
      index = asked.pop() ?? 0;
    } else {
      asked.push(index);
      index++;
    }
  }
  return true;
}

/**
 * Asks the given steps one after the other in one input box: step counter, Back button, and it
 * stays open when focus moves away (users copy tokens from a browser). Resolves with the values,
 * or undefined when the user cancels.
 */
export async function askSteps(steps: readonly ((values: string[]) => InputStep)[]): Promise<string[] | undefined> {
  const values: string[] = [];
  const answered = await runSteps(steps.map((step, index) => ({
    async ask(position: StepPosition) {
      const value = await askInput(step(values), position, values[index]);
      if (typeof value === 'string') {
        values[index] = value;
        values.length = index + 1;
      }
      return value;
    },
  })));
  return answered ? values : undefined;
}

/** An input box or a quick pick. */
type StepInput = vscode.QuickInput & Pick<vscode.InputBox, 'buttons' | 'onDidTriggerButton'>;

/**
 * Shows `input` as the step at `position` (Back on all but the first, open when focus moves away)
 * until `listen`'s handlers settle it, Back is pressed or it is hidden.
 */
function showStep<T>(input: StepInput, position: StepPosition,
  listen: (settle: (answer: Asked<T>) => void) => vscode.Disposable[]): Promise<Asked<T>> {
  input.step = position.step;
  input.totalSteps = position.total;
  input.ignoreFocusOut = true;
  input.buttons = position.step > 1 ? [vscode.QuickInputButtons.Back] : [];
  return new Promise((resolve) => {
    const subscriptions = new DisposableStore();
    const settle = (answer: Asked<T>) => {
      subscriptions.dispose();
      input.dispose();
      resolve(answer);
    };
    subscriptions.add(vscode.Disposable.from(
      input.onDidTriggerButton((button) => {
        if (button === vscode.QuickInputButtons.Back) {
          settle(BACK);
        }
      }),
      input.onDidHide(() => settle(undefined)),
      ...listen(settle),
    ));
    input.show();
  });
}

/** One input box step; `previous` is what was answered before going back. */
export function askInput(step: InputStep, position: StepPosition, previous?: string): Promise<Asked<string>> {
  const input = vscode.window.createInputBox();
  input.title = step.title;
  input.prompt = step.prompt;
  input.placeholder = step.placeholder;
  input.password = step.password ?? false;
  input.value = previous ?? step.value ?? '';
  let checking: vscode.CancellationTokenSource | undefined;
  return showStep<string>(input, position, (settle) => [
    { dispose: () => checking?.cancel() },
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
        settle(value);
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
        settle(value);
      }
    }),
  ]);
}

/** One pick step: resolves with the items picked (one, or any number with canPickMany). */
export function askPick<T extends vscode.QuickPickItem>(step: PickStep<T>, position: StepPosition): Promise<Asked<readonly T[]>> {
  const pick = vscode.window.createQuickPick<T>();
  pick.title = step.title;
  pick.placeholder = step.placeholder;
  pick.canSelectMany = step.canPickMany ?? false;
  pick.matchOnDescription = true;
  pick.items = step.items;
  const picked = step.items.filter((item) => item.picked);
  if (pick.canSelectMany) {
    pick.selectedItems = picked;
  } else if (picked.length) {
    pick.activeItems = picked.slice(0, 1);
  }
  return showStep<readonly T[]>(pick, position, (settle) => [
    pick.onDidAccept(() => {
      const answer = pick.canSelectMany ? pick.selectedItems : pick.activeItems.slice(0, 1);
      if (pick.canSelectMany || answer.length) {
        settle(answer);
      }
    }),
  ]);
}
