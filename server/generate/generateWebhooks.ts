// Webhook calls that follow the session activity: an upload, download, delete... under a watched
// folder is posted to each listener subscribed to that event, retried while the listener fails.
// One listener is down for about an hour (and, in a big enough log, again this morning); the others
// fail now and then. Later, while the server runs: calls going out as they happen, and calls an
// admin resends.
import type { SessionEntryWire, WebhookEntryWire } from '../../src/api/wire';
import { ACCOUNT_ID } from '../http/account';
import { STORY_ANCHOR, formatTimestamp, fromAnchor } from './dates';
import type { Random } from './random';
import type { StoreRows } from '../query/store';
import { sizeRange, type EndpointProfile, type ListenerAnswer, type Vocabulary } from './vocabulary';

const SECOND = 1000;
const HOUR = 3_600 * SECOND;
const DAY = 24 * HOUR;
const FIRST_ID = 2_602_000;
const LOCAL_OFFSET_MINUTES = -420;
// Seconds to wait after attempt 1, 2, 3, 4 failed; attempt 5 is the last.
const RETRY_DELAYS = [60, 300, 900, 3_600];
// Events whose own clock is off the session log's, by up to this many seconds either way.
const SKEWED_EVENTS = 0.2;
const MAX_SKEW_SECONDS = 3;

const EVENT_OF_OPERATION: Readonly<Record<string, string>> = {
  STOR: 'resources.upload', RETR: 'resources.download', DELE: 'resources.delete', MKD: 'resources.createFolder',
  RNTO: 'resources.rename', MOVE: 'resources.move', COPY: 'resources.copy', COMPR: 'resources.compress',
  EXTRACT: 'resources.extract', RECV: 'shares.formSubmit',
};
// What the oldest integrations log instead of the event code.
const LEGACY_EVENT_NAMES: Readonly<Record<string, string>> = {
  'resources.upload': 'Upload', 'resources.download': 'Download', 'resources.delete': 'Delete',
  'resources.createFolder': 'Create Folder', 'resources.rename': 'Rename', 'resources.move': 'Move', 'resources.copy': 'Copy',
  'resources.compress': 'Compress', 'resources.extract': 'Extract', 'shares.formSubmit': 'Form Submit',
};
// What can happen to a file: an invented trigger is one.
const FILE_EVENTS: ReadonlySet<string> = new Set(['resources.upload', 'resources.download', 'resources.delete']);
const PREVIEWABLE = /\.(pdf|jpe?g|png|svg|heic|tif|docx|xlsx|pptx)$/i;

/** Something that happened to a file or folder and may be worth a webhook call. */
interface Trigger {
  time: number;
  event: string;
  username: string;
  ipAddress: string;
  protocol: string;
  path: string;
  bytes: number;
  /** The id of the session entry that caused it; none when it was made through the API. */
  cause?: number;
  /** How far the event's own clock (v2 `eventTimestamp`) is off the session log's, in seconds. */
  skewSeconds: number;
}

interface Call {
  sequence: number;
  time: number;
  cause: number | undefined;
  attributes: WebhookEntryWire['attributes'];
}

/** The generated calls, newest first, and for each call caused by a session entry that entry's id (by call id). */
export interface GeneratedWebhooks {
  calls: WebhookEntryWire[];
  causes: Map<number, number>;
}

export interface WebhookSettings {
  count: number;
  now: Date;
  accountName: string;
  /** Whether the listener that was down goes down again in the newest hours. */
  latestStories: boolean;
}

/** A time a listener answers nothing but failures. */
interface Outage {
  endpoint: EndpointProfile;
  from: number;
  to: number;
}

export function generateWebhooks(random: Random, vocabulary: Vocabulary, sessions: StoreRows<SessionEntryWire>, settings: WebhookSettings): GeneratedWebhooks {
  return new WebhookCalls(random, vocabulary, sessions, settings).generate();
}

export interface WebhookArrival {
  /** When the calls go out, a whole second: every call is stamped with it. */
  at: number;
  firstId: number;
  accountName: string;
  /** The URLs of listeners that are down: their calls fail. */
  down?: ReadonlySet<string>;
}

/** One call's log entry to write: its id, when it went out (a whole second) and what the listener answered. */
export interface ListenerCall {
  id: number;
  at: number;
  answer: ListenerAnswer;
}

/** `count` calls going out at once, each a first attempt at posting an event on a file to a listener that wants it; newest first. */
export function arrivingWebhooks(random: Random, vocabulary: Vocabulary, count: number, arrival: WebhookArrival): WebhookEntryWire[] {
  const writer = new CallWriter(random, vocabulary, arrival.accountName);
  const calls = Array.from({ length: count }, (_, i): WebhookEntryWire => {
    const endpoint = random.pick(vocabulary.endpoints);
    // A listener that is down answers as the generated outage's did; the others as usual.
    const answer = () => (arrival.down?.has(endpoint.url) ? random.pick(vocabulary.outageAnswers) : writer.usualAnswer(endpoint));
    return writer.firstAttempt(endpoint, arrival.firstId + i, arrival.at, answer);
  });
  return calls.reverse();
}

/** Calls to one listener, each a first attempt at posting an event on a file, at the times and with the answers given; in the order given. */
export function callsToListener(random: Random, vocabulary: Vocabulary, endpoint: EndpointProfile, calls: readonly ListenerCall[], accountName: string): WebhookEntryWire[] {
  const writer = new CallWriter(random, vocabulary, accountName);
  return calls.map((call) => writer.firstAttempt(endpoint, call.id, call.at, () => call.answer));
}

/**
 * The log entry of `original` sent again at `resend.at`: the same call in the same shape, a new attempt as
 * the generated resends are (a fresh attemptId, attempt 1), answered 200 with the listener's usual body,
 * or as the generated outage was when the listener is down.
 */
export function resentCall(random: Random, vocabulary: Vocabulary, original: WebhookEntryWire, resend: { id: number; at: number; down: boolean }): WebhookEntryWire {
  const attributes = original.attributes;
  const answer = resend.down ? random.pick(vocabulary.outageAnswers)
    : { status: 200, response: vocabulary.endpoints.find((endpoint) => endpoint.url === attributes.endpointUrl)?.ok.response ?? 'OK' };
  const response = answer.response;
  const answered = { created: formatTimestamp(resend.at), status: answer.status, response };
  if (attributes.webhookFormat === undefined) {
    return { id: resend.id, type: 'webhookActivity', attributes: { ...attributes, ...answered, attempt: 1, responseSize: Buffer.byteLength(response) } };
  }
  const attemptId = random.uuid();
  const renewed = { ...attributes, ...answered, attemptId, resend: true };
  if (attributes.details) {
    renewed.details = { ...attributes.details, attemptId, ...(attributes.webhookFormat === 'v1' ? { attempt: 1 } : {}) };
  }
  return { id: resend.id, type: 'webhookActivity', attributes: renewed };
}

class WebhookCalls {
  private readonly calls: Call[] = [];
  private readonly now: number;
  private readonly outages: Outage[];
  private readonly writer: CallWriter;

  constructor(
    private readonly random: Random,
    private readonly vocabulary: Vocabulary,
    private readonly sessions: StoreRows<SessionEntryWire>,
    private readonly settings: WebhookSettings,
  ) {
    // Whole seconds throughout, as `created` is written: a filter on a shown time must find its entry.
    this.now = Math.floor(settings.now.getTime() / SECOND) * SECOND;
    // An afternoon (UTC) 3 to 20 days back, in the anchor's calendar.
    const from = fromAnchor(Math.floor(STORY_ANCHOR / DAY) * DAY - random.int(3, 20) * DAY + (16 * 3_600 + random.int(0, 3_599)) * SECOND, this.now);
    const endpoint = vocabulary.endpoints.find((candidate) => candidate.watches === '/') ?? vocabulary.endpoints[0]!;
    this.outages = [{ endpoint, from, to: from + random.int(55, 70) * 60 * SECOND }];
    if (settings.latestStories) {
      // Late this morning, after the mass deletion (whose calls would swamp it), ending early enough that
      // the retries of its last calls have gone out too.
      const recent = this.now - random.int(150 * 60, 210 * 60) * SECOND;
      this.outages.push({ endpoint, from: recent, to: recent + random.int(55, 70) * 60 * SECOND });
    }
    this.writer = new CallWriter(random, vocabulary, settings.accountName);
  }

  generate(): GeneratedWebhooks {
    // Every listener gets at least one call, and each outage its share, before random activity fills the rest.
    for (const endpoint of this.vocabulary.endpoints) {
      this.deliver(this.writer.invented(this.random.int(this.now - 80 * DAY, this.now - DAY), endpoint), [endpoint]);
    }
    for (const outage of this.outages) {
      for (const trigger of this.outageTriggers(outage)) {
        this.deliver(trigger);
      }
    }
    while (this.calls.length < this.settings.count) {
      this.deliver(this.sampled() ?? this.writer.invented(this.random.int(this.now - 89 * DAY, this.now - HOUR)));
    }
    const kept = this.calls.slice(0, this.settings.count).sort((a, b) => a.time - b.time || a.sequence - b.sequence);
    const causes = new Map<number, number>();
    kept.forEach((call, i) => {
      if (call.cause !== undefined) {
        causes.set(FIRST_ID + i, call.cause);
      }
    });
    const calls = kept.map((call, i) => ({ id: FIRST_ID + i, type: 'webhookActivity' as const, attributes: call.attributes })).reverse();
    return { calls, causes };
  }

  /** The session rows during the outage that trigger events, and made-up ones when there are too few. */
  private outageTriggers(outage: Outage): Trigger[] {
    const wanted = Math.max(3, Math.round(this.settings.count / 12));
    const triggers: Trigger[] = [];
    const created = this.sessions.created;
    // Rows are newest first: skip those after the outage, stop at the first one before it.
    for (let position = 0; position < created.length && created[position]! >= outage.from && triggers.length < wanted; position++) {
      if (created[position]! <= outage.to) {
        const trigger = this.triggerAt(position);
        if (trigger) {
          triggers.push(trigger);
        }
      }
    }
    while (triggers.length < 3) {
      triggers.push(this.writer.invented(this.random.int(outage.from, outage.to)));
    }
    return triggers;
  }

  /** A random session row that triggers an event, if a few tries find one. */
  private sampled(): Trigger | undefined {
    for (let tries = 0; tries < 20; tries++) {
      const trigger = this.triggerAt(this.random.int(0, this.sessions.ids.length - 1));
      if (trigger) {
        return trigger;
      }
    }
    return undefined;
  }

  private triggerAt(position: number): Trigger | undefined {
    const attributes = this.sessions.entryAt(position).attributes;
    const event = EVENT_OF_OPERATION[attributes.operation ?? ''];
    if (!event) {
      return undefined;
    }
    return {
      time: this.sessions.created[position]!,
      event,
      username: attributes.username ?? '',
      ipAddress: attributes.ipAddress ?? '',
      protocol: attributes.protocol ?? 'web',
      path: attributes.fileName ?? '',
      bytes: attributes.bytesTransferred ?? 0,
      cause: this.sessions.ids[position]!,
      skewSeconds: this.random.chance(SKEWED_EVENTS) ? this.random.int(-MAX_SKEW_SECONDS, MAX_SKEW_SECONDS) : 0,
    };
  }

  /** Posts the event to each listener that wants it, retrying failures; now and then an admin re-sends a lost one. */
  private deliver(trigger: Trigger, endpoints = this.vocabulary.endpoints.filter((endpoint) => endpoint.events.includes(trigger.event) && trigger.path.startsWith(endpoint.watches))): void {
    for (const endpoint of endpoints) {
      let time = trigger.time + this.random.int(1, 3) * SECOND;
      let delivered = false;
      for (let attempt = 1; attempt <= RETRY_DELAYS.length + 1 && !delivered; attempt++) {
        const answer = this.answer(endpoint, time);
        this.record(trigger, endpoint, { attempt, time, answer, resend: false });
        delivered = answer.status >= 200 && answer.status < 300;
        time += ((RETRY_DELAYS[attempt - 1] ?? 0) + this.random.int(0, 5)) * SECOND;
      }
      if (!delivered && this.random.chance(0.3)) {
        this.record(trigger, endpoint, { attempt: 1, time: time + this.random.int(2, 20) * HOUR, answer: endpoint.ok, resend: true });
      }
    }
  }

  private answer(endpoint: EndpointProfile, time: number): ListenerAnswer {
    if (this.outages.some((outage) => endpoint === outage.endpoint && time >= outage.from && time <= outage.to)) {
      return this.random.pick(this.vocabulary.outageAnswers);
    }
    return this.writer.usualAnswer(endpoint);
  }

  private record(trigger: Trigger, endpoint: EndpointProfile, call: { attempt: number; time: number; answer: ListenerAnswer; resend: boolean }): void {
    if (call.time >= this.now) {
      return;
    }
    this.calls.push({ sequence: this.calls.length, time: call.time, cause: trigger.cause, attributes: this.writer.attributes(trigger, endpoint, call) });
  }
}

/** Writes one call's log entry, in its listener's format, and what a listener usually answers. */
class CallWriter {
  constructor(
    private readonly random: Random,
    private readonly vocabulary: Vocabulary,
    private readonly accountName: string,
  ) {}

  /** A first attempt at posting an event on a file the listener wants, which happened a few seconds before the call. */
  firstAttempt(endpoint: EndpointProfile, id: number, at: number, answer: () => ListenerAnswer): WebhookEntryWire {
    const event = this.random.pick(endpoint.events.filter((candidate) => FILE_EVENTS.has(candidate)));
    const trigger = this.invented(at - this.random.int(1, 3) * SECOND, endpoint, event);
    // The answer after the trigger: the random stream runs in the order it always has.
    const call = { attempt: 1, time: at, answer: answer(), resend: false };
    return { id, type: 'webhookActivity', attributes: this.attributes(trigger, endpoint, call) };
  }

  /** The listener's usual answer: its success, now and then a stray failure. */
  usualAnswer(endpoint: EndpointProfile): ListenerAnswer {
    return this.random.chance(0.015) ? this.random.pick(this.vocabulary.strayFailures) : endpoint.ok;
  }

  /** An upload (or the event given, or the first a listener wants) by someone, at `time`, below what `endpoint` watches. */
  invented(at: number, endpoint?: EndpointProfile, event = endpoint?.events[0] ?? 'resources.upload'): Trigger {
    const time = Math.floor(at / SECOND) * SECOND;
    const user = this.random.pick(this.vocabulary.users.filter((candidate) => candidate.role !== 'service'));
    const folders = this.vocabulary.folders.flatMap((folder, i) => (!endpoint || folder.path.startsWith(endpoint.watches) ? [i] : []));
    const folder = folders.length > 0 ? this.random.pick(folders) : this.random.pick(user.folders);
    const path = `${this.vocabulary.folders[folder]!.path}/${this.vocabulary.fileName(folder, this.random.int(0, 40))}`;
    return {
      time,
      event,
      username: user.name,
      ipAddress: this.random.pick(user.ipAddresses),
      protocol: this.random.pick(user.protocols),
      path,
      bytes: this.random.logUniform(...sizeRange(path)),
      skewSeconds: 0,
    };
  }

  attributes(trigger: Trigger, endpoint: EndpointProfile, call: { attempt: number; time: number; answer: ListenerAnswer; resend: boolean }): WebhookEntryWire['attributes'] {
    const { attempt, time, answer, resend } = call;
    if (endpoint.format === 'legacy') {
      return {
        attempt,
        created: formatTimestamp(time, LOCAL_OFFSET_MINUTES),
        endpointUrl: endpoint.url,
        event: LEGACY_EVENT_NAMES[trigger.event] ?? trigger.event,
        response: answer.response,
        responseSize: Buffer.byteLength(answer.response),
        status: answer.status,
      };
    }
    const attemptId = this.random.uuid();
    const common = { accountName: this.accountName, attemptId, event: trigger.event, protocol: trigger.protocol, username: trigger.username };
    return {
      webhookFormat: endpoint.format,
      webhookId: endpoint.webhookId,
      attemptId,
      accountId: String(ACCOUNT_ID),
      resend,
      endpointUrl: endpoint.url,
      event: trigger.event,
      status: answer.status,
      ipAddress: trigger.ipAddress,
      response: answer.response,
      webhookPath: endpoint.watches,
      resourcePath: trigger.path,
      username: trigger.username,
      created: formatTimestamp(time, this.random.chance(0.05) ? LOCAL_OFFSET_MINUTES : 0),
      details: endpoint.format === 'v1' ? { ...common, attempt }
        : { ...common, eventTimestamp: formatTimestamp(trigger.time + trigger.skewSeconds * SECOND), ipAddress: trigger.ipAddress, eventData: this.eventData(trigger) },
    };
  }

  /** The v2 payload: the resource as it is now, and for a form submission the receive folder and the answers. */
  private eventData(trigger: Trigger): Record<string, unknown> {
    const isFolder = trigger.event === 'resources.createFolder' || trigger.event === 'shares.formSubmit';
    const name = trigger.path.slice(trigger.path.lastIndexOf('/') + 1);
    const createdAt = formatTimestamp(trigger.time - this.random.int(0, 30) * DAY);
    const resource = {
      id: this.random.int(2_000_000, 9_000_000),
      hash: this.random.hex(32),
      name,
      path: trigger.path,
      type: isFolder ? 'dir' : 'file',
      ...(isFolder ? { fileCount: this.random.int(0, 40) } : { size: trigger.bytes || this.random.logUniform(...sizeRange(name)) }),
      createdAt,
      updatedAt: formatTimestamp(trigger.time),
      accessedAt: formatTimestamp(trigger.time),
      uploadDate: createdAt,
      createdBy: trigger.username,
      previewable: !isFolder && PREVIEWABLE.test(name),
    };
    const transferred = trigger.event === 'resources.upload' || trigger.event === 'resources.download';
    const form = trigger.event === 'shares.formSubmit';
    return {
      transferStatus: transferred ? 'success' : '',
      resources: [resource],
      share: form ? [this.receiveFolder(trigger, createdAt)] : [],
      formDetails: form ? [{ name: 'Company', value: 'Acme Corp' }, { name: 'Purchase order', value: `PO-${this.random.int(10_000, 99_999)}` }] : [],
    };
  }

  private receiveFolder(trigger: Trigger, created: string): Record<string, unknown> {
    return {
      id: this.random.int(10_000, 99_999),
      name: trigger.path.slice(trigger.path.lastIndexOf('/') + 1),
      type: 'receive',
      hash: this.random.hex(12),
      paths: [trigger.path],
      assets: [trigger.path],
      accessMode: { upload: true, download: false, modify: false, delete: false },
      accessDescription: 'Receive only',
      created,
      modified: created,
      embed: false,
      expired: false,
      fileDropCreateFolders: true,
      formId: this.random.int(100, 999),
      hasNotification: true,
      hasPassword: false,
      inherited: false,
      isPublic: true,
      requireEmail: true,
      resent: false,
      status: 1,
      trackingStatus: 'sent',
      ownerHash: this.random.hex(12),
      recipients: [],
      messages: [],
    };
  }
}
