// The "Get Started" walkthrough as a newcomer finds it: listed, its four steps shown, its buttons live.
import * as assert from 'node:assert/strict';
import { extensionKnown } from './sidebarHelpers';
import { quickInput, runFromPalette, useWorkbench } from './workbench';

describe('Get Started walkthrough', function () {
  const session = useWorkbench('walkthrough');

  it('is offered, shows its four steps, and its first button starts Add Account', async () => {
    const { page } = session();
    await extensionKnown(page);
    await runFromPalette(page, 'Welcome: Open Walkthrough...');
    await quickInput(page).locator('.monaco-list-row', { hasText: 'Get Started with ExaVault Activity' }).click();
    const steps = page.locator('.getting-started-step .step-title');
    await steps.first().waitFor({ timeout: 60_000 });
    assert.deepEqual(await steps.allTextContents(), ['Add an ExaVault account', 'Browse recent activity', 'Run a search', 'Open a path from the logs']);
    await page.locator('.getting-started-step.expanded .button-link, .getting-started-step.expanded a.monaco-button', { hasText: 'Add Account' }).first().click();
    await quickInput(page).locator('.quick-input-title', { hasText: '(1/' }).waitFor();
    await page.keyboard.press('Escape');
  });
});
