import * as assert from 'node:assert/strict';
import { chartsOpen, MIN_TABLE_ROWS } from '../../../../src/panel/webview/chartFold';

const ROW = 22;

describe('the panel\'s charts fold to give the table room', () => {
  it('stay open while the table keeps enough rows beside them, and fold when it would keep fewer', () => {
    const charts = 250;
    assert.equal(chartsOpen(undefined, { tableHeight: charts + MIN_TABLE_ROWS * ROW, chartsHeight: charts, rowHeight: ROW }), true);
    assert.equal(chartsOpen(undefined, { tableHeight: charts + MIN_TABLE_ROWS * ROW - 1, chartsHeight: charts, rowHeight: ROW }), false);
    assert.equal(chartsOpen(undefined, { tableHeight: 100, chartsHeight: charts, rowHeight: ROW }), false);
  });

  it('show as the user last chose, whatever the room', () => {
    assert.equal(chartsOpen('open', { tableHeight: 100, chartsHeight: 250, rowHeight: ROW }), true);
    assert.equal(chartsOpen('folded', { tableHeight: 2000, chartsHeight: 250, rowHeight: ROW }), false);
  });
});
