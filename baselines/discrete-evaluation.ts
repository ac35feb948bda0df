/**
 * Exact expected episode return of a Markov policy (one that reads only q and t) in the
 * *discrete-time* env, by backward recursion over (step n, inventory q). It is what a Monte-Carlo
 * estimate of the env converges to, so it separates Monte-Carlo noise from the O(dt) gap between the
 * discrete env and the continuous-time HJB value theta(0, q0).
 *
 * The env step (env/sim/core.ts): depths from the action; each quoted side fills one unit
 * independently with p = min(1, A exp(-k delta) dt) (a side that would take |q| past Q is not
 * quoted); then the mid moves with zero mean, independent of the fills. The reward is
 * dW - phi q'^2 dt (phi = 0 for the 'pnl' reward), minus alpha q_T^2 at the last step, with
 * E[dW | q, fills] = 1_b delta_b + 1_a delta_a + q' E[dS] = 1_b delta_b + 1_a delta_a. Hence
 *   V_N(q) = 0,
 *   V_n(q) = sum_{b,a in {0,1}} P(b) P(a) [b delta_b + a delta_a - phi dt q'^2
 *            - 1_{n = N-1} alpha q'^2 + V_{n+1}(q')],   q' = q + b - a.
 */
import type { EnvConfig } from '../env/config.js';
import { episodeSteps } from '../env/config.js';
import type { Policy } from '../env/types.js';
import { actionDim, actionToDepths } from '../env/action-map.js';
import { effectivePhi } from '../env/effective-params.js';
import { observationLayout } from '../env/observation.js';
import { BaselineParameterError } from './errors.js';

/** V_n(q) for n = 0..N, q = -Q..Q (row-major, width 2Q + 1), and V_0(q0). */
export interface DiscreteValue {
  readonly steps: number;
  readonly width: number;
  readonly values: Float64Array;
  /** Expected episode return from (t = 0, q0 = initialInventory). */
  readonly value: number;
}

function unsupported(field: string, msg: string): never {
  throw new BaselineParameterError(field, `exact discrete evaluation: ${msg}`);
}

export function expectedReturnByRecursion(config: EnvConfig, policy: Policy): DiscreteValue {
  const p = config.price;
  if (!(p.kind === 'brownian' && p.mu === 0)) unsupported('price', 'needs a zero-mean brownian mid (price.kind "brownian", mu 0)');
  if (config.arrivals.kind !== 'exponential') unsupported('arrivals.kind', `needs "exponential" arrivals, got "${config.arrivals.kind}"`);
  if (config.reward.kind === 'cara') unsupported('reward.kind', 'needs a "running-penalty" or "pnl" reward, got "cara"');
  if (config.toxicity.fraction !== 0) unsupported('toxicity.fraction', `needs 0, got ${config.toxicity.fraction}`);
  if (config.fees.makerPerUnit !== 0 || config.fees.makerBps !== 0) unsupported('fees', 'needs zero fees');
  if (config.tickSize !== 0) unsupported('tickSize', `needs 0, got ${config.tickSize}`);
  if (config.latencySteps !== 0) unsupported('latencySteps', `needs 0, got ${config.latencySteps}`);
  if (config.orderSize !== 1) unsupported('orderSize', `needs 1, got ${config.orderSize}`);
  if (!Number.isInteger(config.maxInventory)) unsupported('maxInventory', `needs an integer, got ${config.maxInventory}`);
  if (!Number.isInteger(config.initialInventory)) unsupported('initialInventory', `needs an integer, got ${config.initialInventory}`);
  const extra = config.observation.features.filter((f) => f !== 'inventory' && f !== 'time' && f !== 'time-left');
  if (extra.length > 0) unsupported('observation.features', `the policy must see only inventory and time, got ${JSON.stringify(extra)}`);

  const { A, k } = config.arrivals;
  const dt = config.dt;
  const phiDt = config.reward.kind === 'running-penalty' ? effectivePhi(config) * dt : 0;
  const alpha = config.reward.terminalPenalty;
  const N = episodeSteps(config);
  const Q = config.maxInventory;
  const W = 2 * Q + 1;
  const layout = observationLayout(config);
  const D = layout.dim;
  const ad = actionDim(config.action);
  const values = new Float64Array((N + 1) * W);
  const obs = new Float32Array(W * D);
  const depths = new Float64Array(2);
  const prob = (delta: number): number => Math.min(1, A * Math.exp(-k * delta) * dt);

  for (let n = N - 1; n >= 0; n--) {
    for (let j = 0; j < W; j++) {
      const q = j - Q;
      if (layout.index.inventory !== undefined) obs[j * D + layout.index.inventory] = q / Q;
      if (layout.index.time !== undefined) obs[j * D + layout.index.time] = n / N;
      if (layout.index['time-left'] !== undefined) obs[j * D + layout.index['time-left']] = 1 - n / N;
    }
    const actions = policy.act(obs, W, { deterministic: true });
    const last = n === N - 1;
    for (let j = 0; j < W; j++) {
      const q = j - Q;
      actionToDepths(config.action, actions, j * ad, depths, 0);
      const db = depths[0] as number;
      const da = depths[1] as number;
      const pb = q + 1 <= Q ? prob(db) : 0;
      const pa = q - 1 >= -Q ? prob(da) : 0;
      let v = pb * db + pa * da;
      for (let b = 0; b <= 1; b++) {
        const wb = b === 1 ? pb : 1 - pb;
        if (wb === 0) continue;
        for (let a = 0; a <= 1; a++) {
          const wa = a === 1 ? pa : 1 - pa;
          if (wa === 0) continue;
          const q1 = q + b - a;
          const next = values[(n + 1) * W + q1 + Q] as number;
          v += wb * wa * (next - phiDt * q1 * q1 - (last ? alpha * q1 * q1 : 0));
        }
      }
      values[n * W + j] = v;
    }
  }
  return { steps: N, width: W, values, value: values[config.initialInventory + Q] as number };
}
