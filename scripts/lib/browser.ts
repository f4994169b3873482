// Debian's headless Chromium, driven by playwright-core (which downloads no browser of its own).
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { chromiumPath } from './provision';

const launchOptions = {
  executablePath: chromiumPath,
  headless: true,
  // Background networking would reach for hosts this machine cannot reach.
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-quic'],
};

/**
 * The browser runs on the real clock even under the clock switch: preloaded into Chromium, libfaketime
 * slows it thirtyfold. Nothing it shows reads its own clock for data (the panel gets its time range
 * from the extension host).
 */
function browserEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'LD_PRELOAD' && !name.startsWith('FAKETIME')));
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ ...launchOptions, env: browserEnvironment() });
}

/**
 * A browser whose profile lives in `profileDir`, kept across page reloads (and readable afterwards).
 * `extraArgs`: more Chromium switches (benchmarks ask for exact heap figures and gc()).
 */
export function launchChromiumProfile(profileDir: string, extraArgs: string[] = []): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, { ...launchOptions, env: browserEnvironment(), args: [...launchOptions.args, ...extraArgs], viewport: { width: 1400, height: 900 } });
}
