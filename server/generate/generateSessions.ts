// Session activity as an account produces it: connections (PASS ... EXIT under one sessionId) at
// office hours and nightly jobs, failed-login bursts, a file uploaded, downloaded and deleted, a
// mass deletion, and one admin session that uses every operation code. Deterministic for a seed:
// `now` only moves the whole log in time (the day and hour patterns are laid out around STORY_ANCHOR).
// Stories are told out of time order, so a file that is deleted, moved or renamed is one no other
// story touches: the log never reads a file after it is gone (the local server's files follow the log).
// A larger log also tells whole file lives (renamed, moved, copied, deleted; uploaded into a folder
// that is deleted later), and records each, for tests to compare a traced history with.
import type { SessionEntryWire } from '../../src/api/wire';
import { STORY_ANCHOR, fromAnchor } from './dates';
import type { FileHistory, FileStep } from './fileHistory';
import type { Random } from './random';
import { SessionTableBuilder, type SessionRow } from '../query/sessionTable';
import type { StoreRows } from '../query/store';
import { sizeRange, type Protocol, type Role, type UserProfile, type Vocabulary } from './vocabulary';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 86_400 * SECOND;
const HOUR = 3_600 * SECOND;
const HISTORY_DAYS = 90;
const FIRST_ID = 1_480_000;
// Pacific time, where the company works; a few log lines are written with the offset.
const LOCAL_OFFSET_MINUTES = -420;

/** Every operation code, in the order the all-operations admin session uses them. */
const OPERATION_CODES = ['PASS', 'MKD', 'STOR', 'RETR', 'COPY', 'RNTO', 'MOVE', 'COMPR', 'EXTRACT', 'SHARE', 'EDIT_SHARE',
  'DELE_SHARE', 'SEND', 'EDIT_SEND', 'DELE_SEND', 'RECV', 'EDIT_RECV', 'DELE_RECV', 'NOTIFY', 'EDIT_NTFY', 'DELE_NTFY', 'USER',
  'EDIT_USER', 'DELE_USER', 'DFA', 'EDIT_DFA', 'DELE_DFA', 'DELE', 'EXIT'] as const;
type Operation = (typeof OPERATION_CODES)[number];

const FILE_WORK: Partial<Record<Operation, number>> = {
  RETR: 30, STOR: 25, MKD: 3, RNTO: 4, MOVE: 3, COPY: 2, DELE: 5, COMPR: 1, EXTRACT: 1, SHARE: 1.5, EDIT_SHARE: 0.5,
  DELE_SHARE: 0.3, SEND: 2, EDIT_SEND: 0.3, DELE_SEND: 0.2, RECV: 0.6, EDIT_RECV: 0.2, DELE_RECV: 0.1, NOTIFY: 0.4,
  EDIT_NTFY: 0.15, DELE_NTFY: 0.1, DFA: 0.6, EDIT_DFA: 0.2, DELE_DFA: 0.15,
};
const OPERATION_WEIGHTS: Record<Role, Partial<Record<Operation, number>>> = {
  staff: FILE_WORK,
  admin: { ...FILE_WORK, USER: 1, EDIT_USER: 2, DELE_USER: 0.5 },
  service: { STOR: 55, RETR: 25, DELE: 12, MKD: 3, MOVE: 3, RNTO: 2 },
  client: { STOR: 50, RETR: 40, MKD: 3, DELE: 2 },
};
// The same, as the lists Random.weighted takes.
const WORK = Object.fromEntries(Object.entries(OPERATION_WEIGHTS).map(([role, weights]) => {
  const operations = Object.keys(weights) as Operation[];
  return [role, { operations, weights: operations.map((operation) => weights[operation]!) }];
})) as Record<Role, { operations: Operation[]; weights: number[] }>;

// Sessions per local hour (0-23): office hours for people, nights for scheduled jobs.
const OFFICE_HOURS = [0.2, 0.1, 0.1, 0.1, 0.1, 0.3, 1, 3, 6, 8, 8, 7, 5, 7, 8, 7, 5, 3, 2, 1.5, 1, 0.8, 0.5, 0.3];
const JOB_HOURS = [5, 6, 8, 8, 5, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 3, 4];
const HOURS = Array.from({ length: 24 }, (_, hour) => hour);
// Stories that are a failed-login burst: rare over 90 days, but arrivals are a short look at a busy
// account, and an attack in progress is one of the things a live view must show.
const HISTORY_BURST_CHANCE = 1 / 3000;
const ARRIVING_BURST_CHANCE = 1 / 50;

// Bytes per second by protocol: [slowest, fastest].
const TRANSFER_RATE: Record<Protocol, readonly [number, number]> = { web: [1_500_000, 25_000_000], ftp: [2_000_000, 40_000_000], sftp: [4_000_000, 60_000_000] };

interface Connection {
  username: string;
  ipAddress: string;
  protocol: Protocol;
  sessionId: string;
  offsetMinutes: number;
}

interface Change {
  fileName?: string;
  fileSource?: string;
  bytesTransferred?: number;
  duration?: number;
  status?: string;
}

export interface SessionSettings {
  count: number;
  now: Date;
  /** Whether the newest hours tell the latest stories (a failed-login burst, a mass deletion, a file deleted after downloads). */
  latestStories: boolean;
}

/** From this many entries on, the log tells file lives (FILE_LIVES of each kind). */
export const FILE_LIVES_FROM_SESSIONS = 1000;
const FILE_LIVES = 2;
// Rows per story: a moved file's six visits of three rows; a folder's filling session and its deletion.
const MOVED_FILE_ROWS = 18;
const DELETED_FOLDER_ROWS = 9;

export interface GeneratedSessions {
  rows: StoreRows<SessionEntryWire>;
  /** Each file life the log tells, as it happened. */
  histories: FileHistory[];
}

export function generateSessions(random: Random, vocabulary: Vocabulary, settings: SessionSettings): GeneratedSessions {
  const builder = new SessionTableBuilder(settings.count);
  const stories = new SessionStories(random, vocabulary, builder, settings.now.getTime());
  stories.tell(settings.latestStories);
  return { rows: builder.build(FIRST_ID), histories: stories.histories };
}

export interface Arrival {
  /** The `now` the history was generated for: stories are told as of then, so they do not depend on the clock. */
  storyNow: Date;
  /** When the rows arrive, a whole second: every row is stamped with it. */
  at: number;
  firstId: number;
}

/** `count` rows of everyday activity arriving at once, ids counting up from `firstId` in story order; newest first. */
export function arrivingSessions(random: Random, vocabulary: Vocabulary, count: number, arrival: Arrival): SessionEntryWire[] {
  const builder = new SessionTableBuilder(count);
  new SessionStories(random, vocabulary, builder, arrival.storyNow.getTime()).arrive(arrival.at);
  const rows = builder.build(arrival.firstId);
  return Array.from({ length: count }, (_, position) => rows.entryAt(position));
}

class SessionStories {
  private sequence = 0;
  private readonly filesPerFolder: number;
  private readonly weights: number[];
  private readonly people: UserProfile[];
  private readonly paths: string[][] = [];
  private retired = 0;
  private readonly now: number;
  /** Rows kept for the stories told last: everyday stories stop short of them. */
  private reserved = 0;
  readonly histories: FileHistory[] = [];

  constructor(
    private readonly random: Random,
    private readonly vocabulary: Vocabulary,
    private readonly builder: SessionTableBuilder,
    now: number,
  ) {
    // Whole seconds throughout, as `created` is written: a filter on a shown time must find its entry.
    this.now = Math.floor(now / SECOND) * SECOND;
    // Enough distinct files that paths repeat (downloads of earlier uploads) without all colliding.
    this.filesPerFolder = 6 + Math.floor(Math.sqrt(builder.capacityLeft()));
    this.weights = vocabulary.users.map((user) => user.weight);
    this.people = vocabulary.users.filter((user) => user.role === 'staff' || user.role === 'admin');
  }

  tell(latestStories: boolean): void {
    const fileLives = this.builder.capacityLeft() >= FILE_LIVES_FROM_SESSIONS;
    // A day back, not at the very top: the rarest operations should not look like the latest news.
    this.emit(this.everyOperation(), this.now - 26 * HOUR);
    this.emit(this.deletedFile(this.startTime(this.random.pick(this.people))));
    this.emit(this.failedLoginBurst(this.anyTime(), 50));
    if (latestStories) {
      this.tellLatestStories();
    }
    // File lives are told last, from rows kept for them, so they change none of the stories before.
    this.reserved = fileLives ? FILE_LIVES * (MOVED_FILE_ROWS + DELETED_FOLDER_ROWS) : 0;
    while (this.builder.capacityLeft() > this.reserved) {
      this.emit(this.everyday(HISTORY_BURST_CHANCE));
    }
    this.reserved = 0;
    for (let n = 0; fileLives && n < FILE_LIVES; n++) {
      this.record(this.emit(this.movedFile(this.fileLifeStart())), movedFileHistories);
      this.record(this.emit(this.deletedFolder(this.fileLifeStart())), deletedFolderHistories);
    }
  }

  /**
   * What an admin opening the log should find in its newest hours (each story laid out, then moved to
   * end at its time; now is the anchor's early afternoon): an attack at dawn, someone clearing out a
   * folder at nine, and at lunchtime a file deleted a day after two colleagues downloaded it.
   */
  private tellLatestStories(): void {
    this.emit(this.failedLoginBurst(this.now, 50), this.now - this.random.int(7 * 60, 9 * 60) * MINUTE);
    this.emit(this.massDeletion(this.random.pick(this.people), this.now), this.now - this.random.int(4 * 60, 5 * 60) * MINUTE);
    this.emit(this.deletedFile(this.now), this.now - this.random.int(60, 120) * MINUTE);
  }

  /** Everyday stories until the builder is full, every row stamped `at`: activity as it arrives. */
  arrive(at: number): void {
    while (this.builder.capacityLeft() > 0) {
      this.emit(this.everyday(ARRIVING_BURST_CHANCE).map((row) => ({ ...row, created: at })), at);
    }
  }

  /** Someone's session, now and then a failed-login burst or a file's whole life. */
  private everyday(burstChance: number): SessionRow[] {
    const user = this.random.weighted(this.vocabulary.users, this.weights);
    return this.random.chance(burstChance) ? this.failedLoginBurst(this.anyTime(), 60)
      : this.random.chance(1 / 5000) ? this.deletedFile(this.startTime(user)) : this.session(user, this.startTime(user));
  }

  /**
   * Adds a story's rows while there is room (the reserved rows aside), moved back in time when it
   * would end after `now` (or to end at `endAt`). Returns the rows added, as added.
   */
  private emit(rows: SessionRow[], endAt?: number): SessionRow[] {
    const last = rows.reduce((latest, row) => Math.max(latest, row.created), 0);
    const limit = endAt ?? this.now - SECOND;
    const shift = endAt !== undefined || last > limit ? limit - last : 0;
    const added: SessionRow[] = [];
    for (const row of rows) {
      if (this.builder.capacityLeft() <= this.reserved) {
        break;
      }
      added.push({ ...row, created: row.created + shift });
      this.builder.add(added.at(-1)!);
    }
    return added;
  }

  /** Records the histories of a story told whole; a story cut short by a full log tells none. */
  private record(added: SessionRow[], histories: (steps: FileStep[]) => FileHistory[]): void {
    const steps = added.filter((row) => FILE_LIFE_OPERATIONS.has(row.operation)).map((row) => ({
      operation: row.operation, path: row.fileName, source: row.fileSource, username: row.username, created: row.created,
    }));
    this.histories.push(...histories(steps));
  }

  /** A day in the last 90 that leaves a file life room to unfold before now: it spans up to ten days. */
  private fileLifeStart(): number {
    return this.now - this.random.int(12, 85) * DAY + this.random.int(-4 * 3_600, 4 * 3_600) * SECOND;
  }

  /**
   * A file's whole life through renames and moves: uploaded, renamed twice by colleagues, moved to
   * another folder, copied to a third, and the moved file deleted (the copy stays). Each step is a
   * visit of its own (connect, the step, disconnect), hours or days after the one before.
   */
  private movedFile(start: number): SessionRow[] {
    const owner = this.random.pick(this.people);
    const folder = this.random.pick(owner.folders);
    // Folders the file has not been in: a copy back where it was made would bring an old path back.
    const visited = [this.vocabulary.folders[folder]!.path];
    const elsewhere = (name: string) => {
      const target = this.random.pick(this.vocabulary.folders.filter((other) => !visited.includes(other.path))).path;
      visited.push(target);
      return `${target}/${name}`;
    };
    const uploaded = this.retiringFile(folder);
    const draft = renamed(uploaded, '-v2');
    const final = renamed(draft, ' (final)');
    const moved = elsewhere(baseName(final));
    const copied = elsewhere(baseName(final));
    const bytes = this.random.logUniform(...sizeRange(uploaded));
    const visit = (user: UserProfile, at: number, operation: Operation, change: Change): SessionRow[] => {
      const connection = this.connect(user);
      const work = this.row(connection, operation, at + this.random.int(10, 40) * SECOND, { duration: this.random.int(0, 1), ...change });
      const end = work.created + (work.duration + this.random.int(10, 90)) * SECOND;
      return [this.row(connection, 'PASS', at, {}), work, this.row(connection, 'EXIT', end, { duration: Math.round((end - at) / SECOND) })];
    };
    const person = () => this.random.pick(this.people);
    let time = start;
    const later = (minHours: number, maxHours: number) => (time += this.random.int(minHours * 60, maxHours * 60) * MINUTE);
    return [
      ...visit(owner, time, 'STOR', { fileName: uploaded, bytesTransferred: bytes, duration: this.transferSeconds(bytes, 'web') }),
      ...visit(person(), later(1, 6), 'RNTO', { fileName: draft, fileSource: uploaded }),
      ...visit(person(), later(2, 30), 'RNTO', { fileName: final, fileSource: draft }),
      ...visit(person(), later(24, 72), 'MOVE', { fileName: moved, fileSource: final }),
      ...visit(person(), later(1, 8), 'COPY', { fileName: copied, fileSource: moved, bytesTransferred: bytes }),
      ...visit(person(), later(24, 120), 'DELE', { fileName: moved }),
    ];
  }

  /**
   * A folder's life: someone makes a project folder with a subfolder, uploads a file into each, and
   * days later someone deletes the project folder, and with it both files (the log names only the folder).
   */
  private deletedFolder(start: number): SessionRow[] {
    const owner = this.random.pick(this.people);
    const folder = this.random.pick(owner.folders);
    const project = `${this.vocabulary.folders[folder]!.path}/Closed project ${1000 + this.retired++}`;
    const drafts = `${project}/Drafts`;
    const files = [`${drafts}/${baseName(this.retiringFile(folder))}`, `${project}/${baseName(this.retiringFile(folder))}`];
    const connection = this.connect(owner);
    const rows = [this.row(connection, 'PASS', start, {})];
    let time = start;
    const next = () => (time += this.random.int(5, 60) * SECOND);
    rows.push(this.row(connection, 'MKD', next(), { fileName: project }), this.row(connection, 'MKD', next(), { fileName: drafts }));
    for (const fileName of files) {
      const bytes = this.random.logUniform(...sizeRange(fileName));
      rows.push(this.row(connection, 'STOR', next(), { fileName, bytesTransferred: bytes, duration: this.transferSeconds(bytes, connection.protocol) }));
    }
    rows.push(this.row(connection, 'EXIT', next(), { duration: Math.round((time - start) / SECOND) }));
    const remover = this.connect(this.random.pick(this.people));
    const at = time + this.random.int(2, 20) * DAY;
    rows.push(this.row(remover, 'PASS', at, {}), this.row(remover, 'DELE', at + this.random.int(10, 60) * SECOND, { fileName: project }),
      this.row(remover, 'EXIT', at + this.random.int(70, 120) * SECOND, { duration: this.random.int(70, 120) }));
    return rows;
  }

  /** One admin connection that uses every operation code once. */
  private everyOperation(): SessionRow[] {
    const admin = this.vocabulary.users.find((user) => user.role === 'admin')!;
    const connection = this.connect(admin);
    let time = 0;
    return OPERATION_CODES.map((operation) => {
      const row = this.operation(connection, admin, operation, time);
      time = row.created + (row.duration + this.random.int(4, 40)) * SECOND;
      return operation === 'EXIT' ? { ...row, duration: Math.round(row.created / SECOND) } : row;
    });
  }

  /** A connection: PASS, some work, EXIT, all under one sessionId; now and then a mistyped password first. */
  private session(user: UserProfile, start: number): SessionRow[] {
    const connection = this.connect(user);
    const rows: SessionRow[] = [];
    if (user.role !== 'service' && this.random.chance(0.02)) {
      rows.push(this.row({ ...connection, sessionId: this.random.hex(45) }, 'PASS', start - this.random.int(8, 40) * SECOND, { status: 'failed' }));
    }
    rows.push(this.row(connection, 'PASS', start, {}));
    const { operations, weights } = WORK[user.role];
    let time = start;
    for (let n = this.operationCount(user.role); n > 0; n--) {
      time += this.thinkSeconds(user.role) * SECOND;
      const row = this.operation(connection, user, this.random.weighted(operations, weights), time);
      rows.push(row);
      time += row.duration * SECOND;
    }
    time += this.thinkSeconds(user.role) * SECOND;
    rows.push(this.row(connection, 'EXIT', time, { duration: Math.round((time - start) / SECOND) }));
    return rows;
  }

  /** Someone hammering the FTP login from one address: many failed PASS against a few names in minutes. */
  private failedLoginBurst(start: number, maxAttempts: number): SessionRow[] {
    const ipAddress = this.random.pick(this.vocabulary.attackerIps);
    const names = this.random.sample(this.vocabulary.guessedUsernames, this.random.int(3, 4));
    const protocol = this.random.pick<Protocol>(['ftp', 'sftp']);
    const rows: SessionRow[] = [];
    let time = start;
    for (let n = this.random.int(25, maxAttempts); n > 0; n--) {
      time += this.random.int(2, 9) * SECOND;
      const connection = { username: this.random.pick(names), ipAddress, protocol, sessionId: this.random.hex(45), offsetMinutes: 0 };
      rows.push(this.row(connection, 'PASS', time, { status: 'failed' }));
    }
    return rows;
  }

  /** A file's whole life: uploaded, downloaded by two others over the next hours, deleted a day later. */
  private deletedFile(start: number): SessionRow[] {
    const [owner, firstReader, secondReader] = this.random.sample(this.people, 3) as [UserProfile, UserProfile, UserProfile];
    const folder = this.random.pick(owner.folders);
    const fileName = this.retiringFile(folder);
    const bytes = this.random.logUniform(...sizeRange(fileName));
    const visit = (user: UserProfile, at: number, operation: Operation): SessionRow[] => {
      const connection = this.connect(user);
      const transfer = operation === 'DELE' ? {} : { bytesTransferred: bytes, duration: this.transferSeconds(bytes, connection.protocol) };
      const work = this.row(connection, operation, at + 20 * SECOND, { fileName, ...transfer });
      const end = work.created + (work.duration + this.random.int(10, 90)) * SECOND;
      return [this.row(connection, 'PASS', at, {}), work, this.row(connection, 'EXIT', end, { duration: Math.round((end - at) / SECOND) })];
    };
    return [
      ...visit(owner, start, 'STOR'),
      ...visit(firstReader, start + this.random.int(1, 4) * HOUR, 'RETR'),
      ...visit(secondReader, start + this.random.int(5, 9) * HOUR, 'RETR'),
      ...visit(owner, start + DAY + this.random.int(0, 6) * HOUR, 'DELE'),
    ];
  }

  /** Someone clearing out one of their folders: one connection, a run of deletions seconds apart. */
  private massDeletion(user: UserProfile, start: number): SessionRow[] {
    const connection = this.connect(user);
    const folder = this.random.pick(user.folders);
    const rows = [this.row(connection, 'PASS', start, {})];
    let time = start + this.random.int(20, 90) * SECOND;
    for (let n = this.random.int(15, 40); n > 0; n--) {
      rows.push(this.row(connection, 'DELE', time, { fileName: this.retiringFile(folder), duration: this.random.int(0, 1) }));
      time += this.random.int(1, 6) * SECOND;
    }
    rows.push(this.row(connection, 'EXIT', time, { duration: Math.round((time - start) / SECOND) }));
    return rows;
  }

  /** One operation's row: the path it touched, and bytes and duration that fit it. */
  private operation(connection: Connection, user: UserProfile, operation: Operation, time: number): SessionRow {
    const folder = this.random.pick(user.folders);
    const folderPath = this.vocabulary.folders[folder]!.path;
    const file = this.anyFile(folder);
    const quick = { duration: this.random.int(0, 1) };
    switch (operation) {
      case 'PASS':
        return this.row(connection, operation, time, {});
      case 'EXIT':
        return this.row(connection, operation, time, { duration: 0 });
      case 'STOR':
      case 'RETR': {
        const bytes = this.random.logUniform(...sizeRange(file));
        return this.row(connection, operation, time, { fileName: file, bytesTransferred: bytes, duration: this.transferSeconds(bytes, connection.protocol) });
      }
      case 'COPY':
      case 'MOVE': {
        const target = this.vocabulary.folders[this.random.pick(user.folders)]!.path;
        const source = operation === 'COPY' ? file : this.retiringFile(folder);
        const bytes = operation === 'COPY' ? this.random.logUniform(...sizeRange(file)) : 0;
        return this.row(connection, operation, time, { fileName: `${target}/${baseName(source)}`, fileSource: source, bytesTransferred: bytes, ...quick });
      }
      case 'RNTO': {
        const source = this.retiringFile(folder);
        return this.row(connection, operation, time, { fileName: renamed(source, this.random.pick([' (final)', '-v2', ' FINAL', '_old', ' copy'])), fileSource: source, ...quick });
      }
      case 'MKD':
        return this.row(connection, operation, time, { fileName: `${folderPath}/${this.random.pick(['New folder', 'Archive', 'Drafts', 'To review', 'Week'])} ${this.random.int(1, 52)}`, ...quick });
      case 'COMPR': {
        const bytes = this.random.logUniform(200_000, 400_000_000);
        return this.row(connection, operation, time, { fileName: `${file}.zip`, bytesTransferred: bytes, duration: this.transferSeconds(bytes * 3, 'sftp') });
      }
      case 'EXTRACT': {
        const bytes = this.random.logUniform(500_000, 900_000_000);
        return this.row(connection, operation, time, { fileName: `${folderPath}/${this.random.pick(['export', 'assets', 'photos', 'logs'])}-${this.random.int(1, 400)}.zip`, bytesTransferred: bytes, duration: this.transferSeconds(bytes, 'sftp') });
      }
      case 'DELE':
        return this.row(connection, operation, time, { fileName: this.retiringFile(folder), ...quick });
      case 'SEND':
      case 'EDIT_SEND':
      case 'DELE_SEND':
      case 'DFA':
      case 'EDIT_DFA':
      case 'DELE_DFA':
        return this.row(connection, operation, time, { fileName: file, ...quick });
      default:
        // Shares, receive folders, notifications and users are set on folders.
        return this.row(connection, operation, time, { fileName: folderPath, ...quick });
    }
  }

  /** One of the folder's files; the same path is the same string, so interning it is cheap. */
  private anyFile(folder: number): string {
    const n = this.random.int(0, this.filesPerFolder - 1);
    const known = (this.paths[folder] ??= []);
    return (known[n] ??= `${this.vocabulary.folders[folder]!.path}/${this.vocabulary.fileName(folder, n)}`);
  }

  /** A file of the folder that no other story uses: one to delete, move or rename. */
  private retiringFile(folder: number): string {
    return `${this.vocabulary.folders[folder]!.path}/${this.vocabulary.fileName(folder, this.filesPerFolder + this.retired++)}`;
  }

  private row(connection: Connection, operation: Operation, created: number, change: Change): SessionRow {
    return {
      id: this.sequence++,
      created,
      offsetMinutes: connection.offsetMinutes,
      operation,
      username: connection.username,
      ipAddress: connection.ipAddress,
      protocol: connection.protocol,
      fileName: change.fileName ?? '',
      fileSource: change.fileSource ?? '',
      bytesTransferred: change.bytesTransferred ?? 0,
      duration: change.duration ?? 0,
      sessionId: connection.sessionId,
      status: change.status ?? '-',
    };
  }

  private connect(user: UserProfile): Connection {
    return {
      username: user.name,
      ipAddress: this.random.pick(user.ipAddresses),
      protocol: this.random.pick(user.protocols),
      sessionId: this.random.hex(45),
      offsetMinutes: this.random.chance(0.05) ? LOCAL_OFFSET_MINUTES : 0,
    };
  }

  private transferSeconds(bytes: number, protocol: Protocol): number {
    return Math.max(0, Math.round(bytes / this.random.logUniform(...TRANSFER_RATE[protocol])));
  }

  private operationCount(role: Role): number {
    switch (role) {
      case 'service':
        return this.random.int(5, 60);
      case 'client':
        return this.random.int(1, 6);
      default:
        return this.random.int(1, 4) + (this.random.chance(0.3) ? this.random.int(1, 12) : 0);
    }
  }

  private thinkSeconds(role: Role): number {
    return role === 'service' ? this.random.int(0, 4) : this.random.logUniform(5, role === 'client' ? 300 : 600);
  }

  /** When a user connects: a day in the last 90, an hour that suits their role, fewer people at weekends (of the anchor's calendar). */
  private startTime(user: UserProfile): number {
    const hours = user.role === 'service' ? JOB_HOURS : OFFICE_HOURS;
    for (;;) {
      const day = Math.floor(STORY_ANCHOR / DAY) - this.random.int(0, HISTORY_DAYS - 1);
      const localHour = this.random.weighted(HOURS, hours);
      const anchored = day * DAY + localHour * HOUR + (this.random.int(0, 3_599) - LOCAL_OFFSET_MINUTES * 60) * SECOND;
      const time = fromAnchor(anchored, this.now);
      const weekday = new Date(anchored + LOCAL_OFFSET_MINUTES * 60 * SECOND).getUTCDay();
      const weekend = weekday === 0 || weekday === 6;
      if (time < this.now - 60 * SECOND && time > this.now - HISTORY_DAYS * DAY + HOUR && (user.role === 'service' || !weekend || this.random.chance(0.12))) {
        return time;
      }
    }
  }

  private anyTime(): number {
    return this.now - this.random.int(HOUR / SECOND, (HISTORY_DAYS * DAY - HOUR) / SECOND) * SECOND;
  }
}

/** The operations a file life is made of (its folders' MKD aside). */
const FILE_LIFE_OPERATIONS = new Set(['STOR', 'RNTO', 'MOVE', 'COPY', 'DELE']);

/** A moved file's steps (STOR, RNTO, RNTO, MOVE, COPY, DELE): the moved file, deleted, and its copy, still there. */
function movedFileHistories(steps: FileStep[]): FileHistory[] {
  if (steps.length !== 6) {
    return [];
  }
  const [upload, draft, final, move, copy, deletion] = steps as [FileStep, FileStep, FileStep, FileStep, FileStep, FileStep];
  return [{ steps: [upload, draft, final, move], ended: deletion }, { steps: [upload, draft, final, move, copy] }];
}

/** A deleted folder's steps (STOR, STOR, DELE of the folder): each file, ended by the folder's deletion. */
function deletedFolderHistories(steps: FileStep[]): FileHistory[] {
  if (steps.length !== 3) {
    return [];
  }
  const [first, second, deletion] = steps as [FileStep, FileStep, FileStep];
  return [{ steps: [first], ended: deletion }, { steps: [second], ended: deletion }];
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function renamed(path: string, suffix: string): string {
  const dot = path.lastIndexOf('.');
  return dot > path.lastIndexOf('/') ? `${path.slice(0, dot)}${suffix}${path.slice(dot)}` : `${path}${suffix}`;
}
