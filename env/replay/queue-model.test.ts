/** Queue-position fills and latency in tape time, on small hand-made tapes with sizes. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_ENV_CONFIG, type EnvConfig } from '../config.js';
import { validateConfig } from '../validate-config.js';
import { makeVec } from '../registry.js';
import { TapeBuilder, type MarketTape } from '../../marketdata/tape/market-tape.js';
import { DEFAULT_FILL_MODEL, type FillModelConfig } from './fill-model.js';
import { aheadShare, QueueBook } from './queue-model.js';
import { parseReplayId } from './replay-id.js';
import { ReplayVectorEnv } from './replay-vector-env.js';

/** A quote with sizes (time, bid, ask, bid size, ask size) or a trade (time, price, size, aggressor). */
type Ev = readonly ['q', number, number, number, number, number] | readonly ['t', number, number, number, 1 | -1];

/** Events in time order (a trade before the quote update it caused), then a closing quote at t = 100. */
function sizedTape(events: readonly Ev[]): MarketTape {
  const b = new TapeBuilder();
  for (const e of events) {
    if (e[0] === 'q') b.quote(e[1], e[2], e[3], e[4], e[5]);
    else b.trade(e[1], e[2], e[3], e[4], `o${e[1]}`);
  }
  b.quote(100, 99.97, 100.03, 100, 100);
  return b.build({ name: 'toy sized', source: 'test', orderSource: 'trades', tickSize: 0.01 });
}

function cfg(over: Partial<EnvConfig> = {}): EnvConfig {
  return validateConfig({
    ...structuredClone(DEFAULT_ENV_CONFIG as EnvConfig),
    s0: 100,
    horizon: 100,
    dt: 1,
    tickSize: 0.01,
    arrivals: { kind: 'exponential', A: 2, k: 10 },
    action: { mode: 'depths', maxDepth: 1 },
    orderSize: 3,
    ...over,
  });
}

interface StepOut {
  bidFill: number;
  askFill: number;
  bidPrice: number;
  inventory: number;
  cash: number;
}

/** Run one env pinned at t0 = 0 (horizon = tape span) with the given (bid depth, ask depth) per step. */
function run(tape: MarketTape, fill: Partial<FillModelConfig>, depths: readonly (readonly [number, number])[], over: Partial<EnvConfig> = {}): StepOut[] {
  const env = new ReplayVectorEnv(tape, cfg(over), { ...DEFAULT_FILL_MODEL, ...fill }, { numEnvs: 1 });
  env.reset({ seed: 1 });
  expect(env.episodeStart[0]).toBe(0);
  return depths.map(([b, a]) => {
    const r = env.step(Float32Array.of(b, a));
    return { bidFill: r.market.bidFill[0] as number, askFill: r.market.askFill[0] as number, bidPrice: r.market.bidPrice[0] as number, inventory: r.market.inventory[0] as number, cash: r.market.cash[0] as number };
  });
}

// mid 100; a bid depth of 0.01 joins the best bid 99.99; 0.5 is far from everything
const AT_BEST: readonly [number, number] = [0.01, 0.5];
const FAR: readonly [number, number] = [0.5, 0.5];
const RA: Partial<FillModelConfig> = { model: 'risk-averse-queue' };
const PROB: Partial<FillModelConfig> = { model: 'prob-queue' };

describe('queue fill models on hand-made tapes', () => {
  it('risk-averse: joining a level of 5, sells of 3 then 4 at our price fill 2 of our 3 (partial); trade-cross fills 3 at once', () => {
    const tape = sizedTape([['q', 0, 99.99, 100.01, 5, 5], ['t', 0.4, 99.99, 3, -1], ['t', 0.7, 99.99, 4, -1]]);
    const [s1] = run(tape, RA, [AT_BEST]);
    expect(s1!.bidFill).toBe(2);
    expect(s1!.inventory).toBe(2);
    expect(s1!.cash).toBeCloseTo(-2 * 99.99, 9);
    const [tc] = run(tape, {}, [AT_BEST]);
    expect(tc!.bidFill).toBe(3);
  });

  it('a fractional order size is a lot: it fills whole or not at all, and the carried rest is below one lot', () => {
    // an order of 0.4 joins a level of 5: a sell of 5.3 reaches 0.3 past the front (less than the lot: no fill,
    // 0.3 carried), a sell of 0.2 more brings 0.5 past it: the lot of 0.4 fills
    const tape = sizedTape([['q', 0, 99.99, 100.01, 5, 5], ['t', 0.4, 99.99, 5.3, -1], ['t', 0.7, 99.99, 0.2, -1]]);
    const [s1] = run(tape, RA, [AT_BEST], { orderSize: 0.4, maxInventory: 4 });
    expect(s1!.bidFill).toBeCloseTo(0.4, 12);
    expect(s1!.inventory).toBeCloseTo(0.4, 12);
    expect(s1!.cash).toBeCloseTo(-0.4 * 99.99, 9);
    const tape2 = sizedTape([['q', 0, 99.99, 100.01, 5, 5], ['t', 0.4, 99.99, 5.3, -1]]);
    expect(run(tape2, RA, [AT_BEST], { orderSize: 0.4, maxInventory: 4 })[0]!.bidFill).toBe(0);
    // near the bound: 0.3 of room is less than a lot, so the bid is not placed at all
    const full = run(tape, RA, [AT_BEST], { orderSize: 0.4, maxInventory: 0.7, initialInventory: 0.4 });
    expect(full[0]!.bidFill).toBe(0);
    // an integer order still fills unit by unit (an order of 3: 2 of it, the first test above)
    expect(run(tape, RA, [AT_BEST], { orderSize: 3 })[0]!.bidFill).toBe(0);
  });

  it('prob: a cancellation moves the queue by f(front) / (f(front) + f(back)) of it (power 2: 10 -> 5.2; log: 10 -> 6.57)', () => {
    // join a bid level of 10 (ahead 10); 5 join behind (15); 6 cancel without a trade (9)
    const front = 10;
    const back = 5;
    const chg = 6;
    expect(aheadShare('power', 2, front, back)).toBeCloseTo(100 / 125, 12);
    const logShare = Math.log(11) / (Math.log(11) + Math.log(6));
    expect(aheadShare('log', 2, front, back)).toBeCloseTo(logShare, 12);
    expect(aheadShare('power', 100, 1e6, 1)).toBe(1); // no overflow to NaN
    expect(aheadShare('power', 100, 1, 1e6)).toBe(0);
    for (const [func, expected] of [['power', 10 - 0.8 * chg], ['log', 10 - logShare * chg]] as const) {
      const book = new QueueBook(1, true, func, 2);
      book.place(0, 1, 99.99, 3, 99.99, 10);
      expect(book.ahead[0]).toBe(10);
      book.depth(0, 1, 99.99, 15);
      expect(book.ahead[0]).toBe(10);
      book.depth(0, 1, 99.99, 9);
      console.log(`prob-queue (${func}): queue ahead after the cancellation of 6: ${book.ahead[0]!.toFixed(4)}`);
      expect(book.ahead[0]).toBeCloseTo(expected, 12);
    }
    const ra = new QueueBook(1, false);
    ra.place(0, 1, 99.99, 3, 99.99, 10);
    ra.depth(0, 1, 99.99, 15);
    ra.depth(0, 1, 99.99, 9);
    expect(ra.ahead[0]).toBe(9); // risk-averse: capped by the level, no advance on cancels
    // trades at the level are not counted again as cancellations when the level shows them
    const tr = new QueueBook(1, true);
    tr.place(0, 1, 99.99, 3, 99.99, 10);
    expect(tr.reach(0, 1, 99.99, 4)).toBe(0);
    tr.depth(0, 1, 99.99, 6);
    expect(tr.ahead[0]).toBe(6);

    // in the env: a sell of 7.2 at our price then fills 2 under power (5.2 ahead), none under log or risk-averse
    const tape = sizedTape([['q', 0, 99.99, 100.01, 10, 10], ['q', 0.3, 99.99, 100.01, 15, 10], ['q', 0.6, 99.99, 100.01, 9, 10], ['t', 0.8, 99.99, 7.2, -1]]);
    expect(run(tape, PROB, [AT_BEST])[0]!.bidFill).toBe(2);
    expect(run(tape, { ...PROB, queueFunc: 'log' }, [AT_BEST])[0]!.bidFill).toBe(0);
    expect(run(tape, RA, [AT_BEST])[0]!.bidFill).toBe(0);
  });

  it('a sell through our price fills us fully; one stopping at our price only eats the queue', () => {
    const through = sizedTape([['q', 0, 99.99, 100.01, 5, 5], ['t', 0.5, 99.98, 10, -1]]);
    expect(run(through, RA, [AT_BEST])[0]!.bidFill).toBe(3);
    const at = sizedTape([['q', 0, 99.99, 100.01, 5, 5], ['t', 0.5, 99.99, 4, -1]]);
    expect(run(at, RA, [AT_BEST])[0]!.bidFill).toBe(0);
  });

  it('a quote kept at its price keeps its place; re-priced, it queues anew behind the level', () => {
    const tape = sizedTape([
      ['q', 0, 99.99, 100.01, 5, 5],
      ['t', 0.5, 99.99, 3, -1],
      ['q', 0.5, 99.99, 100.01, 2, 5], // the level after the trade
      ['q', 1.2, 99.99, 100.01, 6, 5], // 4 join behind
      ['t', 2.5, 99.99, 3, -1],
    ]);
    const kept = run(tape, RA, [AT_BEST, AT_BEST, AT_BEST]);
    expect(kept.map((s) => s.bidFill)).toEqual([0, 0, 1]); // 2 ahead, a sell of 3: 1 for us
    const moved = run(tape, RA, [AT_BEST, [0.02, 0.5], AT_BEST]);
    expect(moved[1]!.bidPrice).toBeCloseTo(99.98, 9);
    expect(moved.map((s) => s.bidFill)).toEqual([0, 0, 0]); // back at 99.99 behind the 6 shown: the sell of 3 does not reach us
  });

  it('a quote better than the best is alone at the front: the first sell fills it, up to the sell size', () => {
    const tape = sizedTape([['q', 0, 99.98, 100.02, 5, 5], ['t', 0.5, 99.98, 1, -1], ['t', 1.5, 99.98, 5, -1]]);
    const out = run(tape, RA, [AT_BEST, AT_BEST]); // bid 99.99 inside the spread
    expect(out[0]!.bidPrice).toBeCloseTo(99.99, 9);
    expect(out.map((s) => s.bidFill)).toEqual([1, 3]);
  });

  it('a deeper quote waits for the best to come to its price, then queues behind the size shown', () => {
    const tape = sizedTape([
      ['q', 0, 99.99, 100.01, 5, 5],
      ['t', 0.3, 99.99, 5, -1],
      ['q', 0.3, 99.98, 100.01, 4, 5], // 99.99 emptied: our level 99.98 is now the best, 4 shown
      ['t', 0.6, 99.98, 6, -1],
    ]);
    expect(run(tape, RA, [[0.02, 0.5]])[0]!.bidFill).toBe(2);
  });

  it('the inventory bound caps the order: at q = 3 of maxInventory 4 an order of 3 bids 1', () => {
    const sells = [0.5, 1.5, 2.5].map((t) => ['t', t, 99.99, 10, -1] as const);
    const tape = sizedTape([['q', 0, 99.99, 100.01, 0, 0], ...sells]);
    const out = run(tape, RA, [AT_BEST, AT_BEST, AT_BEST], { maxInventory: 4 });
    expect(out.map((s) => s.bidFill)).toEqual([3, 1, 0]);
    expect(out[2]!.inventory).toBe(4);
    expect(Number.isNaN(out[2]!.bidPrice)).toBe(true); // no room left: no bid
  });

  it('latencyMs: the new quote rests from t + latency; until then the previous one does', () => {
    // spread 99.98 / 100.02: a bid at 99.99 is alone at the front; sells of 1 at 0.3, 1.2, 1.8
    const tape = sizedTape([['q', 0, 99.98, 100.02, 5, 5], ...[0.3, 1.2, 1.8].map((t) => ['t', t, 99.98, 1, -1] as const)]);
    for (const fill of [RA, PROB, {}] as Partial<FillModelConfig>[]) {
      const name = fill.model ?? 'trade-cross';
      // the 99.99 bid is live from 0.5: not the sell at 0.3; the far bid of step 2 is live from 1.5: the 99.99 bid takes the sell at 1.2
      const out = run(tape, { ...fill, latencyMs: 500 }, [AT_BEST, FAR], { orderSize: 1 });
      expect(out.map((s) => s.bidFill), name).toEqual([0, 1]);
      expect(out[1]!.bidPrice, name).toBeCloseTo(99.5, 9); // the quote resting at the step's end
      const none = run(tape, fill, [AT_BEST, FAR], { orderSize: 1 });
      expect(none.map((s) => s.bidFill), name).toEqual([1, 0]);
    }
    // a latency over a step: the first quote acts from 1.5 on (the sell at 1.8)
    const long = run(tape, { ...RA, latencyMs: 1500 }, [AT_BEST, AT_BEST, AT_BEST], { orderSize: 1 });
    expect(long.map((s) => s.bidFill)).toEqual([0, 1, 0]);
    expect(Number.isNaN(long[0]!.bidPrice)).toBe(true);
  });
});

describe('queue fill models: settings refused with the setting, the allowed values and the value', () => {
  it('refuses a tape without sizes, naming the tape and the model', () => {
    const b = new TapeBuilder();
    b.quote(0, 99.99, 100.01);
    b.quote(100, 99.98, 100.02);
    const tape = b.build({ name: 'no sizes', source: 'test', orderSource: 'candles', tickSize: 0.01 });
    expect(tape.depth).toBeNull();
    expect(() => new ReplayVectorEnv(tape, cfg(), { ...DEFAULT_FILL_MODEL, model: 'prob-queue' }, { numEnvs: 1 })).toThrow(/fill model 'prob-queue' needs the best bid and ask sizes, but tape 'no sizes' \(test\) has none/);
  });

  it('refuses latency twice, latencyMs with poisson, bad keys and values', () => {
    const tape = sizedTape([['q', 0, 99.99, 100.01, 5, 5]]);
    expect(() => new ReplayVectorEnv(tape, cfg({ latencySteps: 1 }), { ...DEFAULT_FILL_MODEL, latencyMs: 50 }, { numEnvs: 1 })).toThrow(/latency is given twice: latencySteps=1 \(steps\) and latencyMs=50/);
    expect(() => new ReplayVectorEnv(tape, cfg(), { ...DEFAULT_FILL_MODEL, model: 'poisson', latencyMs: 50 }, { numEnvs: 1 })).toThrow(/latencyMs needs a tape-driven fill model .* got 'poisson'/);
    expect(() => new ReplayVectorEnv(tape, cfg(), { ...DEFAULT_FILL_MODEL, latencyMs: 100_000 }, { numEnvs: 1 })).toThrow(/latencyMs must be below the horizon \(100000 ms: no quote would ever rest\), got 100000/);
    const id = 'replay:data/lobster-amzn-2012-06-21-l1';
    expect(() => parseReplayId(`${id}?latency=1&latencyMs=50`)).toThrow(/give latency \(steps\) or latencyMs \(tape milliseconds\), not both: got latency=1, latencyMs=50/);
    expect(parseReplayId(`${id}?orderSize=0.001&maxInventory=0.025`).overrides).toEqual({ orderSize: 0.001, maxInventory: 0.025 });
    expect(() => parseReplayId(`${id}?orderSize=0`)).toThrow(/orderSize must be a number in \[1e-12, 1000000000000\], got "0"/);
    expect(() => parseReplayId(`${id}?latencyMs=-5`)).toThrow(/latencyMs must be a number in \[0, 1000000000\], got "-5"/);
    expect(() => parseReplayId(`${id}?fill=prob-queue&queuePower=0`)).toThrow(/queuePower must be a number in \(0, 100\], got "0"/);
    expect(() => parseReplayId(`${id}?fill=prob-queue&queuePower=200`)).toThrow(/queuePower must be a number in \[0, 100\], got "200"/);
    expect(() => parseReplayId(`${id}?fill=prob-queue&queueFunc=cubic`)).toThrow(/queueFunc must be one of power, log, got "cubic"/);
    expect(() => parseReplayId(`${id}?fill=trade-cross&queuePower=3`)).toThrow(/queueFunc and queuePower apply to fill=prob-queue, got fill=trade-cross/);
    expect(() => parseReplayId(`${id}?fill=prob-queue&queueFunc=log&queuePower=3`)).toThrow(/queuePower is the exponent of queueFunc=power, got queueFunc=log/);
    expect(parseReplayId(`${id}?fill=prob-queue&queueFunc=log&latencyMs=50`).fill).toEqual({ ...DEFAULT_FILL_MODEL, model: 'prob-queue', queueFunc: 'log', latencyMs: 50 });
    expect(() => makeVec('replay:data/lobster-amzn-2012-06-21-l1?fill=hybrid&latencyMs=50', { numEnvs: 1 })).toThrow(/latencyMs needs a tape-driven fill model/);
  });
});
