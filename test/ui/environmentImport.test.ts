// Credentials in environment variables, with the default setting ("ask"): offered once, imported on request.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { resultsDir } from '../../scripts/lib/paths';
import { startExaVaultServer, type RunningExaVaultServer } from '../../server/index';
import { waitUntil } from '../support/waitUntil';
import { showExaVault, showLog, waitForStoredState } from './uiSteps';
import { accountEnvironment, useWorkbench } from './workbench';

const offer = (page: Page) => page.locator('.notifications-toasts .notification-toast', { hasText: 'are set in environment variables' });
/** The lines of the ExaVault output channel, as the Output view shows them. */
const logLines = (page: Page) => page.locator('.output-view .view-line');
/** The Output view's text, top to bottom, wrapped lines joined again. */
const logText = async (page: Page) => (await logLines(page).evaluateAll((lines) => lines
  .map((line) => [parseFloat((line as HTMLElement).style.top) || 0, line.textContent ?? ''] as const)
  .sort(([a], [b]) => a - b)
  .map(([, text]) => text)
  .join(''))).replace(/\s+/g, ' ');

const ACTIVATED = /ExaVault\sActivity\s\d+\.\d+\.\d+\sactivated\./;

/** How many extension hosts of the workbench `name` have logged the extension's activation (one per window load). */
function activationsLogged(name: string): number {
  const logs = path.join(resultsDir, 'ui-workbench', name, 'user-data', 'logs');
  const files = fs.existsSync(logs) ? fs.readdirSync(logs, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith(path.join('exavault-activity.exavault-activity', 'ExaVault.log'))) : [];
  return files.filter((file) => ACTIVATED.test(fs.readFileSync(path.join(logs, file), 'utf8'))).length;
}

describe('importing credentials from the environment', function () {
  let server: RunningExaVaultServer;
  before(async () => {
    server = await startExaVaultServer({ seed: 8, sessions: 50, webhooks: 10, accountName: 'envacct' });
  });
  after(() => server.close());
  const environment = () => ({ env: accountEnvironment(server) });

  describe('declined', () => {
    // Before the workbench starts: whatever the window sends, from its first moment on, is counted.
    before(() => server.resetStats());
    const name = 'environment-import-declined';
    const session = useWorkbench(name, environment);

    it('is offered once, sends nothing without consent, and "Not Now" holds across a reload', async () => {
      const { page, reload } = session();
      await showExaVault(page);
      // Positive control: in this window the offer does show.
      await offer(page).getByRole('button', { name: 'Not Now' }).click();
      await offer(page).waitFor({ state: 'detached' });
      // That it was offered is kept in globalState: written before the reload, or the reload loses it.
      const host = new URL(server.baseUrl).host;
      await waitForStoredState(page, `that the import for ${host} was offered`, (state) => {
        const offered = state['exavault.environmentImportOffered'];
        return Array.isArray(offered) && offered.some((url) => typeof url === 'string' && new URL(url).host === host);
      });
      // Positive control: the first window's activation is found where the reloaded one's is looked for.
      await waitUntil('the first window\'s extension host to log its activation', () => activationsLogged(name) === 1, 30_000);
      await reload();
      await showExaVault(page);
      // The extension decides whether to offer before it logs its activation: once the reloaded
      // window's extension host has written that line, the decision is made. Its log file says so
      // first: on a busy machine the Output view can take longer than one action's wait to show it.
      await waitUntil('the reloaded window\'s extension host to log its activation', () => activationsLogged(name) === 2, 90_000);
      await showLog(page);
      await logLines(page).getByText(ACTIVATED).waitFor();
      const log = await logText(page);
      assert.ok(log.includes(`Credentials for ${host} are set in environment variables (exavault.importFromEnvironment: ask).`),
        `the reloaded extension saw the credentials in its environment; its log: ${log}`);
      assert.ok(!log.includes('Checking the credentials'), `nothing was checked; its log: ${log}`);
      await page.locator('.welcome-view-content').first().getByRole('button', { name: 'Add Account' }).waitFor();
      assert.equal(await offer(page).count(), 0, 'not offered again');
      assert.equal(server.stats().requests, 0, 'nothing was sent without consent');
      // Positive control: a request to this server is counted.
      await (await fetch(`${server.baseUrl}/account`)).arrayBuffer();
      assert.equal(server.stats().requests, 1, 'the server counts the requests it gets');
    });
  });

  describe('accepted', () => {
    const session = useWorkbench('environment-import-accepted', environment);

    it('imports after the same check as a manual add, and shows the account', async () => {
      const { page } = session();
      await showExaVault(page);
      server.resetStats();
      await offer(page).getByRole('button', { name: 'Import' }).click();
      await page.locator('.statusbar-item', { hasText: /envacct · [\d,]+ calls left/ }).waitFor();
      assert.ok((server.stats().byPath['/api/v2/account'] ?? 0) >= 1, 'the credentials were checked');
    });
  });
});
