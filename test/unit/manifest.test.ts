// The manifest is code too: these catch the mistakes VS Code only shows at run time
// (a raw %key% in the UI, a command that never activates the extension, an API newer than engines).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
const manifest = readJson('package.json');
const nls: Record<string, string> = readJson('package.nls.json');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('package.json', () => {
  it('resolves every %placeholder% in package.nls.json, and uses every entry there', () => {
    const placeholders = [...JSON.stringify(manifest).matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]!);
    assert.ok(placeholders.length > 0, 'the manifest should localize its strings');
    assert.deepEqual(placeholders.filter((key) => !(key in nls)), []);
    assert.deepEqual(Object.keys(nls).filter((key) => !placeholders.includes(key)), []);
  });

  it('has an activation event for every view and command, and no "*"', () => {
    const events: string[] = manifest.activationEvents;
    assert.ok(!events.includes('*'));
    const views = Object.values(manifest.contributes.views as Record<string, { id: string }[]>).flat();
    for (const view of views) {
      assert.ok(events.includes(`onView:${view.id}`), `onView:${view.id}`);
    }
    for (const { command } of manifest.contributes.commands as { command: string }[]) {
      assert.ok(events.includes(`onCommand:${command}`), `onCommand:${command}`);
    }
  });

  it('contributes every command the code registers, each in the ExaVault category', () => {
    const contributed = (manifest.contributes.commands as { command: string; category: string }[]);
    const registered = sourceFiles(path.join(root, 'src')).flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(/registerCommand\(\s*'([^']+)'/g)].map((m) => m[1]!));
    assert.ok(registered.length > 0);
    assert.deepEqual(registered.filter((id) => !contributed.some((c) => c.command === id)), []);
    for (const command of contributed) {
      assert.equal(command.category, '%command.category%', command.command);
    }
  });

  it('declares an engines.vscode no newer than the @types/vscode it compiles against', () => {
    const engine = String(manifest.engines.vscode).replace(/^\^/, '');
    const types = readJson('node_modules/@types/vscode/package.json').version as string;
    assert.equal(types.split('.').slice(0, 2).join('.'), engine.split('.').slice(0, 2).join('.'));
  });

  it('declares how it behaves in untrusted workspaces and names a PNG icon that exists', () => {
    assert.equal(typeof manifest.capabilities.untrustedWorkspaces.supported, 'boolean');
    assert.match(manifest.icon, /\.png$/);
    assert.ok(fs.existsSync(path.join(root, manifest.icon)));
  });
});
