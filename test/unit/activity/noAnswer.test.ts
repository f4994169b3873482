import * as assert from 'node:assert/strict';
import { NAMED_NO_ANSWERS, noAnswerText } from '../../../src/activity/noAnswer';

describe('a webhook call with no HTTP answer, by curl\'s error number', () => {
  it('names the cause of the common errors, with the number', () => {
    assert.equal(noAnswerText('28'), 'no answer: timed out (error 28)');
    assert.equal(noAnswerText('7'), 'no answer: could not connect (error 7)');
    assert.equal(noAnswerText('6'), 'no answer: host not found (error 6)');
    assert.equal(noAnswerText('35'), 'no answer: TLS handshake failed (error 35)');
    assert.equal(noAnswerText('52'), 'no answer: empty reply (error 52)');
    assert.equal(noAnswerText('56'), 'no answer: connection lost while receiving (error 56)');
    assert.deepEqual([...NAMED_NO_ANSWERS].sort(), ['28', '35', '52', '56', '6', '7']);
  });

  it('gives the number alone for an error it has no name for', () => {
    assert.equal(noAnswerText('0'), 'no answer (error 0)');
    assert.equal(noAnswerText('{0}'), 'no answer (error {0})');
  });
});
