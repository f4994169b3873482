// Log text made safe to show on one line. Anyone can put anything into a file name or a listener's
// answer: control characters would break lines or the terminal, bidirectional overrides make
// "invoice\u202Efdp.exe" read as "invoiceexe.pdf", and zero-width characters make look-alike names.
// Each is shown as a visible mark instead; everything else, markup included, stays exactly as sent.

const LINE_BREAK = /\r\n|[\r\n\u0085\u2028\u2029]/g;
// C0 controls (but line breaks, handled above) and DEL: matching them is the point here.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f]/g;
// Bidirectional embeddings, overrides and isolates; zero-width and invisible formatting characters.
const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

// C0 controls have pictures (U+2400 on); DEL has its own; C1 controls have none and show as their code point.
const controlPicture = (char: string) => {
  const code = char.charCodeAt(0);
  return code < 0x20 ? String.fromCharCode(0x2400 + code) : code === 0x7f ? '\u2421' : codePoint(char);
};
const codePoint = (char: string) => `\u27e8U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}\u27e9`;

/** One line, every invisible or controlling character made visible, cut to `maxLength` with an ellipsis. */
export function displayText(value: string, maxLength = 256): string {
  const shown = value.replace(LINE_BREAK, '\u23ce').replace(CONTROL, controlPicture).replace(INVISIBLE, codePoint);
  return shown.length > maxLength ? `${shown.slice(0, maxLength - 1)}\u2026` : shown;
}
