// The ExaVault sidebar as a person works it, for UI suites whose tests each set up what they need:
// the account signed in from the environment, a pane unfolded or folded, its rows showing the
// server's data, a group opened, a row's menu item chosen. Every wait ends with a message that
// names what it waited for.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import type { RunningExaVaultServer } from '../../server/index';
import { OPERATIONS } from '../../src/api/wire';
import { ACTION_TIMEOUT_MS, openSidebar } from './workbench';

export type ViewName = 'Sessions' | 'Webhook Calls';

export const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Matches exactly `text`. */
export const exactly = (text: string): RegExp => new RegExp(`^${escaped(text)}$`);

export const pane = (page: Page, view: ViewName): Locator => page.locator('.pane', { has: page.locator(`.pane-header[aria-label^="${view}"]`) });
export const rows = (page: Page, view: ViewName): Locator => pane(page, view).locator('.monaco-list-row');
/** A group row (level 1, unfolds) whose label reads exactly `label`. */
export const groupRow = (page: Page, view: ViewName, label: string): Locator =>
  rows(page, view).and(page.locator('[aria-level="1"]')).filter({ has: page.locator('.label-name', { hasText: exactly(label) }) });
/** The entries of the unfolded groups. */
export const entryRows = (page: Page, view: ViewName): Locator => pane(page, view).locator('.monaco-list-row[aria-level="2"]');
export const labelOf = (row: Locator): Locator => row.locator('.label-name .monaco-highlighted-label');

/** Counts per label, in the order the labels first appear. */
export function countBy<T>(entries: readonly T[], labelOf: (entry: T) => string): GroupCounts {
  const counts = new Map<string, number>();
  for (const entry of entries) {
    const label = labelOf(entry);
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts];
}

/** A session group's label: the file manager's name with the code, "Upload (STOR)". */
export function operationLabel(operation: string): string {
  const code = operation.toUpperCase();
  return `${OPERATIONS[code] ?? code} (${code})`;
}

/** The session groups of the server's newest `count` entries: the group active most lately first. */
export function expectedSessionGroups(server: RunningExaVaultServer, count: number): GroupCounts {
  return countBy(server.sessions.slice(0, count), (entry) => operationLabel(entry.attributes.operation!));
}

/**
 * Shows the Sessions pane alone (Webhook Calls folded, to make room), refreshed, with the groups of
 * the server's newest entries (a page at least) and every group folded. Returns how many are loaded.
 */
export async function sessionsShown(page: Page, server: RunningExaVaultServer, pageSize: number): Promise<number> {
  await signedIn(page, server);
  await setPaneExpanded(page, 'Webhook Calls', false);
  await setPaneExpanded(page, 'Sessions', true);
  const loaded = await refreshed(page, 'Sessions', (count) => expectedSessionGroups(server, count), pageSize);
  await collapseAll(page, 'Sessions');
  return loaded;
}

/** How long signing in from the environment may take: the extension host starts, then checks the credentials (two calls). */
const SIGN_IN_TIMEOUT_MS = 90_000;

/**
 * Reads `read()` until `done` holds for its value or `timeoutMs` has passed, and returns the last
 * value read: the caller then asserts on it, so a wait that never ends fails showing what was seen.
 * For conditions no locator can wait for (the whole of a list, a server's counters).
 */
export async function poll<T>(read: () => Promise<T> | T, done: (value: T) => boolean, timeoutMs = ACTION_TIMEOUT_MS): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || performance.now() > deadline) {
      return value;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Waits until the workbench knows the installed extension: its container's button in the activity
 * bar. Until then its commands and walkthrough are missing from a palette or list opened now (which
 * would not update when they arrive).
 */
export async function extensionKnown(page: Page): Promise<void> {
  await page.locator('.activitybar .action-label[aria-label^="ExaVault"]').waitFor({ timeout: SIGN_IN_TIMEOUT_MS });
}

/**
 * Opens the sidebar (which activates the extension) and waits until the server's account is in:
 * the status bar names it with the calls left. With `exavault.importFromEnvironment: always` the
 * extension imports the environment's credentials itself; should the setting reach the extension
 * host only after its first look, it offers the import instead: then this accepts the offer.
 */
export async function signedIn(page: Page, server: Pick<RunningExaVaultServer, 'accountName'>): Promise<void> {
  await extensionKnown(page);
  await openSidebar(page);
  const account = page.locator('.statusbar-item', { hasText: new RegExp(`${escaped(server.accountName)} · [\\d,]+ calls left`) });
  const offer = page.locator('.notification-toast, .notification-list-item', { hasText: 'are set in environment variables' })
    .getByRole('button', { name: 'Import' });
  try {
    await account.or(offer).first().waitFor({ timeout: SIGN_IN_TIMEOUT_MS });
    if (!(await account.isVisible())) {
      await offer.first().click();
      await account.waitFor({ timeout: SIGN_IN_TIMEOUT_MS });
    }
  } catch (error) {
    throw new Error(`The account ${server.accountName} did not sign in from the environment (no status bar item "${server.accountName} · N calls left"): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/**
 * Unfolds or folds a pane of the ExaVault container: a click on its header's title toggles it (the
 * header's middle may hold one of its title actions, in a narrow sidebar).
 */
export async function setPaneExpanded(page: Page, view: ViewName, expanded: boolean): Promise<void> {
  const header = pane(page, view).locator('.pane-header');
  if (await header.getAttribute('aria-expanded') !== String(expanded)) {
    await header.locator('.title').first().click();
  }
  await pane(page, view).locator(`.pane-header[aria-expanded="${expanded}"]`).waitFor();
}

/**
 * Waits until the view's header describes it with `text` (in part). While the view has the focus (a
 * click unfolded it) or the pointer is over it, its title actions show and in a narrow sidebar leave
 * the description no room: a click on the empty editor area moves both away first.
 */
export async function waitForDescription(page: Page, view: ViewName, text: string): Promise<Locator> {
  await page.locator('.part.editor').click();
  const description = pane(page, view).locator('.pane-header .description', { hasText: text });
  await description.waitFor();
  return description;
}

/** Clicks an action of the view's title bar (shown while the header is hovered), such as "Refresh Sessions". */
export async function viewAction(page: Page, view: ViewName, action: string): Promise<void> {
  await pane(page, view).locator('.pane-header').hover();
  await pane(page, view).locator(`.pane-header .action-label[aria-label="${action}"]`).click();
}

/** Whether the view's title bar offers `action` now (a toggle shows one of its two actions). */
export async function offersAction(page: Page, view: ViewName, action: string): Promise<boolean> {
  return await pane(page, view).locator(`.pane-header .action-label[aria-label="${action}"]`).count() > 0;
}

/** Folds every group of the view, so that all group rows fit on screen (the list draws only what shows). */
export async function collapseAll(page: Page, view: ViewName): Promise<void> {
  await viewAction(page, view, 'Collapse All');
  await entryRows(page, view).first().waitFor({ state: 'detached' });
}

/** Unfolds a group (a click on an unfolded one would fold it). */
export async function expandGroup(page: Page, view: ViewName, label: string): Promise<void> {
  const row = groupRow(page, view, label);
  if (await row.getAttribute('aria-expanded') !== 'true') {
    await row.click();
  }
  await row.and(page.locator('[aria-expanded="true"]')).waitFor();
  // Its entries come from the extension host a moment after the row shows unfolded: wait for the first, right below it.
  const index = Number(await row.getAttribute('data-index'));
  await pane(page, view).locator(`.monaco-list-row[data-index="${index + 1}"][aria-level="2"]`).waitFor();
}

/** The labels of these rows as they read top to bottom (the list keeps its row elements in no particular order). */
export async function labelsInOrder(rowsOf: Locator): Promise<string[]> {
  const shown = await rowsOf.filter({ visible: true }).evaluateAll((elements) => elements.map((row) => ({
    index: Number(row.getAttribute('data-index')),
    label: row.querySelector('.label-name .monaco-highlighted-label')?.textContent ?? '',
  })));
  return shown.sort((a, b) => a.index - b.index).map(({ label }) => label);
}

export type GroupCounts = [label: string, count: number][];

/** The group rows on screen, top to bottom, as [label, number of loaded entries] ("Upload (STOR)", "3 · 1 failed"). */
export async function shownGroups(page: Page, view: ViewName): Promise<GroupCounts> {
  const groups = await rows(page, view).filter({ visible: true }).evaluateAll((elements) => elements
    .filter((row) => row.getAttribute('aria-level') === '1' && row.querySelector('.monaco-tl-twistie.collapsible'))
    .map((row) => ({
      index: Number(row.getAttribute('data-index')),
      label: row.querySelector('.label-name .monaco-highlighted-label')?.textContent ?? '',
      description: row.querySelector('.label-description')?.textContent ?? '',
    })));
  return groups.sort((a, b) => a.index - b.index).map(({ label, description }) => [label, Number(/^\d+/.exec(description)?.[0] ?? Number.NaN)]);
}

export const totalOf = (groups: GroupCounts): number => groups.reduce((sum, [, count]) => sum + count, 0);

/**
 * Waits until the view's groups are those of the server's newest `loaded` entries, where `loaded`
 * is what the rows add up to (and at least `atLeast`): what was loaded is always the newest entries,
 * with no gap and no repeat. Returns how many are loaded.
 */
export async function waitForServerGroups(page: Page, view: ViewName, expectedFor: (loaded: number) => GroupCounts, atLeast: number): Promise<number> {
  const matches = (shown: GroupCounts) => totalOf(shown) >= atLeast && same(shown, expectedFor(totalOf(shown)));
  const shown = await poll(() => shownGroups(page, view), matches);
  assert.ok(totalOf(shown) >= atLeast, `${view}: at least ${atLeast} entries loaded, but the groups add up to ${totalOf(shown)}: ${JSON.stringify(shown)}`);
  assert.deepEqual(shown, expectedFor(totalOf(shown)), `${view}: the groups of the server's newest ${totalOf(shown)} entries`);
  return totalOf(shown);
}

/** Refreshes the view (its title bar's Refresh) and waits until its rows show the server's data. */
export async function refreshed(page: Page, view: ViewName, expectedFor: (loaded: number) => GroupCounts, atLeast: number): Promise<number> {
  await viewAction(page, view, `Refresh ${view}`);
  return waitForServerGroups(page, view, expectedFor, atLeast);
}

function same(a: GroupCounts, b: GroupCounts): boolean {
  return a.length === b.length && a.every(([label, count], i) => label === b[i]![0] && count === b[i]![1]);
}

/**
 * Chooses `item` from the row's context menu: right-click, the item hovered (which focuses it), then
 * Enter (a click that comes right after the menu opens may be ignored). Enter goes to whatever holds
 * the keyboard focus, so it is pressed only once the item holds it: if the workbench moved the focus
 * away (which closes the menu), the menu is opened again, and the third time the error names what
 * took the focus.
 */
export async function fromRowMenu(page: Page, row: Locator, item: string): Promise<void> {
  const action = page.locator('.context-view .action-item', { has: page.locator('.action-label', { hasText: exactly(item) }) });
  for (let attempt = 1; ; attempt++) {
    await row.click({ button: 'right' });
    await action.hover();
    await action.and(page.locator('.focused')).waitFor();
    const focus = await action.evaluate((element) => {
      let active = document.activeElement;
      while (active?.shadowRoot?.activeElement) {
        active = active.shadowRoot.activeElement;
      }
      return element.contains(active) ? undefined : `${active?.tagName ?? 'nothing'}.${active?.className ?? ''}`;
    }).catch(() => 'nothing (the menu closed)');
    if (focus === undefined) {
      break;
    }
    if (attempt === 3) {
      throw new Error(`The context menu lost the keyboard focus before "${item}" could be chosen, three times; it went to ${focus}`);
    }
    console.warn(`      (the context menu lost the keyboard focus to ${focus}; opening it again)`);
    await page.keyboard.press('Escape');
    await action.waitFor({ state: 'detached' });
  }
  await page.keyboard.press('Enter');
  await action.waitFor({ state: 'detached' });
}
