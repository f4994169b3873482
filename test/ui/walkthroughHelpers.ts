// The "Get Started" walkthrough as the UI suites open and read it.
import type { Page } from 'playwright-core';
import { quickInput, runFromPalette } from './workbench';

/** The walkthrough's steps, in order. */
export const STEPS = ['Add an ExaVault account', 'Browse recent activity', 'Run a search', 'Open a path from the logs'];

export async function openWalkthrough(page: Page): Promise<void> {
  await runFromPalette(page, 'Welcome: Open Walkthrough...');
  await quickInput(page).locator('.monaco-list-row', { hasText: 'Get Started with ExaVault Activity' }).click();
  await page.locator('.getting-started-step .step-title').first().waitFor({ timeout: 60_000 });
}
