// Accounts, typed into the real quick input of a real workbench, against the local ExaVault server.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { startExaVaultServer, type RunningExaVaultServer } from '../../server/index';
import { fileSystemNow, scanForSecrets } from '../support/leakScan';
import { findSecrets } from '../support/secrets';
import { ensureActiveAccount, listedAccounts, palette, pickRow, showExaVault, signOutOfAll, waitForStoredAccounts } from './uiSteps';
import { answer, quickInput, screenshot, useWorkbench } from './workbench';

const NON_ADMIN_TOKEN = 'c0'.repeat(32);

/**
 * Everything the page holds in localStorage and in IndexedDB (every database, store, key and value),
 * as text: binary values both as Latin-1 and as UTF-8.
 */
async function browserStorageText(page: Page): Promise<string> {
  // tsx (esbuild, keeping function names) wraps the named helpers below in __name(), which the page lacks.
  await page.evaluate('globalThis.__name ??= (fn) => fn');
  return page.evaluate(async () => {
    const texts: string[] = Object.entries(localStorage).map(([key, value]) => `${key}=${value}`);
    const asText = async (value: unknown): Promise<string> => {
      if (value instanceof Blob) {
        return asText(new Uint8Array(await value.arrayBuffer()));
      }
      if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
        const bytes = value instanceof ArrayBuffer ? new Uint8Array(value) : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
        return `${Array.from(bytes, (byte) => String.fromCharCode(byte)).join('')}\n${new TextDecoder().decode(bytes)}`;
      }
      if (value !== null && typeof value === 'object') {
        return (await Promise.all(Object.entries(value).map(async ([key, inner]) => `${key}:${await asText(inner)}`))).join('\n');
      }
      return String(value);
    };
    const request = <T>(pending: IDBRequest<T>) => new Promise<T>((resolve, reject) => {
      pending.onsuccess = () => resolve(pending.result);
      pending.onerror = () => reject(pending.error);
    });
    for (const { name } of await indexedDB.databases()) {
      if (!name) {
        continue;
      }
      const db = await request(indexedDB.open(name));
      try {
        for (const storeName of Array.from(db.objectStoreNames)) {
          const store = db.transaction(storeName).objectStore(storeName);
          const [keys, values] = await Promise.all([request(store.getAllKeys()), request(store.getAll())]);
          texts.push(name, storeName, ...await Promise.all([...keys, ...values].map(asText)));
        }
      } finally {
        db.close();
      }
    }
    return texts.join('\n');
  });
}

describe('accounts in the real workbench', function () {
  let acme: RunningExaVaultServer;
  let globex: RunningExaVaultServer;
  // Files changed since then are scanned: by the file system's clock, which the clock switch does not move.
  const suiteStarted = fileSystemNow();

  before(async () => {
    acme = await startExaVaultServer({ seed: 3, sessions: 200, webhooks: 50, accountName: 'acme', apiKey: 'acme-zwSuWUZ8S38h33qPS8v0s', nonAdminAccessToken: NON_ADMIN_TOKEN });
    globex = await startExaVaultServer({ seed: 4, sessions: 200, webhooks: 50, accountName: 'globex', apiKey: 'globex-Q1w2E3r4T5y6U7i8O9p0' });
  });
  after(async () => {
    await acme.close();
    await globex.close();
  });
  afterEach(() => acme.clearFaults());

  const session = useWorkbench('accounts');
  const statusBar = (page: Page) => page.locator('.statusbar-item', { hasText: /acme|globex/ });
  const message = (page: Page) => quickInput(page).locator('.quick-input-message');
  const addAccountButton = (page: Page) => page.locator('.welcome-view-content').first().getByRole('button', { name: 'Add Account' });

  async function startAdding(page: Page, url: string, apiKey: string): Promise<void> {
    await palette(page, 'ExaVault: Add Account...');
    await quickInput(page).getByText('Add ExaVault Account').waitFor();
    await answer(page, url, '1/3');
    await answer(page, apiKey, '2/3');
  }

  it('shows how to start when there is no account', async () => {
    const { page } = session();
    await signOutOfAll(page);
    await showExaVault(page);
    const welcome = page.locator('.welcome-view-content').first();
    await welcome.getByRole('button', { name: 'Add Account' }).waitFor();
    await welcome.getByText('My Account → Developer').waitFor();
    await statusBar(page).waitFor({ state: 'hidden' });
  });

  it('refuses a URL that is not https, before any request', async () => {
    const { page } = session();
    await palette(page, 'ExaVault: Add Account...');
    await quickInput(page).locator('input').fill('http://acme.example.com/api/v2');
    await message(page).getByText('must use https').waitFor();
    await page.keyboard.press('Escape');
  });

  for (const [what, url, token, expected] of [
    ['a wrong access token', () => acme.baseUrl, () => '0'.repeat(64), 'did not accept the API key or the access token'],
    ['a token of a non-admin user', () => acme.baseUrl, () => NON_ADMIN_TOKEN, 'admin user'],
    ['an unknown account', () => `${acme.url}/no-such-account/api/v2`, () => acme.accessToken, 'found nothing'],
    ['an unreachable host', () => 'http://127.0.0.1:9/api/v2', () => acme.accessToken, 'Could not reach ExaVault at 127.0.0.1:9'],
  ] as const) {
    it(`says so for ${what}, and stays open to fix it`, async () => {
      const { page } = session();
      await startAdding(page, url(), acme.apiKey);
      await answer(page, token(), '3/3');
      await message(page).getByText(expected).waitFor();
      await screenshot(page, `add-account-${what.replace(/\W+/g, '-')}`);
      assert.ok(await quickInput(page).isVisible(), 'the input is still open');
      await page.keyboard.press('Escape');
    });
  }

  it('says so when the account has no activity API any more (retired v2 methods)', async () => {
    const { page } = session();
    acme.setFaults({ retiredActivity: true });
    await startAdding(page, acme.baseUrl, acme.apiKey);
    await answer(page, acme.accessToken, '3/3');
    await message(page).getByText('Files.com').waitFor();
    await page.keyboard.press('Escape');
  });

  it('adds an account after a wrong token is corrected, and shows it with its allowance', async () => {
    const { page } = session();
    await signOutOfAll(page);
    await showExaVault(page);
    await addAccountButton(page).waitFor();
    await startAdding(page, acme.baseUrl, acme.apiKey);
    await answer(page, '1'.repeat(64), '3/3');
    await message(page).getByText('did not accept').waitFor();
    await answer(page, acme.accessToken);
    await statusBar(page).getByText(/acme · [\d,]+ calls left/).waitFor();
    await page.locator('.notifications-toasts').getByText('Added acme').waitFor();
    // The welcome view, shown above while there was no account, goes.
    await addAccountButton(page).waitFor({ state: 'hidden' });
    await screenshot(page, 'account-added');
  });

  it('keeps the account across a window reload', async () => {
    const { page, reload } = session();
    await ensureActiveAccount(page, acme);
    await waitForStoredAccounts(page, ['acme'], 'acme');
    await reload();
    await showExaVault(page); // activates the extension
    await statusBar(page).getByText('acme').waitFor();
  });

  it('switches between two accounts from the status bar', async () => {
    const { page } = session();
    await ensureActiveAccount(page, acme);
    await ensureActiveAccount(page, globex);
    await statusBar(page).getByText('globex').waitFor();
    await statusBar(page).click();
    await pickRow(page, 'acme').click();
    await statusBar(page).getByText('acme').waitFor();
  });

  it('updates the credentials of an account', async () => {
    const { page } = session();
    await ensureActiveAccount(page, acme);
    await ensureActiveAccount(page, globex);
    await palette(page, 'ExaVault: Update Credentials...');
    await pickRow(page, 'globex').click();
    await answer(page, globex.apiKey, '1/2');
    await answer(page, globex.accessToken, '2/2');
    await page.locator('.notifications-toasts').getByText('Updated the credentials of globex.').waitFor();
  });

  it('keeps both accounts\' keys and tokens nowhere but the secret store', async () => {
    const { page, workbench, profileDir } = session();
    await ensureActiveAccount(page, acme);
    await ensureActiveAccount(page, globex);
    const secrets = [acme.apiKey, acme.accessToken, globex.apiKey, globex.accessToken];
    // The workbench writes the extension's state (the accounts) to IndexedDB a moment after a change:
    // the files are read once it has.
    await waitForStoredAccounts(page, ['acme', 'globex'], 'globex');
    // The browser writes localStorage and IndexedDB to its profile when it sees fit (localStorage
    // may wait minutes): what it holds is read in the page as well. The account list and
    // code-server's secret store (encrypted, in localStorage) show that both were read.
    const held = await browserStorageText(page);
    assert.ok(held.includes(globex.baseUrl) && held.includes('secrets.provider'), 'read the IndexedDB and localStorage of the page');
    assert.deepEqual(findSecrets(held, secrets), [], 'no key or token in what the browser holds');
    assert.deepEqual(findSecrets(`${held}\n${Buffer.from(JSON.stringify({ token: globex.accessToken })).toString('base64')}`, secrets), [globex.accessToken],
      'positive control: a token inside base64-encoded JSON is found');
    const roots = [workbench.dirs.root, profileDir, os.tmpdir(), path.join(os.homedir(), '.local', 'share', 'code-server'), path.join(os.homedir(), '.config', 'code-server')];
    // Positive control: a file holding a token inside base64-encoded JSON must be found.
    const control = path.join(workbench.dirs.root, 'positive-control.txt');
    fs.writeFileSync(control, Buffer.from(JSON.stringify({ token: globex.accessToken })).toString('base64'));
    // tsx's compile cache holds this test file itself, with the test keys in it, and the checkout's
    // node_modules holds packages: neither is VS Code's doing.
    const checkoutPackages = path.resolve(__dirname, '..', '..', 'node_modules');
    const testRunnersOwn = (file: string) => path.basename(file).startsWith('tsx-') || file === checkoutPackages;
    const withControl = scanForSecrets(roots, secrets, suiteStarted, testRunnersOwn);
    assert.deepEqual(withControl.leaks.filter((leak) => leak.file === control).map((leak) => leak.secret), [globex.accessToken]);
    fs.rmSync(control);
    const { leaks, filesRead } = scanForSecrets(roots, secrets, suiteStarted, testRunnersOwn);
    assert.ok(filesRead > 50, `files read: ${filesRead}`);
    assert.deepEqual(leaks, []);
  });

  it('removes an account after confirming', async () => {
    const { page } = session();
    await ensureActiveAccount(page, acme);
    await ensureActiveAccount(page, globex);
    await palette(page, 'ExaVault: Remove Account...');
    await pickRow(page, 'globex').click();
    await page.locator('.monaco-dialog-box').getByRole('button', { name: 'Remove' }).click();
    // globex was the active account: once it is removed, acme is.
    await statusBar(page).getByText('acme').waitFor();
    const listed = await listedAccounts(page);
    assert.ok(listed.includes('acme'), `acme is still listed: ${JSON.stringify(listed)}`);
    assert.ok(!listed.includes('globex'), `globex is no longer listed: ${JSON.stringify(listed)}`);
  });

  it('signs out of all accounts, back to the welcome view', async () => {
    const { page } = session();
    await ensureActiveAccount(page, acme);
    await palette(page, 'ExaVault: Sign Out of All Accounts');
    await page.locator('.monaco-dialog-box').getByRole('button', { name: 'Sign Out' }).click();
    await showExaVault(page);
    const sessionsPane = page.locator('.pane', { has: page.locator('.pane-header[aria-label^="Sessions"]') });
    await sessionsPane.locator('.welcome-view-content').getByRole('button', { name: 'Add Account' }).waitFor();
    await statusBar(page).waitFor({ state: 'hidden' });
  });
});
