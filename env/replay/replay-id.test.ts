/**
 * `replay:` ids as text: parseReplayId's defaults, every key's mapping and refusals (naming the key,
 * the range and the value), and the held-out span helpers. Loading and calibration are tested in
 * replay.test.ts / walk-forward.test.ts / queue-model.test.ts; here no tape is read.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_FILL_MODEL } from './fill-model.js';
import { heldOutProblem, heldOutReplayId, isReplayId, parseReplayId, REPLAY_PREFIX } from './replay-id.js';

const D = 'data/some-tape';

describe('parseReplayId', () => {
  it('a bare id: the whole tape, the default fill model, calibrated on the window, no overrides', () => {
    expect(REPLAY_PREFIX).toBe('replay:');
    expect(isReplayId(`replay:${D}`)).toBe(true);
    expect(isReplayId('default')).toBe(false);
    expect(parseReplayId(`replay:${D}`)).toEqual({ data: D, load: {}, from: 0, to: 1, fill: { ...DEFAULT_FILL_MODEL }, calibrate: 'window', overrides: {} });
  });

  it('maps each key to its field', () => {
    const s = parseReplayId(`replay:${D}?from=0.25&to=0.75&fill=hybrid&cross=strict&mix=0.3&params=p.json&format=lobster&levels=5&symbol=BTC&maxSkipped=0.1&dt=0.5&horizon=60&latency=2&tick=0.01&feeBps=-1&fee=0.002&maxInventory=10&orderSize=0.5&gamma=0.1`);
    expect(s.from).toBe(0.25);
    expect(s.to).toBe(0.75);
    expect(s.fill).toEqual({ ...DEFAULT_FILL_MODEL, model: 'hybrid', cross: 'strict', hybridWeight: 0.3 });
    expect(s.params).toBe('p.json');
    expect(s.load).toEqual({ format: 'lobster', levels: 5, symbol: 'BTC', maxSkippedFraction: 0.1 });
    // feeBps and fee both land in fees, neither overwriting the other
    expect(s.overrides).toEqual({ dt: 0.5, horizon: 60, latencySteps: 2, tickSize: 0.01, fees: { makerBps: -1, makerPerUnit: 0.002 }, maxInventory: 10, orderSize: 0.5, gamma: 0.1 });
    expect(parseReplayId(`replay:${D}?latencyMs=25`).fill.latencyMs).toBe(25);
    expect(parseReplayId(`replay:${D}?from=0.5&calibrate=trailing`).calibrate).toBe('trailing');
  });

  it('the data path may itself contain a colon or slashes; the query starts at the first "?"', () => {
    expect(parseReplayId('replay:C:/tapes/x.csv?to=0.5').data).toBe('C:/tapes/x.csv');
    expect(parseReplayId('replay:/abs/dir/').data).toBe('/abs/dir/');
  });

  it('refuses what is not a replay id, or has no data path', () => {
    expect(() => parseReplayId('default')).toThrow('not a replay id (must start with "replay:"): default');
    expect(() => parseReplayId('replay:')).toThrow('replay id needs a data path: replay:<file or folder>[?options], got "replay:"');
    expect(() => parseReplayId('replay:?from=0.5')).toThrow('replay id needs a data path');
  });

  it('refuses numbers outside their ranges, naming the key, the range and the value', () => {
    expect(() => parseReplayId(`replay:${D}?from=-0.1`)).toThrow('replay id: from must be a number in [0, 1], got "-0.1"');
    expect(() => parseReplayId(`replay:${D}?to=1.5`)).toThrow('replay id: to must be a number in [0, 1], got "1.5"');
    expect(() => parseReplayId(`replay:${D}?from=`)).toThrow('replay id: from must be a number in [0, 1], got ""');
    expect(() => parseReplayId(`replay:${D}?mix=abc`)).toThrow('replay id: mix must be a number in [0, 1], got "abc"');
    expect(() => parseReplayId(`replay:${D}?levels=0`)).toThrow('replay id: levels must be a number in [1, 1000000], got "0"');
    expect(() => parseReplayId(`replay:${D}?maxSkipped=2`)).toThrow('replay id: maxSkipped must be a number in [0, 1], got "2"');
    expect(() => parseReplayId(`replay:${D}?dt=0`)).toThrow('replay id: dt must be a number in [1e-9, 1000000000], got "0"');
    expect(() => parseReplayId(`replay:${D}?gamma=-1`)).toThrow('replay id: gamma must be a number in [0, 1000000000000], got "-1"');
    expect(() => parseReplayId(`replay:${D}?feeBps=1e5`)).toThrow('replay id: feeBps must be a number in [-10000, 10000], got "1e5"');
    expect(() => parseReplayId(`replay:${D}?horizon=Infinity`)).toThrow('replay id: horizon must be a number in [1e-9, 1000000000000], got "Infinity"');
  });

  it('refuses unknown choices and unknown keys, listing what is allowed', () => {
    expect(() => parseReplayId(`replay:${D}?fill=magic`)).toThrow('replay id: fill must be one of trade-cross, poisson, hybrid, risk-averse-queue, prob-queue, got "magic"');
    expect(() => parseReplayId(`replay:${D}?cross=through`)).toThrow('replay id: cross must be touch or strict, got "through"');
    expect(() => parseReplayId(`replay:${D}?format=xlsx`)).toThrow('replay id: format must be one of lobster, binance, l1, tardis, candles, got "xlsx"');
    expect(() => parseReplayId(`replay:${D}?frm=0.5`)).toThrow(/^replay id: unknown option "frm"; known: from, to, calibrate, fill, cross, mix, queueFunc, queuePower, latencyMs, params, format, levels, symbol, maxSkipped, dt, horizon, latency, tick, feeBps, fee, maxInventory, orderSize, gamma$/);
  });

  it('needs from < to', () => {
    expect(() => parseReplayId(`replay:${D}?from=0.5&to=0.5`)).toThrow('replay id: need from < to, got from=0.5, to=0.5');
    expect(() => parseReplayId(`replay:${D}?from=0.8&to=0.2`)).toThrow('replay id: need from < to, got from=0.8, to=0.2');
  });
});

describe('heldOutReplayId', () => {
  it('a span ending before the tape\'s end: the rest after it, other options kept', () => {
    expect(heldOutReplayId(`replay:${D}?to=0.6&fill=poisson`)).toBe(`replay:${D}?to=1&fill=poisson&from=0.6`);
    const h = heldOutReplayId(`replay:${D}?from=0.2&to=0.6&fill=poisson`) as string;
    expect(parseReplayId(h)).toMatchObject({ data: D, from: 0.6, to: 1, fill: { model: 'poisson' } });
  });

  it('a span running to the end: the part before it; the whole tape: none', () => {
    const h = heldOutReplayId(`replay:${D}?from=0.7`) as string;
    expect(parseReplayId(h)).toMatchObject({ from: 0, to: 0.7 });
    expect(heldOutReplayId(`replay:${D}`)).toBeNull();
    expect(heldOutReplayId(`replay:${D}?from=0&to=1`)).toBeNull();
  });

  it('the held-out span never overlaps the training span', () => {
    for (const id of [`replay:${D}?to=0.6`, `replay:${D}?from=0.3`, `replay:${D}?from=0.1&to=0.9`]) {
      expect(heldOutProblem(id, heldOutReplayId(id) as string), id).toBeNull();
    }
  });
});

describe('heldOutProblem', () => {
  it('names what is wrong: not a replay id, another tape, an overlap', () => {
    expect(heldOutProblem(`replay:${D}?to=0.6`, 'default')).toBe('the evaluation env must be a replay id on the same tape, got "default"');
    expect(heldOutProblem(`replay:${D}?to=0.6`, 'replay:other?from=0.6')).toBe(`the evaluation span must be on the training tape (${D}), got other`);
    expect(heldOutProblem(`replay:${D}?to=0.6`, `replay:${D}?from=0.5`)).toBe('the evaluation span [0.5, 1) overlaps the training span [0, 0.6): evaluations must be on data training never touched');
  });

  it('adjacent spans do not overlap (half-open intervals)', () => {
    expect(heldOutProblem(`replay:${D}?from=0.2&to=0.6`, `replay:${D}?to=0.2`)).toBeNull();
    expect(heldOutProblem(`replay:${D}?from=0.2&to=0.6`, `replay:${D}?from=0.6`)).toBeNull();
  });
});
