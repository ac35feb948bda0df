import { describe, expect, it } from 'vitest';
import { BAR_SIZE, barLine, etaSeconds, formatDuration, formatPct, makeProgress } from './progress.js';
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
      expect.stringMatching(/^steps 100\/1000 \(10%\) \| fps 5000 \| ep_rew_mean 12\.346 \| eval - of optimal \| ETA (\d+s|\d+m\d\ds|\d+h\d\dm|-)$/),
      'eval @ 200 steps',
      expect.stringMatching(/^steps 200\/1000 \(20%\) \| fps 5000 \| ep_rew_mean 13\.000 \| eval 50\.00% of optimal \| ETA /),
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

  it('the bar line fits 80 columns at its widest, with an ETA', () => {
    const bar = '\u2588'.repeat(BAR_SIZE);
    const widest = barLine(bar, { value: 99_990_000, total: 99_990_000, fps: 99_999, pctOptimal: -12.3456, etaSeconds: 359_999 });
    expect(widest.length).toBeLessThanOrEqual(80);
    expect(barLine(bar.replace(/\u2588/g, '-'), { value: 503_808, total: 1_003_520, fps: 7012.4, pctOptimal: 0.99581, etaSeconds: 71.4 })).toBe(
      '[----------------]  50% 504k/1.00M | 7012/s | eval 99.58% | ETA 1m11s',
    );
    expect(formatDuration(3725)).toBe('1h02m');
    expect(formatDuration(NaN)).toBe('-');
    expect(etaSeconds(600, 1000, 200, 10)).toBe(10); // 400 steps in 10 s, 400 to go
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
