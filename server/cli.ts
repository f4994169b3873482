// Runs the local ExaVault server until Ctrl+C: `npm run server -- --help` lists the flags.
import { parseCliArgs, USAGE } from './cliArgs';
import { startExaVaultServer } from './index';

async function main(): Promise<void> {
  let options;
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const started = performance.now();
  const server = await startExaVaultServer(options);
  console.log(server.baseUrl);
  console.log(`  account ${server.accountName}, ev-api-key ${server.apiKey}, ev-access-token ${server.accessToken}`);
  console.log(`  ready in ${Math.round(performance.now() - started)} ms; faults, stats, arrivals and incidents under ${server.url}/__control; Ctrl+C stops`);
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
