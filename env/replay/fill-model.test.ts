/**
 * fill-model.ts's own rules: the Poisson step probability min(1, A e^{-k delta} dt), the
 * trade-cross tests at our price ('touch': reaching it counts, within 1e-9 relative; 'strict':
 * through it by more than that), which models are queue models, and the frozen defaults.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_FILL_MODEL, FILL_MODELS, crossesAsk, crossesBid, isQueueModel, poissonFillProbability } from './fill-model.js';

describe('poissonFillProbability', () => {
  it('is min(1, A exp(-k delta) dt)', () => {
    expect(poissonFillProbability(2, 10, 0.1, 1)).toBeCloseTo(2 * Math.exp(-1), 15);
    expect(poissonFillProbability(140, 1.5, 0, 0.005)).toBeCloseTo(0.7, 15);
    expect(poissonFillProbability(140, 1.5, 2, 0.005)).toBeCloseTo(0.7 * Math.exp(-3), 15);
    expect(poissonFillProbability(2, 10, 0, 1)).toBe(1); // 2 capped
    expect(poissonFillProbability(2, 10, Math.log(2) / 10, 1)).toBeCloseTo(1, 12);
    expect(poissonFillProbability(0.3, 1, -1, 1)).toBeCloseTo(0.3 * Math.E, 14); // through the mid: larger
  });
});

describe('crossesBid / crossesAsk', () => {
  const bid = 99.95;
  const ask = 100.05;
  const eps = (p: number): number => 1e-9 * p;

  it('touch: a sell at or below our bid reaches it, one above does not (1e-9 relative slack)', () => {
    expect(crossesBid(99.9, bid, false)).toBe(true);
    expect(crossesBid(bid, bid, false)).toBe(true);
    expect(crossesBid(bid + 0.5 * eps(bid), bid, false)).toBe(true); // round-off of the same price
    expect(crossesBid(bid + 2 * eps(bid), bid, false)).toBe(false);
    expect(crossesBid(99.96, bid, false)).toBe(false);
  });

  it('strict: the sell must trade through our bid by more than the slack', () => {
    expect(crossesBid(99.9, bid, true)).toBe(true);
    expect(crossesBid(bid, bid, true)).toBe(false);
    expect(crossesBid(bid - 0.5 * eps(bid), bid, true)).toBe(false);
    expect(crossesBid(bid - 2 * eps(bid), bid, true)).toBe(true);
  });

  it('mirror for the ask: a buy at or above it (touch), above it (strict)', () => {
    expect(crossesAsk(100.1, ask, false)).toBe(true);
    expect(crossesAsk(ask, ask, false)).toBe(true);
    expect(crossesAsk(ask - 0.5 * eps(ask), ask, false)).toBe(true);
    expect(crossesAsk(ask - 2 * eps(ask), ask, false)).toBe(false);
    expect(crossesAsk(100.04, ask, false)).toBe(false);
    expect(crossesAsk(ask, ask, true)).toBe(false);
    expect(crossesAsk(ask + 2 * eps(ask), ask, true)).toBe(true);
  });

  it('never fill against a missing quote (NaN)', () => {
    for (const strict of [false, true]) {
      expect(crossesBid(1, NaN, strict)).toBe(false);
      expect(crossesAsk(1e9, NaN, strict)).toBe(false);
    }
  });
});

describe('fill model names and defaults', () => {
  it('lists the five models; the two queue models are the ones tracking queue position', () => {
    expect(FILL_MODELS).toEqual(['trade-cross', 'poisson', 'hybrid', 'risk-averse-queue', 'prob-queue']);
    expect(FILL_MODELS.filter(isQueueModel)).toEqual(['risk-averse-queue', 'prob-queue']);
  });

  it('defaults to trade-cross touch, hybrid weight 0.5, power queue of exponent 2, no latency (frozen)', () => {
    expect(DEFAULT_FILL_MODEL).toEqual({ model: 'trade-cross', cross: 'touch', hybridWeight: 0.5, queueFunc: 'power', queuePower: 2, latencyMs: 0 });
    expect(Object.isFrozen(DEFAULT_FILL_MODEL)).toBe(true);
  });
});
