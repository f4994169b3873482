import * as vscode from 'vscode';
import { displayText } from '../activity/displayText';
import type { Field } from '../activity/fields';

/**
 * A tooltip of label/value lines. Values come from the logs, which anyone can write into (a file
 * named like markup): they go in through appendText alone, never as markdown, and the string is
 * neither trusted nor allowed HTML, so no link, image or command in a value can come alive.
 */
export function fieldsTooltip(title: string, fields: readonly Field[]): vscode.MarkdownString {
  const tooltip = new vscode.MarkdownString();
  tooltip.isTrusted = false;
  tooltip.supportHtml = false;
  tooltip.supportThemeIcons = false;
  tooltip.appendMarkdown('**');
  tooltip.appendText(displayText(title, 200));
  tooltip.appendMarkdown('**\n\n');
  for (const [label, value] of fields) {
    // Labels too: fields the model does not know are named by the server.
    tooltip.appendText(`${displayText(label, 200)}: ${displayText(value, 2000)}`);
    tooltip.appendMarkdown('  \n');
  }
  return tooltip;
}
