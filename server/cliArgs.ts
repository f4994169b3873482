// `npm run server -- --port 8080 --seed 1 ...`: command-line flags as server options.
import { parseArgs } from 'node:util';
import type { ExaVaultServerOptions } from './index';
import { checkIncidentRequest, INCIDENT_KINDS } from './query/incidentInjector';

export const USAGE = `usage: npm run server -- [options]
  --port N             listen on 127.0.0.1:N (default 8080; 0 = any free port)
  --seed N             data seed (default 1)
  --sessions N         generated session entries, 10..1000000 (default 2000)
  --webhooks N         generated webhook entries (default 500)
  --now ISO-DATE       the newest entry is just before this (default: now)
  --hostile            names, paths and responses full of injection payloads
  --account NAME       account name (default demo)
  --api-key K          ev-api-key (default demo-zwSuWUZ8S38h33qPS8v0s)
  --access-token T     admin ev-access-token (default: 64 hex characters from the seed)
  --non-admin-token T  a token whose activity calls are refused (403)
  --latency MS         delay before every /api/v2 response
  --max-limit N        page size cap (default 1000)
  --allowance N        transactions per rolling 24 hours (default 50000)
  --large-file BYTES   size of /Samples/Large export.log (default 8388608)
  --default-order O    the order of a request that sends no sort: newest (default) or oldest
  --stuck-cursor K     a cursor that never moves, whatever offset and endDate ask: same-page (the newest
                       page again and again) or new-ids (full pages of new ids at the window's end)
  --inject JSON        an incident at start, as POST /__control/inject takes it (repeat for more, in order):
                       {"kind": "${INCIDENT_KINDS.join('" | "')}", ...}, for example
                       '{"kind":"failed-logins","count":30,"minutes":5,"ipAddresses":["45.134.26.12"]}'`;

const DEFAULT_PORT = 8080;

/** The options the flags ask for; an Error naming the flag for anything unknown or malformed. */
export function parseCliArgs(args: string[]): ExaVaultServerOptions & { help: boolean } {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      port: { type: 'string' }, seed: { type: 'string' }, sessions: { type: 'string' }, webhooks: { type: 'string' },
      now: { type: 'string' }, hostile: { type: 'boolean' }, account: { type: 'string' }, 'api-key': { type: 'string' },
      'access-token': { type: 'string' }, 'non-admin-token': { type: 'string' }, latency: { type: 'string' },
      'max-limit': { type: 'string' }, allowance: { type: 'string' }, 'large-file': { type: 'string' }, help: { type: 'boolean' },
      'default-order': { type: 'string' }, 'stuck-cursor': { type: 'string' }, inject: { type: 'string', multiple: true },
    },
  });
  const whole = (flag: keyof typeof values): number | undefined => {
    const text = values[flag];
    if (text === undefined) {
      return undefined;
    }
    if (typeof text !== 'string' || !/^\d+$/.test(text)) {
      throw new Error(`--${flag} takes a whole number, not "${String(text)}"`);
    }
    return Number(text);
  };
  const now = values.now === undefined ? undefined : new Date(values.now);
  if (now && Number.isNaN(now.getTime())) {
    throw new Error(`--now takes a date such as 2026-07-01T12:00:00Z, not "${values.now}"`);
  }
  const latencyMs = whole('latency');
  const order = values['default-order'];
  if (order !== undefined && order !== 'newest' && order !== 'oldest') {
    throw new Error(`--default-order takes newest or oldest, not "${order}"`);
  }
  const stuck = values['stuck-cursor'];
  if (stuck !== undefined && stuck !== 'same-page' && stuck !== 'new-ids') {
    throw new Error(`--stuck-cursor takes same-page or new-ids, not "${stuck}"`);
  }
  const incidents = (values.inject ?? []).map((text) => {
    try {
      return checkIncidentRequest(JSON.parse(text));
    } catch (error) {
      throw new Error(`--inject takes a JSON object such as {"kind":"outage"}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  });
  return {
    help: values.help ?? false,
    port: whole('port') ?? DEFAULT_PORT,
    seed: whole('seed'),
    sessions: whole('sessions'),
    webhooks: whole('webhooks'),
    now,
    dataset: values.hostile ? 'hostile' : 'generated',
    accountName: values.account,
    apiKey: values['api-key'],
    accessToken: values['access-token'],
    nonAdminAccessToken: values['non-admin-token'],
    maxLimit: whole('max-limit'),
    dailyAllowance: whole('allowance'),
    largeFileBytes: whole('large-file'),
    faults: latencyMs === undefined ? undefined : { latencyMs },
    incidents,
    quirks: { defaultOrder: order === 'oldest' ? 'oldestFirst' : 'newestFirst', stuckCursor: stuck === undefined ? undefined : stuck === 'same-page' ? 'samePage' : 'newIds' },
  };
}
