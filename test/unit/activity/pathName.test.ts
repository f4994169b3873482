import * as assert from 'node:assert/strict';
import { baseName, parentFolder } from '../../../src/activity/pathName';

describe('the parts of a path people read', () => {
  it('finds the folder a path is in', () => {
    assert.deepEqual(['/', '/a', '/a/b', '/a/b/c.txt'].map(parentFolder), ['/', '/', '/a', '/a/b']);
  });

  it('finds the name of the file or folder', () => {
    assert.deepEqual(['/', '/a', '/a/b', '/a/b/c.txt', 'c.txt', ''].map(baseName), ['/', 'a', 'b', 'c.txt', 'c.txt', '']);
  });
});
