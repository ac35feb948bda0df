/**
 * Hyperparameters that may change over training (SB3 `Schedule`): a function of
 * `progressRemaining`, which goes from 1 at the start of `learn()` to 0 at its end. A config gives
 * `number | Schedule`; it is normalised once with `toScheduleFn`.
 */
import { rangeError, schedule, scheduleFn, SCHEDULE, validate } from '../util/schema.js';

/**
 * Data form (JSON-friendly) or a function of progressRemaining in [0, 1]. `linear` goes from
 * `start` to `end` over the first `fraction` of training, then stays at `end` (CleanRL's
 * `linear_schedule(start, end, exploration_fraction * total, t)`; fraction 1 = SB3's
 * `get_linear_fn`). @defaultValue fraction 1
 */
export type Schedule = { kind: 'linear'; start: number; end: number; fraction?: number } | ((progressRemaining: number) => number);

/** SB3 `get_linear_fn`-style linear schedule: start at progress 1, end at progress 0. */
export function linearSchedule(start: number, end = 0): Schedule {
  return { kind: 'linear', start, end };
}

/** The schedule as a function (the form checked: RangeErrors name `field`). */
export function toScheduleFn(value: number | Schedule, field: string): (progressRemaining: number) => number {
  return scheduleFn(validate(SCHEDULE, value, { at: field, error: rangeError }));
}

/** JSON description of a schedule for policy.json ('custom function' when not data). */
export function describeSchedule(value: number | Schedule | null): number | { kind: 'linear'; start: number; end: number; fraction?: number } | string | null {
  return typeof value === 'function' ? 'custom function' : value;
}

/**
 * Range check of a number or schedule: a number, a linear schedule's start and end, or a
 * function's values at progress 1, 0.5 and 0 must lie in [lo, hi] (`loOpen`: > lo).
 */
export function checkScheduleRange(field: string, value: number | Schedule, lo: number, hi: number, loOpen = false): void {
  validate(schedule(loOpen ? { gt: lo, max: hi } : { min: lo, max: hi }), value, { at: field, error: rangeError });
}
