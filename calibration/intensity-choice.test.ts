import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { fitExponentialIntensity } from './intensity.js';
import { aic, chooseIntensityModel } from './intensity-choice.js';
import type { LadderCounts } from './ladder-bins.js';
import { fitPowerLawIntensity } from './power-law-intensity.js';

const T = 3600;
const depths = Array.from({ length: 16 }, (_, j) => j * 0.25);
const expShape = (d: number): number => Math.exp(-1.5 * d);
const plShape = (d: number): number => Math.pow(1 + d / 0.5, -2.5);

/** Nested counts of Poisson(A T) orders with reach drawn by inverting the survival shape. */
function simulate(rng: () => number, A: number, invSurvival: (u: number) => number): number[] {
  let n = 0;
  for (let t = -Math.log(1 - rng()) / A; t < T; t += -Math.log(1 - rng()) / A) n++;
  const counts = depths.map(() => 0);
  for (let i = 0; i < n; i++) {
    const reach = invSurvival(1 - rng());
    for (let j = 0; j < depths.length && reach >= (depths[j] as number); j++) counts[j]! += 1;
  }
  return counts;
}

function choose(c: LadderCounts, option: 'auto' | 'exponential' | 'power-law' = 'auto') {
  return chooseIntensityModel(fitExponentialIntensity(c), fitPowerLawIntensity(c), option);
}

describe('AIC choice of the intensity family', () => {
  it('aic = 2 params - 2 logLik', () => {
    expect(aic(-100, 2)).toBe(204);
    expect(aic(-100, 3)).toBe(206);
  });

  it('expected counts: exponential data -> exponential, power-law data -> power law', () => {
    const ce = choose({ depths, counts: depths.map((d) => T * expShape(d)), exposures: [T], design: 'nested', tail: 'closed' });
    expect(ce.preferred).toBe('exponential');
    expect(ce.used).toBe('exponential');
    expect(ce.k).toBeCloseTo(1.5, 6);
    // the power law can only approach the exponential: it pays its third parameter
    expect(ce.deltaAic).toBeCloseTo(-2, 3);
    const cp = choose({ depths, counts: depths.map((d) => T * plShape(d)), exposures: [T], design: 'nested', tail: 'closed' });
    expect(cp.preferred).toBe('power-law');
    expect(cp.used).toBe('power-law');
    expect(cp.k).toBeCloseTo(2.5 / 0.5, 5);
    expect(cp.text).toMatch(/k_eff = alpha\/delta0 = 5\.000/);
  });

  it('simulated orders (seeded, 1 order/s for an hour): the generating family wins', () => {
    const rng = seedrandom('aic-choice');
    const e = simulate(rng, 1, (u) => -Math.log(u) / 1.5);
    const p = simulate(rng, 1, (u) => 0.5 * (Math.pow(u, -1 / 2.5) - 1));
    const ce = choose({ depths, counts: e, exposures: [T], design: 'nested', tail: 'closed' });
    const cp = choose({ depths, counts: p, exposures: [T], design: 'nested', tail: 'closed' });
    console.log(`exponential data: ${ce.text}\npower-law data: ${cp.text}`);
    expect(ce.preferred).toBe('exponential');
    expect(cp.preferred).toBe('power-law');
    expect(cp.deltaAic).toBeGreaterThan(10);
  });

  it('the option overrides the preference; errors name the field', () => {
    const c: LadderCounts = { depths, counts: depths.map((d) => T * plShape(d)), exposures: [T], design: 'nested' };
    const forced = choose(c, 'exponential');
    expect(forced.preferred).toBe('power-law');
    expect(forced.used).toBe('exponential');
    expect(forced.text).toMatch(/preset uses exponential \(intensityModel exponential\)/);
    const f = fitExponentialIntensity(c);
    expect(() => chooseIntensityModel(f, null, 'power-law')).toThrow(/intensityModel is "power-law" but the power-law fit failed/);
    expect(() => chooseIntensityModel(f, null, 'gamma' as 'auto')).toThrow(/intensityModel must be one of auto, exponential, power-law, got "gamma"/);
    expect(chooseIntensityModel(f, null, 'auto').used).toBe('exponential');
  });
});
