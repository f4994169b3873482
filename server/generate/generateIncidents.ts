// Incidents a watch should notice, made on demand: a listener's outage (and its end), a failed-login
// burst, a mass deletion, activity under a watched folder. One random stream of their own, so the
// same seed and the same requests in the same order give the same entries, times aside.
import type { SessionEntryWire, WebhookEntryWire } from '../../src/api/wire';
import { formatTimestamp } from './dates';
import { callsToListener } from './generateWebhooks';
import { Random } from './random';
import { sizeRange, type EndpointProfile, type ListenerAnswer, type Protocol, type UserProfile, type Vocabulary } from './vocabulary';

/** Where an injected entry goes in the log: its id and its time (a whole second). */
export interface Slot {
  id: number;
  at: number;
}

// Operations whose entry names the path it came from.
const WITH_SOURCE = new Set(['COPY', 'MOVE', 'RNTO']);
const TRANSFERS = new Set(['STOR', 'RETR']);

export class IncidentGenerator {
  private readonly random: Random;

  constructor(
    seed: number,
    private readonly vocabulary: Vocabulary,
    private readonly accountName: string,
  ) {
    this.random = new Random(seed + 0x3c6ef372);
  }

  /**
   * Calls to `endpoint`, one per slot: failing ones answer a mix of 5xx statuses and no answer at all
   * (the first two one of each, so even two calls show both), the others the listener's success.
   */
  calls(endpoint: EndpointProfile, slots: readonly Slot[], failing: boolean): WebhookEntryWire[] {
    const answered = this.vocabulary.outageAnswers.filter((answer) => answer.status >= 100);
    const unanswered = this.vocabulary.outageAnswers.filter((answer) => answer.status < 100);
    const answer = (i: number): ListenerAnswer => (!failing ? endpoint.ok : this.random.pick([answered, unanswered][i] ?? this.vocabulary.outageAnswers));
    return callsToListener(this.random, this.vocabulary, endpoint, slots.map((slot, i) => ({ ...slot, answer: answer(i) })), this.accountName);
  }

  /** Failed PASS, one per slot, taking the addresses and the names in turn. */
  failedLogins(slots: readonly Slot[], ipAddresses: readonly string[], usernames: readonly string[]): SessionEntryWire[] {
    const protocol = this.random.pick<Protocol>(['ftp', 'sftp']);
    return slots.map((slot, i) => this.entry(slot, {
      operation: 'PASS', username: usernames[i % usernames.length]!, ipAddress: ipAddresses[i % ipAddresses.length]!, protocol,
      sessionId: this.random.hex(45), status: 'failed',
    }));
  }

  /** DELE of a distinct file under `folder` by `user` in one connection, one per slot. */
  deletions(slots: readonly Slot[], user: UserProfile, folder: string): SessionEntryWire[] {
    const connection = this.connection(user);
    return slots.map((slot, i) => this.entry(slot, { ...connection, operation: 'DELE', fileName: `${folder}/${this.fileName(folder, i)}`, duration: this.random.int(0, 1) }));
  }

  /** The operations in turn on files under `folder` by `user` in one connection, one per slot. */
  folderActivity(slots: readonly Slot[], user: UserProfile, folder: string, operations: readonly string[]): SessionEntryWire[] {
    const connection = this.connection(user);
    return slots.map((slot, i) => {
      const operation = operations[i % operations.length]!;
      const fileName = `${folder}/${this.fileName(folder, i)}`;
      const bytes = TRANSFERS.has(operation) ? this.random.logUniform(...sizeRange(fileName)) : 0;
      const fileSource = WITH_SOURCE.has(operation) ? `${folder}/${this.fileName(folder, i + operations.length)}` : '';
      return this.entry(slot, { ...connection, operation, fileName, fileSource, bytesTransferred: bytes, duration: this.random.int(0, 3) });
    });
  }

  /** An address failed-login bursts come from. */
  attackerAddress(): string {
    return this.random.pick(this.vocabulary.attackerIps);
  }

  /** `count` distinct names a burst tries. */
  guessedNames(count: number): string[] {
    return this.random.sample(this.vocabulary.guessedUsernames, count);
  }

  /** Someone of the staff, and one of the folders they work in. */
  personAtWork(): { user: UserProfile; folder: string } {
    const user = this.random.pick(this.vocabulary.users.filter((candidate) => candidate.role === 'staff'));
    return { user, folder: this.vocabulary.folders[this.random.pick(user.folders)]!.path };
  }

  private connection(user: UserProfile) {
    return { username: user.name, ipAddress: this.random.pick(user.ipAddresses), protocol: this.random.pick(user.protocols), sessionId: this.random.hex(45) };
  }

  /** A name of the folder's kind when the vocabulary knows the folder, a plain one otherwise. */
  private fileName(folder: string, n: number): string {
    const known = this.vocabulary.folders.findIndex((candidate) => candidate.path === folder);
    // Far above the numbers the history uses, so an injected file is one no story touched.
    return known >= 0 ? this.vocabulary.fileName(known, 100_000 + n) : `file ${1000 + n}.txt`;
  }

  private entry(slot: Slot, attributes: Omit<SessionEntryWire['attributes'], 'created'>): SessionEntryWire {
    return {
      id: slot.id,
      type: 'sessionActivity',
      attributes: {
        created: formatTimestamp(slot.at), operation: '', username: '', ipAddress: '', protocol: '', fileName: '', fileSource: '',
        bytesTransferred: 0, duration: 0, sessionId: '', status: '-', ...attributes,
      },
    };
  }
}
