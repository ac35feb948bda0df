/** The data behind `mmgym quotes` / `mmgym baseline`: --set parsing, report shapes, optimal values. */
import { describe, expect, it } from 'vitest';
import { evaluateBaseline, quotesReport } from './baseline-report.js';
import { parseSetOverrides } from './env-overrides.js';

describe('--set overrides', () => {
  it('maps the model symbols and dotted paths, parsing values', () => {
    expect(parseSetOverrides(['k=2', 'sigma=3', 'Q=10', 'T=0.5', 'reward.kind=pnl', 'phi=null', 'price.binomial=true'])).toEqual({
      arrivals: { k: 2 },
      price: { sigma: 3, binomial: true },
      maxInventory: 10,
      horizon: 0.5,
      reward: { kind: 'pnl', phi: null },
    });
    expect(() => parseSetOverrides(['k'])).toThrow(/--set must be name=value/);
    expect(parseSetOverrides(['action.grid=[0.25,0.75]', 'observation.features=["inventory","time"]'])).toEqual({
      action: { grid: [0.25, 0.75] },
      observation: { features: ['inventory', 'time'] },
    });
    expect(() => parseSetOverrides(['action.grid=[0.25,'])).toThrow(/--set value \[0.25, starts like JSON but does not parse/);
  });
});

describe('quotes report', () => {
  it('has every inventory level, null on the side not quoted, and stable keys', () => {
    const r = quotesReport({ policy: 'hjb', env: 'default', overrides: parseSetOverrides(['Q=5']), t: 0.5 });
    expect(Object.keys(r)).toEqual(['policy', 'env', 't', 'T', 'Q', 'params', 'quotes']);
    expect(r.quotes.map((x) => x.q)).toEqual([-5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5]);
    expect(r.quotes[0]!.ask).toBeNull();
    expect(r.quotes[10]!.bid).toBeNull();
    expect(r.quotes[5]!.bid).toBeCloseTo(r.quotes[5]!.ask!, 12);
    const as = quotesReport({ policy: 'as', env: 'default', t: 0 });
    expect(as.quotes[25]!.bid! + as.quotes[25]!.ask!).toBeCloseTo(0.1 * 4 + 20 * Math.log1p(0.1 / 1.5), 12);
    expect(() => quotesReport({ policy: 'fixed', env: 'default' })).toThrow(/policy must be one of hjb, hjb-cara, as, glft-asymptotic/);
    expect(() => quotesReport({ policy: 'hjb', env: 'default', t: 2 })).toThrow(/t must be >= 0 and <= 1, got 2/);
    expect(() => quotesReport({ policy: 'hjb', env: 'default', overrides: parseSetOverrides(['k=0']) })).toThrow(/arrivals.k must be > 0, got 0/);
  });
});

describe('baseline report', () => {
  it('summarises episodes and gives the optimum where the env has one', () => {
    const r = evaluateBaseline({ policy: 'hjb', env: 'default', episodes: 200, seed: 3 });
    expect(Object.keys(r)).toEqual([
      'policy', 'env', 'episodes', 'seed', 'numEnvs', 'return', 'terminalPnl', 'absFinalInventory', 'fills',
      'optimalValue', 'optimalReturn', 'optimalNote', 'exactExpectedReturn', 'config',
    ]);
    expect(r.optimalReturn).toBeCloseTo(66.2947, 3);
    expect(r.exactExpectedReturn).toBeCloseTo(66.864, 3);
    expect(Math.abs(r.return.mean - r.exactExpectedReturn!)).toBeLessThan(4 * r.return.se);
    expect(r.fills.mean).toBeGreaterThan(50);
    const hawkes = evaluateBaseline({ policy: 'as', env: 'hawkes', episodes: 20, seed: 0 });
    expect(hawkes.optimalValue).toBeNull();
    expect(hawkes.optimalNote).toMatch(/arrivals.kind is "hawkes"/);
    expect(hawkes.exactExpectedReturn).toBeNull();
  });

  it('is reproducible: same seed, same numbers; batch size does not change episode seeds', () => {
    const a = evaluateBaseline({ policy: 'as', env: 'default', episodes: 30, seed: 11, numEnvs: 30 });
    const b = evaluateBaseline({ policy: 'as', env: 'default', episodes: 30, seed: 11, numEnvs: 7 });
    expect(b.return).toEqual(a.return);
    expect(b.terminalPnl).toEqual(a.terminalPnl);
  });
});
