import * as assert from 'node:assert/strict';
import { Random } from '../../../../server/generate/random';
import { Dictionary } from '../../../../src/panel/webview/textDictionary';

/** The rule matching() answers for: each value as shown, in lower case, contains the needle. */
const oracle = (dictionary: Dictionary, needle: string, within?: Uint8Array) =>
  dictionary.lower.map((value, code) => ((within === undefined || within[code] === 1) && value.includes(needle) ? 1 : 0));

describe('Dictionary.matching: the codes whose value contains the text', () => {
  // Hostile values: line breaks (a show that keeps them), empty values, case that changes length, look-alikes, markup.
  const values = ['', 'ab', 'cd', 'a\nb', 'AB\nCD', 'İstanbul', 'istanbul', 'x', '<b>ab</b>', 'abab', 'b', 'Ünïcode', 'ÜNÏCODE', '/Finance/a.pdf', 'zz', 'z'];

  it('matches as a value-by-value test does, including text that would straddle two values and text holding the separator', () => {
    const dictionary = new Dictionary((value) => value);
    values.forEach((value) => dictionary.intern(value));
    const needles = ['a', 'ab', 'b', 'bc', 'b\nc', 'dx', '\n', 'a\nb', 'cd', 'i̇', 'istanbul', 'ünï', '<b>', 'zz', 'z', 'zzz', 'abab', 'ba', ' '];
    let found = 0;
    for (const needle of needles) {
      const expected = oracle(dictionary, needle);
      assert.deepEqual(Array.from(dictionary.matching(needle)), expected, JSON.stringify(needle));
      found += expected.filter(Boolean).length;
    }
    // Positive control: most needles match something, and 'bc' only across two values (so never).
    assert.ok(found > 20, `matches: ${found}`);
    assert.equal(dictionary.matching('bc').includes(1), false);
  });

  it('narrows within the codes given, and sees values interned after an earlier search', () => {
    const random = new Random(8);
    const dictionary = new Dictionary((value) => value.toUpperCase());
    const word = () => Array.from({ length: random.int(0, 6) }, () => random.pick(['a', 'b', 'c', '.', '/'])).join('');
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 400; i++) {
        dictionary.intern(word());
      }
      for (const needle of ['a', 'ab', 'abc', './', 'c/a', 'q']) {
        const all = dictionary.matching(needle);
        assert.deepEqual(Array.from(all), oracle(dictionary, needle), `${needle}, round ${round}`);
        const within = Uint8Array.from(dictionary.lower, () => (random.chance(0.5) ? 1 : 0));
        assert.deepEqual(Array.from(dictionary.matching(needle, within)), oracle(dictionary, needle, within), `${needle} within, round ${round}`);
      }
    }
    assert.ok(dictionary.matching('ab').includes(1), 'positive control: a common needle matches');
  });
});
