// What a benchmark or test wants to know about the traffic: how many /api/v2 requests, how many at
// once (latency wait included), by path, and how many connections were opened (keep-alive reuse).

export interface ServerStats {
  requests: number;
  inFlight: number;
  maxInFlight: number;
  /** Connections opened since the last reset. */
  connections: number;
  byPath: Record<string, number>;
  /** Milliseconds from each request's arrival to its answer's last byte sent, summed (latency wait included). */
  answerMs: number;
}

export class StatsRecorder {
  private stats = StatsRecorder.empty(0);

  private static empty(inFlight: number): ServerStats {
    return { requests: 0, inFlight, maxInFlight: inFlight, connections: 0, byPath: {}, answerMs: 0 };
  }

  requestStarted(path: string): void {
    const stats = this.stats;
    stats.requests++;
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    stats.byPath[path] = (stats.byPath[path] ?? 0) + 1;
  }

  /** `answerMs`: from the request's arrival to its answer's end. */
  requestEnded(answerMs: number): void {
    this.stats.inFlight--;
    this.stats.answerMs += answerMs;
  }

  connectionOpened(): void {
    this.stats.connections++;
  }

  snapshot(): ServerStats {
    return { ...this.stats, byPath: { ...this.stats.byPath } };
  }

  /** Zeroes the counters; requests still being answered stay in flight. */
  reset(): void {
    this.stats = StatsRecorder.empty(this.stats.inFlight);
  }
}
