// Activity that arrives while the server runs, from the same vocabulary as the generated history:
// everyday sessions, webhook calls going out, and calls an admin resends. Each kind draws from a
// stream of its own, so the same seed and the same calls in the same order give the same entries
// whenever they are made; only the time stamped on them differs.
import type { SessionEntryWire, WebhookEntryWire } from '../../src/api/wire';
import { arrivingSessions } from './generateSessions';
import { arrivingWebhooks, resentCall } from './generateWebhooks';
import { Random } from './random';
import type { Vocabulary } from './vocabulary';

export interface ArrivalSettings {
  seed: number;
  vocabulary: Vocabulary;
  /** The `now` the history was generated for. */
  storyNow: Date;
  accountName: string;
}

export class ArrivalGenerator {
  private readonly sessionRandom: Random;
  private readonly webhookRandom: Random;
  private readonly resendRandom: Random;

  constructor(private readonly settings: ArrivalSettings) {
    this.sessionRandom = new Random(settings.seed + 0x2545f491);
    this.webhookRandom = new Random(settings.seed + 0x6c8e9cf5);
    this.resendRandom = new Random(settings.seed + 0x1b873593);
  }

  /** `count` session rows, all at `at` (a whole second), ids from `firstId` up; newest first. */
  sessions(count: number, at: number, firstId: number): SessionEntryWire[] {
    const { vocabulary, storyNow } = this.settings;
    return arrivingSessions(this.sessionRandom, vocabulary, count, { storyNow, at, firstId });
  }

  /** `count` webhook calls, all at `at` (a whole second), ids from `firstId` up; newest first. Calls to the listeners `down` fail. */
  webhooks(count: number, at: number, firstId: number, down: ReadonlySet<string>): WebhookEntryWire[] {
    const { vocabulary, accountName } = this.settings;
    return arrivingWebhooks(this.webhookRandom, vocabulary, count, { at, firstId, accountName, down });
  }

  /** The log entry for `original` sent again at `at`; it fails when its listener is down. */
  resent(original: WebhookEntryWire, id: number, at: number, down: boolean): WebhookEntryWire {
    return resentCall(this.resendRandom, this.settings.vocabulary, original, { id, at, down });
  }
}
