// /__control: lets another process (a demo, a benchmark, a UI test) switch faults, read traffic
// counts, make activity arrive and read which session entry caused each generated webhook call
// and which calls were resent. No credentials: the server only listens on loopback.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkFaults, type FaultSwitches } from './faults';
import { checkArrivalCounts, type LiveActivity } from '../query/liveActivity';
import { send } from './pipeline';
import type { StatsRecorder } from './stats';

export const CONTROL_PREFIX = '/__control';
const MAX_BODY_BYTES = 64 * 1024;

/** What the control endpoints act on. */
export interface ControlTargets {
  faults: FaultSwitches;
  stats: StatsRecorder;
  activity: LiveActivity;
}

export async function serveControl(request: IncomingMessage, response: ServerResponse, path: string, { faults, stats, activity }: ControlTargets): Promise<void> {
  const route = `${request.method} ${path.slice(CONTROL_PREFIX.length)}`;
  const json = (status: number, value: unknown) => send(response, status, {}, JSON.stringify(value));
  // The body as JSON, checked by `check`; undefined once a 400 naming the problem has been sent.
  const body = async <T>(check: (value: unknown) => T): Promise<T | undefined> => {
    try {
      return check(JSON.parse(await readBody(request)));
    } catch (error) {
      json(400, { error: error instanceof Error ? error.message : String(error) });
      return undefined;
    }
  };
  switch (route) {
    case 'POST /faults': {
      const changes = await body(checkFaults);
      if (changes) {
        faults.set(changes);
        json(200, faults.get());
      }
      return;
    }
    case 'POST /arrive': {
      const counts = await body(checkArrivalCounts);
      if (counts) {
        json(200, activity.arrive(counts));
      }
      return;
    }
    case 'POST /clear':
      faults.clear();
      json(200, faults.get());
      return;
    case 'GET /causes':
      // Tests compare what a client matched with what the generator recorded.
      json(200, activity.allCauses());
      return;
    case 'GET /resends':
      // What the listeners received again: tests count a bulk resend here, not only in the traffic.
      json(200, activity.resends());
      return;
    case 'GET /stats':
      json(200, stats.snapshot());
      return;
    case 'POST /reset-stats':
      stats.reset();
      json(200, stats.snapshot());
      return;
    default:
      json(404, { error: `No control ${route}. Try POST /faults, POST /clear, GET /stats, POST /reset-stats, POST /arrive, GET /causes, GET /resends.` });
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      throw new Error(`The body is larger than ${MAX_BODY_BYTES} bytes.`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
