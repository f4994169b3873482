// The "Get Started" walkthrough as a newcomer goes through it: each step checked once it is done,
// whichever way the user did it. That it is offered in a fresh window, with its four steps, is
// tested in sidebar.test.ts, in that file's fresh workbench.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { SAMPLE_FILES, startExaVaultServer, type RunningExaVaultServer } from '../../server/index';
import { panelFrame, rowCells } from './queryPanelHelpers';
import { poll, signedIn, viewAction } from './sidebarHelpers';
import { waitForStoredAccounts } from './uiSteps';
import { openWalkthrough, STEPS } from './walkthroughHelpers';
import { importingAccount, runFromPalette, useWorkbench } from './workbench';

/** Each step's title and whether its checkbox reads checked (as a screen reader hears it), in order. */
async function stepsChecked(page: Page): Promise<[string, boolean][]> {
  return page.locator('.getting-started-step').evaluateAll((steps) => steps.map((step) => [
    step.querySelector('.step-title')?.textContent ?? '',
    step.querySelector('[role="checkbox"]')?.getAttribute('aria-checked') === 'true',
  ] as [string, boolean]));
}

/** Waits until the walkthrough shows exactly the steps in `done` checked, and returns what it shows. */
function waitForChecked(page: Page, done: readonly string[]): Promise<[string, boolean][]> {
  const expected = STEPS.map((title) => [title, done.includes(title)]);
  return poll(() => stepsChecked(page), (shown) => JSON.stringify(shown) === JSON.stringify(expected));
}

describe('Get Started walkthrough, as the user goes through it', function () {
  let server: RunningExaVaultServer;
  const file = SAMPLE_FILES.markdown;
  before(async () => {
    server = await startExaVaultServer({ seed: 8, sessions: 50, webhooks: 10, accountName: 'walkthrough' });
    // An upload of a sample file just now: a row of the query panel's last 24 hours that names a file to open.
    server.arrive({ sessions: [{
      id: 9_300_001, type: 'sessionActivity',
      attributes: { created: new Date(Date.now() - 10_000).toISOString().slice(0, 19) + 'Z', operation: 'STOR', username: 'jsmith', ipAddress: '203.0.113.14',
        protocol: 'web', fileName: file, fileSource: '', bytesTransferred: 700, duration: 1, sessionId: 'ui-walkthrough', status: '-' },
    }] });
  });
  after(() => server.close());
  const signedInLikeTheDemo = () => importingAccount(server);

  describe('every step done before the walkthrough is first opened', () => {
    const session = useWorkbench('walkthrough-progress', signedInLikeTheDemo);

    it('checks each step, a search from the sidebar and a file opened from a panel row included', async () => {
      const { page } = session();
      await signedIn(page, server);
      // Not the palette's search commands: the Sessions view's own Search button, which the extension turns into a search.
      await viewAction(page, 'Sessions', 'Search...');
      const frame = panelFrame(page);
      await frame.locator('#refine').fill(file);
      await frame.locator('#count', { hasText: /^1 of \d+ rows?$/ }).waitFor();
      await rowCells(frame, 0).first().click();
      await frame.locator('.details button', { hasText: 'Open Resource' }).click();
      await page.locator('.editor-group-container.active .tab.active', { hasText: file.slice(file.lastIndexOf('/') + 1) }).waitFor();
      await openWalkthrough(page);
      assert.deepEqual(await waitForChecked(page, STEPS), STEPS.map((title) => [title, true]));
    });
  });

  describe('an account added in an earlier window', () => {
    const session = useWorkbench('walkthrough-new-window', signedInLikeTheDemo);

    it('checks "Add an ExaVault account" when the walkthrough opens, before the ExaVault views are', async () => {
      const { page } = session();
      await signedIn(page, server);
      await waitForStoredAccounts(page, [server.accountName], server.accountName);
      // The Explorer in the side bar, so that the new window does not open the ExaVault views (showing them is step 2).
      await runFromPalette(page, 'View: Show Explorer');
      await page.locator('.part.sidebar .composite.title', { hasText: /explorer/i }).waitFor();
      // Reloaded through the command, not the browser: the workbench writes its layout as it shuts down, and a
      // page reload may come before that write (the new window then shows the ExaVault views again).
      await Promise.all([page.waitForEvent('load', { timeout: 60_000 }), runFromPalette(page, 'Developer: Reload Window')]);
      await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 60_000 });
      await page.locator('.part.sidebar .composite.title', { hasText: /explorer/i }).waitFor();
      await openWalkthrough(page);
      // The other steps unchecked: nothing was recorded before, and an unchecked step reads as such.
      assert.deepEqual(await waitForChecked(page, [STEPS[0]!]), STEPS.map((title, i) => [title, i === 0]));
    });
  });
});
