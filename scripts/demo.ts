// `npm run demo`: the extension against a rich local ExaVault account, in a real VS Code in your
// browser, already signed in. Builds and packages the extension, starts the local server and
// code-server (provisioned on first use), prints the URL; Ctrl+C stops everything it started.
import * as net from 'node:net';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { startExaVaultServer } from '../server/index';
import { packageVsix } from './lib/packageVsix';
import { cacheDir, vsixPath } from './lib/paths';
import { provisionVsCodeServer } from './lib/provision';
import { installVsix, makeWorkbenchDirs, startCodeServer } from './lib/vscodeServer';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8080' },
    'api-port': { type: 'string', default: '8090' },
    sessions: { type: 'string', default: '20000' },
    seed: { type: 'string', default: '2026' },
  },
});

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

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
  provisionVsCodeServer();

  const server = await startExaVaultServer({ port: apiPort, seed: Number(values.seed), sessions: Number(values.sessions), webhooks: 4000, accountName: 'demo' });
  const dirs = makeWorkbenchDirs(path.join(cacheDir, 'demo'), {
    'exavault.importFromEnvironment': 'always',
    'exavault.sidebar.timeWindowHours': 168,
  });
  installVsix(dirs, vsixPath);
  // The demo account's credentials reach the extension as an administrator's would in CI: through
  // the environment, imported into SecretStorage at activation.
  const workbench = await startCodeServer(dirs, {
    ...process.env,
    EXAVAULT_ACCOUNT_URL: server.baseUrl,
    EXAVAULT_API_KEY: server.apiKey,
    EXAVAULT_ACCESS_TOKEN: server.accessToken,
  }, port);

  console.log('');
  console.log(`ExaVault Activity demo: open ${workbench.url} in a browser, then the ExaVault icon in the activity bar.`);
  console.log(`  local ExaVault server: ${server.baseUrl} (account "demo")`);
  console.log('  Ctrl+C stops everything.');

  const stop = async () => {
    await workbench.stop();
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
