import * as assert from 'node:assert/strict';
import { detailRows } from '../../../../src/panel/webview/detailPane';

describe('the details pane\'s fields', () => {
  it('shows a right-to-left override and invisible characters as marks, and copies the value exactly as sent', () => {
    const rows = detailRows([
      ['Path', '/Finance/invoice\u202efdp.exe'],
      ['Response', '{\n  "ok": "ye\u200bs"\n}'],
      ['ta\u{e0067}g\u00ad', 'x'],
    ]);
    assert.deepEqual(rows, [
      { label: 'Path', shown: '/Finance/invoice\u27e8U+202E\u27e9fdp.exe', copy: '/Finance/invoice\u202efdp.exe' },
      { label: 'Response', shown: '{\n  "ok": "ye\u27e8U+200B\u27e9s"\n}', copy: '{\n  "ok": "ye\u200bs"\n}' },
      { label: 'ta\u27e8U+E0067\u27e9g\u27e8U+00AD\u27e9', shown: 'x', copy: 'x' },
    ]);
  });

  it('positive control: plain values, markup and line breaks included, show exactly as sent', () => {
    const value = '<img src=x onerror=alert(1)>\nsecond line';
    assert.deepEqual(detailRows([['User', value]]), [{ label: 'User', shown: value, copy: value }]);
  });
});
