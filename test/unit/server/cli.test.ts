// `npm run server`: flags become options, the base URL is printed first, and Ctrl+C stops it.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { parseCliArgs } from '../../../server/cliArgs';
import { request } from './requests';

const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('local server: command line', () => {
  it('turns flags into options', () => {
    const options = parseCliArgs(['--port', '9000', '--seed', '4', '--sessions', '100000', '--webhooks', '20000', '--api-key', 'K',
      '--access-token', 'T', '--account', 'acme', '--latency', '50', '--hostile', '--max-limit', '500', '--allowance', '70000', '--now', '2026-01-02T03:04:05Z', '--large-file', '1048576',
      '--default-order', 'oldest', '--stuck-cursor', 'new-ids', '--inject', '{"kind":"outage","calls":3}', '--inject', '{"kind":"mass-deletion","username":"admin"}']);
    assert.deepEqual(options, {
      help: false, port: 9000, seed: 4, sessions: 100_000, webhooks: 20_000, now: new Date('2026-01-02T03:04:05Z'), dataset: 'hostile',
      accountName: 'acme', apiKey: 'K', accessToken: 'T', nonAdminAccessToken: undefined, maxLimit: 500, dailyAllowance: 70_000,
      largeFileBytes: 1_048_576, faults: { latencyMs: 50 }, quirks: { defaultOrder: 'oldestFirst', stuckCursor: 'newIds' },
      incidents: [{ kind: 'outage', calls: 3 }, { kind: 'mass-deletion', username: 'admin' }],
    });
    assert.deepEqual(parseCliArgs([]).incidents, []);
    assert.deepEqual(parseCliArgs([]).quirks, { defaultOrder: 'newestFirst', stuckCursor: undefined });
    assert.equal(parseCliArgs([]).port, 8080);
  });

  it('refuses unknown flags and malformed values', () => {
    assert.throws(() => parseCliArgs(['--bogus']), /bogus/);
    assert.throws(() => parseCliArgs(['--sessions', 'many']), /--sessions/);
    assert.throws(() => parseCliArgs(['--now', 'someday']), /--now/);
    assert.throws(() => parseCliArgs(['--default-order', 'random']), /--default-order/);
    assert.throws(() => parseCliArgs(['--stuck-cursor', 'yes']), /--stuck-cursor/);
    assert.throws(() => parseCliArgs(['--inject', '{"kind":"flood"}']), /--inject.*"kind" must be one of/);
    assert.throws(() => parseCliArgs(['--inject', 'outage']), /--inject/);
  });

  it('prints the base URL, serves, and stops on SIGINT', async function () {
    this.timeout(30_000);
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', '--port', '0', '--sessions', '50', '--webhooks', '10',
      '--api-key', 'cli-key', '--access-token', 'cli-token', '--account', 'acme'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const baseUrl = await new Promise<string>((resolve, reject) => {
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const line = /^(http:\/\/127\.0\.0\.1:\d+\/api\/v2)\n/.exec(output);
          if (line) {
            resolve(line[1]!);
          }
        });
        child.once('exit', () => reject(new Error(`exited before printing its URL: ${output}`)));
      });
      const reply = await request(`${baseUrl}/account`, { headers: { 'ev-api-key': 'cli-key', 'ev-access-token': 'cli-token' } });
      assert.equal(reply.status, 200);
      assert.equal((JSON.parse(reply.text) as { data: { attributes: { accountName: string } } }).data.attributes.accountName, 'acme');
      child.kill('SIGINT');
      assert.equal(await exited, 0);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
