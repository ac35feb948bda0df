/**
 * ReplayEvents' own rules, driven directly (stepEnv) on hand-made tapes: a quote decided at t0
 * rests from t0 + latencyMs / 1000 (none right after a reset, the previous one until then, also
 * for latencies longer than a step); a trade at the instant a quote activates meets the old
 * quote; trades come before the depth update at the same instant, and both before an activation;
 * trade-cross fills at most once per side per step and not past Q; fills settle cash, quantities
 * and fees. Plus fillLot and every refusal of checkEventFills (setting, allowed values, value).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_ENV_CONFIG, type EnvConfig } from '../config.js';
import { validateConfig } from '../validate-config.js';
import { TapeBuilder, orderIndexAfter, type MarketTape } from '../../marketdata/tape/market-tape.js';
import { DEFAULT_FILL_MODEL, type FillModelConfig } from './fill-model.js';
import { ReplayEvents, checkEventFills, fillLot } from './replay-events.js';
import type { ReplayFill } from './replay-fill.js';

function config(over: Partial<EnvConfig> = {}): EnvConfig {
  return validateConfig({
    ...structuredClone(DEFAULT_ENV_CONFIG as EnvConfig),
    horizon: 10,
    dt: 1,
    tickSize: 0.01,
    arrivals: { kind: 'exponential', A: 2, k: 10 },
    action: { mode: 'depths', maxDepth: 1 },
    ...over,
  });
}

const fill = (over: Partial<FillModelConfig> = {}): FillModelConfig => ({ ...DEFAULT_FILL_MODEL, ...over });

/** Mid 100 (99.99 / 100.01) from 0 to 100 s, and these trades (time, price, side). */
function plainTape(trades: [number, number, 1 | -1][]): MarketTape {
  const b = new TapeBuilder();
  b.quote(0, 99.99, 100.01);
  trades.forEach(([t, p, s], j) => b.trade(t, p, 1, s, `o${j}`));
  b.quote(100, 99.98, 100.02);
  return b.build({ name: 'plain', source: 'test', orderSource: 'trades', tickSize: 0.01 });
}

/** An env-0 driver of ReplayEvents from t0 = 0 with dt = 1 (the core's order cursor kept here). */
function driver(tape: MarketTape, cfg: EnvConfig, f: FillModelConfig) {
  const oi = new Int32Array(1);
  const ev = new ReplayEvents(tape, cfg, f, 1, oi);
  const log: ReplayFill[] = [];
  oi[0] = orderIndexAfter(tape, 0);
  ev.reset(0, 0);
  let k = 0;
  return {
    ev,
    log,
    step(bid: number, ask: number, q = 0) {
      const r = ev.stepEnv(0, k, k + 1, q, bid, ask, log, 0, k + 1);
      k++;
      return { ...r };
    },
  };
}

describe('ReplayEvents latency (trade-cross)', () => {
  it('rests a quote from t0 + latency: none right after reset; the old one until the new one activates, trades at that instant included', () => {
    const tape = plainTape([
      [0.3, 99.95, -1], // before the first quote is live: no fill
      [0.8, 99.95, -1], // fills the bid 99.95 (live from 0.5)
      [1.2, 100.05, 1], // meets the OLD ask 100.10: no fill (the new 100.05 is live from 1.5)
      [1.5, 99.9, -1], // same instant as the activation: meets the OLD bid 99.95 -> fills
      [1.6, 99.9, -1], // the bid already filled this step: at most one per side
      [2.7, 100.05, 1], // the new ask 100.05 fills
    ]);
    const d = driver(tape, config(), fill({ latencyMs: 500 }));
    expect(d.ev.latency).toBe(0.5);
    const s1 = d.step(99.95, 100.1);
    expect([s1.bidQty, s1.askQty, s1.bidPrice, s1.askPrice]).toEqual([1, 0, 99.95, 100.1]);
    expect(s1.cashFlow).toBeCloseTo(-99.95, 12);
    const s2 = d.step(99.9, 100.05, 1);
    expect([s2.bidQty, s2.askQty, s2.bidPrice, s2.askPrice]).toEqual([1, 0, 99.9, 100.05]);
    const s3 = d.step(99.9, 100.05, 2);
    expect([s3.bidQty, s3.askQty]).toEqual([0, 1]);
    expect(s3.cashFlow).toBeCloseTo(100.05, 12);
    expect(d.log.map((f) => [f.step, f.side, f.price, f.size, f.time])).toEqual([
      [1, 1, 99.95, 1, 1],
      [2, 1, 99.95, 1, 2],
      [3, -1, 100.05, 1, 3],
    ]);
  });

  it('keeps every pending quote of a latency longer than a step (2.5 s at dt 1): each rests from its own t0 + 2.5', () => {
    const d = driver(plainTape([]), config(), fill({ latencyMs: 2500 }));
    const resting = [99.9, 99.8, 99.7, 99.6, 99.5, 99.4].map((b) => d.step(b, 100.1).bidPrice);
    // end of step k (t = k): the quote decided at k - 1 - 2 ... live from (k - 3) + 2.5
    expect(resting).toEqual([NaN, NaN, 99.9, 99.8, 99.7, 99.6]);
  });

  it('does not quote a side whose fill would take |q| past Q at the step start', () => {
    const tape = plainTape([
      [0.5, 99.0, -1],
      [0.6, 101.0, 1],
    ]);
    const d = driver(tape, config({ maxInventory: 2 }), fill({ latencyMs: 100 }));
    const s = d.step(99.95, 100.05, 2);
    expect(s.bidPrice).toBeNaN();
    expect([s.bidQty, s.askQty, s.askPrice]).toEqual([0, 1, 100.05]);
  });

  it('charges the fee model\'s maker fee on each fill', () => {
    const tape = plainTape([
      [0.5, 99.0, -1],
      [0.6, 101.0, 1],
    ]);
    const d = driver(tape, config({ fees: { makerPerUnit: 0.01, makerBps: 2 } }), fill({ latencyMs: 100 }));
    const s = d.step(99.95, 100.05);
    expect(s.fees).toBeCloseTo(0.01 + 2e-4 * 99.95 + 0.01 + 2e-4 * 100.05, 12);
    expect(s.cashFlow).toBeCloseTo(100.05 - 99.95, 12);
    expect(d.log.map((f) => f.fee)).toEqual([expect.closeTo(0.01 + 2e-4 * 99.95, 12), expect.closeTo(0.01 + 2e-4 * 100.05, 12)]);
  });
});

describe('ReplayEvents event order (risk-averse queue, orders of 3)', () => {
  /** Sized quotes (time, bid size) at 99.99 / 100.01 and sells at 99.99 (time, size), merged in time order: a trade before the quote update at its instant. */
  function sized(quotes: [number, number][], sells: [number, number][]): MarketTape {
    const b = new TapeBuilder();
    const ev = [...quotes.map(([t, s]) => ({ t, q: s, kind: 1 })), ...sells.map(([t, s]) => ({ t, q: s, kind: 0 }))].sort((x, y) => x.t - y.t || x.kind - y.kind);
    ev.forEach((e, j) => (e.kind === 1 ? b.quote(e.t, 99.99, 100.01, e.q, 5) : b.trade(e.t, 99.99, e.q, -1, `s${j}`)));
    b.quote(100, 99.98, 100.02, 7, 7);
    return b.build({ name: 'sized', source: 'test', orderSource: 'trades', tickSize: 0.01 });
  }

  it('a trade comes before the depth update at the same instant (5 ahead; sell 2 then size 3 at 0.5; sell 4 -> we fill 1, not 3)', () => {
    const tape = sized([[0, 5], [0.5, 3]], [[0.5, 2], [0.8, 4]]);
    const d = driver(tape, config({ orderSize: 3 }), fill({ model: 'risk-averse-queue' }));
    const s = d.step(99.99, 100.5);
    expect(s.bidQty).toBe(1);
  });

  it('a depth update comes before a quote activating at the same instant (size 1 -> 5 at 0.5, our bid live from 0.5: 5 ahead, a sell of 2 fills nothing)', () => {
    const tape = sized([[0, 1], [0.5, 5]], [[0.7, 2]]);
    const d = driver(tape, config({ orderSize: 3 }), fill({ model: 'risk-averse-queue', latencyMs: 500 }));
    expect(d.step(99.99, 100.5).bidQty).toBe(0);
    // without latency the quote joins behind 1 at t = 0: the same sell fills 1
    const now = driver(tape, config({ orderSize: 3 }), fill({ model: 'risk-averse-queue' }));
    expect(now.step(99.99, 100.5).bidQty).toBe(1);
  });

  it('reset clears the book and the pending quotes', () => {
    const tape = sized([[0, 1]], [[0.7, 2], [2.5, 2]]);
    const d = driver(tape, config({ orderSize: 3 }), fill({ model: 'risk-averse-queue', latencyMs: 500 }));
    d.step(99.99, 100.5);
    d.ev.reset(0, 1);
    expect(d.ev.book.price[0]).toBeNaN();
    expect(d.ev.book.price[1]).toBeNaN();
  });
});

describe('fillLot', () => {
  it('is 1 for an integer order size and the order itself otherwise', () => {
    expect([fillLot(1), fillLot(5), fillLot(0.001), fillLot(2.5)]).toEqual([1, 1, 0.001, 2.5]);
  });
});

describe('checkEventFills', () => {
  const plain = plainTape([]);
  const sizedTape = (() => {
    const b = new TapeBuilder();
    b.quote(0, 99.99, 100.01, 5, 5);
    b.quote(100, 99.98, 100.02, 5, 5);
    return b.build({ name: 'sized', source: 'test', orderSource: 'trades', tickSize: 0.01 });
  })();

  it('refuses a latency that is negative, infinite, at least the horizon, given twice, or with a per-step model', () => {
    const c = config();
    expect(() => checkEventFills(plain, c, fill({ latencyMs: -1 }))).toThrow('latencyMs must be a number >= 0 (tape milliseconds), got -1');
    expect(() => checkEventFills(plain, c, fill({ latencyMs: Infinity }))).toThrow('latencyMs must be a number >= 0 (tape milliseconds), got Infinity');
    expect(() => checkEventFills(plain, c, fill({ latencyMs: NaN }))).toThrow('got NaN');
    expect(() => checkEventFills(plain, c, fill({ latencyMs: 10_000 }))).toThrow('latencyMs must be below the horizon (10000 ms: no quote would ever rest), got 10000');
    expect(() => checkEventFills(plain, c, fill({ latencyMs: 9_999 }))).not.toThrow();
    expect(() => checkEventFills(plain, config({ latencySteps: 1 }), fill({ latencyMs: 5 }))).toThrow('latency is given twice: latencySteps=1 (steps) and latencyMs=5 (tape milliseconds); give one (the other 0)');
    expect(() => checkEventFills(plain, config({ latencySteps: 1 }), fill())).not.toThrow();
    for (const model of ['poisson', 'hybrid'] as const) {
      expect(() => checkEventFills(plain, c, fill({ model, latencyMs: 5 }))).toThrow(`latencyMs needs a tape-driven fill model (trade-cross, risk-averse-queue, prob-queue), got '${model}'`);
    }
  });

  it('refuses a queue model on a tape without sizes (naming the tape), a bad queueFunc and a queuePower out of (0, 100]', () => {
    const c = config();
    expect(() => checkEventFills(plain, c, fill({ model: 'prob-queue' }))).toThrow("fill model 'prob-queue' needs the best bid and ask sizes, but tape 'plain' (test) has none");
    expect(() => checkEventFills(plain, c, fill())).not.toThrow(); // trade-cross needs no sizes
    expect(() => checkEventFills(sizedTape, c, fill({ model: 'prob-queue', queueFunc: 'cubic' as never }))).toThrow('queueFunc must be one of power, log, got "cubic"');
    for (const p of [0, -1, 101, NaN]) expect(() => checkEventFills(sizedTape, c, fill({ model: 'prob-queue', queuePower: p }))).toThrow(`queuePower must be a number in (0, 100], got ${p}`);
    expect(() => checkEventFills(sizedTape, c, fill({ model: 'prob-queue', queuePower: 100 }))).not.toThrow();
  });
});
