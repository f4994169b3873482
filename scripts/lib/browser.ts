// The headless Chromium the harness drives with playwright-core (which downloads no browser of its
// own): the one inside the npm package @sparticuz/chromium, so that `npm ci` brings it; Debian's
// chromium only when that one cannot start here, with the reason printed. CHROMIUM_PATH overrides both.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { unpackNpmChromium } from './npmChromium';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export interface ChosenBrowser {
  readonly executablePath: string;
  /** Added to the browser's environment (the npm build's own libraries). */
  readonly env: NodeJS.ProcessEnv;
  /** What it is, for the log: "Chromium 153.0.8010.0 from the npm package @sparticuz/chromium 153.0.0". */
  readonly description: string;
}

const launchArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  // Background networking would reach for hosts this machine cannot reach.
  '--disable-sync', '--no-first-run', '--disable-quic'];

/** The binary's own answer to --version, or why it gave none: it proves the binary and its libraries load. */
function versionOf(executablePath: string, env: NodeJS.ProcessEnv): { version?: string; problem?: string } {
  const result = spawnSync(executablePath, ['--headless', '--no-sandbox', '--version'], { env: { ...browserEnvironment(), ...env }, encoding: 'utf8', timeout: 60_000 });
  const version = result.stdout?.trim();
  return result.status === 0 && version ? { version } : { problem: (result.stderr || result.error?.message || `exit ${result.status}`).trim().split('\n')[0] };
}

async function choose(): Promise<ChosenBrowser> {
  if (process.env.CHROMIUM_PATH) {
    return { executablePath: process.env.CHROMIUM_PATH, env: {}, description: `${process.env.CHROMIUM_PATH} (CHROMIUM_PATH)` };
  }
  let why: string;
  try {
    const npm = await unpackNpmChromium();
    const env = { LD_LIBRARY_PATH: [npm.libraryDir, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':') };
    const { version, problem } = versionOf(npm.executablePath, env);
    if (version) {
      return { executablePath: npm.executablePath, env, description: `${version} from the npm package @sparticuz/chromium ${npm.version}` };
    }
    why = `it does not start: ${problem}`;
  } catch (error) {
    why = error instanceof Error ? error.message : String(error);
  }
  if (!fs.existsSync(DEBIAN_CHROMIUM)) {
    throw new Error(`The npm package's Chromium cannot be used (${why}), and Debian's is not installed either: \`sudo apt-get install -y chromium\`.`);
  }
  const { version } = versionOf(DEBIAN_CHROMIUM, {});
  return { executablePath: DEBIAN_CHROMIUM, env: {}, description: `${version ?? DEBIAN_CHROMIUM} from Debian, since the npm package's Chromium cannot be used: ${why}` };
}

let chosen: Promise<ChosenBrowser> | undefined;

/** The browser this process drives, chosen once (and said once). */
export function chosenBrowser(): Promise<ChosenBrowser> {
  chosen ??= choose().then((browser) => {
    console.log(`Browser: ${browser.description}.`);
    return browser;
  });
  return chosen;
}

/**
 * The browser runs on the real clock even under the clock switch: preloaded into Chromium, libfaketime
 * slows it thirtyfold. Nothing it shows reads its own clock for data (the panel gets its time range
 * from the extension host).
 */
function browserEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'LD_PRELOAD' && !name.startsWith('FAKETIME')));
}

async function launchOptions() {
  const browser = await chosenBrowser();
  return { executablePath: browser.executablePath, headless: true, args: launchArgs, env: { ...browserEnvironment(), ...browser.env } };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch(await launchOptions());
}

/**
 * A browser whose profile lives in `profileDir`, kept across page reloads (and readable afterwards).
 * `extraArgs`: more Chromium switches (benchmarks ask for exact heap figures and gc()).
 */
export async function launchChromiumProfile(profileDir: string, extraArgs: string[] = []): Promise<BrowserContext> {
  const options = await launchOptions();
  return chromium.launchPersistentContext(profileDir, { ...options, args: [...options.args, ...extraArgs], viewport: { width: 1400, height: 900 } });
}
