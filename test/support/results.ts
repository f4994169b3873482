// The results file every suite writes, whatever runs it: plain Node, the extension host or Playwright.
// The harness judges a suite by this file alone, so a suite that crashes or hangs before writing it fails.
export interface TestRecord {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs: number;
  error?: string;
}

export interface SuiteResults {
  passed: number;
  failed: number;
  pending: number;
  tests: TestRecord[];
}
