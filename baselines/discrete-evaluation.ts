/**
 * Exact expected episode return of a Markov policy (one that reads only q, t and the regime) in
 * the *discrete-time* env, by backward recursion over the finite MDP of baselines/finite-mdp.ts:
 *   V_N = 0,   V_n(q, r) = E[r_n + sum_r' P[r][r'] V_{n+1}(q', r')]   at the policy's depths.
 * It is what a Monte-Carlo estimate of the env converges to, so it separates Monte-Carlo noise
 * from the O(dt) gap between the discrete env and the continuous-time HJB value theta(0, q0), and
 * puts every policy on the same scale as the exact optimum (exact-optimum.ts). Covers drift,
 * informed flow (both rules), per-unit fees, ticks on a lattice mid, power-law arrivals, the
 * running, pnl and realized-penalty rewards and observed regimes; refuses the rest, naming why.
 */
import type { EnvConfig } from '../env/config.js';
import type { Policy } from '../env/types.js';
import { actionDim, actionToDepths } from '../env/action-map.js';
import { inventoryLevels, observationLayout, writeFinalSteps, writeFinalStepsLevels, writeInventoryLevels } from '../env/observation.js';
import { type FiniteMdp, continuation, effectiveDepth, finiteMdpOf, stepValue } from './finite-mdp.js';

/** V_n(q, r) for n = 0..N, r = 0..m-1, q = -Q..Q (index (n m + r) W + q + Q), and V_0(q0, r0). */
export interface DiscreteValue {
  readonly steps: number;
  readonly width: number;
  readonly regimes: number;
  readonly values: Float64Array;
  /** Expected episode return from (t = 0, q0 = initialInventory, r0 = initialRegime). */
  readonly value: number;
}

/** Depths (delta_b, delta_a) a rule picks in state (n, q, r), written to out[0..1]. */
export type DepthRule = (n: number, q: number, r: number, out: Float64Array) => void;

/** Depths (before tick rounding) for every (r, q) cell of step n: out[2 (r W + q + Q) + side], side 0 bid, 1 ask. */
export type StepDepths = (n: number, out: Float64Array) => void;

/** The backward recursion (header) for depths given per step as a batch over the (r, q) cells. */
export function expectedReturnOfStepDepths(mdp: FiniteMdp, depthsAt: StepDepths): DiscreteValue {
  const N = mdp.steps;
  const m = mdp.regimes;
  const W = mdp.width;
  const Q = mdp.maxInventory;
  const plane = m * W;
  const values = new Float64Array((N + 1) * plane);
  const cont = new Float64Array(plane);
  const depths = new Float64Array(2 * plane);
  for (let n = N - 1; n >= 0; n--) {
    continuation(mdp, values.subarray((n + 1) * plane, (n + 2) * plane), cont);
    depthsAt(n, depths);
    const last = n === N - 1;
    for (let r = 0; r < m; r++) {
      const c = cont.subarray(r * W, (r + 1) * W);
      for (let j = 0; j < W; j++) {
        const cell = r * W + j;
        const db = effectiveDepth(mdp, depths[2 * cell] as number);
        const da = effectiveDepth(mdp, depths[2 * cell + 1] as number);
        values[n * plane + cell] = stepValue(mdp, n, j - Q, r, db, da, c, last);
      }
    }
  }
  return { steps: N, width: W, regimes: m, values, value: values[mdp.initialRegime * W + mdp.initialInventory + Q] as number };
}

/**
 * The depths `policy` (deterministic actions) quotes in every (r, q) cell of step n: one batched
 * `act` over the observations of the cells (inventory q/Q, time n/N or 1 - n/N, the regime one-hot
 * at layout.index.regime + r, the final-steps code of step n, the inventory-levels code of q, the final-steps-levels code of (n, q), every other feature 0), mapped by actionToDepths.
 */
export function policyStepDepths(config: EnvConfig, mdp: FiniteMdp, policy: Policy): StepDepths {
  const N = mdp.steps;
  const m = mdp.regimes;
  const W = mdp.width;
  const Q = mdp.maxInventory;
  const layout = observationLayout(config);
  const D = layout.dim;
  const ad = actionDim(config.action);
  const rows = m * W;
  const obs = new Float32Array(rows * D);
  const one = new Float64Array(2);
  const iInv = layout.index.inventory;
  const iTime = layout.index.time;
  const iLeft = layout.index['time-left'];
  const iReg = layout.index.regime;
  const iFin = layout.index['final-steps'];
  const iLev = layout.index['inventory-levels'];
  const iFinLev = layout.index['final-steps-levels'];
  const levels = inventoryLevels(config);
  return (n, out) => {
    obs.fill(0);
    for (let r = 0; r < m; r++) {
      for (let j = 0; j < W; j++) {
        const o = (r * W + j) * D;
        if (iInv !== undefined) obs[o + iInv] = (j - Q) / Q;
        if (iTime !== undefined) obs[o + iTime] = n / N;
        if (iLeft !== undefined) obs[o + iLeft] = 1 - n / N;
        if (iReg !== undefined) obs[o + iReg + r] = 1;
        if (iFin !== undefined) writeFinalSteps(obs, o + iFin, n, N);
        if (iLev !== undefined) writeInventoryLevels(obs, o + iLev, (j - Q) * config.orderSize, levels, config.orderSize);
        if (iFinLev !== undefined) writeFinalStepsLevels(obs, o + iFinLev, n, N, (j - Q) * config.orderSize, levels, config.orderSize);
      }
    }
    const actions = policy.act(obs, rows, { deterministic: true });
    for (let row = 0; row < rows; row++) {
      actionToDepths(config.action, actions, row * ad, one, 0);
      out[2 * row] = one[0] as number;
      out[2 * row + 1] = one[1] as number;
    }
  };
}

/** Exact expected return of `policy` (deterministic actions) in the env of `config`. */
export function expectedReturnByRecursion(config: EnvConfig, policy: Policy): DiscreteValue {
  const mdp = finiteMdpOf(config, 'exact discrete evaluation', { forPolicyEvaluation: true });
  return expectedReturnOfStepDepths(mdp, policyStepDepths(config, mdp, policy));
}

/** Exact expected return of a depth rule (depths before tick rounding) in the env of `config`. */
export function expectedReturnOfDepthRule(config: EnvConfig, rule: DepthRule): DiscreteValue {
  const mdp = finiteMdpOf(config, 'exact discrete evaluation');
  const W = mdp.width;
  const Q = mdp.maxInventory;
  const one = new Float64Array(2);
  return expectedReturnOfStepDepths(mdp, (n, out) => {
    for (let r = 0; r < mdp.regimes; r++) {
      for (let j = 0; j < W; j++) {
        rule(n, j - Q, r, one);
        out[2 * (r * W + j)] = one[0] as number;
        out[2 * (r * W + j) + 1] = one[1] as number;
      }
    }
  });
}
