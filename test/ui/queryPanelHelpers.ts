// Acting on the query panel as a person would, for the UI suites.
import type { FrameLocator, Page } from 'playwright-core';
import type { SessionEntryWire, WebhookEntryWire } from '../../src/api/wire';
import { quickInput, runFromPalette } from './workbench';

/** The order the panel shows by default. */
export const newestFirst = <T extends SessionEntryWire | WebhookEntryWire>(a: T, b: T): number => Date.parse(b.attributes.created!) - Date.parse(a.attributes.created!) || b.id - a.id;

/** The panel's content: two frames down (VS Code's webview host, then the content frame). */
export const panelFrame = (page: Page): FrameLocator => page.frameLocator('iframe.webview >> visible=true').frameLocator('iframe#active-frame');

export async function openPanel(page: Page, log: 'Session Logs' | 'Webhook Calls'): Promise<FrameLocator> {
  // A panel still loading may take the focus back (closing the quick pick): try again, up to three times.
  for (let attempt = 1; ; attempt++) {
    try {
      await runFromPalette(page, 'ExaVault: Open Query Panel...');
      await quickInput(page).locator('.monaco-list-row', { hasText: log }).click({ timeout: 10_000 });
      break;
    } catch (error) {
      if (attempt === 3) {
        throw error;
      }
      await page.keyboard.press('Escape');
    }
  }
  const frame = panelFrame(page);
  await frame.locator('.grid').waitFor();
  return frame;
}

/**
 * Waits for the search to finish, answering "Load All" to any cost question on the way; returns the
 * count line. With `expected`, waits for that count line (the previous search may still show as done).
 */
export async function loadAll(page: Page, frame: FrameLocator, expected?: string): Promise<string> {
  const done = frame.locator('#status-text', { hasText: /^\d[\d,]* entries, [\d,]+ API calls$/ });
  const question = frame.locator('.cost');
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (await question.isVisible()) {
      await question.locator('button', { hasText: 'Load All' }).click();
      await question.waitFor({ state: 'hidden' });
    } else if (await done.isVisible()) {
      const count = (await frame.locator('#count').textContent()) ?? '';
      if (expected === undefined || count === expected) {
        return count;
      }
    }
    await page.waitForTimeout(100);
  }
  throw new Error(`The search did not finish: ${await frame.locator('#status-text').textContent()}; ${await frame.locator('#count').textContent()}`);
}

/** Waits until the status line says the search finished, and returns the count line. */
export async function finished(frame: FrameLocator, state = /^\d[\d,]* entries, [\d,]+ API calls$/): Promise<string> {
  await frame.locator('#status-text', { hasText: state }).waitFor({ timeout: 60_000 });
  return (await frame.locator('#count').textContent()) ?? '';
}

export const rowCells = (frame: FrameLocator, index: number) => frame.locator(`.grid-body .grid-row[aria-rowindex="${index + 2}"] .grid-cell`);

export async function answerCost(frame: FrameLocator, buttonText: string): Promise<string> {
  const question = frame.locator('.cost');
  await question.waitFor();
  const text = (await question.locator('strong').textContent()) ?? '';
  await question.locator('button', { hasText: buttonText }).click();
  return text;
}

