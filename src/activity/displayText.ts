// Log text made safe to show. Anyone can put anything into a file name or a listener's answer:
// control characters would break lines or the terminal, bidirectional overrides make
// "invoice\u202Efdp.exe" read as "invoiceexe.pdf", and invisible characters (zero-width, soft hyphen,
// Hangul fillers, variation selectors, tag characters...) make look-alike names. Each is shown as a
// visible mark instead; everything else, markup included, stays exactly as sent. Only for what is
// shown: what is copied or exported stays as sent.

const LINE_BREAK = /\r\n|[\r\n\u0085\u2028\u2029]/g;
// C0 controls (but line breaks, handled above) and DEL: matching them is the point here.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f]/g;
/**
 * Bidirectional embeddings, overrides, isolates and marks, and every character Unicode says to show
 * as nothing (Default_Ignorable_Code_Point: zero-width characters, U+00AD soft hyphen, U+034F,
 * U+115F/U+1160/U+3164/U+FFA0 Hangul fillers, U+180B-U+180F Mongolian selectors, variation selectors
 * U+FE00-U+FE0F and U+E0100-U+E01EF, tag characters U+E0000-U+E007F, ...). Listed ones are named
 * too, in case an engine's Unicode tables are older than the characters.
 */
// Combining characters (U+034F, variation selectors) each listed alone on purpose: matching them is the point.
// eslint-disable-next-line no-misleading-character-class
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\u{e0000}-\u{e0fff}]/gu;
/** Printable ASCII only: nothing to do (most log text). */
const PLAIN_ASCII = /^[\x20-\x7e]*$/;

// C0 controls have pictures (U+2400 on); DEL has its own; C1 controls have none and show as their code point.
const controlPicture = (char: string) => {
  const code = char.charCodeAt(0);
  return code < 0x20 ? String.fromCharCode(0x2400 + code) : code === 0x7f ? '\u2421' : codePoint(char);
};
const codePoint = (char: string) => `\u27e8U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}\u27e9`;

const cut = (shown: string, maxLength: number) => (shown.length > maxLength ? `${shown.slice(0, maxLength - 1)}\u2026` : shown);

/** One line, every invisible or controlling character made visible, cut to `maxLength` with an ellipsis. */
export function displayText(value: string, maxLength = 256): string {
  if (PLAIN_ASCII.test(value)) {
    return cut(value, maxLength);
  }
  return cut(value.replace(LINE_BREAK, '\u23ce').replace(CONTROL, controlPicture).replace(INVISIBLE, codePoint), maxLength);
}

/**
 * Several lines (a listener's answer, JSON): like displayText, but "\n" and "\r\n" stay line breaks
 * (as "\n"); every other line or paragraph separator and control character is made visible. Not cut
 * unless `maxLength` is given.
 */
export function displayLines(value: string, maxLength = Infinity): string {
  return cut(value.split(/\r?\n/).map((line) => displayText(line, Infinity)).join('\n'), maxLength);
}
