/**
 * The exact optimum of a finite-state market: backward induction (Bellman 1957; Puterman 1994,
 * sec. 4.5) over the discrete MDP of baselines/finite-mdp.ts, state (n, q, regime):
 *   V_N = 0,   V_n(q, r) = max_{(delta_b, delta_a) in D x D} E[r_n + V_{n+1}(q', r')].
 * V*(0, q0, r0) is the largest expected episode return any policy can reach in the env (a policy
 * seeing more features cannot do better: the dynamics are Markov in (n, q, r)).
 *
 * The depth pair is optimised jointly per state (the sides interact through the inventory the
 * four fill outcomes lead to, and through the bound):
 * - a finite depth set (tick grid, discrete actions): every pair is enumerated; exact.
 * - an interval [0, maxDepth]: coordinate ascent, the best response of one side to the other in
 *   closed form (the step value is p(delta) (c1 delta + c0) + K in one side's depth, maximised at
 *   1/k - c0/c1 for exponential intensities, (delta0 - alpha c0/c1)/(alpha - 1) for the power
 *   law, clamped to the box), until neither depth moves by more than 1e-10. The objective is
 *   smooth, so a depth off by 1e-10 costs O(1e-20) per state: V* is exact to floating-point
 *   accuracy (the tests check the maximiser against a brute-force 2-D grid).
 * Method and tolerance are returned with the table (`method`, `tolerance`).
 */
import type { EnvConfig } from '../env/config.js';
import { type FiniteMdp, askQuotable, bidQuotable, continuation, effectiveDepth, finiteMdpOf, stepValue, stepValueWith } from './finite-mdp.js';

export const EXACT_OPTIMUM_METHOD = 'backward induction over (step, inventory, regime); depth pair per state maximised jointly (enumeration on a finite depth set; coordinate ascent with closed-form best responses on an interval)';
/** Depth tolerance of the coordinate ascent (price units). */
export const DEPTH_TOLERANCE = 1e-10;

export interface ExactOptimum {
  readonly mdp: FiniteMdp;
  /** V*(0, q0, r0): the optimal expected episode return. */
  readonly value: number;
  /** V*_n(q, r), (N + 1) x m x (2Q + 1), index (n m + r) W + q + Q. */
  readonly values: Float64Array;
  /** Optimal depths (as chosen, before tick rounding, which leaves grid depths unchanged), N x m x W; NaN = side not quoted. */
  readonly bid: Float64Array;
  readonly ask: Float64Array;
  readonly method: string;
  /** Absolute tolerance of the depths ('0' = enumerated exactly). */
  readonly tolerance: number;
}

/**
 * Best response of one side (0 bid, 1 ask) to the other's depth `other`: the step value is
 * p(delta) (c1 delta + c0) + K in this side's depth (finite-mdp.ts), with K, c0, c1 read off three
 * evaluations at fixed probabilities (p = 0 and p = p(0)/2); its maximiser over [lo, hi] is one of lo, hi, the stationary
 * point and the depth where p reaches 1 (p (c1 delta + c0) is unimodal where p < 1 and increasing
 * where p = 1), each evaluated exactly.
 */
function bestResponse(mdp: FiniteMdp, n: number, q: number, r: number, side: 0 | 1, other: number, cont: Float64Array, last: boolean, lo: number, hi: number): number {
  const quotedOther = side === 0 ? askQuotable(mdp, q) : bidQuotable(mdp, q);
  const po = quotedOther ? mdp.fillProb(other) : 0;
  const at = (d: number, p: number): number =>
    side === 0 ? stepValueWith(mdp, n, q, r, d, other, p, po, cont, last) : stepValueWith(mdp, n, q, r, other, d, po, p, cont, last);
  // probe at p = p(0)/2: a probability the depth can produce (the 'arrival' rule's law needs p <= p(0))
  const ph = 0.5 * mdp.fillProb(0);
  const K = at(0, 0);
  const c0 = (at(0, ph) - K) / ph;
  const c1 = (at(1, ph) - K) / ph - c0;
  const clamp = (x: number): number => (x < lo ? lo : x > hi ? hi : x);
  const candidates = [lo, hi];
  if (c1 > 0) candidates.push(clamp(mdp.stationaryDepth(c0, c1)));
  if (Number.isFinite(mdp.capDepth)) candidates.push(clamp(mdp.capDepth));
  let best = lo;
  let bestV = -Infinity;
  for (const d of candidates) {
    if (!Number.isFinite(d)) continue;
    const v = at(d, mdp.fillProb(d));
    if (v > bestV) {
      bestV = v;
      best = d;
    }
  }
  return best;
}

/** The optimum of one state: the best depth pair and its value. */
export function optimizeState(
  mdp: FiniteMdp,
  n: number,
  q: number,
  r: number,
  cont: Float64Array,
  last: boolean,
  start: { db: number; da: number } = { db: 0, da: 0 },
): { db: number; da: number; value: number } {
  const dom = mdp.domain;
  const eff = (d: number): number => effectiveDepth(mdp, d);
  if (dom.kind === 'grid') {
    let best = { db: 0, da: 0, value: -Infinity };
    for (const db of dom.values) {
      for (const da of dom.values) {
        const v = stepValue(mdp, n, q, r, eff(db), eff(da), cont, last);
        if (v > best.value) best = { db, da, value: v };
      }
    }
    return best;
  }
  let db = Math.min(dom.hi, Math.max(dom.lo, start.db));
  let da = Math.min(dom.hi, Math.max(dom.lo, start.da));
  const Q = mdp.maxInventory;
  const bidQuoted = q + mdp.orderSize <= Q;
  const askQuoted = q - mdp.orderSize >= -Q;
  for (let it = 0; it < 200; it++) {
    const nb = bidQuoted ? bestResponse(mdp, n, q, r, 0, da, cont, last, dom.lo, dom.hi) : db;
    const na = askQuoted ? bestResponse(mdp, n, q, r, 1, nb, cont, last, dom.lo, dom.hi) : da;
    const moved = Math.max(Math.abs(nb - db), Math.abs(na - da));
    db = nb;
    da = na;
    if (moved <= DEPTH_TOLERANCE) break;
  }
  const value = stepValue(mdp, n, q, r, db, da, cont, last);
  return { db, da, value };
}

/** Backward induction: V* and the optimal depth table of a finite-state market (throws UnsupportedMarketError otherwise). */
export function exactOptimum(config: EnvConfig): ExactOptimum {
  const mdp = finiteMdpOf(config, 'exact optimum');
  const N = mdp.steps;
  const m = mdp.regimes;
  const W = mdp.width;
  const Q = mdp.maxInventory;
  const plane = m * W;
  const values = new Float64Array((N + 1) * plane);
  const bid = new Float64Array(N * plane);
  const ask = new Float64Array(N * plane);
  const cont = new Float64Array(plane);
  for (let n = N - 1; n >= 0; n--) {
    continuation(mdp, values.subarray((n + 1) * plane, (n + 2) * plane), cont);
    const last = n === N - 1;
    for (let r = 0; r < m; r++) {
      const c = cont.subarray(r * W, (r + 1) * W);
      for (let j = 0; j < W; j++) {
        const q = j - Q;
        const cell = r * W + j;
        // start from step n + 1's depths in the same cell (1 at the last step or where not quoted)
        const pb = last ? NaN : (bid[(n + 1) * plane + cell] as number);
        const pa = last ? NaN : (ask[(n + 1) * plane + cell] as number);
        const start = { db: Number.isNaN(pb) ? 1 : pb, da: Number.isNaN(pa) ? 1 : pa };
        const best = optimizeState(mdp, n, q, r, c, last, start);
        values[n * plane + cell] = best.value;
        bid[n * plane + cell] = bidQuotable(mdp, q) ? best.db : NaN;
        ask[n * plane + cell] = askQuotable(mdp, q) ? best.da : NaN;
      }
    }
  }
  const value = values[mdp.initialRegime * W + mdp.initialInventory + Q] as number;
  return { mdp, value, values, bid, ask, method: EXACT_OPTIMUM_METHOD, tolerance: mdp.domain.kind === 'grid' ? 0 : DEPTH_TOLERANCE };
}
