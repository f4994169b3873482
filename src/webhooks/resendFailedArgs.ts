import type { TimeRange } from '../search/search';

/** What `exavault.resendFailedCalls` takes from code (the query panel, other views): one endpoint of an account, over a time range. */
export interface ResendFailedCallsArgs {
  /** The active account when absent. */
  accountId?: string;
  endpointUrl: string;
  /** The sidebar's time window when absent. */
  range?: TimeRange;
}
