// The installed .vsix in a fresh workbench (no account, no setting of its own): what a newcomer
// finds first. The walkthrough's progress, step by step, is tested in walkthrough.test.ts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { extensionKnown } from './sidebarHelpers';
import { openWalkthrough, STEPS } from './walkthroughHelpers';
import { openSidebar, quickInput, runFromPalette, screenshot, useWorkbench } from './workbench';

describe('the installed .vsix in a real workbench', () => {
  const session = useWorkbench('sidebar');

  it('shows the ExaVault container in the activity bar, and its welcome view', async () => {
    const { page } = session();
    await extensionKnown(page);
    await openSidebar(page);
    const welcome = page.locator('.welcome-view-content').first();
    await welcome.getByText('Browse the activity of an ExaVault account').waitFor();
    await welcome.getByRole('button', { name: 'Add Account' }).waitFor();
    await welcome.getByRole('button', { name: 'Show Log' }).waitFor();
    assert.ok(fs.statSync(await screenshot(page, 'welcome-view')).size > 0);
  });

  it('runs "ExaVault: Show Log" from the command palette, which shows the activation line', async () => {
    const { page } = session();
    await extensionKnown(page);
    await runFromPalette(page, 'ExaVault: Show Log');
    // The Output panel now shows our channel; the line comes from the extension's activate().
    await page.locator('.output-view, .panel').getByText(/ExaVault\sActivity\s\d+\.\d+\.\d+\sactivated\./).waitFor();
    await screenshot(page, 'show-log');
  });

  describe('Get Started walkthrough', () => {
    it('is offered, shows its four steps, and its first button starts Add Account', async () => {
      const { page } = session();
      await extensionKnown(page);
      await openWalkthrough(page);
      assert.deepEqual(await page.locator('.getting-started-step .step-title').allTextContents(), STEPS);
      await page.locator('.getting-started-step.expanded .button-link, .getting-started-step.expanded a.monaco-button', { hasText: 'Add Account' }).first().click();
      await quickInput(page).locator('.quick-input-title', { hasText: '(1/' }).waitFor();
      await page.keyboard.press('Escape');
    });
  });
});
