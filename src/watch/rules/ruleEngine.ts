// The watch's rules over the stream of new entries, as a poller delivers them: batch after batch,
// overlapping earlier ones, out of order, late by minutes, some entries without a time. Pure: it
// takes the state the previous batch returned (plain JSON, bounded: what can no longer matter is
// dropped) and returns the next one with the incidents that opened or changed.
//
// - Entries are deduplicated by id (per log), and placed by their time, not by when they came.
// - An entry later than LATE_ALLOWANCE_MINUTES behind the newest of its log (beyond every window)
//   is dropped: what it could have joined is gone from the state.
// - An entry without a time cannot be placed in a window: the time-window rules (endpoints, logins,
//   deletions) skip it. A watched path's operation is worth reporting whenever it happened, so it
//   joins that path's latest incident, or opens one without times.
// - An incident's entries are those that set it off and the ones around them (each within the rule's
//   minutes of the next, or in the same run of failures), then every later one within those minutes
//   of its last; an endpoint's, every later failure until a later success resolves it. Entries of one
//   second are in id order. A late entry joins the incident it belongs to (every incident within
//   reach is kept, not only the latest) or sets one off; it never withdraws one.
import type { ActivityEntry } from '../../api/models';
import { activityKindOf } from '../../activity/logSchema';
import { MAX_INCIDENT_ENTRY_IDS, RULE_LOG, type Incident, type RuleId } from './incident';
import { observationsOf, parametersOf, type Observation, type RuleParameters } from './ruleObservations';
import type { WatchThresholds } from './ruleThresholds';
import { forgetOutOfReach, noEntriesSeen, reachStart, takeUnseen, type SeenEntries } from './seenEntries';

export { LATE_ALLOWANCE_MINUTES } from './seenEntries';

const MINUTE = 60_000;
const MAX_EVENTS_PER_SUBJECT = 2000;
const MAX_SUBJECTS = 2000;

/** One entry a rule looks at: `hit` when it counts toward the rule (a failure, a deletion...), else an endpoint's success. */
interface Tracked {
  id: number;
  time: number;
  hit: boolean;
}

/** What one rule knows about one subject. */
interface SubjectState {
  rule: RuleId;
  subject: string;
  operations?: string[];
  /** Entries in no incident yet, by time then id. */
  events: Tracked[];
  /** Its incidents that entries may still join (a late entry may belong to an earlier one), by first time; one without times last. */
  incidents: IncidentTrack[];
}

interface IncidentTrack {
  incident: Incident;
  /** Its entries, [id, time (null: none)], by time, the first MAX_INCIDENT_ENTRY_IDS. */
  evidence: [number, number | null][];
  /** Its first and last timed entry, and the success that resolved an endpoint's, as [time, id]: entries of one second are in id order. */
  first?: Place;
  lastHit?: Place;
  resolvedBy?: Place;
}

/** Where an entry is in its log: [time, id]. */
type Place = [number, number];

const placeOf = (event: { id: number; time: number }): Place => [event.time, event.id];
const isBefore = (a: Place, b: Place) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);

export interface RuleState extends SeenEntries {
  version: 1;
  subjects: Record<string, SubjectState>;
}

export interface RuleResult {
  state: RuleState;
  /** Incidents this batch opened, as they stand after it. */
  opened: Incident[];
  /** Incidents opened before that this batch changed (more entries, resolved). */
  updated: Incident[];
}

export function emptyRuleState(): RuleState {
  return { version: 1, ...noEntriesSeen(), subjects: {} };
}

/** Runs the rules over one batch of new entries. `previous` is left as it was. */
export function applyRules(previous: RuleState, batch: readonly ActivityEntry[], thresholds: WatchThresholds, account?: string): RuleResult {
  const state = structuredClone(previous);
  const run = new BatchRun(state, thresholds, account);
  run.take(batch);
  return { state, opened: run.opened(), updated: run.updated() };
}

class BatchRun {
  private readonly before = new Map<string, string>();
  private readonly touched = new Map<string, Incident>();
  private readonly openedIds = new Set<string>();

  constructor(
    private readonly state: RuleState,
    private readonly thresholds: WatchThresholds,
    private readonly account: string | undefined,
  ) {
    for (const { incident } of Object.values(state.subjects).flatMap((subject) => subject.incidents)) {
      this.before.set(incident.id, JSON.stringify(incident));
    }
  }

  take(batch: readonly ActivityEntry[]): void {
    const fresh = takeUnseen(this.state, batch);
    const timed = fresh.filter((entry) => entry.created !== undefined && !this.tooLate(entry)).sort((a, b) => a.created! - b.created! || a.id - b.id);
    const subjects = new Set<SubjectState>();
    for (const entry of timed) {
      const log = activityKindOf(entry.kind);
      this.state.newest[log] = Math.max(this.state.newest[log] ?? -Infinity, entry.created!);
      for (const observed of observationsOf(entry, this.thresholds)) {
        const subject = this.subject(observed);
        subject.events.push({ id: entry.id, time: entry.created!, hit: observed.hit });
        subjects.add(subject);
      }
    }
    for (const subject of Object.values(this.state.subjects)) {
      if (subjects.has(subject) || subject.incidents.some(({ incident }) => incident.state === 'ongoing')) {
        subject.events.sort((a, b) => a.time - b.time || a.id - b.id);
        this.evaluate(subject);
      }
    }
    for (const entry of fresh.filter((candidate) => candidate.created === undefined)) {
      for (const observed of observationsOf(entry, this.thresholds).filter((candidate) => candidate.rule === 'watchedPath')) {
        this.placeUntimed(this.subject(observed), entry.id);
      }
    }
    this.prune();
  }

  opened(): Incident[] {
    return [...this.touched.values()].filter((incident) => this.openedIds.has(incident.id)).map((incident) => structuredClone(incident));
  }

  updated(): Incident[] {
    return [...this.touched.values()]
      .filter((incident) => !this.openedIds.has(incident.id) && this.before.get(incident.id) !== JSON.stringify(incident))
      .map((incident) => structuredClone(incident));
  }

  /** Behind the newest entry of its log by more than any rule looks back. */
  private tooLate(entry: ActivityEntry): boolean {
    return entry.created! < reachStart(this.state, activityKindOf(entry.kind), this.thresholds);
  }

  private subject(observed: Observation): SubjectState {
    const key = JSON.stringify([observed.rule, observed.subject, ...(observed.operations ? [[...observed.operations].sort()] : [])]);
    return (this.state.subjects[key] ??= { rule: observed.rule, subject: observed.subject, ...(observed.operations ? { operations: observed.operations } : {}), events: [], incidents: [] });
  }

  /** Joins what can join the subject's incidents, resolves them, and opens the next one, until nothing changes. */
  private evaluate(subject: SubjectState): void {
    const rule = parametersOf(subject.rule, this.thresholds);
    for (;;) {
      for (const track of subject.incidents) {
        this.join(subject, track, rule);
        this.resolve(subject, track, rule);
      }
      if (!this.open(subject, rule)) {
        return;
      }
    }
  }

  /** Until none is left: each one that joins can bring the next within reach. */
  private join(subject: SubjectState, track: IncidentTrack, rule: RuleParameters): void {
    const { first, lastHit } = track;
    if (!first || !lastHit) {
      return;
    }
    const window = rule.minutes * MINUTE;
    // An endpoint's failure joins unless a success came between it and the incident; the other rules' within the minutes.
    const successBetween = (from: Place, to: Place) => subject.events.some((other) => !other.hit && isBefore(from, placeOf(other)) && isBefore(placeOf(other), to));
    const joining = subject.events.filter((event) => event.hit && event.time >= first[0] - window && (rule.resolvedBy === 'success'
      ? !successBetween(placeOf(event), first) && !successBetween(lastHit, placeOf(event))
      : event.time <= lastHit[0] + window));
    if (joining.length > 0) {
      const joined = new Set(joining);
      subject.events = subject.events.filter((event) => !joined.has(event));
      this.record(track, joining);
      this.join(subject, track, rule);
    }
  }

  private resolve(subject: SubjectState, track: IncidentTrack, rule: RuleParameters): void {
    const { incident, lastHit } = track;
    if (!lastHit) {
      return;
    }
    const wasResolved = incident.state === 'resolved';
    if (rule.resolvedBy === 'success') {
      const success = subject.events.find((event) => !event.hit && isBefore(lastHit, placeOf(event)));
      if (success && !wasResolved) {
        incident.state = 'resolved';
        incident.resolvedAt = success.time;
        track.resolvedBy = placeOf(success);
      }
    } else {
      // Quiet for the rule's minutes since its last entry, as far as the newest entry of the log shows.
      const end = lastHit[0] + rule.minutes * MINUTE;
      const quiet = (this.state.newest[RULE_LOG[subject.rule]] ?? -Infinity) > end;
      incident.state = quiet ? 'resolved' : 'ongoing';
      if (quiet) {
        incident.resolvedAt = end;
      } else {
        delete incident.resolvedAt;
      }
    }
    if (wasResolved !== (incident.state === 'resolved')) {
      this.touched.set(incident.id, incident);
    }
  }

  /** Opens an incident when entries outside the subject's incidents meet the rule; whether it did. */
  private open(subject: SubjectState, rule: RuleParameters): boolean {
    const window = rule.minutes * MINUTE;
    // Each incident's reach: from its first entry past the success that resolved an endpoint's, or past the quiet end of the others'.
    const spans = subject.incidents.filter((track) => track.first && track.lastHit).map((track): [Place, Place] => [track.first!,
      track.resolvedBy ?? (rule.resolvedBy === 'success' ? track.lastHit! : [track.incident.resolvedAt ?? track.lastHit![0], Infinity])]);
    const hits: Tracked[] = [];
    let run = 0;
    let chainStart = 0;
    let windowStart = 0;
    for (const event of subject.events) {
      const place = placeOf(event);
      if (spans.some(([from, to]) => !isBefore(place, from) && !isBefore(to, place))) {
        // Within an incident: no run, chain or window goes across it.
        run = 0;
        chainStart = windowStart = hits.length;
        continue;
      }
      if (!event.hit) {
        run = 0;
        continue;
      }
      hits.push(event);
      run++;
      const at = hits.length - 1;
      if (at > chainStart && event.time - hits[at - 1]!.time > window) {
        chainStart = at;
      }
      while (hits[windowStart]!.time < event.time - window) {
        windowStart++;
      }
      if ((rule.count > 0 && at - windowStart + 1 >= rule.count) || (rule.inARow > 0 && run >= rule.inARow)) {
        const evidence = hits.slice(Math.min(chainStart, at - run + 1), at + 1);
        const claimed = new Set(evidence);
        subject.events = subject.events.filter((other) => !claimed.has(other));
        const track = this.newIncident(subject, `${evidence[0]!.time}`);
        this.record(track, evidence);
        return true;
      }
    }
    return false;
  }

  /** An operation on a watched path without a time: with the path's latest incident, or one of its own. */
  private placeUntimed(subject: SubjectState, id: number): void {
    // Nothing to wait for in one of its own: no window to be quiet in.
    const track = subject.incidents[subject.incidents.length - 1] ?? this.newIncident(subject, `untimed ${id}`, 'resolved');
    this.record(track, [{ id, time: null }]);
  }

  private newIncident(subject: SubjectState, firstKnown: string, state: Incident['state'] = 'ongoing'): IncidentTrack {
    const incident: Incident = {
      id: `${subject.rule}|${subject.subject}|${firstKnown}`, rule: subject.rule, ...(this.account === undefined ? {} : { account: this.account }),
      subject: subject.subject, ...(subject.operations ? { operations: subject.operations } : {}),
      firstTime: undefined, lastTime: undefined, count: 0, entryIds: [], state,
    };
    const track: IncidentTrack = { incident, evidence: [] };
    // By first time; one without times (only ever the first of its subject) stays last.
    subject.incidents.push(track);
    subject.incidents.sort((a, b) => (a.first?.[0] ?? Infinity) - (b.first?.[0] ?? Infinity));
    this.openedIds.add(incident.id);
    return track;
  }

  private record(track: IncidentTrack, events: readonly { id: number; time: number | null }[]): void {
    const { incident, evidence } = track;
    for (const { id, time } of events) {
      evidence.push([id, time]);
      incident.count++;
      if (time !== null) {
        const place: Place = [time, id];
        track.first = track.first && isBefore(track.first, place) ? track.first : place;
        track.lastHit = track.lastHit && isBefore(place, track.lastHit) ? track.lastHit : place;
        [incident.firstTime, incident.lastTime] = [track.first[0], track.lastHit[0]];
      }
    }
    // By time, untimed last; the first ones kept.
    evidence.sort((a, b) => (a[1] ?? Infinity) - (b[1] ?? Infinity) || a[0] - b[0]);
    evidence.splice(MAX_INCIDENT_ENTRY_IDS);
    incident.entryIds = evidence.map(([id]) => id);
    this.touched.set(incident.id, incident);
  }

  /** Drops what no rule can use any more: entries and ids out of reach, resolved incidents that nothing can join. */
  private prune(): void {
    forgetOutOfReach(this.state, this.thresholds);
    for (const [key, subject] of Object.entries(this.state.subjects)) {
      const from = reachStart(this.state, RULE_LOG[subject.rule], this.thresholds);
      subject.events = subject.events.filter((event) => event.time >= from).slice(-MAX_EVENTS_PER_SUBJECT);
      subject.incidents = subject.incidents.filter(({ incident }) => incident.state === 'ongoing' || incident.lastTime === undefined || incident.lastTime >= from);
      if (subject.events.length === 0 && subject.incidents.length === 0) {
        delete this.state.subjects[key];
      }
    }
    const keys = Object.keys(this.state.subjects);
    if (keys.length > MAX_SUBJECTS) {
      // The quietest first, never one with an ongoing incident.
      const latest = (subject: SubjectState) => subject.events[subject.events.length - 1]?.time ?? subject.incidents[subject.incidents.length - 1]?.incident.lastTime ?? -Infinity;
      const droppable = keys.filter((key) => !this.state.subjects[key]!.incidents.some(({ incident }) => incident.state === 'ongoing'))
        .sort((a, b) => latest(this.state.subjects[a]!) - latest(this.state.subjects[b]!));
      for (const key of droppable.slice(0, keys.length - MAX_SUBJECTS)) {
        delete this.state.subjects[key];
      }
    }
  }
}

