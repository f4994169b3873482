import * as assert from 'node:assert/strict';
import { displayLines, displayText } from '../../../src/activity/displayText';
import { plainText } from '../../../src/activity/plainText';

const J = '\u2060'; // the word joiner plainText puts into "](" and "$("

describe('plainText: server text where VS Code reads links and icons', () => {
  it('keeps an account name with icon and link syntax as text: the exact text shown', () => {
    assert.equal(plainText('$(alert) Acme [Fix now](command:workbench.action.quit)'), `$${J}(alert) Acme [Fix now]${J}(command:workbench.action.quit)`);
    assert.equal(plainText('[x](https://evil.example/) and $(sync~spin)'), `[x]${J}(https://evil.example/) and $${J}(sync~spin)`);
  });

  it('shows invisible and controlling characters as marks, on one line', () => {
    assert.equal(plainText('invoice\u202efdp.exe\n$(x)'), `invoice\u27e8U+202E\u27e9fdp.exe\u23ce$${J}(x)`);
  });

  it('positive control: text without that syntax is exactly as sent, markup included', () => {
    for (const text of ['acme', 'Acme GmbH (EU)', '<img src=x onerror=alert(1)>', '[brackets] and (parens)', 'cost: $5 (net)']) {
      assert.equal(plainText(text), text);
    }
  });

  it('cuts long messages only where asked', () => {
    const long = 'x'.repeat(1500);
    assert.equal(plainText(long).length, 256);
    assert.equal(plainText(long, 2000), long);
  });
});

describe('displayText: the invisible characters that masquerade', () => {
  const cases: [string, string][] = [
    ['\u00ad', 'U+00AD'], ['\u034f', 'U+034F'], ['\u115f', 'U+115F'], ['\u1160', 'U+1160'], ['\u180e', 'U+180E'], ['\u3164', 'U+3164'],
    ['\uffa0', 'U+FFA0'], ['\ufe00', 'U+FE00'], ['\ufe0f', 'U+FE0F'], ['\u2064', 'U+2064'], ['\u206f', 'U+206F'],
    ['\u{e0000}', 'U+E0000'], ['\u{e0001}', 'U+E0001'], ['\u{e0041}', 'U+E0041'], ['\u{e007f}', 'U+E007F'],
    ['\u{e0100}', 'U+E0100'], ['\u{e01ef}', 'U+E01EF'],
  ];
  for (const [char, name] of cases) {
    it(`shows ${name} as a visible mark`, () => {
      assert.equal(displayText(`ad${char}min`), `ad\u27e8${name}\u27e9min`);
    });
  }

  it('marks a whole tag sequence hidden in a name, each character on its own', () => {
    const tagged = 'report.pdf\u{e0065}\u{e0078}\u{e0065}';
    assert.equal(displayText(tagged), 'report.pdf\u27e8U+E0065\u27e9\u27e8U+E0078\u27e9\u27e8U+E0065\u27e9');
  });

  it('positive control: visible letters of any script, spaces and emoji stay as sent', () => {
    for (const text of ['Straße', '東京/報告.pdf', 'ℌello', 'a b\u00a0c', '\u{1f600}', 'ا\u0644']) {
      assert.equal(displayText(text), text);
    }
  });
});

describe('displayLines: several lines, as the details pane shows them', () => {
  it('keeps line breaks, and shows a right-to-left override, controls and invisible characters', () => {
    assert.equal(displayLines('invoice\u202efdp.exe'), 'invoice\u27e8U+202E\u27e9fdp.exe');
    assert.equal(displayLines('{\r\n  "a": "x\u200by"\n}\u2028\u0007\t'), '{\n  "a": "x\u27e8U+200B\u27e9y"\n}\u23ce\u2407\u2409');
  });

  it('does not cut a long value unless asked', () => {
    const long = 'y'.repeat(100_000);
    assert.equal(displayLines(long), long);
  });
});
