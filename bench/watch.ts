// `npm run bench:watch`: what watching an account costs, counted at the server per simulated hour,
// against the estimate the poller shows (target within 10%, never above the share of the allowance).
// Three accounts: quiet (nothing arrives), busy (more than a page a poll) and flooded (more than the
// share can follow: the interval stretches and the poller says it is behind). Time is simulated: the
// server's clock and the poller's timers are driven here, so an hour takes as long as its calls do.
// Then how soon an incident is found (target within one interval + 2 s): from the call that
// completes a rule (as the server logs it) to the rules opening the incident, which is when the
// extension's watch fires the event its notification is shown from. The wait for the poll is on the
// simulated clock; the poll itself (the calls to the server, in real time) and the rules, in real time.
import { createHash } from 'node:crypto';
import { ExaVaultClient } from '../src/api/client';
import { DEFAULT_MAX_SHARE_OF_ALLOWANCE } from '../src/watch/cost';
import { Poller } from '../src/watch/poller';
import { applyRules, emptyRuleState } from '../src/watch/rules/ruleEngine';
import { DEFAULT_WATCH_THRESHOLDS } from '../src/watch/rules/ruleThresholds';
import { startExaVaultServer, type RunningExaVaultServer } from '../server/index';
import { ManualTimers } from '../test/support/manualTimers';
import { runBenchmark, spreadLine, verifySetup, type Claim } from './lib';

const HOUR = 60 * 60 * 1000;
// A fixed date: nothing here depends on today's.
const START = Date.parse('2026-07-01T12:00:00Z');
const ACCOUNT = 'watchbench';
const ALLOWANCE = 50_000;
const ASKED_INTERVAL_MS = 120_000;
const PAGE_SIZE = 50;
const MAX_PAGES = 10;
/** Arrivals are spread over each simulated minute in this many steps. */
const ARRIVAL_STEP_MS = 20_000;

interface Scenario {
  name: string;
  /** Arrivals per simulated minute. */
  sessionsPerMinute: number;
  webhooksPerMinute: number;
  /** Hours run first and not counted: the interval settles as the poller learns the calls a poll takes. */
  warmUpHours: number;
  measuredHours: number;
  /** Whether every arrival can be passed on within the share: then each must be, exactly once. */
  followable: boolean;
}

const SCENARIOS: readonly Scenario[] = [
  { name: 'quiet', sessionsPerMinute: 0, webhooksPerMinute: 0, warmUpHours: 1, measuredHours: 6, followable: true },
  { name: 'busy', sessionsPerMinute: 30, webhooksPerMinute: 6, warmUpHours: 1, measuredHours: 4, followable: true },
  { name: 'flooded', sessionsPerMinute: 120, webhooksPerMinute: 6, warmUpHours: 2, measuredHours: 3, followable: false },
];

interface HourFigure {
  calls: number;
  /** callsPerDay / 24 as the poller showed it when the hour began. */
  estimate: number;
  intervalMs: number;
}

interface Outcome {
  claims: Claim[];
  hours: HourFigure[];
  behindPolls: number;
  checksum: string;
}

async function simulate(scenario: Scenario): Promise<Outcome> {
  const timers = new ManualTimers(START);
  const server = await startExaVaultServer({
    seed: 7, sessions: 10, webhooks: 0, accountName: ACCOUNT, now: new Date(START), clock: timers.clock, dailyAllowance: ALLOWANCE, maxLimit: 1000,
  });
  // As the extension's client: a dropped keep-alive connection is retried; a 429 is left to the poller.
  const client = new ExaVaultClient(new URL(server.baseUrl), { apiKey: server.apiKey, accessToken: server.accessToken }, { rateLimitRetries: 0 });
  const poller = new Poller({ source: client, intervalMs: ASKED_INTERVAL_MS, pageSize: PAGE_SIZE, maxPagesPerPoll: MAX_PAGES, clock: timers.clock, timers });
  const passedOn = new Map<string, number>();
  let behindPolls = 0;
  let failedPolls = 0;
  poller.onState((state) => {
    failedPolls += state.kind === 'watching' ? 0 : 1;
  });
  poller.onEntries(({ stream, entries, behind }) => {
    entries.forEach((entry) => passedOn.set(`${stream.log}:${entry.id}`, (passedOn.get(`${stream.log}:${entry.id}`) ?? 0) + 1));
    behindPolls += behind ? 1 : 0;
  });
  try {
    const account = await client.getAccount();
    const initial = { sessions: server.sessions.length, webhooks: server.webhooks.length };
    server.resetStats();
    poller.start();
    const hours: HourFigure[] = [];
    const totalHours = scenario.warmUpHours + scenario.measuredHours;
    for (let hour = 0; hour < totalHours; hour++) {
      const before = server.stats().requests;
      const shown = { estimate: poller.cost.callsPerDay / 24, intervalMs: poller.intervalMs };
      const hourEnd = START + (hour + 1) * HOUR;
      while (timers.now < hourEnd) {
        await runTimersUntil(timers, poller, timers.now + ARRIVAL_STEP_MS);
        arrive(server, scenario);
      }
      if (hour >= scenario.warmUpHours) {
        hours.push({ calls: server.stats().requests - before, ...shown });
      }
    }
    await runTimersUntil(timers, poller, timers.now + poller.intervalMs);
    poller.dispose();
    const arrived = { sessions: server.sessions.length - initial.sessions, webhooks: server.webhooks.length - initial.webhooks };
    const simulatedMs = timers.now - START;
    const arrivedKeys = [...server.sessions.slice(0, arrived.sessions).map((s) => `session:${s.id}`), ...server.webhooks.slice(0, arrived.webhooks).map((w) => `webhook:${w.id}`)];
    const claims: Claim[] = [
      { what: `${scenario.name}: account`, claimed: ACCOUNT, found: account.accountName },
      { what: `${scenario.name}: daily allowance (X-RateLimit-Limit)`, claimed: ALLOWANCE, found: client.rateLimit?.limit ?? 0 },
      { what: `${scenario.name}: simulated duration, hours (warm-up of ${scenario.warmUpHours} not counted)`, claimed: totalHours, found: Math.floor(simulatedMs / HOUR) },
      { what: `${scenario.name}: session entries arrived`, claimed: scenario.sessionsPerMinute * totalHours * 60, found: arrived.sessions },
      { what: `${scenario.name}: webhook calls arrived`, claimed: scenario.webhooksPerMinute * totalHours * 60, found: arrived.webhooks },
      { what: `${scenario.name}: no entry passed on twice`, claimed: true, found: [...passedOn.values()].every((n) => n === 1) },
      { what: `${scenario.name}: polls that failed`, claimed: 0, found: failedPolls },
    ];
    if (scenario.followable) {
      claims.push({ what: `${scenario.name}: every arrival passed on`, claimed: arrivedKeys.length, found: arrivedKeys.filter((key) => passedOn.has(key)).length });
    }
    return { claims, hours, behindPolls, checksum: checksumOf([...passedOn.keys()]) };
  } finally {
    client.dispose();
    await server.close();
  }
}

/** Outages detected, each begun at another point of the interval. */
const DETECTION_ROUNDS = 12;

interface Detection {
  /** From the completing call's logged time to the poll that read it, on the simulated clock. */
  waitMs: number;
  /** From that poll's start to the rules opening the incident, in real time. */
  processingMs: number;
}

/**
 * Outages on a quiet watched account, each starting at another point between two polls: as many
 * failed calls in a row as the endpoint rule needs, at once, so the last of them completes the rule.
 * After each, the endpoint answers again and the next poll sees it resolved.
 */
async function detect(): Promise<{ claims: Claim[]; detections: Detection[]; intervalMs: number }> {
  const timers = new ManualTimers(START);
  const server = await startExaVaultServer({ seed: 11, sessions: 10, webhooks: 10, accountName: ACCOUNT, now: new Date(START), clock: timers.clock, dailyAllowance: ALLOWANCE });
  const client = new ExaVaultClient(new URL(server.baseUrl), { apiKey: server.apiKey, accessToken: server.accessToken }, { rateLimitRetries: 0 });
  const poller = new Poller({ source: client, intervalMs: ASKED_INTERVAL_MS, clock: timers.clock, timers });
  const thresholds = DEFAULT_WATCH_THRESHOLDS;
  let ruleState = emptyRuleState();
  const opened: { subject: string; entryIds: number[]; at: number }[] = [];
  // As the watch's take(): the rules over each batch passed on, in the order the poller passes them.
  poller.onEntries(({ entries }) => {
    const result = applyRules(ruleState, entries, thresholds, ACCOUNT);
    ruleState = result.state;
    result.opened.forEach((incident) => opened.push({ subject: incident.subject, entryIds: incident.entryIds, at: performance.now() }));
  });
  const detections: Detection[] = [];
  const claims: Claim[] = [];
  try {
    poller.start();
    const intervalMs = poller.intervalMs;
    let matched = 0;
    for (let round = 0; round < DETECTION_ROUNDS; round++) {
      // The clock to a point inside the interval that ends with the next poll.
      const nextPoll = timers.now + timers.pending[0]!;
      timers.now = nextPoll - intervalMs + Math.round(((round + 0.5) / DETECTION_ROUNDS) * intervalMs);
      const outage = server.inject({ kind: 'outage', calls: thresholds.endpointFailures.inARow, minutes: 0 });
      const before = opened.length;
      let pollStart = 0;
      let pollAt = 0;
      while (opened.length === before) {
        pollAt = timers.now + timers.pending[0]!;
        pollStart = performance.now();
        timers.fireNext();
        await poller.whenIdle();
        if (timers.now - outage.lastTime > 3 * intervalMs) {
          throw new Error(`Round ${round + 1}: no incident three intervals after the outage.`);
        }
      }
      const found = opened.slice(before);
      matched += found.length === 1 && found[0]!.subject === outage.subject.endpointUrl
        && found[0]!.entryIds.join() === outage.entries.map((entry) => entry.id).join() ? 1 : 0;
      detections.push({ waitMs: pollAt - outage.lastTime, processingMs: found[0]!.at - pollStart });
      server.inject({ kind: 'outage-end', endpointUrl: outage.subject.endpointUrl, calls: 1, minutes: 0 });
      timers.fireNext();
      await poller.whenIdle();
    }
    claims.push(
      { what: `detection: outages injected (${thresholds.endpointFailures.inARow} failed calls in a row each)`, claimed: DETECTION_ROUNDS, found: server.injected().filter((i) => i.kind === 'outage').length },
      { what: 'detection: rounds in which the rules opened exactly one incident, on the injected endpoint, with exactly the injected calls', claimed: DETECTION_ROUNDS, found: matched },
      { what: 'detection: incidents still open at the end (each outage was seen to end)', claimed: 0,
        found: Object.values(ruleState.subjects).flatMap((subject) => subject.incidents).filter(({ incident }) => incident.state === 'ongoing').length },
    );
    return { claims, detections, intervalMs };
  } finally {
    poller.dispose();
    client.dispose();
    await server.close();
  }
}

/** Fires every poll due until `time` (each to its end), then sets the clock there. */
async function runTimersUntil(timers: ManualTimers, poller: Poller, time: number): Promise<void> {
  for (let next = timers.pending[0]; next !== undefined && timers.now + next <= time; next = timers.pending[0]) {
    timers.fireNext();
    await poller.whenIdle();
  }
  timers.now = time;
}

/** This step's share of a minute's arrivals, stamped with the server's (simulated) clock. */
function arrive(server: RunningExaVaultServer, scenario: Scenario): void {
  const perStep = ARRIVAL_STEP_MS / 60_000;
  const sessions = scenario.sessionsPerMinute * perStep;
  const webhooks = scenario.webhooksPerMinute * perStep;
  if (sessions > 0 || webhooks > 0) {
    server.arrive({ sessions, webhooks });
  }
}

const mean = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

function percentOff(value: number, reference: number): string {
  const off = ((value - reference) / reference) * 100;
  return `${off >= 0 ? '+' : ''}${off.toFixed(1)}%`;
}

function checksumOf(keys: string[]): string {
  return `${keys.length}:${createHash('sha256').update(keys.sort().join('\n')).digest('hex').slice(0, 16)}`;
}

async function main(): Promise<void> {
  const outcomes = [];
  for (const scenario of SCENARIOS) {
    outcomes.push({ scenario, outcome: await simulate(scenario) });
  }
  const detection = await detect();
  const shareCallsPerHour = (ALLOWANCE * DEFAULT_MAX_SHARE_OF_ALLOWANCE) / 24;
  console.log(`Watch benchmark: one account, both logs, interval asked ${ASKED_INTERVAL_MS / 1000} s, pages of ${PAGE_SIZE} (at most ${MAX_PAGES} a poll), `
    + `arrivals every ${ARRIVAL_STEP_MS / 1000} simulated seconds; time simulated (the server's clock and the poller's timers driven by the benchmark).`);
  console.log(verifySetup([...outcomes.flatMap(({ outcome }) => outcome.claims), ...detection.claims]).join('\n'));
  for (const { scenario, outcome } of outcomes) {
    console.log(`  ${scenario.name}: ${scenario.sessionsPerMinute} session entries and ${scenario.webhooksPerMinute} webhook calls a minute; passed on ${outcome.checksum}`);
  }
  console.log(`Calls counted at the server per simulated hour, against the estimate shown when the hour began (target within 10%), `
    + `and the share (${(DEFAULT_MAX_SHARE_OF_ALLOWANCE * 100).toFixed(0)}% of ${ALLOWANCE.toLocaleString('en')} a day: ${shareCallsPerHour.toFixed(1)} an hour, never above):`);
  let ok = true;
  for (const { scenario, outcome } of outcomes) {
    for (const [index, hour] of outcome.hours.entries()) {
      console.log(`  ${scenario.name.padEnd(8)} hour ${index + 1}: ${String(hour.calls).padStart(4)} calls, estimate ${hour.estimate.toFixed(1).padStart(6)} `
        + `(${percentOff(hour.calls, hour.estimate)}), interval ${(hour.intervalMs / 1000).toFixed(0)} s`);
    }
    // Judged over the measured hours, as the allowance counts over a rolling day: at a seven-minute
    // interval an hour holds 8 or 9 polls, ±12% from whole polls alone.
    const calls = mean(outcome.hours.map((h) => h.calls));
    const estimate = mean(outcome.hours.map((h) => h.estimate));
    const within = Math.abs(calls - estimate) <= 0.1 * estimate;
    const underShare = calls <= shareCallsPerHour;
    ok &&= within && underShare;
    console.log(`  ${scenario.name.padEnd(8)} per hour over ${outcome.hours.length} h: ${calls.toFixed(1)} calls, estimate ${estimate.toFixed(1)} `
      + `(${percentOff(calls, estimate)}, target within 10%: ${within ? 'met' : 'MISSED'}); share ${shareCallsPerHour.toFixed(1)}: ${underShare ? 'kept' : 'EXCEEDED'}`);
    if (outcome.behindPolls > 0) {
      console.log(`  ${scenario.name.padEnd(8)} behind after ${outcome.behindPolls} polls: more arrives than the share can read, and the poller says so`);
    }
  }
  const latencies = detection.detections.map((d) => d.waitMs + d.processingMs);
  const targetMs = detection.intervalMs + 2000;
  const inTime = Math.max(...latencies) <= targetMs;
  ok &&= inTime;
  console.log(`From the call that completes a rule (its logged time) to the rules opening the incident, the event the notification is shown from; `
    + `interval ${detection.intervalMs / 1000} s, ${DETECTION_ROUNDS} outages begun evenly across it:`);
  console.log(spreadLine('waiting for the poll (simulated clock)', detection.detections.map((d) => d.waitMs), 0, 48));
  console.log(spreadLine('the poll and the rules (real time)', detection.detections.map((d) => d.processingMs), 1, 48));
  console.log(spreadLine('in all', latencies, 0, 48));
  console.log(`  longest ${(Math.max(...latencies) / 1000).toFixed(1)} s (target <= one interval + 2 s = ${targetMs / 1000} s: ${inTime ? 'met' : 'MISSED'})`);
  console.log(ok ? 'Targets met.' : 'TARGET MISSED.');
  process.exitCode = ok ? 0 : 1;
}

runBenchmark(main);
