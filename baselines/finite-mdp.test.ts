/**
 * The finite MDP of the discrete env: the fields read from a config, the arrival model's fill
 * probability and best-response candidates against brute force, tick rounding, and one step's
 * expected reward + continuation against an independent enumeration of the header's model over
 * every (fill, arrival, informed) outcome of each side.
 */
import { describe, expect, it } from 'vitest';
import type { EnvConfig, EnvOverrides } from '../env/config.js';
import { resolveEnvConfig } from '../env/resolve-config.js';
import { BaselineParameterError } from './errors.js';
import { type FiniteMdp, UnsupportedMarketError, continuation, effectiveDepth, finiteMdpOf, finiteMdpReasons, stepValue, stepValueWith } from './finite-mdp.js';

/**
 * E[reward + cont] of one step by enumerating each side's outcome: filled (p), arrived but not
 * filled (p0 - p), no arrival (1 - p0) (a side not quoted: arrived p0, else not), and whether the
 * arrival is informed (rule 'arrival': f per arrival; rule 'fill': f per fill). Given the outcomes,
 * dS = mu dt + J (I_a - I_b) + Gaussian noise of variance sigma^2 dt.
 */
function enumerateStep(c: EnvConfig, mdp: FiniteMdp, n: number, q: number, r: number, db: number, da: number, cont: Float64Array, last: boolean): number {
  const Q = mdp.maxInventory;
  const s = mdp.orderSize;
  const p0 = mdp.fillProb(0);
  const f = c.toxicity.fraction;
  const J = c.toxicity.jump;
  const byFill = c.toxicity.rule === 'fill';
  const mu = mdp.muDt[r]!;
  const v = mdp.varDt[r]!;
  const meanS = c.s0 + mu * n;
  type Outcome = { w: number; fill: number; informed: number };
  const side = (quoted: boolean, p: number): Outcome[] => {
    const states = quoted ? [{ w: p, fill: 1, arrived: 1 }, { w: p0 - p, fill: 0, arrived: 1 }, { w: 1 - p0, fill: 0, arrived: 0 }] : [{ w: p0, fill: 0, arrived: 1 }, { w: 1 - p0, fill: 0, arrived: 0 }];
    const out: Outcome[] = [];
    for (const st of states) {
      const canBeInformed = byFill ? st.fill === 1 : st.arrived === 1;
      if (canBeInformed && f > 0) {
        out.push({ w: st.w * f, fill: st.fill, informed: 1 });
        out.push({ w: st.w * (1 - f), fill: st.fill, informed: 0 });
      } else out.push({ w: st.w, fill: st.fill, informed: 0 });
    }
    return out;
  };
  const bidQuoted = q + s <= Q;
  const askQuoted = q - s >= -Q;
  let total = 0;
  for (const b of side(bidQuoted, bidQuoted ? mdp.fillProb(db) : 0)) {
    for (const a of side(askQuoted, askQuoted ? mdp.fillProb(da) : 0)) {
      const w = b.w * a.w;
      if (w === 0) continue;
      const q1 = q + s * b.fill - s * a.fill;
      let cash = s * (b.fill * db + a.fill * da);
      const fee = (price: number): number => s * (c.fees.makerPerUnit + c.fees.makerBps * 1e-4 * price);
      if (b.fill) cash -= fee(meanS - db);
      if (a.fill) cash -= fee(meanS + da);
      const dsMean = mu + J * (a.informed - b.informed);
      const ds2 = v + dsMean * dsMean;
      let reward = cash + q1 * dsMean;
      if (c.reward.kind === 'running-penalty') reward -= mdp.phiDt * q1 * q1;
      if (c.reward.kind === 'realized-penalty') reward -= 0.5 * c.gamma * q1 * q1 * ds2;
      if (last) reward -= c.reward.terminalPenalty * q1 * q1;
      total += w * (reward + cont[q1 + Q]!);
    }
  }
  return total;
}

describe('finiteMdpOf: fields', () => {
  it('the default market', () => {
    const c = resolveEnvConfig('default', { initialInventory: 3 });
    const m = finiteMdpOf(c);
    expect([m.steps, m.dt, m.maxInventory, m.width, m.orderSize, m.regimes, m.initialRegime, m.initialInventory]).toEqual([200, 0.005, 25, 51, 1, 1, 0, 3]);
    expect(Array.from(m.transition)).toEqual([1]);
    expect(Array.from(m.muDt)).toEqual([0]);
    expect(m.varDt[0]).toBeCloseTo(4 * 0.005, 15);
    expect(m.domain).toEqual({ kind: 'interval', lo: 0, hi: 5 });
    expect([m.tick, m.feePerUnit, m.feeBps, m.s0, m.toxFraction, m.toxJump, m.rewardCode, m.halfGamma, m.alpha]).toEqual([0, 0, 0, 100, 0, 0, 0, 0.05, 0]);
    expect(m.phiDt).toBeCloseTo(0.2 * 0.005, 15); // phi = gamma sigma^2 / 2
    expect(m.config).toBe(c);
  });
  it('regimes, reward codes, the discrete grid (deduplicated, sorted) and the tick grid', () => {
    const rr = finiteMdpOf(resolveEnvConfig('regime-risk'));
    expect(rr.regimes).toBe(2);
    expect(Array.from(rr.transition)).toEqual([0.99, 0.01, 0.03, 0.97]);
    expect(rr.varDt[1]).toBeCloseTo(400 * 0.005, 12);
    expect([rr.rewardCode, rr.phiDt]).toEqual([3, 0]);
    expect(finiteMdpOf(resolveEnvConfig('default', { reward: { kind: 'pnl' } })).rewardCode).toBe(1);
    const d = finiteMdpOf(resolveEnvConfig('default', { action: { mode: 'discrete', grid: [2, 0.5, 1, 0.5] } }));
    expect(d.domain.kind).toBe('grid');
    expect(Array.from((d.domain as { values: Float64Array }).values)).toEqual([0.5, 1, 2]);
    const t = finiteMdpOf(resolveEnvConfig('coarse-ticks', { action: { mode: 'depths', maxDepth: 2.2 } }));
    expect(Array.from((t.domain as { values: Float64Array }).values)).toEqual([0, 0.5, 1, 1.5, 2, 2.5]);
    const exact = finiteMdpOf(resolveEnvConfig('coarse-ticks', { action: { mode: 'depths', maxDepth: 2 } }));
    expect(Array.from((exact.domain as { values: Float64Array }).values)).toEqual([0, 0.5, 1, 1.5, 2]);
    const tox = finiteMdpOf(resolveEnvConfig('adverse-selection'));
    expect([tox.toxFraction, tox.toxJump, tox.toxOnFill]).toEqual([0.4, 1, true]);
    expect(finiteMdpOf(resolveEnvConfig('toxic-fees')).toxOnFill).toBe(false);
  });
});

describe('fill probability and best-response candidates', () => {
  it('exponential: p = min(1, A dt e^{-k delta}); the cap depth ln(A dt)/k where A dt >= 1', () => {
    const m = finiteMdpOf(resolveEnvConfig('default'));
    for (const d of [0, 0.3, 2]) expect(m.fillProb(d)).toBeCloseTo(Math.min(1, 0.7 * Math.exp(-1.5 * d)), 15);
    expect(m.capDepth).toBe(-Infinity);
    const liq = finiteMdpOf(resolveEnvConfig('liquidation'));
    expect(liq.capDepth).toBeCloseTo(Math.log(1.4) / 1.5, 14);
    expect(liq.fillProb(liq.capDepth - 1e-9)).toBe(1);
    expect(liq.fillProb(liq.capDepth + 1e-6)).toBeLessThan(1);
  });
  it('power law: p = min(1, A dt (1 + delta/delta0)^-alpha); the cap depth delta0 ((A dt)^(1/alpha) - 1)', () => {
    const m = finiteMdpOf(resolveEnvConfig('default', { arrivals: { kind: 'power-law' } }));
    expect(m.fillProb(0)).toBeCloseTo(0.7, 15);
    expect(m.fillProb(-1)).toBeCloseTo(0.7, 15);
    expect(m.fillProb(1.5)).toBeCloseTo(0.7 * Math.pow(2.5, -3), 15);
    const big = finiteMdpOf(resolveEnvConfig('default', { dt: 0.01, arrivals: { kind: 'power-law', A: 800, alpha: 3, delta0: 1 } }));
    expect(big.capDepth).toBeCloseTo(Math.pow(8, 1 / 3) - 1, 12);
    expect(big.fillProb(big.capDepth * (1 - 1e-9))).toBe(1);
  });
  it('stationaryDepth maximises p(delta) (c1 delta + c0) (brute force over a fine grid)', () => {
    for (const arrivals of [{}, { kind: 'power-law' as const }]) {
      const m = finiteMdpOf(resolveEnvConfig('default', { arrivals }));
      for (const [c0, c1] of [[0, 1], [-0.3, 1], [0.2, 2]] as const) {
        let best = -Infinity;
        let at = 0;
        for (let i = 0; i <= 400_000; i++) {
          const d = i * 1e-5;
          const v = m.fillProb(d) * (c1 * d + c0);
          if (v > best) [best, at] = [v, d];
        }
        expect(Math.abs(m.stationaryDepth(c0, c1) - at)).toBeLessThan(2e-5);
      }
    }
    const flat = finiteMdpOf(resolveEnvConfig('default', { arrivals: { kind: 'power-law', A: 140, alpha: 1, delta0: 1 } }));
    expect(flat.stationaryDepth(0, 1)).toBe(Infinity);
  });
});

describe('effectiveDepth', () => {
  it('rounds away from the mid to the tick (with a relative slack), continuous without a tick', () => {
    const t = { tick: 0.5 };
    expect([0, 0.1, 0.5, 0.5 + 1e-12, 0.51, 1.25].map((d) => effectiveDepth(t, d) + 0)).toEqual([0, 0.5, 0.5, 0.5, 1, 1.5]);
    expect(effectiveDepth({ tick: 0 }, 0.123)).toBe(0.123);
  });
});

describe('continuation', () => {
  it('cont_r[j] = sum_r1 P[r][r1] V[r1][j]', () => {
    const m = finiteMdpOf(resolveEnvConfig('regime-risk', { maxInventory: 1 }));
    const next = Float64Array.from([1, 2, 3, 10, 20, 30]);
    const out = new Float64Array(6).fill(99);
    continuation(m, next, out);
    const want = [0.99 * 1 + 0.01 * 10, 0.99 * 2 + 0.01 * 20, 0.99 * 3 + 0.01 * 30, 0.03 * 1 + 0.97 * 10, 0.03 * 2 + 0.97 * 20, 0.03 * 3 + 0.97 * 30];
    want.forEach((w, i) => expect(out[i]).toBeCloseTo(w, 13));
  });
});

describe('stepValue against an enumeration of every outcome', () => {
  const markets: [string, string, EnvOverrides][] = [
    ['running penalty, no frictions', 'default', {}],
    ['pnl reward with drift and a terminal penalty', 'default', { price: { mu: 3 }, reward: { kind: 'pnl', terminalPenalty: 0.3 } }],
    ['informed arrivals (rule arrival) and a per-unit fee', 'toxic-fees', {}],
    ['informed fills (rule fill), realized penalty, drift', 'adverse-selection', { price: { mu: 0.5 }, reward: { kind: 'realized-penalty' } }],
    ['informed arrivals, realized penalty, per-unit rebate', 'toxic-fees', { toxicity: { fraction: 0.3, jump: 0.5 }, fees: { makerPerUnit: -0.05 }, reward: { kind: 'realized-penalty' } }],
    ['fees in bps with drift', 'default', { fees: { makerBps: 5 }, price: { mu: 2 } }],
    ['regimes, realized penalty', 'regime-risk', {}],
    ['order size 2', 'default', { orderSize: 2, reward: { terminalPenalty: 0.1 } }],
    ['A dt > 1 (capped probabilities)', 'liquidation', {}],
    ['power-law arrivals', 'default', { arrivals: { kind: 'power-law' } }],
  ];
  for (const [label, id, over] of markets) {
    it(label, () => {
      const c = resolveEnvConfig(id, over);
      const mdp = finiteMdpOf(c);
      const Q = mdp.maxInventory;
      const cont = Float64Array.from({ length: mdp.width }, (_, j) => Math.sin(j) * 3 - 0.01 * (j - Q) ** 2);
      for (const q of [-Q, -Q + 1, -3, 0, 4, Q - 1, Q]) {
        for (let r = 0; r < mdp.regimes; r++) {
          for (const [db, da] of [[0, 0], [0.4, 1.3], [2, 0.05]] as const) {
            for (const last of [false, true]) {
              const n = 7;
              const want = enumerateStep(c, mdp, n, q, r, db, da, cont, last);
              const got = stepValue(mdp, n, q, r, db, da, cont, last);
              expect(Math.abs(got - want), `q ${q} r ${r} (${db}, ${da}) last ${last}`).toBeLessThan(1e-11 * (1 + Math.abs(want)));
            }
          }
        }
      }
    });
  }
  it('stepValueWith is affine in each fill probability (what the optimiser relies on)', () => {
    const c = resolveEnvConfig('toxic-fees', { reward: { kind: 'realized-penalty' } });
    const mdp = finiteMdpOf(c);
    const cont = Float64Array.from({ length: mdp.width }, (_, j) => -0.02 * (j - 25) ** 2);
    const v = (pb: number): number => stepValueWith(mdp, 3, 2, 0, 0.7, 0.9, pb, 0.2, cont, false);
    const [a, b, m] = [v(0.1), v(0.5), v(0.3)];
    expect(m).toBeCloseTo((a + b) / 2, 12);
    expect(v(0.45)).toBeCloseTo(a + ((b - a) * 0.35) / 0.4, 12);
  });
});

describe('markets outside the finite MDP', () => {
  it('lists every reason, each naming its field; the error carries them all', () => {
    // a raw config (validation would refuse Q = 2.5 first)
    const c = { ...structuredClone(resolveEnvConfig('default', { latencySteps: 1, reward: { kind: 'cara' }, observation: { features: ['inventory', 'mid-returns'] } })), maxInventory: 2.5 } as EnvConfig;
    const reasons = finiteMdpReasons(c);
    expect(reasons.map((r) => r.field)).toEqual(['latencySteps', 'reward.kind', 'maxInventory', 'observation.features']);
    expect(reasons[2]!.why).toBe('maxInventory must be an integer, got 2.5');
    let e: unknown;
    try {
      finiteMdpOf(c, 'my check');
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(UnsupportedMarketError);
    expect(e).toBeInstanceOf(BaselineParameterError);
    expect((e as UnsupportedMarketError).field).toBe('latencySteps');
    expect((e as UnsupportedMarketError).reasons).toEqual(reasons.map((r) => r.why));
    expect((e as Error).message).toMatch(/^my check: the market's state is not finite in \(n, q, regime\) or not supported: latencySteps 1/);
  });
  it('forPolicyEvaluation adds a reason for features the recursion does not track', () => {
    const c = resolveEnvConfig('default', { observation: { features: ['inventory', 'time', 'last-fills'] } });
    expect(finiteMdpReasons(c)).toEqual([]);
    expect(finiteMdpReasons(c, { forPolicyEvaluation: true })).toEqual([{ field: 'observation.features', why: 'the policy may read only inventory, time and regime, got ["last-fills"] (time: "time", "time-left", "final-steps"; inventory: "inventory", "inventory-levels"; both: "final-steps-levels")' }]);
    expect(finiteMdpReasons(resolveEnvConfig('regime-risk'), { forPolicyEvaluation: true })).toEqual([]);
  });
  it('ticks: a lattice mid is accepted, a Gaussian or off-lattice step is refused; bps fees with informed flow are refused', () => {
    expect(finiteMdpReasons(resolveEnvConfig('coarse-ticks'))).toEqual([]);
    expect(finiteMdpReasons(resolveEnvConfig('coarse-ticks', { price: { binomial: false } })).map((r) => r.field)).toEqual(['tickSize']);
    expect(finiteMdpReasons(resolveEnvConfig('coarse-ticks', { s0: 100.25 })).map((r) => r.field)).toEqual(['tickSize']);
    expect(finiteMdpReasons(resolveEnvConfig('toxic-fees', { fees: { makerBps: 1 } })).map((r) => r.field)).toEqual(['fees.makerBps']);
    expect(finiteMdpReasons(resolveEnvConfig('default', { fees: { makerBps: 1 } }))).toEqual([]);
    for (const [id, field] of [['hawkes', 'arrivals.kind'], ['random-liquidity', 'arrivals.kind']] as const) expect(finiteMdpReasons(resolveEnvConfig(id)).map((r) => r.field)).toContain(field);
    expect(finiteMdpReasons(resolveEnvConfig('default', { price: { kind: 'gbm', sigma: 0.02, mu: 0 } }))[0]!.field).toBe('price.kind');
    expect(finiteMdpReasons(resolveEnvConfig('default', { observation: { features: ['inventory'] } }))[0]!.why).toBe('the observation must include "time" or "time-left"');
  });
});
