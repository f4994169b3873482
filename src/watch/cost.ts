// What watching costs of the account's daily allowance, and the interval that keeps it within a share.
// Pure: the poller and the settings' descriptions both use it.
import * as l10n from '@vscode/l10n';
import { counted } from '../activity/counted';

const DAY_MS = 24 * 60 * 60 * 1000;

/** When no response has said X-RateLimit-Limit yet: the smallest plan ExaVault sells (API-NOTES.md). */
export const DEFAULT_DAILY_ALLOWANCE = 50_000;

/** The default of `exavault.watch.maxShareOfAllowance`: watching leaves 95% of the allowance to everything else. */
export const DEFAULT_MAX_SHARE_OF_ALLOWANCE = 0.05;

export interface CostInput {
  intervalMs: number;
  /** Logs polled each interval (a log polled with two filters counts twice). */
  streams: number;
  /** X-RateLimit-Limit as last seen; undefined when unknown. */
  dailyAllowance: number | undefined;
  /**
   * Calls one stream makes per poll: 1 on a quiet account (one short page); more when entries come
   * faster than a page a poll. Default 1.
   */
  callsPerPoll?: number;
}

export interface CostEstimate {
  callsPerDay: number;
  dailyAllowance: number;
  /** Calls a day (before rounding) / dailyAllowance, 0..∞. */
  share: number;
}

export function estimateCost(input: CostInput): CostEstimate {
  const dailyAllowance = allowanceOrDefault(input.dailyAllowance);
  const calls = (DAY_MS / input.intervalMs) * input.streams * (input.callsPerPoll ?? 1);
  return { callsPerDay: Math.round(calls), dailyAllowance, share: calls / dailyAllowance };
}

/**
 * The part of the share the interval is stretched to aim at. A busy account's calls a poll swing by a
 * page or so around their average (the estimate); aiming a tenth below the share keeps the calls
 * counted under it, as `npm run bench:watch` measures.
 */
export const STRETCH_TO_SHARE = 0.9;

/**
 * The interval to poll at: the one asked for, or longer (to the next whole second) when the asked one
 * would spend more than STRETCH_TO_SHARE of `maxShare` of the allowance a day.
 */
export function intervalWithinShare(input: CostInput & { maxShare?: number }): number {
  const maxShare = input.maxShare ?? DEFAULT_MAX_SHARE_OF_ALLOWANCE;
  const callsAllowed = allowanceOrDefault(input.dailyAllowance) * maxShare * STRETCH_TO_SHARE;
  const shortest = (DAY_MS * input.streams * (input.callsPerPoll ?? 1)) / callsAllowed;
  return Math.max(input.intervalMs, Math.ceil(shortest / 1000) * 1000);
}

/** "about 2,880 calls a day, 5.8% of your allowance": for the setting's description and the Incidents view. */
export function costText(estimate: CostEstimate): string {
  const percent = estimate.share * 100;
  return l10n.t('about {0} a day, {1}% of your allowance', counted(estimate.callsPerDay, 'calls'),
    percent.toLocaleString(undefined, { maximumFractionDigits: percent < 10 ? 1 : 0 }));
}

function allowanceOrDefault(allowance: number | undefined): number {
  return allowance !== undefined && Number.isFinite(allowance) && allowance > 0 ? allowance : DEFAULT_DAILY_ALLOWANCE;
}

/** What watching an account will cost before any poll: the interval asked for, stretched to the share, one call a stream a poll. */
export function plannedCost(input: { intervalMs: number; maxShare: number; streams: number; dailyAllowance: number | undefined }): CostEstimate {
  return estimateCost({ ...input, intervalMs: intervalWithinShare(input) });
}
