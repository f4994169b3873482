// IP addresses in the order of their numbers, not of their text (10.0.0.9 before 10.0.0.10): a key
// per address that sorts as text. IPv4 before IPv6, anything else after both, as text. No DOM here.

/** The address's 8 (IPv4) or 32 (IPv6) hex digits; undefined when it is not an address. */
function addressHex(text: string): string | undefined {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const parts = v4.slice(1).map(Number);
    return parts.every((part) => part <= 255) ? parts.map((part) => part.toString(16).padStart(2, '0')).join('') : undefined;
  }
  if (!text.includes(':') || !/^[\da-f:.]+$/i.test(text)) {
    return undefined;
  }
  // A trailing IPv4 (::ffff:192.0.2.1) is its last two groups.
  const tail = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  let groups = text;
  if (tail) {
    const hex = addressHex(tail[1]!);
    if (!hex) {
      return undefined;
    }
    groups = `${text.slice(0, -tail[1]!.length)}${hex.slice(0, 4)}:${hex.slice(4)}`;
  }
  const halves = groups.split('::');
  if (halves.length > 2) {
    return undefined;
  }
  const split = (half: string | undefined) => (half ? half.split(':') : []);
  const head = split(halves[0]);
  const rest = split(halves[1]);
  const missing = 8 - head.length - rest.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0 || (halves.length === 2 && missing < 1)) {
    return undefined;
  }
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  return all.every((group) => /^[\da-f]{1,4}$/i.test(group)) ? all.map((group) => group.toLowerCase().padStart(4, '0')).join('') : undefined;
}

/** A key that sorts addresses by number as text: IPv4, then IPv6, then anything else by its text. */
export function addressSortKey(text: string): string {
  const hex = addressHex(text.trim());
  if (hex === undefined) {
    return `2${text.toLowerCase()}`;
  }
  return hex.length === 8 ? `0${hex}` : `1${hex}`;
}
