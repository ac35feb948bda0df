/**
 * Hyperparameters that may change over training (SB3 `Schedule`): a function of
 * `progressRemaining`, which goes from 1 at the start of `learn()` to 0 at its end. A config gives
 * `number | Schedule`; it is normalised once with `toScheduleFn`.
 */

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

export function toScheduleFn(value: number | Schedule, field: string): (progressRemaining: number) => number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`${field} must be a finite number, got ${value}`);
    return () => value;
  }
  if (typeof value === 'function') return value;
  const keys = Object.keys(value);
  if (value.kind === 'linear' && Number.isFinite(value.start) && Number.isFinite(value.end) && keys.every((k) => ['kind', 'start', 'end', 'fraction'].includes(k))) {
    const { start, end } = value;
    const fraction = value.fraction ?? 1;
    if (!(typeof fraction === 'number' && fraction > 0 && fraction <= 1)) {
      throw new RangeError(`${field}.fraction must be > 0 and <= 1, got ${JSON.stringify(value.fraction)}`);
    }
    if (fraction === 1) return (p) => end + (start - end) * p;
    return (p) => {
      const done = (1 - p) / fraction;
      return done >= 1 ? end : start + (end - start) * done;
    };
  }
  throw new RangeError(`${field} must be a number or { kind: 'linear', start, end[, fraction] }, got ${JSON.stringify(value)}`);
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
  const fn = toScheduleFn(value, field);
  for (const p of [1, 0.5, 0]) {
    const v = fn(p);
    if (!(typeof v === 'number' && Number.isFinite(v) && (loOpen ? v > lo : v >= lo) && v <= hi)) {
      const where = typeof value === 'number' ? '' : ` (at progressRemaining ${p})`;
      throw new RangeError(`${field} must be ${loOpen ? `> ${lo}` : `>= ${lo}`} and <= ${hi}${where}, got ${String(v)}`);
    }
  }
}
