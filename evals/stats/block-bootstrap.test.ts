/** Moving-block bootstrap: b = 1 is the iid bootstrap; on an AR(1) series it widens the interval as the long-run variance says. */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { bootstrapMeanCI } from './bootstrap.js';
import { blockBootstrapMeanCI, windowBlockLength } from './block-bootstrap.js';

function normals(n: number, seed: string): Float64Array {
  const rng = seedrandom.alea(seed);
  return Float64Array.from({ length: n }, () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng()));
}

describe('blockBootstrapMeanCI', () => {
  it('with blocks of 1 gives an iid-bootstrap-sized interval (about +-1.96 s/sqrt(n))', () => {
    const x = normals(2000, 'iid');
    const [lo, hi] = blockBootstrapMeanCI(x, 1, { seed: 1 });
    const [blo, bhi] = bootstrapMeanCI(x, { seed: 1 });
    expect((hi - lo) / 2).toBeCloseTo(1.96 / Math.sqrt(2000), 2);
    expect(hi - lo).toBeCloseTo(bhi - blo, 2);
  });

  it('on AR(1) with rho 0.8 the interval is about sqrt((1 + rho) / (1 - rho)) = 3 times the iid one', () => {
    const e = normals(20000, 'ar');
    const x = new Float64Array(e.length);
    for (let i = 1; i < x.length; i++) x[i] = 0.8 * x[i - 1]! + e[i]!;
    const [ilo, ihi] = blockBootstrapMeanCI(x, 1, { seed: 2 });
    const [lo, hi] = blockBootstrapMeanCI(x, 100, { seed: 2 });
    const ratio = (hi - lo) / (ihi - ilo);
    console.log(`AR(1) rho 0.8: block/iid interval width ratio ${ratio.toFixed(3)} (theory 3)`);
    expect(ratio).toBeGreaterThan(2.6);
    expect(ratio).toBeLessThan(3.3);
  });

  it('is deterministic for a seed and refuses bad arguments naming them', () => {
    const x = normals(50, 'd');
    expect(blockBootstrapMeanCI(x, 5, { seed: 3 })).toEqual(blockBootstrapMeanCI(x, 5, { seed: 3 }));
    expect(() => blockBootstrapMeanCI(x, 0, { seed: 0 })).toThrow(/blockLength must be an integer in \[1, 50\].*got 0/);
    expect(() => blockBootstrapMeanCI(x, 5, { seed: 0, resamples: 10 })).toThrow(/resamples must be an integer >= 100, got 10/);
  });

  it('windowBlockLength covers two horizons of windows, at least n^(1/3)', () => {
    expect(windowBlockLength(1000, 4680, 300)).toBe(Math.ceil((2 * 300 * 1000) / 4680));
    expect(windowBlockLength(1000, 1e9, 300)).toBe(10);
    expect(windowBlockLength(5, 100, 300)).toBe(5);
  });
});
