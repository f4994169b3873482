// `npm run demo`: the extension against a rich local ExaVault account, in a real VS Code in your
// browser, already signed in. Builds and packages the extension, starts the local server and
// code-server (provisioned on first use), prints the URL; Ctrl+C, at any point, says what it stops,
// stops everything it started (VS Code runs in a process group of its own), and says when it is done.
import * as net from 'node:net';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { startExaVaultServer } from '../server/index';
import { DEMO_ACCOUNT, DEMO_OUTAGE_AFTER_MS, DEMO_SETTINGS } from './lib/demoAccount';
import { demoOpenerVsixPath, packageDemoOpener } from './lib/demoOpener';
import { packageVsix } from './lib/packageVsix';
import { repoRoot, vsixPath } from './lib/paths';
import { provisionVsCodeServer } from './lib/provision';
import { installVsix, makeWorkbenchDirs, startCodeServer } from './lib/vscodeServer';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8080' },
    'api-port': { type: 'string', default: '8090' },
    sessions: { type: 'string', default: String(DEMO_ACCOUNT.sessions) },
    seed: { type: 'string', default: String(DEMO_ACCOUNT.seed) },
  },
});

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** What the demo has started, newest last: Ctrl+C stops them newest first. */
const running: { what: string; stop(): Promise<void> }[] = [];

async function main(): Promise<void> {
  const port = Number(values.port);
  const apiPort = Number(values['api-port']);
  for (const [flag, value] of [['--port', port], ['--api-port', apiPort]] as const) {
    if (!Number.isInteger(value) || value < 1 || value > 65535) {
      throw new Error(`${flag} takes a port number, not "${String(value)}".`);
    }
    if (!(await portFree(value))) {
      throw new Error(`Port ${value} is busy. Choose another with \`npm run demo -- ${flag} <port>\`.`);
    }
  }

  console.log('Packaging the extension...');
  packageVsix();
  packageDemoOpener();
  provisionVsCodeServer();

  const server = await startExaVaultServer({ ...DEMO_ACCOUNT, port: apiPort, seed: Number(values.seed), sessions: Number(values.sessions) });
  running.push({ what: `the local ExaVault server (port ${apiPort})`, stop: () => server.close() });
  // In this checkout's out/, not the provisioned cache, which other checkouts may share.
  const dirs = makeWorkbenchDirs(path.join(repoRoot, 'out', 'demo'), DEMO_SETTINGS);
  // With the view opener, so that the window opens on the ExaVault view, where the demo's story is.
  installVsix(dirs, vsixPath, demoOpenerVsixPath);
  // The demo account's credentials reach the extension as an administrator's would in CI: through
  // the environment, imported into SecretStorage at activation.
  const workbench = await startCodeServer(dirs, {
    ...process.env,
    EXAVAULT_ACCOUNT_URL: server.baseUrl,
    EXAVAULT_API_KEY: server.apiKey,
    EXAVAULT_ACCESS_TOKEN: server.accessToken,
  }, port);

  running.push({ what: `VS Code (port ${port})`, stop: () => workbench.stop() });
  running.push(outageOnceWatched(server.url, () => server.stats().requests));

  console.log('');
  console.log(`ExaVault Activity demo: open ${workbench.url} in a browser; it opens on the ExaVault view.`);
  console.log(`  local ExaVault server: ${server.baseUrl} (account "demo")`);
  console.log(`  a minute after the window opens, a webhook listener starts failing: the watch tells of it.`);
  console.log('  Ctrl+C stops VS Code and the local server, and leaves nothing running.');
}

/**
 * A minute after the window first reaches the account (it watches it from then on), its listener
 * fails, through the server's control endpoint as a test would: the watch's notification comes
 * within its interval.
 */
function outageOnceWatched(serverUrl: string, requests: () => number): { what: string; stop(): Promise<void> } {
  let outage: NodeJS.Timeout | undefined;
  const waiting = setInterval(() => {
    if (requests() === 0) {
      return;
    }
    clearInterval(waiting);
    outage = setTimeout(() => void startOutage(serverUrl), DEMO_OUTAGE_AFTER_MS);
  }, 1000);
  return {
    what: 'the outage to come',
    stop: async () => {
      clearInterval(waiting);
      clearTimeout(outage);
    },
  };
}

async function startOutage(serverUrl: string): Promise<void> {
  try {
    const response = await fetch(`${serverUrl}/__control/inject`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'outage' }) });
    const injected = await response.json() as { subject?: { endpointUrl?: string }; error?: string };
    console.log(response.ok
      ? `  an outage started: ${injected.subject?.endpointUrl} fails from now on; the Incidents view and a notification tell of it within the watch's interval.`
      : `  the outage did not start: ${injected.error ?? response.status}`);
  } catch (error) {
    console.log(`  the outage did not start: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Stops everything the demo started, newest first, saying what. */
async function stopRunning(): Promise<void> {
  for (let part = running.pop(); part; part = running.pop()) {
    console.log(`  stopping ${part.what}`);
    await part.stop();
  }
}

const started = main();
started.catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
  await stopRunning();
});

/** Ctrl+C (or a SIGTERM): lets the step under way end (so that what it starts is known), then stops everything. */
async function stop(): Promise<void> {
  console.log('');
  console.log('Stopping the demo: VS Code and the local ExaVault server, whichever have started...');
  await started.catch(() => undefined);
  await stopRunning();
  console.log('The demo has stopped; nothing of it is left running.');
  process.exit(0);
}
// Ctrl+C in a terminal reaches the demo twice (from the terminal, and from npm passing it on): a
// second signal must not end the demo half-way through stopping.
let stopping: Promise<void> | undefined;
const onSignal = () => {
  stopping ??= stop();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
