import * as vscode from 'vscode';
import { readSettings } from './settingsReader';

/** The extension's settings, read when needed so that changes apply at once. */
export const settings = readSettings(() => vscode.workspace.getConfiguration('exavault'));
