// What the sidebar benchmark in the extension host reports to bench/sidebar.ts, through a file.
export type SidebarBenchResult = {
  /** What was verified before timing, and again after, as lines to print above the figures. */
  setup: string[];
  setupAfter: string[];
  entries: number;
  runs: number;
  arrivingPerRound: number;
  baselineRuns: number[];
  refreshRuns: number[];
  refreshOnlyRuns: number[];
  checksum: string;
} | {
  failure: { kind: 'refused' | 'mismatch' | 'error'; message: string };
};
