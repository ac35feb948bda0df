/** Schedules: SB3's linear (fraction 1, unchanged arithmetic) and CleanRL's linear-then-flat. */
import { describe, expect, it } from 'vitest';
import { toScheduleFn } from './schedule.js';

describe('toScheduleFn', () => {
  it('linear: start at progressRemaining 1, end at 0', () => {
    const f = toScheduleFn({ kind: 'linear', start: -2, end: -4.5 }, 'x');
    expect(f(1)).toBe(-2);
    expect(f(0)).toBe(-4.5);
    expect(f(0.5)).toBe(-4.5 + 2.5 * 0.5);
  });
  it('linear with fraction: reaches end after that share of training, then stays', () => {
    const f = toScheduleFn({ kind: 'linear', start: -2, end: -4.5, fraction: 0.25 }, 'x');
    expect(f(1)).toBe(-2);
    expect(f(0.875)).toBeCloseTo(-3.25, 12); // half of the first quarter
    expect(f(0.75)).toBeCloseTo(-4.5, 12);
    expect(f(0.3)).toBe(-4.5);
    expect(f(0)).toBe(-4.5);
  });
  it('bad fractions and unknown keys name the field', () => {
    expect(() => toScheduleFn({ kind: 'linear', start: 1, end: 0, fraction: 0 }, 'logStdSchedule')).toThrow('logStdSchedule.fraction must be > 0 and <= 1, got 0');
    expect(() => toScheduleFn({ kind: 'linear', start: 1, end: 0, fraction: 1.5 }, 'lr')).toThrow('lr.fraction must be > 0 and <= 1, got 1.5');
    expect(() => toScheduleFn({ kind: 'linear', start: 1, end: 0, frac: 0.5 } as never, 'lr')).toThrow(/lr must be a number or \{ kind: 'linear', start, end\[, fraction\] \}/);
  });
});
