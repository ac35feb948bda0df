/**
 * Before calibration is trusted on real data: it must recover the parameters of data the
 * simulator itself generated. A ladder of depths, one group of envs per depth quoting that
 * depth on both sides; fills counted over the steps each side was quoted; sigma from the
 * simulated mid increments.
 */
import { describe, expect, it } from 'vitest';
import { makeVec } from '../env/registry.js';
import { depthsToAction } from '../env/action-map.js';
import { fitExponentialIntensity } from './intensity.js';
import { realizedVolatility } from './volatility.js';

describe('calibration recovers the simulator\'s own A, k and sigma', () => {
  it('as2008 (A = 140, k = 1.5, sigma = 2): all within 2 standard errors', () => {
    const depths = [0.25, 0.5, 1, 1.5, 2, 2.5, 3, 4];
    const perDepth = 8;
    const numEnvs = depths.length * perDepth;
    const env = makeVec('as2008', { numEnvs, overrides: { maxInventory: 1e9 } });
    const cfg = env.config;
    const acts = new Float32Array(numEnvs * env.actDim);
    for (let i = 0; i < numEnvs; i++) {
      const d = depths[Math.floor(i / perDepth)] as number;
      depthsToAction(cfg.action, d, d, acts, i * env.actDim);
    }
    env.reset({ seed: 2024 });
    const fills = new Float64Array(depths.length);
    const quoted = new Float64Array(depths.length);
    const STEPS = 1000;
    const incs = new Float64Array(STEPS * numEnvs);
    for (let s = 0; s < STEPS; s++) {
      const r = env.step(acts);
      const m = r.market;
      for (let i = 0; i < numEnvs; i++) {
        const j = Math.floor(i / perDepth);
        if (!Number.isNaN(m.bidPrice[i] as number)) quoted[j]! += 1;
        if (!Number.isNaN(m.askPrice[i] as number)) quoted[j]! += 1;
        fills[j]! += ((m.bidFill[i] as number) > 0 ? 1 : 0) + ((m.askFill[i] as number) > 0 ? 1 : 0);
        incs[s * numEnvs + i] = (m.mid[i] as number) - (m.midBefore[i] as number);
      }
    }
    const fit = fitExponentialIntensity({
      depths,
      counts: [...fills],
      exposures: [...quoted].map((q) => q * cfg.dt),
      design: 'independent',
    });
    // sigma: the increments as one series' differences (cumulative sum)
    const path = new Float64Array(incs.length + 1);
    for (let i = 0; i < incs.length; i++) path[i + 1] = (path[i] as number) + (incs[i] as number);
    const vol = realizedVolatility(path, cfg.dt);
    const trueSigma = cfg.price.kind === 'brownian' ? cfg.price.sigma : NaN;
    const arr = cfg.arrivals.kind === 'exponential' ? cfg.arrivals : { A: NaN, k: NaN };
    console.log(
      `A ${fit.A.toFixed(2)} +- ${fit.seA.toFixed(2)} (true ${arr.A}); k ${fit.k.toFixed(4)} +- ${fit.seK.toFixed(4)} (true ${arr.k}); ` +
        `sigma ${vol.sigmaPerSqrtSecond.toFixed(4)} +- ${vol.se.toFixed(4)} (true ${trueSigma}); deviance ${fit.deviance.toFixed(1)} on ${fit.dof} dof; ` +
        `log-linear A ${fit.logLinear.A.toFixed(2)} k ${fit.logLinear.k.toFixed(4)}`,
    );
    expect(Math.abs(fit.A - arr.A)).toBeLessThan(2 * fit.seA);
    expect(Math.abs(fit.k - arr.k)).toBeLessThan(2 * fit.seK);
    expect(Math.abs(vol.sigmaPerSqrtSecond - trueSigma)).toBeLessThan(2 * vol.se);
  });
});
