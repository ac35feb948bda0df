/**
 * Where a Markov policy loses against the exact optimum: the performance difference lemma
 * (Kakade & Langford 2002, "Approximately optimal approximate reinforcement learning", Lemma 6.1)
 * in its finite-horizon form over the MDP of baselines/finite-mdp.ts, state s = (q, regime r):
 *   V*_0(s0) - V^pi_0(s0) = sum_{n<N} E_{s ~ d^pi_n}[ V*_n(s) - Q*_n(s, pi_n(s)) ],
 * - d^pi_n the law of s at step n under pi (forward: d_0 = delta(q0, r0); from (q, r) the
 *   inventory moves by +s, -s or 0 with the fill probabilities of the policy's effective depths
 *   (0 on a side that would take |q| past Q), then the regime moves r -> r' with P[r][r']);
 * - Q*_n(s, a) = stepValue at the policy's effective depths with the continuation
 *   sum_r' P[r][r'] V*_{n+1}(q', r') of the optimum (exact-optimum.ts).
 * Every term V*_n(s) - Q*_n(s, pi_n(s)) >= 0 (V* is the max over actions), so the gap splits
 * exactly into non-negative losses per (step, state), weighted by how often pi visits them. The
 * sum telescopes (E_{d_n} Q*_n = E_{d_n} r_n + E_{d_{n+1}} V*_{n+1}), so it equals V* - V^pi to
 * rounding; V^pi is computed by the recursion of discrete-evaluation.ts on the same depths.
 */
import type { EnvConfig } from '../env/config.js';
import type { Policy } from '../env/types.js';
import { expectedReturnOfStepDepths, policyStepDepths } from './discrete-evaluation.js';
import { BaselineParameterError } from './errors.js';
import { type ExactOptimum, exactOptimum } from './exact-optimum.js';
import { type FiniteMdp, askQuotable, bidQuotable, continuation, effectiveDepth, finiteMdpOf, stepValue } from './finite-mdp.js';
import { specDifferences } from './policy-support.js';

/** One (step, state) term of the decomposition. Depths are effective (after tick rounding); NaN = side not quoted at the inventory bound. */
export interface GapState {
  readonly step: number;
  readonly inventory: number;
  readonly regime: number;
  /** d^pi_n(q, r). */
  readonly occupancy: number;
  /** V*_n(q, r) - Q*_n((q, r), pi_n(q, r)) >= 0. */
  readonly loss: number;
  /** occupancy * loss: this state's share of the gap. */
  readonly weighted: number;
  readonly policyDepths: [number, number];
  readonly optimalDepths: [number, number];
}

export interface GapDecomposition {
  /** V*_0(q0, r0). */
  readonly value: number;
  /** V^pi_0(q0, r0) (as expectedReturnByRecursion computes it). */
  readonly policyValue: number;
  /** value - policyValue. */
  readonly gap: number;
  /** sum over states of occupancy * loss at each step n = 0..N-1. */
  readonly byStep: number[];
  /** sum of byStep: equals gap to rounding. */
  readonly decomposedGap: number;
  /** The `top` states by weighted loss (ties: earlier step, lower regime, lower inventory first). */
  readonly states: GapState[];
  /** The smallest loss over all states (>= 0 up to the optimum's tolerance). */
  readonly minLoss: number;
  readonly steps: number;
  readonly regimes: number;
  /** d^pi_n and the losses per cell, N x m x W, index (n m + r) W + q + Q. */
  readonly occupancy: Float64Array;
  readonly loss: Float64Array;
}

export interface GapOptions {
  /** The optimum of `config` (solved if absent). */
  optimum?: ExactOptimum;
  /** How many states to return (a non-negative integer or Infinity for every visited one). @defaultValue 10 */
  top?: number;
}

/** The policy's depths (before rounding) of every step: N x m x W x 2. */
function depthTable(mdp: FiniteMdp, depthsAt: (n: number, out: Float64Array) => void): Float64Array {
  const stride = 2 * mdp.regimes * mdp.width;
  const table = new Float64Array(mdp.steps * stride);
  for (let n = 0; n < mdp.steps; n++) depthsAt(n, table.subarray(n * stride, (n + 1) * stride));
  return table;
}

/** loss[(n m + r) W + j] = V*_n - Q*_n at the policy's effective depths, every cell. */
function lossTable(mdp: FiniteMdp, opt: ExactOptimum, depths: Float64Array): Float64Array {
  const { steps: N, regimes: m, width: W, maxInventory: Q } = mdp;
  const plane = m * W;
  const loss = new Float64Array(N * plane);
  const cont = new Float64Array(plane);
  for (let n = 0; n < N; n++) {
    continuation(mdp, opt.values.subarray((n + 1) * plane, (n + 2) * plane), cont);
    const last = n === N - 1;
    for (let r = 0; r < m; r++) {
      const c = cont.subarray(r * W, (r + 1) * W);
      for (let j = 0; j < W; j++) {
        const k = n * plane + r * W + j;
        const db = effectiveDepth(mdp, depths[2 * k] as number);
        const da = effectiveDepth(mdp, depths[2 * k + 1] as number);
        loss[k] = (opt.values[k] as number) - stepValue(mdp, n, j - Q, r, db, da, c, last);
      }
    }
  }
  return loss;
}

/** d^pi_n for n = 0..N-1 (N x m x W): the forward law of (q, r) at the policy's fill probabilities. */
function occupancyTable(mdp: FiniteMdp, depths: Float64Array): Float64Array {
  const { steps: N, regimes: m, width: W, maxInventory: Q, orderSize: s } = mdp;
  const plane = m * W;
  const d = new Float64Array(N * plane);
  d[mdp.initialRegime * W + mdp.initialInventory + Q] = 1;
  for (let n = 0; n + 1 < N; n++) {
    const next = d.subarray((n + 1) * plane, (n + 2) * plane);
    for (let r = 0; r < m; r++) {
      for (let j = 0; j < W; j++) {
        const k = n * plane + r * W + j;
        const w = d[k] as number;
        if (w === 0) continue;
        const q = j - Q;
        const pb = bidQuotable(mdp, q) ? mdp.fillProb(effectiveDepth(mdp, depths[2 * k] as number)) : 0;
        const pa = askQuotable(mdp, q) ? mdp.fillProb(effectiveDepth(mdp, depths[2 * k + 1] as number)) : 0;
        const moves: [number, number][] = [[s, pb * (1 - pa)], [-s, pa * (1 - pb)], [0, pb * pa + (1 - pb) * (1 - pa)]];
        for (const [dq, p] of moves) {
          if (p === 0) continue;
          for (let r1 = 0; r1 < m; r1++) {
            const pr = mdp.transition[r * m + r1] as number;
            if (pr !== 0) next[r1 * W + j + dq] = (next[r1 * W + j + dq] as number) + w * p * pr;
          }
        }
      }
    }
  }
  return d;
}

function checkTop(top: number): number {
  if (!(top === Infinity || (Number.isInteger(top) && top >= 0))) {
    throw new BaselineParameterError('top', `gap decomposition: top must be a non-negative integer or Infinity, got ${top}`);
  }
  return top;
}

function checkOptimum(mdp: FiniteMdp, opt: ExactOptimum): void {
  const diffs = specDifferences(opt.mdp.config, mdp.config);
  if (diffs.length > 0) throw new BaselineParameterError('optimum', `gap decomposition: optimum was solved for another market (optimum's vs config): ${diffs.join('; ')}`);
}

/** The `top` visited cells by weighted loss. */
function topStates(mdp: FiniteMdp, opt: ExactOptimum, depths: Float64Array, occ: Float64Array, loss: Float64Array, top: number): GapState[] {
  const { regimes: m, width: W, maxInventory: Q } = mdp;
  const plane = m * W;
  const cells: number[] = [];
  for (let k = 0; k < occ.length; k++) if ((occ[k] as number) > 0) cells.push(k);
  const weighted = (k: number): number => (occ[k] as number) * (loss[k] as number);
  // cell order is (step, regime, inventory): a stable sort keeps it among ties
  cells.sort((x, y) => weighted(y) - weighted(x));
  return cells.slice(0, Math.min(top, cells.length)).map((k) => {
    const n = Math.floor(k / plane);
    const r = Math.floor((k - n * plane) / W);
    const j = k - n * plane - r * W;
    const q = j - Q;
    const bidQuoted = bidQuotable(mdp, q);
    const askQuoted = askQuotable(mdp, q);
    const side = (quoted: boolean, d: number): number => (quoted ? effectiveDepth(mdp, d) : NaN);
    return {
      step: n,
      inventory: q,
      regime: r,
      occupancy: occ[k] as number,
      loss: loss[k] as number,
      weighted: weighted(k),
      policyDepths: [side(bidQuoted, depths[2 * k] as number), side(askQuoted, depths[2 * k + 1] as number)],
      optimalDepths: [side(bidQuoted, opt.bid[k] as number), side(askQuoted, opt.ask[k] as number)],
    };
  });
}

/**
 * The exact gap V* - V^pi of a Markov policy (deterministic actions, reading only inventory, time
 * and regime) and its decomposition over (step, state) (see the header). Refuses the markets
 * expectedReturnByRecursion refuses, naming why.
 */
export function gapDecomposition(config: EnvConfig, policy: Policy, opts: GapOptions = {}): GapDecomposition {
  const mdp = finiteMdpOf(config, 'gap decomposition', { forPolicyEvaluation: true });
  const top = checkTop(opts.top ?? 10);
  const opt = opts.optimum ?? exactOptimum(config);
  checkOptimum(mdp, opt);
  const { steps: N, regimes: m, width: W } = mdp;
  const plane = m * W;
  const depths = depthTable(mdp, policyStepDepths(config, mdp, policy));
  const policyValue = expectedReturnOfStepDepths(mdp, (n, out) => out.set(depths.subarray(2 * n * plane, 2 * (n + 1) * plane))).value;
  const loss = lossTable(mdp, opt, depths);
  const occupancy = occupancyTable(mdp, depths);
  const byStep: number[] = [];
  let decomposedGap = 0;
  for (let n = 0; n < N; n++) {
    let sum = 0;
    for (let k = n * plane; k < (n + 1) * plane; k++) {
      const w = occupancy[k] as number;
      if (w !== 0) sum += w * (loss[k] as number);
    }
    byStep.push(sum);
    decomposedGap += sum;
  }
  let minLoss = Infinity;
  for (const l of loss) if (l < minLoss) minLoss = l;
  return {
    value: opt.value,
    policyValue,
    gap: opt.value - policyValue,
    byStep,
    decomposedGap,
    states: topStates(mdp, opt, depths, occupancy, loss, top),
    minLoss,
    steps: N,
    regimes: m,
    occupancy,
    loss,
  };
}
