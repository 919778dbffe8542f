import { SYNC_LIMITS } from './limits';

/*
 * Writes to `storage.sync` are spent from a bucket of tokens, so that no burst of
 * changes reaches Chrome's rates (120 writes a minute, 1,800 an hour). The bucket
 * holds BURST tokens and gains one every REFILL_MS: at most BURST + 60 s / REFILL_MS
 * writes in any minute and BURST + 3,600 s / REFILL_MS in any hour, both well under
 * the limits (a unit test checks the arithmetic and a simulated burst). The state is
 * a plain object stored with the sync status, so a service worker that sleeps between
 * events keeps counting; no timer runs.
 */

export const BURST = 10;
export const REFILL_MS = 4_000;

/** The bucket: tokens left at the instant `at` (ms). */
export interface WriteBudget {
  tokens: number;
  at: number;
}

export const FULL_BUDGET = (now: number): WriteBudget => ({ tokens: BURST, at: now });

/** The bucket at `now`, refilled for the time since it was last counted. */
export function refill(budget: WriteBudget | undefined, now: number): WriteBudget {
  if (!budget || !Number.isFinite(budget.tokens) || !Number.isFinite(budget.at) || budget.at > now) return FULL_BUDGET(now);
  const gained = Math.floor((now - budget.at) / REFILL_MS);
  if (gained === 0) return budget;
  const tokens = Math.min(BURST, budget.tokens + gained);
  // Time left over after the whole tokens counts towards the next one, unless the bucket is full.
  return { tokens, at: tokens === BURST ? now : budget.at + gained * REFILL_MS };
}

/**
 * Takes `count` tokens for one round of writes (a `set` and maybe a `remove`): the new
 * bucket, or, when there are too few, the instant enough will be there.
 */
export function takeTokens(
  budget: WriteBudget | undefined,
  count: number,
  now: number,
): { ok: true; budget: WriteBudget } | { ok: false; retryAt: number } {
  const current = refill(budget, now);
  if (current.tokens >= count) return { ok: true, budget: { tokens: current.tokens - count, at: current.at } };
  return { ok: false, retryAt: current.at + (count - current.tokens) * REFILL_MS };
}

/** The most writes the bucket allows in any window of `windowMs`. */
export function maxWritesIn(windowMs: number): number {
  return BURST + Math.floor(windowMs / REFILL_MS);
}

// Checked once at load, so a change of the constants above that breaks Chrome's rates fails every test.
if (
  maxWritesIn(60_000) > SYNC_LIMITS.MAX_WRITE_OPERATIONS_PER_MINUTE ||
  maxWritesIn(3_600_000) > SYNC_LIMITS.MAX_WRITE_OPERATIONS_PER_HOUR
) {
  throw new Error('SIM Keeper: the sync write budget exceeds storage.sync rate limits');
}
