// What another installed extension can take from ours. Whatever activate() returns is public: any
// extension reads it as vscode.extensions.getExtension(id).exports. Two probe extensions are packaged
// here and installed beside the packaged .vsix: "probe" reads the exports of ExaVault Activity (after
// it is active) and of "donor", whose activate() returns an object (the positive control: exports
// that exist are seen), and writes what it saw to a file.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromiumProfile } from '../../scripts/lib/browser';
import { repoRoot, resultsDir, vsixPath } from '../../scripts/lib/paths';
import { installVsix, makeWorkbenchDirs, startCodeServer, withoutUnusedBuiltins, type Workbench } from '../../scripts/lib/vscodeServer';
import { waitUntil } from '../support/waitUntil';
import { showLog } from './uiSteps';
import { ACTION_TIMEOUT_MS, runFromPalette, screenshot, tidyWindow } from './workbench';

const EXAVAULT_ID = 'exavault-activity.exavault-activity';
const DONOR_ID = 'exports-probe.donor';
const DONOR_MARKER = 'donor exports are readable';

/** What the probe writes: for each extension it looked at, whether it was active and what its exports held. */
interface Seen {
  found: boolean;
  activeBefore: boolean;
  exportsType: string;
  keys: string[];
  /** Function-valued members of the exports and of their members, two levels down (store.credentials, say). */
  functions: string[];
  marker?: unknown;
}
interface ProbeReport {
  exavault: Seen;
  donor: Seen;
}

const PROBE_SOURCE = `
const vscode = require('vscode');
const fs = require('fs');
function functionsOf(value) {
  const found = [];
  const visit = (object, prefix, depth) => {
    if (!object || (typeof object !== 'object' && typeof object !== 'function') || depth > 2) return;
    // Own members and those of a class (methods live on its prototype); not what every object has.
    const prototype = Object.getPrototypeOf(object);
    const inherited = prototype && prototype !== Object.prototype && prototype !== Function.prototype ? Object.getOwnPropertyNames(prototype) : [];
    for (const key of new Set([...Object.keys(object), ...inherited])) {
      if (key === 'constructor') continue;
      let member;
      try { member = object[key]; } catch { continue; }
      if (typeof member === 'function') found.push(prefix + key);
      else visit(member, prefix + key + '.', depth + 1);
    }
  };
  visit(value, '', 0);
  return found.sort();
}
async function look(id) {
  const extension = vscode.extensions.getExtension(id);
  if (!extension) return { found: false, activeBefore: false, exportsType: 'undefined', keys: [], functions: [] };
  const activeBefore = extension.isActive;
  // What any extension gets: the exports, after activating it if it was not yet.
  const activated = await extension.activate();
  const exported = extension.exports;
  return {
    found: true,
    activeBefore,
    exportsType: exported === null ? 'null' : typeof exported,
    keys: exported && typeof exported === 'object' ? Object.keys(exported).sort() : [],
    functions: functionsOf(exported),
    marker: exported && typeof exported === 'object' ? exported.marker : undefined,
    sameAsActivate: activated === exported,
  };
}
exports.activate = (context) => {
  context.subscriptions.push(vscode.commands.registerCommand('exportsProbe.report', async () => {
    const report = { exavault: await look(${JSON.stringify(EXAVAULT_ID)}), donor: await look(${JSON.stringify(DONOR_ID)}) };
    fs.writeFileSync(process.env.EXPORTS_PROBE_OUT, JSON.stringify(report, null, 2));
    void vscode.window.showInformationMessage('Exports probe: reported.');
  }));
};
`;

const DONOR_SOURCE = `
exports.activate = () => ({ marker: ${JSON.stringify(DONOR_MARKER)}, credentials: async () => ({ apiKey: 'donor-key' }) });
`;

/** Packages a probe extension with vsce into `dir`/<name>.vsix. */
function packageProbe(dir: string, name: string, manifest: Record<string, unknown>, source: string): string {
  const folder = path.join(dir, name);
  fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify({
    name, publisher: 'exports-probe', version: '0.0.1', displayName: `Exports Probe ${name}`, description: 'UI test probe',
    engines: { vscode: '^1.90.0' }, main: './extension.js', ...manifest,
  }, null, 2));
  fs.writeFileSync(path.join(folder, 'extension.js'), source);
  fs.writeFileSync(path.join(folder, 'README.md'), `# ${name}\n\nA probe the UI tests of ExaVault Activity install.\n`);
  const out = path.join(dir, `${name}.vsix`);
  const vsce = path.join(repoRoot, 'node_modules', '.bin', 'vsce');
  const result = spawnSync(vsce, ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', out], { cwd: folder, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`Packaging the ${name} probe failed (exit ${result.status}): ${result.stderr || result.stdout}`);
  }
  return out;
}

describe('what other extensions can read from ExaVault Activity', function () {
  this.timeout(120_000);
  const root = path.join(resultsDir, 'ui-workbench', 'exports-probe');
  const reportFile = path.join(root, 'probe-report.json');
  let workbench: Workbench | undefined;
  let context: BrowserContext | undefined;
  let page: Page;

  before(async function () {
    this.timeout(180_000);
    const dirs = makeWorkbenchDirs(root);
    const probes = path.join(root, 'probes');
    installVsix(dirs, vsixPath, packageProbe(probes, 'probe', {
      activationEvents: ['onCommand:exportsProbe.report'],
      contributes: { commands: [{ command: 'exportsProbe.report', title: 'Exports Probe: Report' }] },
    }, PROBE_SOURCE), packageProbe(probes, 'donor', { activationEvents: [] }, DONOR_SOURCE));
    workbench = await startCodeServer(dirs, withoutUnusedBuiltins({ ...process.env, EXPORTS_PROBE_OUT: reportFile }));
    context = await launchChromiumProfile(path.join(dirs.root, 'browser-profile'));
    context.setDefaultTimeout(ACTION_TIMEOUT_MS);
    context.setDefaultNavigationTimeout(2 * ACTION_TIMEOUT_MS);
    page = context.pages()[0] ?? await context.newPage();
    await page.goto(workbench.url);
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 60_000 });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await screenshot(page, 'failed-exports-probe').catch(() => undefined);
    }
    await tidyWindow(page);
  });

  after(async () => {
    await context?.close();
    await workbench?.stop();
  });

  it('gives another extension nothing (no API, no credentials), while a probe sees exports that exist', async () => {
    // The palette lists the commands known when it opens: wait until the installed extensions are
    // (ours puts its container in the activity bar; the probes come with it, from the same scan).
    await page.locator('.activitybar .action-label[aria-label^="ExaVault"]').waitFor({ timeout: 60_000 });
    // Ours first, as a person would start it: "ExaVault: Show Log" activates the extension.
    await showLog(page);
    // Its log's first line is written at the end of activate().
    await page.locator('.output-view, .panel').getByText(/ExaVault\sActivity\s\d+\.\d+\.\d+\sactivated\./).waitFor();
    fs.rmSync(reportFile, { force: true });
    await runFromPalette(page, 'Exports Probe: Report');
    await waitUntil('the probe\'s report', () => fs.existsSync(reportFile), ACTION_TIMEOUT_MS);
    const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as ProbeReport;

    // Positive control: the probe runs, finds extensions, and reads exports where there are some.
    assert.equal(report.donor.found, true, 'the probe finds the donor extension');
    assert.equal(report.donor.exportsType, 'object');
    assert.deepEqual(report.donor.keys, ['credentials', 'marker']);
    assert.equal(report.donor.marker, DONOR_MARKER);
    assert.deepEqual(report.donor.functions, ['credentials']);

    // ExaVault Activity was found and already active (so its exports were final), and exports nothing.
    assert.equal(report.exavault.found, true, 'the probe finds ExaVault Activity');
    assert.equal(report.exavault.activeBefore, true, 'ExaVault Activity was active when the probe looked');
    assert.deepEqual(
      { exportsType: report.exavault.exportsType, keys: report.exavault.keys, functions: report.exavault.functions },
      { exportsType: 'undefined', keys: [], functions: [] },
      `ExaVault Activity's exports: ${JSON.stringify(report.exavault)}`,
    );
  });
});
