// Debian's headless Chromium, driven by playwright-core (which downloads no browser of its own).
import { chromium, type Browser } from 'playwright-core';
import { chromiumPath } from './provision';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    // Background networking would reach for hosts this machine cannot reach.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}
