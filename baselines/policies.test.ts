/**
 * Every baseline as a batched Policy: reads (q, t) from raw observations of any layout, writes
 * actions of any action mode, records its spec, and fails with named errors.
 */
import { describe, expect, it } from 'vitest';
import { actionToDepths } from '../env/action-map.js';
import { PRESETS } from '../env/presets.js';
import { resolveEnvConfig } from '../env/resolve-config.js';
import { asDepths, asParamsFromConfig } from './avellaneda-stoikov.js';
import { expectedReturnByRecursion } from './discrete-evaluation.js';
import { finiteMdpReasons } from './finite-mdp.js';
import { type GueantPolicy, gueantQuotesAt } from './gueant.js';
import { assertSameSpec } from './policy-support.js';
import { BASELINE_NAMES, makeBaselinePolicy } from './registry.js';
import { hasObservedRegimes } from './hjb-regime.js';

const rawDepths = resolveEnvConfig('default', { action: { mode: 'depths', maxDepth: 1000 } });

function depthsOf(config: typeof rawDepths, actions: Float32Array, row: number): [number, number] {
  const out = new Float64Array(2);
  actionToDepths(config.action, actions, row * 2, out, 0);
  return [out[0]!, out[1]!];
}

describe('baseline policies', () => {
  it.each(BASELINE_NAMES)('%s: one batched call, actions inside the action space', (name) => {
    for (const mode of ['normalized-depths', 'depths', 'spread-skew', 'discrete'] as const) {
      // hjb-regime needs an observed regime-switching mid: the regime-risk market, whose
      // observation rows carry two more (one-hot) values
      const market = name === 'hjb-regime' ? 'regime-risk' : 'default';
      const config = resolveEnvConfig(market, { action: mode === 'discrete' ? { mode, grid: [0.25, 0.5, 1, 2] } : { mode } });
      if (name === 'dp-optimal' && mode === 'spread-skew') {
        expect(() => makeBaselinePolicy(name, config)).toThrow(/action.mode "spread-skew": the reachable depth pairs are not a box/);
        continue;
      }
      const policy = makeBaselinePolicy(name, config);
      const batch = 51;
      const od = market === 'default' ? 2 : 4;
      const obs = new Float32Array(batch * od);
      for (let r = 0; r < batch; r++) {
        obs[od * r] = (r - 25) / 25;
        obs[od * r + 1] = (r % 10) / 10;
        if (od === 4) obs[od * r + 2 + (r % 2)] = 1;
      }
      const a = policy.act(obs, batch);
      const dim = mode === 'discrete' ? 1 : 2;
      expect(a.length).toBe(batch * dim);
      const out = new Float64Array(2);
      for (let r = 0; r < batch; r++) actionToDepths(config.action, a, r * dim, out, 0); // throws if outside the space
      expect(policy.spec).toEqual(config);
    }
  });

  it('every baseline builds on every preset; power-law arrivals: named error or the power-law default depth', () => {
    for (const preset of Object.keys(PRESETS)) {
      const config = resolveEnvConfig(preset);
      for (const name of BASELINE_NAMES) {
        // dp-optimal exists exactly where the market is a finite MDP; elsewhere it names the reason
        if (name === 'dp-optimal' && finiteMdpReasons(config).length > 0) expect(() => makeBaselinePolicy(name, config), preset).toThrow(/exact optimum: the market's state is not finite/);
        // hjb-regime exists exactly where the mid switches regimes the observation shows
        else if (name === 'hjb-regime' && !hasObservedRegimes(config)) expect(() => makeBaselinePolicy(name, config), preset).toThrow(/for the hjb-regime policy/);
        // hjb-toxic and hjb-fees exist where their model holds (exponential arrivals, the running-penalty reward; hjb-toxic: informed fills by the 'fill' rule if any); elsewhere they name the field
        else if ((name === 'hjb-toxic' || name === 'hjb-fees') && (config.arrivals.kind !== 'exponential' || config.reward.kind !== 'running-penalty' || (name === 'hjb-toxic' && config.toxicity.fraction > 0 && config.toxicity.rule !== 'fill'))) {
          expect(() => makeBaselinePolicy(name, config), preset).toThrow(new RegExp(`for the ${name} policy`));
        }
        else expect(() => makeBaselinePolicy(name, config), `${name} on ${preset}`).not.toThrow();
      }
    }
    const power = resolveEnvConfig('default', { arrivals: { kind: 'power-law', A: 140, alpha: 3, delta0: 1 } });
    expect(() => makeBaselinePolicy('hjb', power)).toThrow(/arrivals.kind must be "exponential", "hawkes" or "random-exponential"/);
    const fixed = makeBaselinePolicy('fixed', resolveEnvConfig('default', { arrivals: { kind: 'power-law', A: 140, alpha: 3, delta0: 1 }, action: { mode: 'depths', maxDepth: 5 } }));
    expect(fixed.act(new Float32Array(2), 1)[0]).toBeCloseTo(0.5, 6); // delta0 / (alpha - 1)
  });

  it('none quotes at the deepest level of every action mode (also the discrete grid)', () => {
    const discrete = resolveEnvConfig('default', { action: { mode: 'discrete', grid: [0.25, 0.5, 1, 2] } });
    expect(Array.from(makeBaselinePolicy('none', discrete).act(new Float32Array(2), 1))).toEqual([15]); // (2, 2)
    const depths = resolveEnvConfig('default', { action: { mode: 'depths', maxDepth: 7 } });
    expect(Array.from(makeBaselinePolicy('none', depths).act(new Float32Array(2), 1))).toEqual([7, 7]);
    // hjb at q = Q: the bid is not quoted -> deepest level.
    const hjb = makeBaselinePolicy('hjb', discrete).act(Float32Array.from([1, 0.5]), 1)[0]!;
    expect(Math.floor(hjb / 4)).toBe(3);
  });

  it('as: depths are the AS formulas at the observed (q, t), unclipped here', () => {
    const policy = makeBaselinePolicy('as', rawDepths);
    const p = asParamsFromConfig(rawDepths);
    const obs = Float32Array.from([0, 0, 0.2, 0.5, -0.4, 0.9]);
    const a = policy.act(obs, 3);
    const cases: [number, number][] = [[0, 0], [5, 0.5], [-10, 0.9]];
    cases.forEach(([q, t], r) => {
      const [db, da] = depthsOf(rawDepths, a, r);
      const [eb, ea] = asDepths(p, q, t);
      expect(db).toBeCloseTo(eb, 5);
      expect(da).toBeCloseTo(Math.max(0, ea), 5);
    });
  });

  it('hjb: table look-up equals the off-grid solution at grid times, with time or time-left observations', () => {
    for (const features of [['inventory', 'time'], ['time-left', 'inventory']] as const) {
      const config = resolveEnvConfig('default', { action: { mode: 'depths', maxDepth: 1000 }, observation: { features: [...features] } });
      const policy = makeBaselinePolicy('hjb', config) as GueantPolicy;
      const t = 0.3;
      const exact = gueantQuotesAt(config, t);
      const qs = [-25, -3, 0, 7, 25];
      const obs = new Float32Array(qs.length * 2);
      qs.forEach((q, r) => {
        const inv = features[0] === 'inventory' ? 0 : 1;
        obs[2 * r + inv] = q / 25;
        obs[2 * r + 1 - inv] = features[0] === 'inventory' ? t : 1 - t;
      });
      const a = policy.act(obs, qs.length);
      qs.forEach((q, r) => {
        const [db, da] = depthsOf(config, a, r);
        const e = exact[q + 25]!;
        // The action box clips negative depths (quotes through the mid) to 0.
        expect(db).toBeCloseTo(e.bid === null ? 1000 : Math.max(0, e.bid), 4);
        expect(da).toBeCloseTo(e.ask === null ? 1000 : Math.max(0, e.ask), 4);
      });
    }
  });

  it('random: same seed, same actions; another seed, other actions', () => {
    const config = resolveEnvConfig('default');
    const obs = new Float32Array(20);
    const a = makeBaselinePolicy('random', config, { seed: 3 }).act(obs, 10);
    const b = makeBaselinePolicy('random', config, { seed: 3 }).act(obs, 10);
    const c = makeBaselinePolicy('random', config, { seed: 4 }).act(obs, 10);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it('errors name the field: unknown policy, unused parameter, wrong obs length, missing time feature', () => {
    const config = resolveEnvConfig('default');
    expect(() => makeBaselinePolicy('hjbb', config)).toThrow(/policy must be one of hjb, hjb-cara, hjb-drift, hjb-regime, hjb-toxic, hjb-fees, dp-optimal, as, as-symmetric, glft-asymptotic, fixed, skew, none, random, got "hjbb"/);
    expect(() => makeBaselinePolicy('hjb', config, { halfSpread: 1 })).toThrow(/halfSpread is not used by the hjb policy/);
    expect(() => makeBaselinePolicy('fixed', config, { halfSpread: -1 })).toThrow(/halfSpread must be >= 0, got -1/);
    expect(() => makeBaselinePolicy('as', config).act(new Float32Array(5), 2)).toThrow(/obs must hold batch \* obsDim = 2 \* 2 = 4 values, got 5/);
    const noTime = resolveEnvConfig('default', { observation: { features: ['inventory'] } });
    expect(() => makeBaselinePolicy('hjb', noTime)).toThrow(/observation.features must include "time" or "time-left"/);
    expect(() => makeBaselinePolicy('fixed', noTime)).not.toThrow();
  });

  it('a policy judged on another spec says so', () => {
    const policy = makeBaselinePolicy('hjb', resolveEnvConfig('default'));
    expect(assertSameSpec(policy, resolveEnvConfig('default'))).toEqual([]);
    const other = resolveEnvConfig('default', { arrivals: { k: 2 } });
    expect(() => assertSameSpec(policy, other)).toThrow(/policy "hjb" was built for a different env spec.*arrivals\.k: 1\.5 vs 2/);
    expect(assertSameSpec(policy, other, { strict: false })).toEqual(['arrivals.k: 1.5 vs 2']);
  });
});

describe('exact discrete evaluation', () => {
  it('two steps of a fixed spread: matches the hand computation', () => {
    const config = resolveEnvConfig('default', { horizon: 0.01, initialInventory: 2, reward: { terminalPenalty: 0.5 }, action: { mode: 'depths', maxDepth: 10 } });
    const policy = makeBaselinePolicy('fixed', config, { halfSpread: 1 });
    const p = Math.min(1, 140 * Math.exp(-1.5) * 0.005);
    const phiDt = ((0.1 * 4) / 2) * 0.005;
    // Each step: E[gain] = 2 p delta, and E[q'^2 | q] = q^2 + v with v = Var(b - a) = 2 p (1 - p).
    const v = 2 * p * (1 - p);
    const want = 4 * p * 1 - phiDt * (4 + v) - (phiDt + 0.5) * (4 + 2 * v);
    const got = expectedReturnByRecursion(config, policy).value;
    console.log(`two-step value ${got} vs hand ${want}`);
    expect(Math.abs(got - want)).toBeLessThan(1e-12);
  });
});
