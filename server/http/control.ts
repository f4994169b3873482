// /__control: lets another process (a demo, a benchmark, a UI test) switch faults, read traffic
// counts, make activity arrive, inject incidents a watch should notice (and read what was injected),
// read which session entry caused each generated webhook call, which calls were resent and what really
// happened to each file whose life the log tells. No credentials: the server only listens on loopback.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FileHistory } from '../generate/fileHistory';
import { checkFaults, type FaultSwitches } from './faults';
import type { IncidentInjector, IncidentRequest } from '../query/incidentInjector';
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
  histories: readonly FileHistory[];
  injector: IncidentInjector;
}

export async function serveControl(request: IncomingMessage, response: ServerResponse, path: string, { faults, stats, activity, histories, injector }: ControlTargets): Promise<void> {
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
    case 'POST /inject': {
      // Refused for its shape or for what the account lacks (an unknown endpoint or user): a 400 naming it.
      const incident = await body((value) => injector.inject(value as IncidentRequest));
      if (incident) {
        json(200, incident);
      }
      return;
    }
    case 'GET /injected':
      // Tests compare the incidents a watch finds with exactly what was injected.
      json(200, injector.injected());
      return;
    case 'POST /clear':
      faults.clear();
      json(200, faults.get());
      return;
    case 'GET /causes':
      // Tests compare what a client matched with what the generator recorded.
      json(200, activity.allCauses());
      return;
    case 'GET /file-histories':
      // Tests compare a traced path history with what the generator told.
      json(200, histories);
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
      json(404, { error: `No control ${route}. Try POST /faults, POST /clear, GET /stats, POST /reset-stats, POST /arrive, POST /inject, GET /injected, GET /causes, GET /resends, GET /file-histories.` });
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
