// Text from the server (an account name, an error's detail, a path from the log) as it may go where
// VS Code reads syntax into strings: notifications and modal dialogs, quick pick items, input titles
// and validation messages, the status bar. There `[text](command:...)` becomes a link that runs the
// command and `$(name)` becomes an icon. No `vscode` here: tested in plain Node.
import { displayText } from './displayText';

/** An invisible word joiner: "](" and "$(" with it between are no longer syntax, and read the same. */
const JOINER = '\u2060';

/**
 * One line, invisible characters shown (displayText), and neither a link nor an icon: a word joiner
 * goes between "]" and "(" and between "$" and "(". Every server string shown in VS Code's own UI
 * goes through here; `maxLength` cuts it as displayText does (longer for whole messages).
 */
export function plainText(text: string, maxLength = 256): string {
  return displayText(text, maxLength).replace(/\]\(/g, `]${JOINER}(`).replace(/\$\(/g, `$${JOINER}(`);
}

/** For whole messages that carry server text (an error with the server's detail): cut only when very long. */
export const MESSAGE_LENGTH = 2000;
