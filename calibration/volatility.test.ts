import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { TapeBuilder } from '../marketdata/tape/market-tape.js';
import { realizedVolatility, sampleMid, tapeVolatility } from './volatility.js';

describe('realized volatility', () => {
  it('recovers sigma of a simulated Brownian mid within 2 SE (and the SE matches sigma / sqrt(2n))', () => {
    const rng = seedrandom('vol');
    const sigma = 0.03;
    const dt = 0.5;
    const n = 20_000;
    const path = new Float64Array(n + 1);
    path[0] = 100;
    for (let i = 0; i < n; i++) {
      const z = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
      path[i + 1] = path[i]! + sigma * Math.sqrt(dt) * z;
    }
    const v = realizedVolatility(path, dt);
    console.log(`sigma ${v.sigmaPerSqrtSecond.toFixed(5)} +- ${v.se.toFixed(5)} (true ${sigma})`);
    expect(Math.abs(v.sigmaPerSqrtSecond - sigma)).toBeLessThan(2 * v.se);
    expect(v.se).toBeCloseTo(sigma / Math.sqrt(2 * n), 4);
  });

  it('samples the mid by previous tick on the grid', () => {
    const b = new TapeBuilder();
    b.quote(0, 99, 101); // 100
    b.quote(1.5, 100, 102); // 101
    b.quote(2, 101, 103); // 102
    b.quote(4, 101, 103);
    b.quote(4, 100, 102); // same time: replaces -> 101
    const tape = b.build({ name: 't', source: 't', orderSource: 'trades', endTime: 4 });
    expect([...sampleMid(tape, 1)]).toEqual([100, 100, 102, 102, 101]);
    const v = tapeVolatility(tape, 1);
    expect(v.sigmaPerSqrtSecond).toBeCloseTo(Math.sqrt((0 + 4 + 0 + 1) / 4), 12);
    expect(v.estimator).toMatch(/realized variance .* 1-s grid/);
  });

  it('rejects too few samples or a bad interval', () => {
    expect(() => realizedVolatility([1, 2], 1)).toThrow(/at least 3 samples/);
    expect(() => realizedVolatility([1, 2, 3], 0)).toThrow(/sampling interval must be > 0, got 0/);
  });
});
