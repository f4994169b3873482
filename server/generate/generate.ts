// The generated account: its vocabulary (realistic or hostile), its session log, and the webhook
// calls that log caused. The same seed always gives the same data; `now` only moves it in time.
import type { SessionEntryWire, WebhookEntryWire } from '../../src/api/wire';
import type { FileHistory } from './fileHistory';
import { generateSessions } from './generateSessions';
import { generateWebhooks } from './generateWebhooks';
import { hostileVocabulary } from './hostile';
import { Random } from './random';
import type { StoreRows } from '../query/store';
import { companyVocabulary, type Vocabulary } from './vocabulary';

export interface GenerateOptions {
  seed: number;
  sessions: number;
  webhooks: number;
  now: Date;
  vocabulary: Vocabulary;
  accountName: string;
}

/**
 * From this many session entries on, the newest hours tell the stories an admin opens the log for
 * (an attack, a listener down, a mass deletion, a file deleted after others downloaded it). A smaller
 * log spreads a few days' worth over 90, so it keeps its few stories where they fall.
 */
export const LATEST_STORIES_FROM_SESSIONS = 2000;

export interface GeneratedActivity {
  sessions: StoreRows<SessionEntryWire>;
  webhooks: WebhookEntryWire[];
  /** The id of the session entry that caused each webhook call that one caused, by call id (kept off the wire). */
  causes: Map<number, number>;
  /** What really happened to each file whose life the session log tells (kept off the wire). */
  histories: FileHistory[];
}

/** Who and what the account's activity is about (the same on any date). */
export function accountVocabulary(hostile: boolean): Vocabulary {
  const company = companyVocabulary();
  return hostile ? hostileVocabulary(company) : company;
}

export function generateActivity(options: GenerateOptions): GeneratedActivity {
  const { vocabulary } = options;
  const latestStories = options.sessions >= LATEST_STORIES_FROM_SESSIONS;
  const { rows: sessions, histories } = generateSessions(new Random(options.seed), vocabulary, { count: options.sessions, now: options.now, latestStories });
  // A stream of its own, so the webhook count never changes the sessions.
  const webhooks = generateWebhooks(new Random(options.seed + 0x9e3779b9), vocabulary, sessions, {
    count: options.webhooks, now: options.now, accountName: options.accountName, latestStories,
  });
  return { sessions, webhooks: webhooks.calls, causes: webhooks.causes, histories };
}
