// Replaces one of vscode.window's functions in the extension host (a notification, a modal question),
// so a test answers for the user; returns what puts the original back.
import * as vscode from 'vscode';

type WindowApi = typeof vscode.window;

export function replaceWindow<K extends keyof WindowApi>(name: K, fake: WindowApi[K]): () => void {
  const window = vscode.window as { -readonly [P in keyof WindowApi]: WindowApi[P] };
  const original = window[name];
  window[name] = fake;
  return () => {
    window[name] = original;
  };
}
