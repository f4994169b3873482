// The demo's account, as `npm run demo` serves it and the UI suite takes the README's screenshots from it.
import type { ExaVaultServerOptions } from '../../server/index';

export const DEMO_ACCOUNT = { seed: 2026, sessions: 20_000, webhooks: 4000, accountName: 'demo' } as const satisfies ExaVaultServerOptions;

/** The demo's settings: credentials from the environment without asking, and a week in the sidebar. */
export const DEMO_SETTINGS = {
  'exavault.importFromEnvironment': 'always',
  'exavault.sidebar.timeWindowHours': 168,
} as const;
