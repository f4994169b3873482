// Links to a search as a person uses them: copied from a query panel, opened through "Developer: Open
// URL" in a window where the extension is not yet active; and links made to do harm, which open nothing.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { SessionEntryWire } from '../../src/api/wire';
import { codeServerDir } from '../../scripts/lib/paths';
import { attachPanel, inLastRange, openQueryPanel, rowCount, searchAll } from './queryPanelHelpers';
import { accountStatus, closeEditorsAndNotifications, palette, waitForStoredAccounts } from './uiSteps';
import { quickInput, runFromPalette, screenshot, useLocalAccount } from './workbench';

// Sessions in the last 24 hours, none near that range's start (inLastRange checks).
const SEED = 9;
const DAY_MS = 86_400_000;
const EXTENSION_ID = 'exavault-activity.exavault-activity';

/** The URI scheme of this VS Code build (code-server's is not vscode): what vscode.env.uriScheme reads. */
const uriScheme = (): string => (JSON.parse(fs.readFileSync(path.join(codeServerDir, 'lib', 'vscode', 'product.json'), 'utf8')) as { urlProtocol: string }).urlProtocol;

/** Opens `link` through "Developer: Open URL", allowing the extension to open it when the workbench asks. */
async function openUrl(page: Page, link: string): Promise<void> {
  await runFromPalette(page, 'Developer: Open URL');
  const input = quickInput(page).locator('input');
  await input.fill(link);
  await input.press('Enter');
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.getByRole('button', { name: 'Open' }).click();
  await dialog.waitFor({ state: 'detached' });
}

const toast = (page: Page, text: string) => page.locator('.notifications-toasts .notification-toast', { hasText: text });

describe('links to a search', function () {
  const { server, serverStart, session } = useLocalAccount('search-link', { seed: SEED, sessions: 300, webhooks: 50, accountName: 'acme' }, { 'exavault.search.confirmAboveCalls': 1000 });

  /** A window where the extension is not active: reloaded with no ExaVault view open, the account stored. */
  async function reloadWithoutExtension(page: Page): Promise<void> {
    await waitForStoredAccounts(page, ['acme'], 'acme');
    await palette(page, 'View: Show Explorer');
    // Through the command, not the browser: the workbench writes its layout (the Explorer shown, no
    // editor) as it shuts down, and a page reload may come before that write.
    await Promise.all([page.waitForEvent('load', { timeout: 60_000 }), palette(page, 'Developer: Reload Window')]);
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 60_000 });
    await page.locator('.part.sidebar .title-label', { hasText: /explorer/i }).waitFor();
    // The extension shows the active account in the status bar as it activates.
    assert.equal(await accountStatus(page, 'acme').count(), 0, 'the extension is not active before the link opens');
  }

  it('copies a link from the panel that opens the same search, through Developer: Open URL, before the extension is active', async () => {
    const { page } = session();
    const entries = inLastRange<SessionEntryWire>(server().sessions, DAY_MS, serverStart());
    const user = entries[0]?.attributes.username;
    assert.ok(user, `seed ${SEED} has a session in the last 24 hours`);
    const expected = entries.filter((entry) => entry.attributes.username === user);
    const panel = await openQueryPanel(page, 'Session Logs');
    const username = panel.frame.locator('#filter-username');
    assert.equal(await searchAll(panel, () => username.fill(user).then(() => username.press('Enter'))), rowCount(expected.length));

    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(session().workbench.url).origin });
    await panel.frame.getByRole('button', { name: 'Copy Link to Search' }).click();
    await toast(page, 'Copied a link to this search').waitFor();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    const [target, query] = link.split('?');
    assert.equal(target, `${uriScheme()}://${EXTENSION_ID}/search`);
    // The query as the editor hands it over: decoded once.
    assert.deepEqual([...new URLSearchParams(decodeURIComponent(query ?? ''))], [['account', 'acme'], ['log', 'sessions'], ['range', 'day'], ['username', user]]);

    await closeEditorsAndNotifications(page);
    await reloadWithoutExtension(page);
    await openUrl(page, link);
    const opened = await attachPanel(page, 'Session Logs');
    assert.equal(opened.first.state, 'done', opened.first.status);
    assert.equal(opened.first.count, rowCount(expected.length));
    assert.equal(await opened.frame.locator('#filter-username').inputValue(), user);
    assert.equal(await opened.frame.locator('#range').inputValue(), 'day');
    await accountStatus(page, 'acme').waitFor();
    await screenshot(page, 'search-link-opened');
  });

  describe('opens nothing from a hostile link, and says why', () => {
    const base = () => `${uriScheme()}://${EXTENSION_ID}`;
    const cases: [string, () => string, string][] = [
      ['a command', () => `${base()}/search?account=acme&log=sessions&range=day&command=workbench.action.terminal.new`, 'a parameter that links to a search do not have'],
      ['a file to open', () => `${base()}/openResource?path=/etc/passwd`, 'does not lead to anything ExaVault Activity opens'],
      ['a script as the range', () => `${base()}/search?account=acme&log=sessions&range=%3Cscript%3Ealert(1)%3C/script%3E`, 'time range is not one a search can have'],
      ['a huge value', () => `${base()}/search?account=acme&log=sessions&range=day&username=${'a'.repeat(20_000)}`, 'longer than any link to a search'],
      ['another account', () => `${base()}/search?account=someone-else&log=sessions&range=day`, 'an ExaVault account that is not added here'],
    ];
    for (const [what, link, why] of cases) {
      it(what, async () => {
        const { page } = session();
        await openUrl(page, link());
        await toast(page, 'ExaVault Activity did not open the link').filter({ hasText: why }).waitFor();
        // The message comes once the link is refused (a panel would have been opened before it).
        assert.equal(await page.locator('iframe.webview').count(), 0, 'no panel opened');
        // Positive control: a good link, opened the same way, does show a panel that the count above sees.
        await closeEditorsAndNotifications(page);
        await openUrl(page, `${base()}/search?account=acme&log=sessions&range=day`);
        await attachPanel(page, 'Session Logs');
        assert.equal(await page.locator('iframe.webview').count(), 1, 'the good link\'s panel');
        await closeEditorsAndNotifications(page);
      });
    }
  });
});
