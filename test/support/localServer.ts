// The local ExaVault server a suite's tests run against, and a client of it, started and stopped by
// mocha hooks, so a suite only says which server it wants.
import { ExaVaultClient, type ClientOptions } from '../../src/api/client';
import { startExaVaultServer, type ExaVaultServerOptions, type RunningExaVaultServer } from '../../server/index';

/** Filled in by the hooks: read the fields in tests and hooks, not while the suite is declared. */
export interface LocalServer {
  server: RunningExaVaultServer;
  /** With the server's admin credentials. */
  client: ExaVaultClient;
}

export interface LocalServerSetup {
  /** A new server for each test (beforeEach/afterEach) instead of one the suite's tests share (before/after). */
  each?: boolean;
  /** Default: server errors are not retried, so a test sees them at once. */
  client?: ClientOptions;
}

/**
 * Registers the hooks in the calling suite. A shared server has its faults cleared after each test,
 * so a fault one test switches on never reaches the next.
 */
export function useLocalServer(options: ExaVaultServerOptions, setup: LocalServerSetup = {}): LocalServer {
  const local = {} as LocalServer;
  const [start, stop] = setup.each ? [beforeEach, afterEach] : [before, after];
  start(async () => {
    local.server = await startExaVaultServer(options);
    const { baseUrl, apiKey, accessToken } = local.server;
    local.client = new ExaVaultClient(new URL(baseUrl), { apiKey, accessToken }, setup.client ?? { serverRetries: 0 });
  });
  if (!setup.each) {
    afterEach(() => local.server.clearFaults());
  }
  // The start hook may fail before either exists.
  stop(async () => {
    local.client?.dispose();
    await local.server?.close();
  });
  return local;
}
