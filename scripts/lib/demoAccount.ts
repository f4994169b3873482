// The demo's account, as `npm run demo` serves it and the UI suite takes the README's screenshots from it.
import type { ExaVaultServerOptions } from '../../server/index';

export const DEMO_ACCOUNT = { seed: 2026, sessions: 20_000, webhooks: 4000, accountName: 'demo' } as const satisfies ExaVaultServerOptions;

/**
 * The demo's settings: credentials from the environment without asking, a week in the sidebar, and
 * a first page that reaches the latest stories (the failed-login burst 7 to 9 hours back lies past
 * the newest 100 entries; see test/unit/server/generate/latestStories.test.ts), and a watch that
 * looks every minute (stretched to its share of the allowance), so the demo's outage is told early.
 */
export const DEMO_SETTINGS = {
  'exavault.importFromEnvironment': 'always',
  'exavault.sidebar.timeWindowHours': 168,
  'exavault.pageSize': 250,
  'exavault.watch.intervalMinutes': 1,
} as const;

/** How long after the demo's window first reaches the account its listener's outage starts. */
export const DEMO_OUTAGE_AFTER_MS = 60_000;
