/**
 * Hyperparameters that may change over training (SB3 `Schedule`): a function of
 * `progressRemaining`, which goes from 1 at the start of `learn()` to 0 at its end. A config gives
 * `number | Schedule`; it is normalised once with `toScheduleFn`.
 */

/** Data form (JSON-friendly) or a function of progressRemaining in [0, 1]. */
export type Schedule = { kind: 'linear'; start: number; end: number } | ((progressRemaining: number) => number);

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
  if (value.kind === 'linear' && Number.isFinite(value.start) && Number.isFinite(value.end)) {
    const { start, end } = value;
    return (p) => end + (start - end) * p;
  }
  throw new RangeError(`${field} must be a number or { kind: 'linear', start, end }, got ${JSON.stringify(value)}`);
}

/** JSON description of a schedule for policy.json ('custom function' when not data). */
export function describeSchedule(value: number | Schedule | null): number | { kind: 'linear'; start: number; end: number } | string | null {
  return typeof value === 'function' ? 'custom function' : value;
}
