// The generated account: its vocabulary (realistic or hostile), its session log, and the webhook
// calls that log caused. The same seed always gives the same data; `now` only moves it in time.
import type { SessionEntryWire, WebhookEntryWire } from '../../src/api/wire';
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

export interface GeneratedActivity {
  sessions: StoreRows<SessionEntryWire>;
  webhooks: WebhookEntryWire[];
}

/** Who and what the account's activity is about (the same on any date). */
export function accountVocabulary(hostile: boolean): Vocabulary {
  const company = companyVocabulary();
  return hostile ? hostileVocabulary(company) : company;
}

export function generateActivity(options: GenerateOptions): GeneratedActivity {
  const { vocabulary } = options;
  const sessions = generateSessions(new Random(options.seed), vocabulary, options.sessions, options.now);
  // A stream of its own, so the webhook count never changes the sessions.
  const webhooks = generateWebhooks(new Random(options.seed + 0x9e3779b9), vocabulary, sessions, {
    count: options.webhooks, now: options.now, accountName: options.accountName,
  });
  return { sessions, webhooks };
}
