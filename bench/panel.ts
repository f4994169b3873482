// `npm run bench:panel`: the query panel in the real VS Code (code-server, Chromium, the packaged
// .vsix) at 100,000 and 1,000,000 session entries from the local server. Measured in the webview:
// - load: from choosing the range to the last entry counted (target <= 6 s at a million rows), once,
//   with where its time went (see measuredLoadStages), beside its floor: the same pages fetched and
//   parsed without VS Code, once before the load and twice after (see loadFloor.ts), and the
//   processor time the whole machine used during each (no figure can beat that work spread over
//   every core), the load's by process (see processTimes.ts);
// - first rows: from the first page reaching the extension to its rows painted (target <= 100 ms);
// - a UI action during the load: a click on a row to its details shown, which the extension host
//   answers, every 200 ms while the load runs, p50/p95/max (target p95 <= 100 ms);
// - refine: from the keypress to the final match count shown, p50/p95 (target p95 <= 16 ms, one
//   frame), beside a baseline in the same page: Array.prototype.filter with the same predicate over
//   the same rows; runs interleaved, and every count checked against the baseline's (the checksum);
// - sort, click to repaint, by every column (target <= 100 ms each, the median of its runs),
//   interleaved with a baseline in the same page (Array.prototype.sort with the comparator that
//   defines the order), the orders compared every run (see panelSort.ts);
// - scrolling frame times, for the record;
// - the webview's JS heap with everything loaded, after a gc (target < 300 MB at a million rows).
// The set-up (the server's entries, all inside the 90-day range, every one loaded at 1,000 a page,
// the baseline holding the same rows) is verified before sort and refine are timed and any figure
// printed.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { startExaVaultServer, type RunningExaVaultServer } from '../server/index';
import { launchChromiumProfile } from '../scripts/lib/browser';
import { packageVsix } from '../scripts/lib/packageVsix';
import { sessionCellTexts } from '../test/support/panelCells';
import { resultsDir, vsixPath } from '../scripts/lib/paths';
import { chosenBrowser } from '../scripts/lib/browser';
import { provisionVsCodeServer } from '../scripts/lib/provision';
import { installVsix, makeWorkbenchDirs, startCodeServer } from '../scripts/lib/vscodeServer';
import { interleave, median, runBenchmark, spreadLine, verifySetup, type Claim } from './lib';
import { benchSort, loadBaselineKeys, type SortResult } from './panelSort';
import { floorChecksum, measureLoadFloor, type FloorRequest } from './loadFloor';
import { machineBusySeconds, processTimes, timeByPart } from './processTimes';

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const SIZES = (process.env.BENCH_PANEL_SIZES ?? '100000,1000000').split(',').map(Number);
/** BENCH_PANEL_LOAD_ONLY=1: the load's figures only (load, its stages, first rows, clicks), nothing timed after it. */
const LOAD_ONLY = process.env.BENCH_PANEL_LOAD_ONLY === '1';
/** BENCH_PANEL_CLICKS=0: no row clicks during the load, to time the load alone. */
const CLICKS = process.env.BENCH_PANEL_CLICKS !== '0';
const ROUNDS = 5;
/** Clicks on each column (each turning its order): a baseline sort of a million rows takes seconds. */
const SORT_ROUNDS = 3;
const SEED = 7;
const PAGE_SIZE = 1000;
const QUARTER_MS = 90 * 86_400_000;
/** Requests in flight at once for one search, as the panel sends them (activityPanel.ts's CONCURRENCY). */
const IN_FLIGHT = 4;

interface LoadStage {
  stage: string;
  ms: number;
  /** How many times it ran (pages, batches, messages). */
  count: number;
}

interface SizeResult {
  setup: string[];
  rows: number;
  loadSeconds: number;
  /** The load's floor (see loadFloor.ts), each run's seconds: one before the panel's load, two after. */
  floorSeconds: number[];
  /** Processor time the machine used during the load and during each floor run, in core-seconds (NaN where unreadable). */
  loadBusySeconds: number;
  floorBusySeconds: number[];
  /** The load's processor time by process (see processTimes.ts), most first; empty where unreadable. */
  loadTimeByPart: [string, number][];
  loadStages: LoadStage[];
  firstRowsMs: number;
  /** Each row click during the load, to its details shown. */
  uiAnswerMs: number[];
  heapMb: number;
  emptyHeapMb: number;
  refine: { ours: number[]; baseline: number[] };
  sort: SortResult[];
  scrollFrameP95Ms: number;
  checksum: string;
}

/** Needles a person would type: a user, an IP prefix, a folder, an operation, one that matches nothing. */
function needles(server: RunningExaVaultServer): string[] {
  const sample = server.sessions.slice(0, 2000);
  const user = sample.find((entry) => entry.attributes.username && entry.attributes.username !== 'admin')?.attributes.username ?? 'a';
  const ip = sample.find((entry) => entry.attributes.ipAddress)?.attributes.ipAddress ?? '10.';
  const folder = sample.find((entry) => (entry.attributes.fileName ?? '').split('/').length > 2)?.attributes.fileName!.split('/')[1] ?? 'a';
  return [user.slice(0, 4), ip.slice(0, ip.lastIndexOf('.')), folder.toLowerCase(), 'upload', 'pdf', 'zzqx'];
}

async function contentFrame(page: Page): Promise<Frame> {
  const outer = await page.locator('iframe.webview >> visible=true').elementHandle();
  const webview = await outer!.contentFrame();
  const inner = await webview!.locator('iframe#active-frame').elementHandle();
  return (await inner!.contentFrame())!;
}

/**
 * Where the load's time went, stage by stage: the server's answers (arrival to last byte, summed
 * over requests, as the server counts them), the extension's parsing, normalising, batching and
 * postMessage calls (summed in the extension, which writes them to `stageTimesFile` as the load
 * ends), and the webview's reading of each rows message and its row store's ingest (summed in the
 * webview, shown on its body as the load ends).
 */
async function measuredLoadStages(frame: Frame, server: RunningExaVaultServer, stageTimesFile: string): Promise<LoadStage[]> {
  const stats = server.stats();
  const extension = JSON.parse(fs.readFileSync(stageTimesFile, 'utf8')) as Record<string, { ms: number; count: number }>;
  const webview = JSON.parse(await frame.evaluate(() => document.body.dataset.rowMessageTimes ?? '{}')) as { readMs?: number; ingestMs?: number; count?: number };
  const stage = (name: string, label: string): LoadStage => ({ stage: label, ms: extension[name]?.ms ?? 0, count: extension[name]?.count ?? 0 });
  return [
    { stage: 'server answers (arrival to last byte, summed over requests)', ms: stats.answerMs, count: stats.requests },
    stage('parse', 'JSON parsing (extension host)'),
    stage('normalize', 'normalising (extension host)'),
    stage('batch', 'batching rows into columns (extension host)'),
    stage('postMessage', 'postMessage calls (extension host)'),
    { stage: 'reading each rows message (webview, structured clone)', ms: webview.readMs ?? Number.NaN, count: webview.count ?? 0 },
    { stage: 'row store ingest (webview)', ms: webview.ingestMs ?? Number.NaN, count: webview.count ?? 0 },
  ];
}

interface UiProbe {
  answers: number[];
  clicks: number;
  pending: number | undefined;
  timer: ReturnType<typeof setInterval> | undefined;
}

/**
 * Clicks one of the first rows every 200 ms from now on (once the last click was answered) and times
 * each click to its details shown: the extension host answers it, between the load's pages. A click
 * whose details the new search's start closes (on a row of the search before) is not counted.
 */
async function startUiProbe(frame: Frame): Promise<void> {
  await frame.evaluate(() => {
    const probe: UiProbe = { answers: [], clicks: 0, pending: undefined, timer: undefined };
    (globalThis as unknown as { uiProbe: UiProbe }).uiProbe = probe;
    const details = document.querySelector('.details-body')!;
    new MutationObserver(() => {
      if (probe.pending !== undefined && details.querySelector('dl.fields')) {
        probe.answers.push(performance.now() - probe.pending);
        probe.pending = undefined;
      } else if (probe.pending !== undefined && details.childElementCount === 0) {
        probe.clicks--;
        probe.pending = undefined;
      }
    }).observe(details, { childList: true, subtree: true });
    probe.timer = setInterval(() => {
      const row = document.querySelector<HTMLElement>(`.grid-body .grid-row[data-index="${probe.clicks % 5}"]:not([hidden])`);
      if (probe.pending === undefined && row) {
        probe.clicks++;
        probe.pending = performance.now();
        row.click();
      }
    }, 200);
  });
}

/** Stops the clicks; the last one's answer waited for. */
async function stopUiProbe(frame: Frame): Promise<{ answers: number[]; clicks: number }> {
  await frame.evaluate(() => clearInterval((globalThis as unknown as { uiProbe: UiProbe }).uiProbe.timer));
  await frame.waitForFunction(() => (globalThis as unknown as { uiProbe: UiProbe }).uiProbe.pending === undefined, undefined, { timeout: 10_000 }).catch(() => undefined);
  return frame.evaluate(() => {
    const { answers, clicks } = (globalThis as unknown as { uiProbe: UiProbe }).uiProbe;
    return { answers, clicks };
  });
}

async function benchSize(size: number): Promise<SizeResult> {
  console.log(`\n--- ${size.toLocaleString()} session entries`);
  const server = await startExaVaultServer({ seed: SEED, sessions: size, webhooks: 10, accountName: 'bench', dailyAllowance: 100_000_000, maxLimit: PAGE_SIZE });
  const dirs = makeWorkbenchDirs(path.join(resultsDir, 'bench-panel', String(size)), {
    'exavault.importFromEnvironment': 'always', 'exavault.pageSize': PAGE_SIZE, 'exavault.search.confirmAboveCalls': 100_000,
  });
  const since = Date.now() - QUARTER_MS;
  const claims: Claim[] = [
    { what: `session entries on the local server (seed ${SEED})`, claimed: size, found: server.sessions.length },
    { what: 'of them inside the last 90 days (the range the panel loads)', claimed: size, found: server.sessions.filter((e) => Date.parse(e.attributes.created!) >= since).length },
  ];
  verifySetup(claims); // the server's side at once, before a workbench starts
  installVsix(dirs, vsixPath);
  const stageTimesFile = path.join(dirs.root, 'stage-times.json');
  fs.rmSync(stageTimesFile, { force: true });
  const workbench = await startCodeServer(dirs, {
    ...process.env, EXAVAULT_ACCOUNT_URL: server.baseUrl, EXAVAULT_API_KEY: server.apiKey, EXAVAULT_ACCESS_TOKEN: server.accessToken, EXAVAULT_STAGE_TIMES: stageTimesFile,
  });
  const context = await launchChromiumProfile(path.join(dirs.root, 'browser-profile'), ['--enable-precise-memory-info', '--js-flags=--expose-gc']);
  try {
    const page = context.pages()[0] ?? await context.newPage();
    await page.goto(workbench.url);
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 60_000 });
    await page.locator('.activitybar .action-label[aria-label^="ExaVault"]').click();
    await page.locator('.statusbar-item', { hasText: 'bench' }).first().waitFor({ timeout: 120_000 });
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').fill('>ExaVault: Open Query Panel...');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Open Query Panel' }).first().click();
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Session Logs' }).click();
    const frame = await contentFrame(page);
    // esbuild (through tsx) names the functions below with a helper the page does not have.
    await frame.evaluate('globalThis.__name = (target) => target');
    await frame.locator('#status-text', { hasText: /^\d[\d,]* entries/ }).waitFor({ timeout: 120_000 });
    const heapOf = () => frame.evaluate(async () => {
      (globalThis as unknown as { gc?: () => void }).gc?.();
      await new Promise((resolve) => setTimeout(resolve, 200));
      return (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize / 1048576;
    });
    const emptyHeapMb = await heapOf();

    // The floor asks for the panel's pages: the same 90 days, order, page size and requests in flight.
    const floorRequest: FloorRequest = {
      baseUrl: server.baseUrl, headers: { 'ev-api-key': server.apiKey, 'ev-access-token': server.accessToken, accept: 'application/json' },
      from: new Date(since).toISOString(), to: new Date().toISOString(), pageSize: PAGE_SIZE, inFlight: IN_FLIGHT,
    };
    const floorRuns = [await measureLoadFloor(floorRequest)];

    server.resetStats();
    const busyAtStart = machineBusySeconds() ?? Number.NaN;
    const timesAtStart = processTimes();
    const started = Date.now();
    const statusBefore = await frame.locator('#status-text').textContent();
    await frame.locator('#range').selectOption('quarter');
    await frame.waitForFunction((previous) => document.querySelector('#status-text')!.textContent !== previous, statusBefore, { timeout: 60_000 });
    if (CLICKS) {
      await startUiProbe(frame);
    }
    // The end of this load (not the status the default range's load left), whatever it loaded: "N entries, C API calls".
    const done = /^([\d,]+) entries, ([\d,]+) API calls$/;
    await frame.waitForFunction(({ previous, pattern }) => {
      const text = document.querySelector('#status-text')!.textContent ?? '';
      return text !== previous && new RegExp(pattern).test(text);
    }, { previous: statusBefore, pattern: done.source }, { timeout: 30 * 60_000 });
    const loadSeconds = (Date.now() - started) / 1000;
    const loadBusySeconds = (machineBusySeconds() ?? Number.NaN) - busyAtStart;
    const timesAtEnd = processTimes();
    const loadTimeByPart = timesAtStart && timesAtEnd ? timeByPart(timesAtStart, timesAtEnd) : [];
    const ui = CLICKS ? await stopUiProbe(frame) : { answers: [], clicks: 0 };
    const [, loaded, calls] = done.exec((await frame.locator('#status-text').textContent())!)!.map((text) => Number(text.replaceAll(',', '')));
    const shown = Number(/^([\d,]+) rows$/.exec((await frame.locator('#count').textContent()) ?? '')?.[1]?.replaceAll(',', '') ?? NaN);
    claims.push(
      { what: 'entries the panel loaded', claimed: size, found: loaded! },
      { what: 'rows the panel shows', claimed: size, found: shown },
      // The client may ask for a few pages past the end ahead of time: well under 2 calls a page.
      { what: `entries a page (${calls!.toLocaleString('en')} API calls)`, claimed: PAGE_SIZE, found: calls! >= size / PAGE_SIZE && calls! < 2 * size / PAGE_SIZE ? PAGE_SIZE : Math.round(size / calls!) },
    );
    const loadStages = await measuredLoadStages(frame, server, stageTimesFile);
    floorRuns.push(await measureLoadFloor(floorRequest), await measureLoadFloor(floorRequest));
    const expectedFloor = floorChecksum(server.sessions.map((entry) => entry.id));
    floorRuns.forEach((run, i) => claims.push({ what: `the floor's entries, run ${i + 1} (count:hash of their ids, newest first)`, claimed: expectedFloor, found: run.checksum }));
    const floorSeconds = floorRuns.map((run) => run.ms / 1000);
    const floorBusySeconds = floorRuns.map((run) => run.busySeconds ?? Number.NaN);
    const stageCount = (stage: string) => loadStages.find((candidate) => candidate.stage.startsWith(stage))!.count;
    claims.push({ what: 'rows messages the webview timed (as many as the extension posted)', claimed: stageCount('postMessage'), found: stageCount('row store ingest') });
    if (CLICKS) {
      claims.push(
        { what: 'row clicks during the load', claimed: true, found: ui.clicks > 0 },
        { what: `row clicks answered with their details (${ui.clicks.toLocaleString('en')} clicks)`, claimed: ui.clicks, found: ui.answers.length },
      );
    }
    if (LOAD_ONLY) {
      const firstRowsMs = Number(await frame.evaluate(() => document.body.dataset.firstRowsDelayMs));
      return {
        setup: verifySetup(claims), rows: size, loadSeconds, floorSeconds, loadBusySeconds, floorBusySeconds, loadTimeByPart, loadStages, firstRowsMs, uiAnswerMs: ui.answers, heapMb: Number.NaN, emptyHeapMb,
        refine: { ours: [], baseline: [] }, sort: [], scrollFrameP95Ms: Number.NaN, checksum: '',
      };
    }
    // The selection closed again (a refine that matches nothing hides the selected row), so what is timed next sees the table as before.
    await frame.locator('#refine').fill('zzqx');
    await frame.locator('#count', { hasText: /^0 of / }).waitFor({ timeout: 60_000 });
    await frame.locator('#refine').fill('');
    await frame.locator('#count', { hasText: /^[\d,]+ rows$/ }).waitFor({ timeout: 60_000 });
    claims.push({ what: 'details pane closed again after the clicks', claimed: true, found: await frame.locator('aside.details').isHidden() });
    const firstRowsMs = Number(await frame.evaluate(() => document.body.dataset.firstRowsDelayMs));

    const heapMb = await heapOf();

    // Scrolling: jump a screenful per frame for 120 frames; frame intervals.
    const frameTimes = await frame.evaluate(() => new Promise<number[]>((resolve) => {
      const grid = document.querySelector('.grid')!;
      const times: number[] = [];
      let last = performance.now();
      const step = () => {
        const now = performance.now();
        times.push(now - last);
        last = now;
        grid.scrollTop += 2000;
        if (times.length < 120) {
          requestAnimationFrame(step);
        } else {
          grid.scrollTop = 0;
          resolve(times.slice(1));
        }
      };
      requestAnimationFrame(step);
    }));

    // The baseline's rows: the same cell texts as plain objects, in the page.
    await frame.evaluate(() => {
      (globalThis as unknown as { baselineRows: string[][] }).baselineRows = [];
    });
    const chunk = 50_000;
    for (let start = 0; start < size; start += chunk) {
      await frame.evaluate((rows) => {
        (globalThis as unknown as { baselineRows: string[][] }).baselineRows.push(...rows);
      }, server.sessions.slice(start, start + chunk).map(sessionCellTexts));
    }
    claims.push({ what: "rows the baseline filters, in the same page", claimed: size, found: await frame.evaluate(() => (globalThis as unknown as { baselineRows: string[][] }).baselineRows.length) });
    claims.push({ what: 'rows the baseline sorts, newest first, in the same page', claimed: size, found: await loadBaselineKeys(frame, server.sessions, chunk) });
    // Figures so far (load, first rows, heap) are kept only if all of this holds; sort and refine are timed after.
    const setup = verifySetup(claims);

    const sort = await benchSort(frame, size, SORT_ROUNDS);
    if (await frame.locator('[role="columnheader"][data-column="time"]').getAttribute('aria-sort') !== 'descending') {
      await frame.locator('[role="columnheader"][data-column="time"] button.sort').click();
    }

    // The refine probe: keydown in the box to the count line showing the expected text.
    await frame.evaluate(() => {
      const probe = { start: 0, end: 0, target: '' };
      (globalThis as unknown as { refineProbe: typeof probe }).refineProbe = probe;
      document.querySelector('#refine')!.addEventListener('keydown', () => {
        probe.start = performance.now();
      }, { capture: true });
      new MutationObserver(() => {
        if (document.querySelector('#count')!.textContent === probe.target && probe.end === 0) {
          probe.end = performance.now();
        }
      }).observe(document.querySelector('#count')!, { childList: true, characterData: true, subtree: true });
    });
    const refine = frame.locator('#refine');
    const total = size.toLocaleString('en-US');
    const filterInPage = (text: string) => frame.evaluate((needle) => {
      const rows = (globalThis as unknown as { baselineRows: string[][] }).baselineRows;
      const t0 = performance.now();
      const lower = needle.trim().toLowerCase();
      const count = rows.filter((row) => row.some((value) => value.toLowerCase().includes(lower))).length;
      return { ms: performance.now() - t0, checksum: String(count) };
    }, text);
    // Keypress to the final count in the panel, timed in the page; its checksum is the count it shows.
    const refineInPanel = async (text: string, expected: string) => {
      await refine.fill(text.slice(0, -1));
      await frame.waitForFunction(() => document.querySelector('#count')!.textContent !== '', undefined, { timeout: 60_000 });
      await frame.waitForTimeout(50);
      await frame.evaluate((target) => {
        const probe = (globalThis as unknown as { refineProbe: { start: number; end: number; target: string } }).refineProbe;
        probe.target = target;
        probe.end = 0;
      }, `${Number(expected).toLocaleString('en-US')} of ${total} rows`);
      await refine.press(text.slice(-1));
      await frame.waitForFunction(() => (globalThis as unknown as { refineProbe: { end: number } }).refineProbe.end > 0, undefined, { timeout: 60_000 });
      const ms = await frame.evaluate(() => {
        const probe = (globalThis as unknown as { refineProbe: { start: number; end: number } }).refineProbe;
        return probe.end - probe.start;
      });
      const shownCount = /^([\d,]+) of /.exec((await frame.locator('#count').textContent()) ?? '')?.[1]?.replaceAll(',', '') ?? '';
      return { ms, checksum: shownCount };
    };
    // One round a needle, ROUNDS times over: the count the baseline finds (untimed, first time) is
    // what both sides must produce in every round of that needle.
    const needleList = needles(server);
    const counts = new Map<string, string>();
    let round = -1;
    let needle = '';
    let checksum = 0;
    const runs = await interleave({
      baseline: () => filterInPage(needle),
      ours: () => refineInPanel(needle, counts.get(needle)!),
    }, {
      runs: ROUNDS * needleList.length,
      warmups: 0,
      prepare: async () => {
        needle = needleList[++round % needleList.length]!;
        if (!counts.has(needle)) {
          counts.set(needle, (await filterInPage(needle)).checksum);
        }
        checksum = (checksum * 31 + Number(counts.get(needle))) % 1_000_000_007;
        return counts.get(needle);
      },
    });
    await refine.fill('');
    return {
      setup, rows: size, loadSeconds, floorSeconds, loadBusySeconds, floorBusySeconds, loadTimeByPart, loadStages, firstRowsMs, uiAnswerMs: ui.answers, heapMb, emptyHeapMb,
      refine: { ours: runs.ours.map((r) => r.ms), baseline: runs.baseline.map((r) => r.ms) },
      sort,
      scrollFrameP95Ms: percentile(frameTimes, 95),
      checksum: `${runs.ours.length}:${checksum}`,
    };
  } finally {
    await context.close();
    await workbench.stop();
    await server.close();
  }
}

async function main(): Promise<void> {
  await chosenBrowser();
  provisionVsCodeServer();
  packageVsix();
  const results: SizeResult[] = [];
  for (const size of SIZES) {
    results.push(await benchSize(size));
  }
  console.log('\nQuery panel benchmark (real VS Code webview; refine runs interleaved with the baseline; ms):');
  let ok = true;
  for (const r of results) {
    const firstOk = r.firstRowsMs <= 100;
    const loadOk = r.rows < 1_000_000 || r.loadSeconds <= 6;
    const uiOk = !CLICKS || percentile(r.uiAnswerMs, 95) <= 100;
    ok &&= firstOk && loadOk && uiOk;
    console.log(`${r.rows.toLocaleString('en-US')} rows`);
    console.log(r.setup.join('\n'));
    console.log(`  load, choosing the range to the last entry counted${CLICKS ? '' : ' (no clicks during it)'}: ${r.loadSeconds.toFixed(1)} s${r.rows >= 1_000_000 ? ` (target <= 6 s) ${loadOk ? 'ok' : 'MISSED'}` : ''}`);
    const floor = median(r.floorSeconds);
    console.log(`  the load's floor, the same pages fetched and parsed without VS Code (Node's http and JSON.parse, ${IN_FLIGHT} in flight, a process of its own):`
      + ` median ${floor.toFixed(1)} s, min–max ${Math.min(...r.floorSeconds).toFixed(1)}–${Math.max(...r.floorSeconds).toFixed(1)} s`
      + ` (${r.floorSeconds.length} runs, one before the load and the rest after); the load took ${(r.loadSeconds / floor).toFixed(1)}x it`
      + `${r.rows >= 1_000_000 && floor > 6 ? '; the 6 s target is below the floor itself' : ''}`);
    // Work done anywhere on the machine sets a lower bound on the time: the cores could at best all do it at once.
    const cores = os.cpus().length;
    console.log(`  processor time the machine used (every process, ${cores} cores): the load ${r.loadBusySeconds.toFixed(1)} core-s, so at least`
      + ` ${(r.loadBusySeconds / cores).toFixed(1)} s with every core busy all along; the floor ${median(r.floorBusySeconds).toFixed(1)} core-s a run (median)`);
    if (r.loadTimeByPart.length > 0) {
      console.log('  the load\'s processor time by process:');
      for (const [part, seconds] of r.loadTimeByPart) {
        console.log(`    ${part.padEnd(62)} ${seconds.toFixed(2).padStart(7)} core-s ${(100 * seconds / r.loadBusySeconds).toFixed(0).padStart(4)}%`);
      }
    }
    const stagesMs = r.loadStages.reduce((sum, { ms }) => sum + ms, 0);
    const loadMs = r.loadSeconds * 1000;
    console.log('  where the load\'s time went (stages in three processes overlap: the sum can pass the load\'s time):');
    for (const { stage, ms, count } of r.loadStages) {
      console.log(`    ${stage.padEnd(62)} ${(ms / 1000).toFixed(2).padStart(7)} s ${(100 * ms / loadMs).toFixed(0).padStart(4)}%  (${count.toLocaleString('en-US')} times)`);
    }
    console.log(`    ${'sum of the stages'.padEnd(62)} ${(stagesMs / 1000).toFixed(2).padStart(7)} s ${(100 * stagesMs / loadMs).toFixed(0).padStart(4)}%`);
    console.log(`    ${'load time not in any stage (load minus the sum)'.padEnd(62)} ${((loadMs - stagesMs) / 1000).toFixed(2).padStart(7)} s ${(100 * (loadMs - stagesMs) / loadMs).toFixed(0).padStart(4)}%`);
    console.log(`  first rows painted after the first page: ${r.firstRowsMs} ms (target <= 100) ${firstOk ? 'ok' : 'MISSED'}`);
    if (CLICKS) {
      console.log(`  a UI action during the load, a row click to its details shown: p50 ${percentile(r.uiAnswerMs, 50).toFixed(0)} ms, p95 ${percentile(r.uiAnswerMs, 95).toFixed(0)} ms, max ${Math.max(...r.uiAnswerMs).toFixed(0)} ms over ${r.uiAnswerMs.length} clicks (target p95 <= 100) ${uiOk ? 'ok' : 'MISSED'}`);
    }
    if (LOAD_ONLY) {
      continue;
    }
    const refineP95 = percentile(r.refine.ours, 95);
    const ratioP95 = refineP95 / percentile(r.refine.baseline, 95);
    const refineOk = refineP95 <= 16;
    const sortOk = r.sort.every(({ ours }) => median(ours) <= 100);
    const heapOk = r.rows < 1_000_000 || r.heapMb < 300;
    ok &&= refineOk && sortOk && heapOk;
    console.log(`  refine keypress to final count, checksum ${r.checksum} (runs:count checksum, both sides every run):`);
    console.log(spreadLine('  panel refine', r.refine.ours, 1, 34) + `   p95 ${percentile(r.refine.ours, 95).toFixed(1)}`);
    console.log(spreadLine('  baseline Array.prototype.filter', r.refine.baseline, 1, 34) + `   p95 ${percentile(r.refine.baseline, 95).toFixed(1)}`);
    console.log(`  refine p95 ${refineP95.toFixed(1)} (target <= 16, one frame) ${refineOk ? 'ok' : 'MISSED'}; ${ratioP95.toFixed(2)}x the baseline's p95`);
    console.log(`  sort click to repaint, each column's median (target <= 100 for every column) ${sortOk ? 'ok' : 'MISSED'}; orders equal to the baseline's at every run:`);
    for (const { column, ours, baseline } of r.sort) {
      console.log(spreadLine(`  ${column}`, ours, 1, 12) + `   baseline Array.prototype.sort median ${median(baseline).toFixed(1)}`);
    }
    console.log(`  scrolling a screenful per frame: frame interval p95 ${r.scrollFrameP95Ms.toFixed(1)}`);
    console.log(`  webview JS heap: ${r.heapMb.toFixed(1)} MB, ${r.emptyHeapMb.toFixed(1)} MB of it before the rows${r.rows >= 1_000_000 ? ` (target < 300) ${heapOk ? 'ok' : 'MISSED'}` : ''}`);
  }
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, 'bench-panel.json'), JSON.stringify(results, null, 2));
  console.log(ok ? 'Targets met.' : 'TARGET MISSED.');
  process.exitCode = ok ? 0 : 1;
}

runBenchmark(main);
