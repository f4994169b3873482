// A local ExaVault v2 server for tests, benchmarks and the demo: generated (or given) activity, and
// the files that activity left, behind the real API's paths, credentials, paging, rate limits and
// failure modes. Loopback only.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SessionEntryWire, WebhookEntryWire } from '../src/api/wire';
import { fileBytes } from './files/fileContent';
import type { FileHistory } from './generate/fileHistory';
import { AccountFiles, ResourceApi } from './files/resourceApi';
import { sampleFiles } from './files/samples';
import { accountVocabulary, generateActivity } from './generate/generate';
import { ArrivalGenerator } from './generate/generateArrivals';
import { Random } from './generate/random';
import { accountBody } from './http/account';
import { CONTROL_PREFIX, serveControl } from './http/control';
import { errorBody } from './http/errors';
import { FaultSwitches, type Faults } from './http/faults';
import { API_PREFIX, ExaVaultApi, type ServerQuirks } from './http/handlers';
import { send, serveApi } from './http/pipeline';
import { RollingAllowance } from './http/rateLimit';
import { RequestLog, type LoggedRequest } from './http/requestLog';
import { StatsRecorder, type ServerStats } from './http/stats';
import { IncidentGenerator } from './generate/generateIncidents';
import { AccountClock } from './query/accountClock';
import { IncidentInjector, type IncidentRequest, type InjectedIncident } from './query/incidentInjector';
import { LiveActivity, type ArrivalInput, type Arrived, type ResendRecord } from './query/liveActivity';
import { sessionRowsFromEntries } from './query/sessionTable';

export type { Faults } from './http/faults';
export type { ServerQuirks } from './http/handlers';
export type { LoggedRequest } from './http/requestLog';
export type { ServerStats } from './http/stats';
export type { ArrivalInput, Arrived, ResendRecord } from './query/liveActivity';
export type { FileHistory, FileStep } from './generate/fileHistory';
export type { IncidentKind, IncidentRequest, InjectedIncident, InjectedSubject } from './query/incidentInjector';
export { ODD_NAMES_FOLDER, SAMPLES_FOLDER, SAMPLE_FILES, oddFileNames } from './files/samples';
export { HOSTILE_STRINGS } from './generate/hostile';

export interface ExaVaultServerOptions {
  /** 0 = any free port (the default); always binds 127.0.0.1. */
  port?: number;
  seed?: number;
  /** Generated session entries, 10..1_000_000 (default 2000). */
  sessions?: number;
  /** Generated webhook entries (default 500). */
  webhooks?: number;
  /**
   * The newest generated entry is just before this (default: start time); data spans 90 days back.
   * The server's clock starts here and runs on: arrivals and resent calls are stamped with it.
   */
  now?: Date;
  /**
   * The account's time in milliseconds, when the caller drives it (a test or a benchmark simulating
   * hours): what arrives is stamped with it. Default: `now` at start, running on with the real clock.
   */
  clock?: () => number;
  accountName?: string;
  apiKey?: string;
  /** The admin's token; default 64 hex characters derived from the seed. */
  accessToken?: string;
  /** A valid token of a non-admin user: /account works, /activity/* answer 403. */
  nonAdminAccessToken?: string;
  /** Transactions per rolling 24 hours (default 50_000); every /api/v2 request counts; past it: 429. */
  dailyAllowance?: number;
  /** Page cap (default 1000); a limit above it or below 1 is a 400. */
  maxLimit?: number;
  dataset?: 'generated' | 'hostile';
  /** Serve exactly these instead of generating. */
  fixture?: { sessions: SessionEntryWire[]; webhooks: WebhookEntryWire[] };
  faults?: Partial<Faults>;
  /** Behaviours the spec allows but a client may not expect (another default order, a stuck cursor). */
  quirks?: ServerQuirks;
  /** Size of the sample file SAMPLE_FILES.large, in bytes (default 8 MiB); made as it is sent. */
  largeFileBytes?: number;
  /** Incidents injected at start, in order (as `inject` would). */
  incidents?: IncidentRequest[];
}

/** A file or folder of the account, as GET /resources describes it. */
export interface ServerResource {
  path: string;
  name: string;
  type: 'file' | 'dir';
  size: number;
  createdBy: string;
  /** A folder's children's names. */
  children?: string[];
}

export interface RunningExaVaultServer {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** url + '/api/v2' */
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly accessToken: string;
  readonly accountName: string;
  /** Everything served, newest first (built on first read: a million entries take a while), arrivals and resent calls included. */
  readonly sessions: readonly SessionEntryWire[];
  readonly webhooks: readonly WebhookEntryWire[];
  /**
   * Adds activity, served from then on: the given entries as they are (their ids must be free), or
   * that many generated ones, all stamped with the current second of the server's clock and given
   * ids above every existing one. Returns what was added: generated entries newest first, given ones
   * as they were given. Generated entries depend only on the seed and the order of calls (their
   * time aside). Rebuilds the stores it adds to: meant for tests' sizes (some 20,000 entries).
   */
  arrive(input: ArrivalInput): Arrived;
  /**
   * The id of the session entry that caused the generated webhook call with this id (a resent call has its
   * original's); undefined for calls made through the API, arrivals and fixtures. Never in the API's data.
   */
  causeOf(webhookId: number): number | undefined;
  /** What really happened to each file whose life the generated log tells, oldest step first; none for fixtures. Never in the API's data. */
  readonly fileHistories: readonly FileHistory[];
  /** Every call resent through POST /webhooks/resend, oldest first: what a listener received again. Throttled or failed requests resend nothing. */
  resends(): ResendRecord[];
  /**
   * The file or folder at `path` now, or undefined: the files follow the session log (arrivals
   * included), over the folders people work in and the sample files (SAMPLE_FILES).
   */
  resource(path: string): ServerResource | undefined;
  /** A file's bytes, exactly as GET /resources/download sends them. */
  fileBytes(path: string): Buffer;
  /**
   * Adds the entries of an incident a watch should notice, at the server's clock (moved on to the last
   * entry when spread over minutes), and returns exactly what was added. Throws, adding nothing, when
   * the request is refused (an unknown endpoint or user, an outage that is not on...).
   */
  inject(request: IncidentRequest): InjectedIncident;
  /** What every injection added, in order (GET /__control/injected). */
  injected(): InjectedIncident[];
  /** Merges into the current faults. */
  setFaults(faults: Partial<Faults>): void;
  /** No faults at all, whatever the server started with. */
  clearFaults(): void;
  /** inFlight and maxInFlight count /api/v2 requests being answered, latency wait included. */
  stats(): ServerStats;
  /** The latest /api/v2 requests with their query, oldest first; a stats reset clears it too. */
  requests(): LoggedRequest[];
  resetStats(): void;
  /** Stops listening and closes every connection, idle keep-alive ones too. */
  close(): Promise<void>;
}

export async function startExaVaultServer(options: ExaVaultServerOptions = {}): Promise<RunningExaVaultServer> {
  const seed = wholeNumber('seed', options.seed ?? 1, 0, 2 ** 32 - 1);
  const sessionCount = wholeNumber('sessions', options.sessions ?? 2000, 10, 1_000_000);
  const webhookCount = wholeNumber('webhooks', options.webhooks ?? 500, 0, 1_000_000);
  const dailyAllowance = wholeNumber('dailyAllowance', options.dailyAllowance ?? 50_000, 1, 100_000_000);
  const maxLimit = wholeNumber('maxLimit', options.maxLimit ?? 1000, 1, 1_000_000);
  const largeFileBytes = wholeNumber('largeFileBytes', options.largeFileBytes ?? 8 * 1024 * 1024, 0, 2 ** 40);
  const accountName = options.accountName ?? 'demo';
  const apiKey = options.apiKey ?? 'demo-zwSuWUZ8S38h33qPS8v0s';
  // A stream of its own: no generated session id may give the token away.
  const accessToken = options.accessToken ?? new Random(seed + 0x7f4a7c15).hex(64);

  const now = options.now ?? new Date();
  // The account's clock: the one given, or `now` at start running on with the machine's.
  const clock = options.clock ? new AccountClock(options.clock(), options.clock) : new AccountClock(now.getTime());
  const vocabulary = accountVocabulary(options.dataset === 'hostile');
  const data = options.fixture
    ? { sessions: sessionRowsFromEntries(options.fixture.sessions), webhooks: options.fixture.webhooks, histories: [] }
    : generateActivity({ seed, sessions: sessionCount, webhooks: webhookCount, now, vocabulary, accountName });
  const activity = new LiveActivity(data, new ArrivalGenerator({ seed, vocabulary, storyNow: now, accountName }), () => clock.now());
  const injector = new IncidentInjector(activity, clock, new IncidentGenerator(seed, vocabulary, accountName), vocabulary);
  for (const incident of options.incidents ?? []) {
    injector.inject(incident);
  }
  const files = new AccountFiles(activity.sessions, {
    seed, now: now.getTime(), folders: vocabulary.folders.map((folder) => folder.path), samples: sampleFiles(largeFileBytes),
  });
  const faults = new FaultSwitches(options.faults);
  const stats = new StatsRecorder();
  const requestLog = new RequestLog();
  const pipeline = {
    api: new ExaVaultApi(
      { apiKey, accessToken, nonAdminAccessToken: options.nonAdminAccessToken },
      accountBody({ accountName, dailyAllowance, userCount: vocabulary.users.length }),
      activity,
      maxLimit,
      new ResourceApi(files, maxLimit),
      options.quirks,
    ),
    faults,
    allowance: new RollingAllowance(dailyAllowance),
    stats,
  };

  const route = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === API_PREFIX || url.pathname.startsWith(`${API_PREFIX}/`)) {
      requestLog.record(url);
      await serveApi(request, response, url, pipeline);
    } else if (url.pathname.startsWith(`${CONTROL_PREFIX}/`)) {
      await serveControl(request, response, url.pathname, { faults, stats, activity, histories: data.histories, injector });
    } else {
      send(response, 404, {}, errorBody(404, 'ERROR_NOT_FOUND', `Nothing here: the API is at ${API_PREFIX}.`));
    }
  };
  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      console.error('ExaVault server failed on', request.method, request.url, error);
      if (!response.headersSent) {
        send(response, 500, {}, errorBody(500, 'ERROR_INTERNAL_SERVER_ERROR', 'The local server failed; see its log.'));
      } else {
        response.destroy();
      }
    });
  });
  server.on('connection', () => stats.connectionOpened());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    baseUrl: url + API_PREFIX,
    apiKey,
    accessToken,
    accountName,
    get sessions() {
      return activity.sessions.entries();
    },
    get webhooks() {
      return activity.webhooks.entries();
    },
    arrive: (input) => activity.arrive(input),
    causeOf: (webhookId) => activity.causeOf(webhookId),
    fileHistories: data.histories,
    inject: (incident) => injector.inject(incident),
    injected: () => injector.injected(),
    resends: () => activity.resends(),
    resource(path) {
      const node = files.tree().find(path);
      return node && {
        path: node.path, name: node.name, type: node.type, size: node.size, createdBy: node.createdBy,
        children: node.children && [...node.children.keys()],
      };
    },
    fileBytes(path) {
      const node = files.tree().find(path);
      if (node?.type !== 'file') {
        throw new Error(`no file at ${path}`);
      }
      return fileBytes(files.spec(node));
    },
    setFaults: (changes) => faults.set(changes),
    clearFaults: () => faults.clear(),
    stats: () => stats.snapshot(),
    requests: () => requestLog.list(),
    resetStats: () => {
      stats.reset();
      requestLog.clear();
    },
    close: () => new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    }),
  };
}

function wholeNumber(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be a whole number from ${min} to ${max}, not ${value}`);
  }
  return value;
}
