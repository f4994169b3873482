import { settings } from '../settings';
import { costText, plannedCost } from '../watch/cost';

/** Both logs, unfiltered: what the watch polls. */
export const WATCHED_STREAMS = 2;

/** "about 576 calls a day, 1.2% of your allowance" for an account, from the settings and its allowance as last seen. */
export function plannedCostText(dailyAllowance: number | undefined): string {
  return costText(plannedCost({ intervalMs: settings.watchIntervalMs(), maxShare: settings.watchMaxShareOfAllowance(), streams: WATCHED_STREAMS, dailyAllowance }));
}
