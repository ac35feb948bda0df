/** Walk-forward calibration of replay ids: calibrate=before / trailing fit the config on the tape before the window, never on it. */
import { describe, expect, it } from 'vitest';
import { calibrateTape } from '../../calibration/calibrate.js';
import { loadTapeSync } from '../../marketdata/tape/load-tape.js';
import { sliceTape } from '../../marketdata/tape/market-tape.js';
import { parseReplayId, replayConfig } from './replay-id.js';

const DATA = 'data/lobster-amzn-2012-06-21-l1';

describe('replay id calibrate=', () => {
  it('before: the config is the calibration of [0, from), not of the window; trailing: of the span of its length before it', () => {
    const full = loadTapeSync(DATA).tape;
    const before = replayConfig(`replay:${DATA}?from=0.6&to=0.8&calibrate=before`);
    const trailing = replayConfig(`replay:${DATA}?from=0.6&to=0.8&calibrate=trailing`);
    const inSample = replayConfig(`replay:${DATA}?from=0.6&to=0.8`);
    const fit = (a: number, b: number) => calibrateTape(sliceTape(full, a, b)).config;
    expect(before).toEqual(fit(0, 0.6));
    expect(trailing).toEqual(fit(0.4, 0.6));
    expect(inSample).toEqual(fit(0.6, 0.8));
    expect(before.arrivals).not.toEqual(inSample.arrivals);
  });

  it('refuses a window with no tape before it, a params file at the same time, and unknown values, naming them', () => {
    expect(() => parseReplayId(`replay:${DATA}?from=0&to=0.5&calibrate=before`)).toThrow(/calibrate=before needs tape before the window \(from > 0\), got from=0/);
    expect(() => parseReplayId(`replay:${DATA}?from=0.5&params=x.json&calibrate=before`)).toThrow(/calibrate=before fits the config on the tape, params= gives it/);
    expect(() => parseReplayId(`replay:${DATA}?from=0.5&calibrate=future`)).toThrow(/calibrate must be one of window, before, trailing .*got "future"/);
    expect(parseReplayId(`replay:${DATA}?from=0.5`).calibrate).toBe('window');
  });
});
