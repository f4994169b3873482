// Files named in the logs, opened in the real extension host through the exavault: file system,
// against the local server started right here.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExaVaultApi } from '../../src/extension';
import type { SessionEntry } from '../../src/api/models';
import { resourceUri } from '../../src/resources/resourceUri';
import type { SearchRequest } from '../../src/search/search';
import { ODD_NAMES_FOLDER, SAMPLE_FILES, SAMPLES_FOLDER, oddFileNames, startExaVaultServer, type RunningExaVaultServer } from '../../server/index';
import type { SessionEntryWire } from '../../src/api/wire';

const LARGE = 3 * 1024 * 1024;

/** Resolves once the active editor shows `uri` (vscode.open may resolve a moment before). */
async function activeEditorOf(uri: vscode.Uri): Promise<vscode.TextEditor> {
  for (let i = 0; i < 100; i++) {
    const editor = vscode.window.activeTextEditor;
    if (editor?.document.uri.toString() === uri.toString()) {
      return editor;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no editor for ${uri.toString()}; active: ${vscode.window.activeTextEditor?.document.uri.toString()}`);
}

/** The error a file-system call fails with. */
async function failure(call: Thenable<unknown>): Promise<vscode.FileSystemError> {
  try {
    await call;
  } catch (error) {
    assert.ok(error instanceof vscode.FileSystemError, `a FileSystemError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}

describe('ExaVault files in the extension host', function () {
  this.timeout(60_000);
  let server: RunningExaVaultServer;
  let api: ExaVaultApi;
  let accountId: string;
  const config = () => vscode.workspace.getConfiguration('exavault');
  const downloads = () => server.stats().byPath['/api/v2/resources/download'] ?? 0;

  before(async () => {
    server = await startExaVaultServer({ seed: 31, sessions: 300, webhooks: 20, accountName: 'files', largeFileBytes: LARGE });
    api = await vscode.extensions.getExtension<ExaVaultApi>('exavault-activity.exavault-activity')!.activate();
    await config().update('sidebar.timeWindowHours', 2160, vscode.ConfigurationTarget.Global);
    await api.store.removeAll();
    accountId = (await api.store.add({ label: 'files', accountName: 'files', baseUrl: server.baseUrl }, { apiKey: server.apiKey, accessToken: server.accessToken })).id;
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await config().update('resources.maxDownloadMegabytes', undefined, vscode.ConfigurationTarget.Global);
    await api.store.removeAll();
    await server.close();
  });
  afterEach(async () => {
    server.clearFaults();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens the file of a sidebar entry in a text editor, with exactly the server\'s text', async () => {
    const path = SAMPLE_FILES.csv;
    const upload: SessionEntryWire = {
      id: 9_100_001, type: 'sessionActivity',
      attributes: { created: new Date().toISOString().slice(0, 19) + 'Z', operation: 'STOR', username: 'jsmith', ipAddress: '203.0.113.14', protocol: 'web', fileName: path, fileSource: '', bytesTransferred: 12_000, duration: 1, sessionId: 'files-test', status: '-' },
    };
    server.arrive({ sessions: [upload] });
    await api.views.sessions.reload();
    const entry = api.views.sessions.current!.entries.find((candidate) => candidate.id === upload.id) as SessionEntry;
    const node = { kind: 'entry', id: `exavault.sessions/entry/${entry.id}`, entry };
    server.resetStats();
    assert.equal(await vscode.commands.executeCommand('exavault.openResource', node), 'opened');
    const uri = resourceUri(accountId, path);
    const editor = await activeEditorOf(uri);
    assert.equal(editor.document.getText(), server.fileBytes(path).toString('utf8'));
    assert.deepEqual([editor.document.uri.scheme, editor.document.uri.authority, editor.document.uri.path], ['exavault', accountId, path]);
    // A fresh stat, then one download: no more of the allowance than that.
    assert.equal(downloads(), 1);
    assert.ok((server.stats().byPath['/api/v2/resources'] ?? 0) <= 2, JSON.stringify(server.stats().byPath));
    assert.ok(![server.apiKey, server.accessToken].some((secret) => uri.toString().includes(secret) || uri.toString().includes(encodeURIComponent(secret))));
  });

  it('opens { accountId, path } for names with #, ?, %, spaces and other scripts, each with its own text', async () => {
    const names = oddFileNames().filter((name) => /[#?%]|\s{2}|[^\x20-\x7e]/.test(name) && !/[\r\n]/.test(name));
    assert.ok(names.length >= 8, names.join(' | '));
    for (const name of names) {
      const path = `${ODD_NAMES_FOLDER}/${name}`;
      assert.equal(await vscode.commands.executeCommand('exavault.openResource', { accountId, path }), 'opened', name);
      const editor = await activeEditorOf(resourceUri(accountId, path));
      assert.equal(editor.document.getText(), server.fileBytes(path).toString('utf8'), name);
    }
  });

  it('opens a PNG in VS Code\'s image preview, and a PDF-like binary in the text editor\'s binary notice', async () => {
    assert.equal(await vscode.commands.executeCommand('exavault.openResource', { accountId, path: SAMPLE_FILES.png }), 'opened');
    const image = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    assert.ok(image instanceof vscode.TabInputCustom, `a custom editor, got ${JSON.stringify(image)}`);
    assert.equal(image.viewType, 'imagePreview.previewEditor');
    assert.equal(image.uri.toString(), resourceUri(accountId, SAMPLE_FILES.png).toString());
    assert.equal(await vscode.commands.executeCommand('exavault.openResource', { accountId, path: SAMPLE_FILES.pdf }), 'opened');
    const binary = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    assert.ok(binary instanceof vscode.TabInputText, `the text editor, got ${JSON.stringify(binary)}`);
    assert.equal(binary.uri.path, SAMPLE_FILES.pdf);
  });

  it('lists folders (readDirectory) as the server holds them, and stats files and folders', async () => {
    const listed = await vscode.workspace.fs.readDirectory(resourceUri(accountId, ODD_NAMES_FOLDER));
    assert.deepEqual(listed.map(([name]) => name).sort(), oddFileNames().sort());
    assert.ok(listed.length > 0 && listed.every(([, type]) => type === vscode.FileType.File));
    const root = await vscode.workspace.fs.readDirectory(resourceUri(accountId, '/'));
    assert.deepEqual(root.map(([name]) => name).sort(), [...server.resource('/')!.children!].sort());
    assert.ok(root.some(([name, type]) => name === SAMPLES_FOLDER.slice(1) && type === vscode.FileType.Directory));
    const file = await vscode.workspace.fs.stat(resourceUri(accountId, SAMPLE_FILES.json));
    assert.deepEqual([file.type, file.size, file.permissions], [vscode.FileType.File, 1800, vscode.FilePermission.Readonly]);
    assert.equal((await vscode.workspace.fs.stat(resourceUri(accountId, SAMPLES_FOLDER))).type, vscode.FileType.Directory);
  });

  it('says a deleted path is gone (FileNotFound), and opens no editor for it', async () => {
    const deletion = server.sessions.find((entry) => entry.attributes.operation === 'DELE')!;
    const path = deletion.attributes.fileName!;
    assert.equal(server.resource(path), undefined);
    assert.equal((await failure(vscode.workspace.fs.stat(resourceUri(accountId, path)))).code, 'FileNotFound');
    assert.equal(await vscode.commands.executeCommand('exavault.openResource', { accountId, path }), 'notFound');
    assert.equal(vscode.window.tabGroups.all.flatMap((group) => group.tabs).length, 0, 'no editor opened');
    // Positive control: the same command opens a file that is there.
    assert.equal(await vscode.commands.executeCommand('exavault.openResource', { accountId, path: SAMPLE_FILES.markdown }), 'opened');
    assert.equal(vscode.window.tabGroups.all.flatMap((group) => group.tabs).length, 1);
  });

  it('refuses every write with NoPermissions, and registers the scheme read-only', async () => {
    const uri = resourceUri(accountId, SAMPLE_FILES.json);
    // Positive control: reading works.
    assert.equal((await vscode.workspace.fs.readFile(uri)).length, 1800);
    assert.equal(vscode.workspace.fs.isWritableFileSystem('exavault'), false);
    for (const write of [
      () => vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('changed')),
      () => vscode.workspace.fs.delete(uri),
      () => vscode.workspace.fs.rename(uri, resourceUri(accountId, `${SAMPLE_FILES.json}.bak`)),
      () => vscode.workspace.fs.createDirectory(resourceUri(accountId, '/New folder')),
    ]) {
      const error = await failure(write());
      assert.ok(['NoPermissions', 'Unavailable'].includes(error.code), `${error.code}: ${error.message}`);
    }
    const error = await failure(vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('changed')));
    assert.equal(error.code, 'NoPermissions');
    assert.deepEqual(Buffer.from(await vscode.workspace.fs.readFile(uri)), server.fileBytes(SAMPLE_FILES.json));
  });

  it('refuses a file over the size limit before downloading any of it, and opens it under the limit', async () => {
    await config().update('resources.maxDownloadMegabytes', 1, vscode.ConfigurationTarget.Global);
    server.resetStats();
    assert.equal(await vscode.commands.executeCommand('exavault.openResource', { accountId, path: SAMPLE_FILES.large }), 'tooLarge');
    const refused = await failure(vscode.workspace.fs.readFile(resourceUri(accountId, SAMPLE_FILES.large)));
    assert.match(refused.message, /Large export\.log is 3\.0 MB, more than the 1\.0 MB download limit/);
    assert.equal(downloads(), 0, 'nothing downloaded');
    assert.equal(vscode.window.tabGroups.all.flatMap((group) => group.tabs).length, 0);
    await config().update('resources.maxDownloadMegabytes', undefined, vscode.ConfigurationTarget.Global);
    const bytes = await vscode.workspace.fs.readFile(resourceUri(accountId, SAMPLE_FILES.large));
    assert.equal(bytes.length, LARGE);
    assert.equal(downloads(), 1);
  });

  it('offers the path\'s activity as a search of the last 90 days, for the query panel', async () => {
    const path = SAMPLE_FILES.csv;
    const request = await vscode.commands.executeCommand<SearchRequest>('exavault.showPathActivity', { accountId, path });
    assert.deepEqual(request, { accountId, search: { kind: 'sessions', range: { preset: 'quarter' }, filters: { path } } });
    const fromUri = await vscode.commands.executeCommand<SearchRequest>('exavault.showPathActivity', resourceUri(accountId, path));
    assert.deepEqual(fromUri, request);
  });

  it('keeps accounts apart: the same path in two accounts is two files', async () => {
    const other = await startExaVaultServer({ seed: 32, sessions: 50, webhooks: 5, accountName: 'other' });
    try {
      const otherId = (await api.store.add({ label: 'other', accountName: 'other', baseUrl: other.baseUrl }, { apiKey: other.apiKey, accessToken: other.accessToken })).id;
      const here = await vscode.workspace.fs.readFile(resourceUri(accountId, SAMPLE_FILES.markdown));
      const there = await vscode.workspace.fs.readFile(resourceUri(otherId, SAMPLE_FILES.markdown));
      assert.deepEqual(Buffer.from(here), server.fileBytes(SAMPLE_FILES.markdown));
      assert.deepEqual(Buffer.from(there), other.fileBytes(SAMPLE_FILES.markdown));
      assert.notDeepEqual(Buffer.from(here), Buffer.from(there));
      await api.store.remove(otherId);
      await api.store.setActive(accountId);
      assert.equal((await failure(vscode.workspace.fs.stat(resourceUri(otherId, SAMPLE_FILES.markdown)))).code, 'Unavailable');
    } finally {
      await other.close();
    }
  });
});
