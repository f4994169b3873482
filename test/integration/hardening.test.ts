// Safe against a broken or hostile server, in the real extension host: server text shown by VS Code
// itself (quick picks, notifications, dialogs, validation messages) stays plain text; legacy event
// names that are also Object.prototype's members show in the sidebar; signing out deletes every
// secret stored, listed or not. VS Code's own UI functions are replaced for a moment to read exactly
// what the extension hands them (this test shares the extension's `vscode` API object).
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import type { ExaVaultApi } from '../../src/extension';
import { AccountStore } from '../../src/accounts/accountStore';
import { checkCredentials } from '../../src/accounts/checkCredentials';
import { ExaVaultError } from '../../src/api/errors';
import { AccountClients } from '../../src/accounts/accountClients';
import { importFromEnvironment } from '../../src/accounts/environmentImport';
import { saveCheckedAccount } from '../../src/accounts/saveAccount';
import { signOutAll } from '../../src/commands/signOutAll';
import type { WebhookEntryWire } from '../../src/api/wire';
import { startExaVaultServer, type RunningExaVaultServer } from '../../server/index';

const J = '\u2060'; // the word joiner that keeps "](" and "$(" from being syntax
/** An account name as a hostile server may report it: an icon, a command link, a right-to-left override. */
const HOSTILE_NAME = '$(alert) Acme [Fix it](command:workbench.action.quit)\u202efdp.exe';
const HOSTILE_NAME_SHOWN = `$${J}(alert) Acme [Fix it]${J}(command:workbench.action.quit)\u27e8U+202E\u27e9fdp.exe`;
/** An error detail as a hostile server may send it. */
const HOSTILE_DETAIL = 'Bad [Open settings](command:workbench.action.openSettings) $(error)\u202eok';
const HOSTILE_DETAIL_SHOWN = `Bad [Open settings]${J}(command:workbench.action.openSettings) $${J}(error)\u27e8U+202E\u27e9ok`;

type WindowApi = typeof vscode.window;

/** Replaces `vscode.window[name]` until the returned function is called. */
function replaceWindow<K extends keyof WindowApi>(name: K, fake: WindowApi[K]): () => void {
  const window = vscode.window as { -readonly [P in keyof WindowApi]: WindowApi[P] };
  const original = window[name];
  window[name] = fake;
  return () => {
    window[name] = original;
  };
}

/** A loopback server that answers every request 400 with `detail` in ExaVault's error shape. */
async function startRefusingServer(detail: string): Promise<{ baseUrl: string; requests: () => number; close(): Promise<void> }> {
  let requests = 0;
  const server = http.createServer((_request, response) => {
    requests++;
    response.writeHead(400, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ responseStatus: 400, errors: [{ code: 'ERROR_INVALID_PARAMETER', detail }] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api/v2`,
    requests: () => requests,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

async function until<T>(what: string, value: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = value();
    if (found !== undefined) {
      return found;
    }
    if (Date.now() > deadline) {
      throw new Error(`Waited ${timeoutMs / 1000} s for ${what}.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Enough of an InputBox for the extension's multi-step input, driven by the test. */
class FakeInputBox {
  title: string | undefined;
  prompt: string | undefined;
  placeholder: string | undefined;
  password = false;
  value = '';
  step: number | undefined;
  totalSteps: number | undefined;
  ignoreFocusOut = false;
  buttons: readonly vscode.QuickInputButton[] = [];
  busy = false;
  enabled = true;
  validationMessage: string | vscode.InputBoxValidationMessage | undefined;
  private readonly accepted = new vscode.EventEmitter<void>();
  private readonly hidden = new vscode.EventEmitter<void>();
  readonly onDidAccept = this.accepted.event;
  readonly onDidHide = this.hidden.event;
  readonly onDidChangeValue = new vscode.EventEmitter<string>().event;
  readonly onDidTriggerButton = new vscode.EventEmitter<vscode.QuickInputButton>().event;
  shown = false;
  show(): void {
    this.shown = true;
  }
  hide(): void {
    this.hidden.fire();
  }
  dispose(): void {
    this.shown = false;
  }
  enter(value: string): void {
    this.value = value;
    this.accepted.fire();
  }
}

/** In-memory globalState: what Settings Sync would change, seen by the store on its next read. */
class FakeState implements vscode.Memento {
  readonly data = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.data.keys()];
  }
  get<T>(key: string, defaultValue?: T): T | undefined {
    return this.data.has(key) ? this.data.get(key) as T : defaultValue;
  }
  update(key: string, value: unknown): Promise<void> {
    this.data.set(key, value);
    return Promise.resolve();
  }
  setKeysForSync(): void {}
}

/** In-memory SecretStorage. */
class FakeSecrets implements vscode.SecretStorage {
  readonly data = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
  readonly onDidChange = this.changed.event;
  get(key: string): Promise<string | undefined> {
    return Promise.resolve(this.data.get(key));
  }
  store(key: string, value: string): Promise<void> {
    this.data.set(key, value);
    this.changed.fire({ key });
    return Promise.resolve();
  }
  delete(key: string): Promise<void> {
    this.data.delete(key);
    this.changed.fire({ key });
    return Promise.resolve();
  }
  keys(): Promise<string[]> {
    return Promise.resolve([...this.data.keys()]);
  }
}

describe('safe against a hostile server, in the extension host', function () {
  let api: ExaVaultApi;
  let log: vscode.LogOutputChannel;
  const restore: (() => void)[] = [];

  before(async () => {
    api = (await vscode.extensions.getExtension<ExaVaultApi>('exavault-activity.exavault-activity')!.activate())!;
    assert.ok(api, 'in ExtensionMode.Test the extension hands its tests its API');
    log = vscode.window.createOutputChannel('ExaVault hardening test', { log: true });
  });
  after(() => log.dispose());
  afterEach(() => restore.splice(0).reverse().forEach((undo) => undo()));

  describe('server text in VS Code\'s own UI', () => {
    let server: RunningExaVaultServer;
    let clients: AccountClients;

    before(async () => {
      server = await startExaVaultServer({ seed: 5, sessions: 10, webhooks: 0, accountName: HOSTILE_NAME });
      clients = new AccountClients(api.store, log);
      await api.store.removeAll();
      await api.store.add({ label: 'plain', accountName: 'plain', baseUrl: 'http://127.0.0.1:9/api/v2' }, { apiKey: 'plain-key-1234', accessToken: 'plain-token-1234' });
      // The hostile account as Add Account stores it: the label is the name the server reported.
      const checked = await checkCredentials(new URL(server.baseUrl), { apiKey: server.apiKey, accessToken: server.accessToken }, { timeoutMs: 10_000 });
      await saveCheckedAccount(api.store, clients, new URL(server.baseUrl), checked, { apiKey: server.apiKey, accessToken: server.accessToken });
    });
    after(async () => {
      clients.dispose();
      await api.store.removeAll();
      await server.close();
    });

    const hostileAccount = () => api.store.list().find((account) => account.baseUrl === new URL(server.baseUrl).href)!;

    it('shows the account name as plain text in the account picker: the exact text, no icon or link', async () => {
      // Positive control: the server's name reached the store exactly as sent.
      assert.equal(hostileAccount().label, HOSTILE_NAME);
      let items: readonly vscode.QuickPickItem[] | undefined;
      restore.push(replaceWindow('showQuickPick', (async (given: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>) => {
        items = await given;
        return undefined;
      }) as never));
      await vscode.commands.executeCommand('exavault.switchAccount');
      const accounts = items!.filter((item) => item.kind !== vscode.QuickPickItemKind.Separator).slice(0, 2);
      assert.deepEqual(accounts.map((item) => item.label), ['plain', HOSTILE_NAME_SHOWN]);
      assert.deepEqual(accounts.map((item) => item.detail), ['http://127.0.0.1:9/api/v2', new URL(server.baseUrl).href]);
      // Positive control: our own item keeps its icon syntax.
      assert.ok(items!.some((item) => item.label === '$(add) Add Account...'));
    });

    it('names the account as plain text in notifications and dialogs: the exact text', async () => {
      const messages: string[] = [];
      const record = (async (message: string) => {
        messages.push(message);
        return undefined;
      }) as never;
      restore.push(replaceWindow('showWarningMessage', record), replaceWindow('showErrorMessage', record));
      await vscode.commands.executeCommand('exavault.removeAccount', hostileAccount().id);
      await vscode.commands.executeCommand('exavault.removeAccount', api.store.list().find((account) => account.label === 'plain')!.id);
      clients.describeFailure(new ExaVaultError('invalidCredentials', 'ExaVault did not accept the API key or the access token.'), hostileAccount());
      assert.deepEqual(messages, [
        `Remove the ExaVault account ${HOSTILE_NAME_SHOWN}?`,
        // Positive control: a plain name reads exactly as it is.
        'Remove the ExaVault account plain?',
        `${HOSTILE_NAME_SHOWN}: ExaVault did not accept the API key or the access token.`,
      ]);
      assert.equal(api.store.list().length, 2, 'both dialogs were answered with Cancel');
    });
  });

  describe('server error details', () => {
    let refusing: Awaited<ReturnType<typeof startRefusingServer>>;
    const expectedMessage = `ExaVault rejected the query (${HOSTILE_DETAIL_SHOWN}). Check the filters and try again.`;

    before(async () => {
      refusing = await startRefusingServer(HOSTILE_DETAIL);
    });
    after(() => refusing.close());

    it('reach the credential input\'s validation message as plain text: the exact text', async () => {
      const boxes: FakeInputBox[] = [];
      restore.push(replaceWindow('createInputBox', (() => {
        const box = new FakeInputBox();
        boxes.push(box);
        return box;
      }) as never));
      const before = refusing.requests();
      const command = vscode.commands.executeCommand('exavault.addAccount');
      const step = (index: number) => until(`input step ${index + 1}`, () => (boxes[index]?.shown ? boxes[index] : undefined));
      (await step(0)).enter(refusing.baseUrl);
      (await step(1)).enter('hostile-key-1234');
      const token = await step(2);
      token.enter('hostile-token-1234');
      const shown = await until('the check\'s message', () => (token.enabled && token.validationMessage ? token.validationMessage : undefined));
      token.hide();
      await command;
      assert.equal(refusing.requests() - before, 1, 'the check asked the server (positive control: its detail is in the message)');
      assert.deepEqual(shown, { message: expectedMessage, severity: vscode.InputBoxValidationSeverity.Warning });
    });

    it('reach the environment import\'s error as plain text: the exact text', async () => {
      const warnings: string[] = [];
      restore.push(
        replaceWindow('showInformationMessage', (async (message: string, ...choices: string[]) => (message.includes('environment variables') ? choices[0] : undefined)) as never),
        replaceWindow('showWarningMessage', (async (message: string) => {
          warnings.push(message);
          return undefined;
        }) as never),
      );
      const clients = new AccountClients(api.store, log);
      const offered = new FakeState();
      const before = refusing.requests();
      try {
        await importFromEnvironment(api.store, clients, offered, log, {
          EXAVAULT_ACCOUNT_URL: refusing.baseUrl, EXAVAULT_API_KEY: 'env-key-1234', EXAVAULT_ACCESS_TOKEN: 'env-token-1234',
        });
      } finally {
        clients.dispose();
      }
      assert.equal(refusing.requests() - before, 1, 'the import checked with the server (positive control: its detail is in the message)');
      assert.deepEqual(warnings, [`Could not import the ExaVault credentials from environment variables: ${expectedMessage}`]);
    });
  });

  describe('legacy webhook events named like Object.prototype\'s members', () => {
    let server: RunningExaVaultServer;
    const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    const legacy = (id: number, event: string, minutes: number): WebhookEntryWire => ({
      id, type: 'webhookActivity', attributes: { attempt: 1, created: minutesAgo(minutes), endpointUrl: 'https://example.com/hook', event, response: '', responseSize: 0, status: 200 },
    });

    before(async () => {
      server = await startExaVaultServer({
        fixture: {
          sessions: [{ id: 1, type: 'sessionActivity', attributes: { created: minutesAgo(1), operation: 'PASS', username: 'ana', status: '-' } }],
          webhooks: [legacy(11, 'constructor', 1), legacy(12, '__proto__', 2), legacy(13, 'Upload', 3), legacy(14, 'Constructor', 4)],
        },
      });
      await api.store.removeAll();
      await api.store.add({ label: 'legacy', accountName: 'legacy', baseUrl: server.baseUrl }, { apiKey: server.apiKey, accessToken: server.accessToken });
      await vscode.commands.executeCommand('exavault.webhooks.groupByEvent');
    });
    after(async () => {
      await api.store.removeAll();
      await server.close();
    });

    it('shows them in the sidebar as groups named by that text', async () => {
      await api.views.webhooks.reload();
      const nodes = (await api.views.webhooks.rows.getChildren()) ?? [];
      const items = await Promise.all(nodes.map((node) => api.views.webhooks.rows.getTreeItem(node)));
      const labels = items.map((item) => (typeof item.label === 'string' ? item.label : item.label?.label));
      // Positive control: the human name "Upload" still maps to its event.
      assert.deepEqual(labels, ['constructor', '__proto__', 'resources.upload', 'Constructor']);
      assert.deepEqual(nodes.map((node) => node.kind), ['group', 'group', 'group', 'group']);
      const children = (await api.views.webhooks.rows.getChildren(nodes[0])) ?? [];
      assert.deepEqual(children.map((node) => (node.kind === 'entry' ? node.entry.id : node.kind)), [11]);
    });
  });

  describe('signing out of all accounts', () => {
    const credentials = (n: number) => ({ apiKey: `key-${n}-zwSuWUZ8S38h33`, accessToken: `${n}`.repeat(64) });
    const account = (n: number) => ({ label: `account ${n}`, accountName: `account${n}`, baseUrl: `https://account${n}.exavault.com/api/v2` });

    it('deletes the secrets of an account Settings Sync removed from the list, too', async () => {
      const state = new FakeState();
      const secrets = new FakeSecrets();
      const store = new AccountStore(state, secrets);
      try {
        const kept = await store.add(account(1), credentials(1));
        await store.add(account(2), credentials(2));
        // Settings Sync brings the list from another machine, where account 2 was removed.
        await state.update('exavault.accounts', { accounts: [kept], activeId: kept.id });
        assert.deepEqual(store.list().map((a) => a.label), ['account 1']);
        // Positive control: both accounts' secrets are stored here, and secrets are found by that name.
        assert.equal(secrets.data.size, 2);
        assert.ok([...secrets.data.values()].some((value) => value.includes(credentials(2).accessToken)));
        await store.removeAll();
        assert.deepEqual([...secrets.data.keys()], []);
        assert.deepEqual(store.list(), []);
        // What is recorded of them in globalState is ids alone, never a secret.
        const stateText = JSON.stringify([...state.data]);
        assert.ok(![credentials(1).apiKey, credentials(1).accessToken, credentials(2).apiKey, credentials(2).accessToken].some((secret) => stateText.includes(secret)));
      } finally {
        store.dispose();
      }
    });

    it('deletes them when no account is listed any more, and those of accounts stored before the record existed', async () => {
      const state = new FakeState();
      const secrets = new FakeSecrets();
      // An older version stored account 3 (list and secret) but kept no record of secrets.
      await state.update('exavault.accounts', { accounts: [{ ...account(3), id: 'older-3' }], activeId: 'older-3' });
      await secrets.store('exavault.credentials.older-3', JSON.stringify(credentials(3)));
      const store = new AccountStore(state, secrets);
      const messages: string[] = [];
      restore.push(replaceWindow('showInformationMessage', (async (message: string) => {
        messages.push(message);
        return undefined;
      }) as never));
      try {
        await store.add(account(4), credentials(4));
        // Settings Sync empties the list.
        await state.update('exavault.accounts', { accounts: [] });
        assert.equal(secrets.data.size, 2, 'positive control: both secrets are stored');
        await signOutAll(store, log);
        assert.deepEqual([...secrets.data.keys()], []);
        assert.deepEqual(messages, ['No ExaVault account is signed in.']);
      } finally {
        store.dispose();
      }
    });
  });
});
