// The saved-state fixtures (test/fixtures/saved-state/): what an earlier release wrote, read as stored.
import * as fs from 'node:fs';
import * as path from 'node:path';

export function readSavedState<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'saved-state', name), 'utf8')) as T;
}
