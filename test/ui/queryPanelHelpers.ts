// Acting on the query panel as a person would, for the UI suites, and knowing which search the
// panel shows: a search a test starts is waited for by the messages that carry it, never by a
// status line an earlier search may have left.
import type { FrameLocator, Page } from 'playwright-core';
import type { SessionEntryWire, WebhookEntryWire } from '../../src/api/wire';
import { quickInput, runFromPalette } from './workbench';

/** The panel's count line for `count` rows: "1 row", "2 rows". */
export const rowCount = (count: number): string => (count === 1 ? '1 row' : `${count} rows`);

/**
 * Opens the panel's charts as a user would (a click on their summary), so that they stay open: the
 * panel folds them to give the table room (in the suites' window the filters take two lines).
 */
export async function showCharts(frame: FrameLocator): Promise<void> {
  // Opened by the user's own click, so they stay open: charts the panel opened by itself fold again when the table needs the room.
  if (await frame.locator('details.charts[open]').count() > 0) {
    await frame.locator('details.charts > summary').click();
    await frame.locator('details.charts:not([open])').waitFor();
  }
  await frame.locator('details.charts > summary').click();
  await frame.locator('details.charts[open]').waitFor();
}

/** How long one search may take to end (a failing one retries first): well within a test's two minutes. */
export const SEARCH_TIMEOUT_MS = 60_000;

/** No entry may lie this near the start of a time range a test relies on (see inLastRange). */
export const BOUNDARY_MARGIN_MS = 10 * 60_000;

/** The order the panel shows by default. */
export const newestFirst = <T extends SessionEntryWire | WebhookEntryWire>(a: T, b: T): number => Date.parse(b.attributes.created!) - Date.parse(a.attributes.created!) || b.id - a.id;

/**
 * The entries a search over the last `rangeMs` finds, newest first, when it runs any time from the
 * server's start (`serverStart`, its `now`) to BOUNDARY_MARGIN_MS after this call: the server's
 * entries are its start minus fixed offsets (the same for a seed on any date), and the extension
 * reads the clock itself when it searches. Fails at once naming any entry so near the range's start
 * that the answer would depend on when the search ran. A test calls it as it starts: it ends within
 * its time limit (2 minutes), well inside the margin.
 */
export function inLastRange<T extends SessionEntryWire | WebhookEntryWire>(entries: readonly T[], rangeMs: number, serverStart: number): T[] {
  const created = (entry: T) => Date.parse(entry.attributes.created!);
  const start = serverStart - rangeMs;
  const near = entries.filter((entry) => created(entry) > start - BOUNDARY_MARGIN_MS && created(entry) < Date.now() - rangeMs + BOUNDARY_MARGIN_MS);
  if (near.length > 0) {
    throw new Error(`These entries lie within ${BOUNDARY_MARGIN_MS / 60_000} minutes of the start of the last ${rangeMs / 3_600_000} hours, so what a search finds depends on when it runs: ${near.map((entry) => `${entry.id} (${entry.attributes.created})`).join(', ')}. Choose a seed whose data keeps clear of it.`);
  }
  return entries.filter((entry) => created(entry) >= start).sort(newestFirst);
}

/** VS Code's webview host frame of the panel in view. */
export const panelHost = (page: Page): FrameLocator => page.frameLocator('iframe.webview >> visible=true');

/** The panel's content: two frames down (VS Code's webview host, then the content frame). */
export const panelFrame = (page: Page): FrameLocator => panelHost(page).frameLocator('iframe#active-frame');

export const rowCells = (frame: FrameLocator, index: number) => frame.locator(`.grid-body .grid-row[aria-rowindex="${index + 2}"] .grid-cell`);

/** A row's cell of the column `column` names (its field id: user, status...), wherever the column stands. */
export const rowCell = (frame: FrameLocator, index: number, column: string) => frame.locator(`.grid-body .grid-row[aria-rowindex="${index + 2}"] .grid-cell[data-column="${column}"]`);

export type Log = 'Session Logs' | 'Webhook Calls';

/** The panel's heading for each log: tells one panel's document from another's. */
const HEADINGS: Record<Log, string> = { 'Session Logs': 'Session logs', 'Webhook Calls': 'Webhook calls' };

export interface QueryPanel {
  readonly page: Page;
  readonly frame: FrameLocator;
  /** How the search the panel ran when it opened ended. */
  readonly first: SearchEnd;
}

export interface SearchEnd {
  state: 'done' | 'stopped' | 'failed';
  /** The status line, e.g. "300 entries, 7 API calls" or "1 entry, 1 API call". */
  status: string;
  /** The count line, e.g. "300 rows". */
  count: string;
}

/** What the cost question is answered with; `undefined`: a question is an error. */
export type Answer = 'Load All' | 'Stop Here' | undefined;

const TERMINAL_STATUS = /^(Stopped: |Failed after )?\d[\d,]* entr(y|ies), [\d,]+ API calls?$/;
const stateOf = (status: string): SearchEnd['state'] => (status.startsWith('Stopped') ? 'stopped' : status.startsWith('Failed') ? 'failed' : 'done');

/**
 * Opens a query panel from the palette (the last 24 hours, no filters) and waits for the grid.
 * The search it runs on opening may still be going: see openQueryPanel to wait for it.
 */
export async function openPanel(page: Page, log: Log): Promise<FrameLocator> {
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

/** Opens a query panel from the palette and waits for the search it runs on opening to end. */
export async function openQueryPanel(page: Page, log: Log, answer: Answer = undefined): Promise<QueryPanel> {
  await openPanel(page, log);
  return attachPanel(page, log, answer);
}

/**
 * The panel in view, opened just now (from the palette, a row's action or a window reload): waits
 * for its document, then for the one search it runs on opening to end (answering a cost question
 * with `answer`), then starts recording the searches the test starts in it.
 */
export async function attachPanel(page: Page, log: Log, answer: Answer = undefined): Promise<QueryPanel> {
  const frame = panelFrame(page);
  // The heading tells this log's panel from another still in view while the new one opens.
  await frame.locator('h1', { hasText: new RegExp(`^${HEADINGS[log]}$`) }).waitFor({ timeout: SEARCH_TIMEOUT_MS });
  await frame.locator('.grid').waitFor();
  // A new document has run one search only (the one it opened with): any end on its status line is that search's.
  const ended = frame.locator('#status-text', { hasText: TERMINAL_STATUS });
  const question = frame.locator('.cost:not([hidden])');
  for (;;) {
    await ended.or(question).first().waitFor({ timeout: SEARCH_TIMEOUT_MS });
    if (await ended.count() > 0) {
      break;
    }
    await answerQuestion(frame, answer);
  }
  await record(page, frame);
  return { page, frame, first: await readEnd(frame) };
}

/**
 * Starts recording, in the panel's document, what the extension tells it (each new search begins
 * with a "reset" message; its "progress" messages follow), and in VS Code's webview host, every
 * message the panel sends that starts a search ("search", "retry"). Called while no search is on
 * its way, so the two counts agree when every search asked for has begun.
 */
async function record(page: Page, frame: FrameLocator): Promise<void> {
  await frame.locator('body').evaluate((body) => {
    const recorded = window as unknown as { testRecorder?: boolean };
    if (recorded.testRecorder) {
      return;
    }
    recorded.testRecorder = true;
    body.dataset.testSearches = '0';
    body.dataset.testState = 'none';
    // Added after the panel's own listener: when this runs, the panel has shown the message.
    window.addEventListener('message', (event: MessageEvent<{ type?: string; state?: string }>) => {
      if (event.data?.type === 'reset') {
        body.dataset.testSearches = String(Number(body.dataset.testSearches) + 1);
        body.dataset.testState = 'reset';
      } else if (event.data?.type === 'progress' && typeof event.data.state === 'string') {
        body.dataset.testState = event.data.state;
      }
    });
  });
  // The panel's messages go out through the host's port to the workbench, synchronously from the panel's call.
  await panelHost(page).locator('body').evaluate((body) => {
    const recorded = window as unknown as { testRecorder?: boolean };
    if (recorded.testRecorder) {
      return;
    }
    recorded.testRecorder = true;
    body.dataset.testSearches = '0';
    const port = MessagePort.prototype as unknown as { postMessage(this: MessagePort, ...args: unknown[]): void };
    const send = port.postMessage;
    port.postMessage = function (this: MessagePort, ...args: unknown[]) {
      const message = args[0] as { channel?: string; data?: { message?: { type?: string } } } | undefined;
      const type = message?.channel === 'onmessage' ? message.data?.message?.type : undefined;
      if (type === 'search' || type === 'retry') {
        body.dataset.testSearches = String(Number(body.dataset.testSearches) + 1);
      }
      send.apply(this, args);
    };
  });
}

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0];

const searchesBegun = (panel: QueryPanel) => panel.frame.locator('body').evaluate((body) => Number(body.dataset.testSearches));
/** How many searches the panel has asked the extension for since it was attached. */
export const searchesAsked = (panel: QueryPanel) => panelHost(panel.page).locator('body').evaluate((body) => Number(body.dataset.testSearches));

/**
 * Does `act` (which starts one search or more: Enter in a text filter sends two, the second stopping
 * the first) and waits until the last search it asked for has begun. A search that ended before is
 * never taken for it.
 */
export async function startSearch(panel: QueryPanel, act: () => Promise<unknown>): Promise<void> {
  const before = await searchesBegun(panel);
  await act();
  for (;;) {
    // Read in this order: the begun count can only trail the asked one, so equal means none is on its way.
    const begun = await searchesBegun(panel);
    const asked = await searchesAsked(panel);
    if (begun > before && begun === asked) {
      return;
    }
    // Short of that, only another search beginning can get there: wait for it.
    await panel.frame.locator(`body:not([data-test-searches="${begun}"])`).waitFor({ state: 'attached', timeout: SEARCH_TIMEOUT_MS }).catch(async (error: unknown) => {
      throw new Error(`The search did not begin: ${asked} asked for, ${begun} begun (${before} before); status "${await panel.frame.locator('#status-text').textContent()}". ${firstLine(error)}`, { cause: error });
    });
  }
}

/** Waits for the panel's cost question about the search under way and returns its question line. */
export async function waitForQuestion(panel: QueryPanel): Promise<string> {
  const question = panel.frame.locator('.cost:not([hidden])');
  await question.waitFor({ timeout: SEARCH_TIMEOUT_MS });
  return (await question.locator('strong').textContent()) ?? '';
}

async function answerQuestion(frame: FrameLocator, answer: Answer): Promise<void> {
  const question = frame.locator('.cost:not([hidden])');
  if (answer === undefined) {
    throw new Error(`The panel asked "${await question.locator('strong').textContent()}", which this step did not expect.`);
  }
  await question.locator('button', { hasText: answer }).click();
}

/** Answers the cost question now showing. */
export const answer = (panel: QueryPanel, with_: Exclude<Answer, undefined>): Promise<void> => answerQuestion(panel.frame, with_);

/** Waits for the search under way (begun, see startSearch) to end, answering a cost question with `answer`. */
export async function searchEnd(panel: QueryPanel, answer: Answer = 'Load All'): Promise<SearchEnd> {
  const body = panel.frame.locator('body');
  const ended = panel.frame.locator('body[data-test-state="done"], body[data-test-state="stopped"], body[data-test-state="failed"]');
  const question = panel.frame.locator('.cost:not([hidden])');
  for (;;) {
    await ended.or(question).first().waitFor({ timeout: SEARCH_TIMEOUT_MS }).catch(async (error: unknown) => {
      throw new Error(`The search did not end (last progress "${await body.getAttribute('data-test-state')}", status "${await panel.frame.locator('#status-text').textContent()}"). ${firstLine(error)}`, { cause: error });
    });
    if (await ended.count() > 0) {
      return readEnd(panel.frame);
    }
    await answerQuestion(panel.frame, answer);
  }
}

/** Does `act`, then waits for the search it started to end; see startSearch and searchEnd. */
export async function search(panel: QueryPanel, act: () => Promise<unknown>, answer: Answer = 'Load All'): Promise<SearchEnd> {
  await startSearch(panel, act);
  return searchEnd(panel, answer);
}

/** Like search, and the search must have loaded everything: returns the count line. */
export async function searchAll(panel: QueryPanel, act: () => Promise<unknown>): Promise<string> {
  const end = await search(panel, act, 'Load All');
  if (end.state !== 'done') {
    throw new Error(`The search ended "${end.status}" (${end.count}), not done.`);
  }
  return end.count;
}

/** The status and count lines once the search has ended and its last rows are painted. */
async function readEnd(frame: FrameLocator): Promise<SearchEnd> {
  // The last rows arrive before the end, and are painted at the next animation frame (the count with them).
  await frame.locator('body').evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));
  const status = (await frame.locator('#status-text').textContent()) ?? '';
  return { state: stateOf(status), status, count: (await frame.locator('#count').textContent()) ?? '' };
}

/** Polls a condition of this process (the local server's counters, say) until it holds; fails naming it. */
export async function until(condition: () => boolean, what: string, timeoutMs = SEARCH_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`Waited ${timeoutMs / 1000} s for ${what}.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** How the details pane joins a field's parts: "Resource › Path". */
export const SEP = ' \u203a ';

export type WebhookAttributes = {
  attemptId?: string; ipAddress?: string; webhookFormat?: string;
  details?: { accountName?: string; attemptId?: string; eventData?: { transferStatus?: string; resources?: { path?: string }[] } };
};
export const attributesOf = (call: WebhookEntryWire) => call.attributes as WebhookAttributes;

/** Ticks a column in the chooser from the keyboard: the summary opens it, Space ticks, Escape closes it. */
export async function chooseColumn(frame: FrameLocator, id: string): Promise<void> {
  const summary = frame.locator('.column-chooser summary');
  await summary.focus();
  await summary.press('Enter');
  const box = frame.locator(`.column-list input[value="${id}"]`);
  await box.focus();
  await box.press('Space');
  await box.press('Escape');
  await frame.locator(`[role="columnheader"][data-column="${id}"]`).waitFor();
}

/** The details pane's fields as label and value, in order. */
export async function detailFields(frame: FrameLocator): Promise<[string, string][]> {
  return frame.locator('.details dl.fields').evaluate((list) => {
    const labels = Array.from(list.querySelectorAll('dt'), (dt) => dt.textContent ?? '');
    const values = Array.from(list.querySelectorAll('dd .value'), (value) => value.textContent ?? '');
    return labels.map((label, index): [string, string] => [label, values[index]!]);
  });
}

/** Selects the `index`th row from the keyboard (the table scrolls to it) and waits for its details. */
export async function selectRow(frame: FrameLocator, index: number): Promise<void> {
  const grid = frame.locator('.grid');
  await grid.focus();
  await grid.press('Home');
  for (let step = 0; step < index; step++) {
    await grid.press('ArrowDown');
  }
  await frame.locator(`.grid-row[aria-rowindex="${index + 2}"][aria-selected="true"]`).waitFor();
  await frame.locator('.details dl.fields').waitFor();
}
