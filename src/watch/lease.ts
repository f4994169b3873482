// One poller per account across every window: the window holding the account's lease polls, the
// others read what it finds. A lease is a file per account in a directory all windows share (the
// extension's global storage), holding who has it and when they last said so (the heartbeat).
import { createHash, randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { readIfThere } from './wholeFile';

/** How often the holder renews its lease, by default. */
export const LEASE_HEARTBEAT_MS = 10_000;

/**
 * A lease not renewed for this many heartbeats is taken over: one or two missed (an event loop busy
 * for seconds, a slow disk) do not hand the account to another window; a closed or crashed one does
 * within half a minute.
 */
export const STALE_AFTER_HEARTBEATS = 3;

export interface LeaseOptions {
  directory: string;
  /** The account's key (its id or URL): the file is named by its hash, so any key makes a safe name. */
  account: string;
  /** Who asks: one id per window. Default: a random one. */
  holder?: string;
  heartbeatMs?: number;
  /** Time as the heartbeats are written and judged; every window uses the wall clock, tests their own. */
  clock?: () => number;
  /** Test switch: every window holds the lease and nothing is written (the positive control for "one window polls"). */
  disabled?: boolean;
}

/** A file of the account's watch in `directory`, named by the hash of the account's key (any key makes a safe name) and `suffix`. */
export function accountFile(directory: string, account: string, suffix: string): string {
  return path.join(directory, `${createHash('sha256').update(account).digest('hex').slice(0, 32)}${suffix}`);
}

/** The account's lease file in `directory`. */
export function leaseFile(directory: string, account: string): string {
  return accountFile(directory, account, '.lease');
}

interface LeaseRecord {
  holder: string;
  heartbeat: number;
}

/**
 * Races are settled by the file system, never by reading then writing:
 * - a file (lease or marker) is created by writing it complete under a name of our own, then linking
 *   it to its real name: like open(…, 'wx') the link fails if the name exists, so exactly one creator
 *   wins, and unlike 'wx' no one can read a file that exists but is still empty (nor find one left
 *   empty by a crash);
 * - a stale lease is taken over only by whoever creates the takeover marker named after that lease's
 *   exact content: takers judging the same stale lease race for the same marker, and one wins. The winner reads the lease again and replaces it (write, then rename over it) only if it
 *   is still the one judged stale, so a slow taker arriving after a takeover finds the new lease and
 *   backs off. If a winner dies between marker and rename, the marker outlives a stale period and the
 *   next marker in the chain (…-2, …-3) is raced for.
 */
export class AccountLease {
  readonly holder: string;
  private readonly file: string;
  private readonly clock: () => number;
  private readonly heartbeatMs: number;
  private owned = false;

  constructor(private readonly options: LeaseOptions) {
    this.holder = options.holder ?? randomUUID();
    this.clock = options.clock ?? Date.now;
    this.heartbeatMs = options.heartbeatMs ?? LEASE_HEARTBEAT_MS;
    this.file = leaseFile(options.directory, options.account);
  }

  /** Whether this holder had the lease at its last acquire or renew. */
  get held(): boolean {
    return this.owned;
  }

  private get staleMs(): number {
    return this.heartbeatMs * STALE_AFTER_HEARTBEATS;
  }

  /** Takes the lease if it is free, stale, or already ours; false while another holder keeps it fresh. */
  async acquire(): Promise<boolean> {
    if (this.options.disabled) {
      return (this.owned = true);
    }
    await fs.mkdir(this.options.directory, { recursive: true });
    // A lease released or taken over between our create and our read: try again, a few times.
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await this.publish(this.file, this.record())) {
        return (this.owned = true);
      }
      const content = await readIfThere(this.file);
      if (content === undefined) {
        continue;
      }
      const current = parseRecord(content);
      if (current?.holder === this.holder) {
        return this.renew();
      }
      if (current && !this.isStale(current.heartbeat)) {
        return (this.owned = false);
      }
      return (this.owned = await this.takeOver(content));
    }
    return (this.owned = false);
  }

  /**
   * The heartbeat: says we still hold it. False (and no longer held) when another holder has it now.
   * Read, then replace: a holder that slept past the stale time and renews just as it is taken over
   * can overwrite the taker's lease; the taker's next heartbeat then finds it lost, so one of them stops.
   */
  async renew(): Promise<boolean> {
    if (this.options.disabled) {
      return (this.owned = true);
    }
    const current = parseRecord(await readIfThere(this.file) ?? '');
    if (current?.holder !== this.holder) {
      return (this.owned = false);
    }
    await this.replace(this.record());
    return (this.owned = true);
  }

  /** Gives the lease up: deletes the file only if it is ours. */
  async release(): Promise<void> {
    const wasOwned = this.owned;
    this.owned = false;
    if (this.options.disabled || !wasOwned) {
      return;
    }
    const current = parseRecord(await readIfThere(this.file) ?? '');
    if (current?.holder === this.holder) {
      await fs.rm(this.file, { force: true });
    }
  }

  private async takeOver(staleContent: string): Promise<boolean> {
    const generation = createHash('sha256').update(staleContent).digest('hex').slice(0, 16);
    const markerBase = `${this.file}.takeover-${generation}`;
    for (let link = 1; ; link++) {
      const marker = link === 1 ? markerBase : `${markerBase}-${link}`;
      if (await this.publish(marker, this.record())) {
        try {
          if (await readIfThere(this.file) !== staleContent) {
            return false; // someone renewed or took it over meanwhile
          }
          await this.replace(this.record());
          return true;
        } finally {
          // Ours, and those of takers that died before us on this lease.
          for (let earlier = link; earlier >= 1; earlier--) {
            await fs.rm(earlier === 1 ? markerBase : `${markerBase}-${earlier}`, { force: true });
          }
        }
      }
      // Another taker holds this marker: let it finish, unless it died holding it (its marker is stale
      // too). A marker gone meanwhile sends us to the next one, where the read-again above finds the new lease.
      const rival = parseRecord(await readIfThere(marker) ?? '');
      if (rival && !this.isStale(rival.heartbeat)) {
        return false;
      }
    }
  }

  private isStale(heartbeat: number): boolean {
    return this.clock() - heartbeat >= this.staleMs;
  }

  private record(): LeaseRecord {
    return { holder: this.holder, heartbeat: this.clock() };
  }

  /** Creates `target` holding `record`, complete, unless it exists; true if we created it. */
  private async publish(target: string, record: LeaseRecord): Promise<boolean> {
    const draft = await this.draft(record);
    try {
      await fs.link(draft, target);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        return false;
      }
      throw error;
    } finally {
      await fs.rm(draft, { force: true });
    }
  }

  /** Writes the lease whole, in place of whatever is there (the rename is atomic). */
  private async replace(record: LeaseRecord): Promise<void> {
    await fs.rename(await this.draft(record), this.file);
  }

  private async draft(record: LeaseRecord): Promise<string> {
    const draft = `${this.file}.${randomUUID()}.tmp`;
    await fs.writeFile(draft, JSON.stringify(record), { flag: 'wx' });
    return draft;
  }
}

function parseRecord(text: string): LeaseRecord | undefined {
  try {
    const value = JSON.parse(text) as Partial<LeaseRecord>;
    return typeof value.holder === 'string' && typeof value.heartbeat === 'number' ? { holder: value.holder, heartbeat: value.heartbeat } : undefined;
  } catch {
    return undefined;
  }
}
