import * as assert from 'node:assert/strict';
import { contrastRatio, needsEdge, parseColour } from '../../../../src/panel/webview/colourContrast';

// VS Code's own chart colours and editor backgrounds (Light+ and Dark+).
const LIGHT = '#ffffff';
const DARK = '#1e1e1e';

describe('colour contrast of the charts\' series', () => {
  it('reads the colour forms the theme variables take', () => {
    assert.deepEqual(parseColour('#fff'), [255, 255, 255, 1]);
    assert.deepEqual(parseColour('#D18616'), [209, 134, 22, 1]);
    assert.deepEqual(parseColour('#00000080'), [0, 0, 0, 128 / 255]);
    assert.deepEqual(parseColour('rgba(128, 128, 128, 0.5)'), [128, 128, 128, 0.5]);
    assert.deepEqual(parseColour('rgb(1 2 3)'), [1, 2, 3, 1]);
    assert.equal(parseColour('var(--x)'), undefined);
  });

  it('measures as WCAG does: black on white is 21, a colour on itself 1', () => {
    assert.equal(contrastRatio('#000000', LIGHT), 21);
    assert.equal(contrastRatio(DARK, DARK), 1);
    assert.equal(contrastRatio('#000000ff', '#000'), 1);
  });

  it('gives an edge to a colour too faint for its theme, and to no other', () => {
    // charts.orange is faint on white, and clear on the dark theme's background.
    assert.equal(needsEdge('#d18616', LIGHT), true);
    assert.equal(needsEdge('#d18616', DARK), false);
    // Positive controls: the clear colours of both themes need none.
    for (const colour of ['#1a85ff', '#388a34', '#652d90', '#e51400']) {
      assert.equal(needsEdge(colour, LIGHT), false, colour);
    }
    for (const colour of ['#3794ff', '#89d185', '#b180d7', '#cca700', '#f14c4c']) {
      assert.equal(needsEdge(colour, DARK), false, colour);
    }
    // Half-transparent grey over each background: what shows is what counts.
    assert.equal(needsEdge('rgba(128, 128, 128, 0.2)', DARK), true);
    assert.equal(needsEdge('var(--unreadable)', LIGHT), false);
  });
});
