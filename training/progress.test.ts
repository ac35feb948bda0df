import { describe, expect, it } from 'vitest';
import { formatPct, makeProgress } from './progress.js';
import { pctOfOptimal, returnStats } from './evaluator.js';

function collect(): { lines: string[]; logger: { info: (m: string) => void; warn: (m: string) => void } } {
  const lines: string[] = [];
  return { lines, logger: { info: (m) => void lines.push(m), warn: (m) => void lines.push(`warning: ${m}`) } };
}

describe('progress display', () => {
  it('without a TTY prints plain lines at most once per interval, and the last state on stop', () => {
    const { lines, logger } = collect();
    const p = makeProgress('auto', { total: 1000, start: 0, logger, intervalSeconds: 3600 });
    p.update({ timesteps: 100, fps: 5000.4, epRewMean: 12.3456, pctOptimal: null });
    p.update({ timesteps: 200, fps: 5000, epRewMean: 13, pctOptimal: 0.5 }); // within the interval: not printed
    p.log('eval @ 200 steps');
    p.stop();
    expect(lines).toEqual([
      'steps 100/1000 (10%) | fps 5000 | ep_rew_mean 12.346 | eval - of optimal',
      'eval @ 200 steps',
      'steps 200/1000 (20%) | fps 5000 | ep_rew_mean 13.000 | eval 50.00% of optimal',
    ]);
  });

  it("mode 'none' prints only messages", () => {
    const { lines, logger } = collect();
    const p = makeProgress('none', { total: 10, start: 0, logger });
    p.update({ timesteps: 5, fps: 1, epRewMean: null, pctOptimal: null });
    p.log('hello');
    p.stop();
    expect(lines).toEqual(['hello']);
  });

  it('formats fractions of optimal', () => {
    expect(formatPct(0.98765)).toBe('98.77%');
    expect(formatPct(null)).toBe('-');
  });
});

describe('evaluation statistics', () => {
  it('mean and standard error (n - 1), and % of optimal', () => {
    // 1, 2, 3, 4: mean 2.5, sample std sqrt(5/3), SE sqrt(5/3)/2 (exact, 1e-12)
    const s = returnStats(new Float64Array([1, 2, 3, 4]));
    expect(s.mean).toBe(2.5);
    expect(Math.abs(s.se - Math.sqrt(5 / 3) / 2)).toBeLessThan(1e-12);
    expect(pctOfOptimal(33, 66)).toBe(0.5);
    expect(() => pctOfOptimal(1, 0)).toThrow(/positive HJB mean return .* got 0/);
  });
});
