// Credentials in environment variables, with the default setting ("ask"): offered once, imported on request.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startExaVaultServer, type RunningExaVaultServer } from '../../server/index';
import { openSidebar, useWorkbench } from './workbench';

const offer = (page: Page) => page.locator('.notifications-toasts .notification-toast', { hasText: 'are set in environment variables' });

describe('importing credentials from the environment', function () {
  let server: RunningExaVaultServer;
  before(async () => {
    server = await startExaVaultServer({ seed: 8, sessions: 50, webhooks: 10, accountName: 'envacct' });
  });
  after(() => server.close());
  const environment = () => ({ env: { EXAVAULT_ACCOUNT_URL: server.baseUrl, EXAVAULT_API_KEY: server.apiKey, EXAVAULT_ACCESS_TOKEN: server.accessToken } });

  describe('declined', () => {
    const session = useWorkbench('environment-import-declined', environment);

    it('is offered once, sends nothing without consent, and "Not Now" holds across a reload', async () => {
      const { page, reload } = session();
      server.resetStats();
      await openSidebar(page);
      await offer(page).waitFor();
      await offer(page).getByRole('button', { name: 'Not Now' }).click();
      await reload();
      await openSidebar(page);
      await page.locator('.welcome-view-content').first().getByRole('button', { name: 'Add Account' }).waitFor();
      await page.waitForTimeout(2000);
      assert.equal(await offer(page).count(), 0, 'not offered again');
      assert.equal(server.stats().requests, 0, 'nothing was sent without consent');
    });
  });

  describe('accepted', () => {
    const session = useWorkbench('environment-import-accepted', environment);

    it('imports after the same check as a manual add, and shows the account', async () => {
      const { page } = session();
      await openSidebar(page);
      server.resetStats();
      await offer(page).getByRole('button', { name: 'Import' }).click();
      await page.locator('.statusbar-item', { hasText: /envacct · [\d,]+ calls left/ }).waitFor();
      assert.ok((server.stats().byPath['/api/v2/account'] ?? 0) >= 1, 'the credentials were checked');
    });
  });
});
