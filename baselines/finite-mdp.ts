/**
 * The discrete-time env (env/sim/core.ts) as a finite Markov decision process over the state
 * (step n, inventory q, regime r), for every market whose dynamics that state makes Markov.
 *
 * One step from (n, q, r) with effective depths (delta_b, delta_a) (after tick rounding), order
 * size s and fill probabilities p_b = p(delta_b), p_a = p(delta_a) (p the arrival model's per-step
 * probability; 0 on a side that would take |q| past Q), independent Bernoulli fills b, a:
 *   q' = q + s b - s a,
 *   E[dW | b, a] = s (b delta_b + a delta_a) - fees(b, a) + q' E[dS | b, a],
 *   E[dS | b, a] = mu_r dt + J (E[I_a] - E[I_b]),
 * with J = toxicity.jump and I_side the informed indicator of that side:
 *   rule 'fill':    E[I_side | fill] = f 1{fill}            (f = toxicity.fraction),
 *   rule 'arrival': E[I_side | fill] = f P(arrival | fill)  (1 if filled; (p(0) - p)/(1 - p) if
 *                   quoted and not filled; p(0) if not quoted), the sides independent.
 * Reward (RewardConfig): dW - phi dt q'^2 (running penalty), dW (pnl), or
 * dW - (gamma/2) q'^2 (dS)^2 (realized penalty) with
 *   E[(dS)^2 | b, a] = sigma_r^2 dt + (mu_r dt)^2 + 2 mu_r dt E[J_net] + J^2 (E[I_a] + E[I_b] - 2 E[I_a] E[I_b]);
 * minus alpha q'^2 at the last step. The regime moves r -> r' with P[r][r'] after the step.
 * Bellman: V_N = 0, V_n(q, r) = E[reward + sum_r' P[r][r'] V_{n+1}(q', r')].
 *
 * Ticks: a quote at depth delta is rounded away from the mid, bid = floor((S - delta)/tick) tick.
 * When the mid lives on the tick lattice (binomial Brownian mid whose step sigma sqrt(dt), drift
 * mu dt, S0 and the informed jump are whole ticks) the effective depth is ceil(delta/tick) tick
 * whatever S is, so (n, q, r) stays Markov. A Gaussian mid makes S mod tick a continuous hidden
 * state: refused.
 * Maker fees: per unit exactly; in bps only where E[S_n] is known in advance (one regime, no
 * informed flow): E[S_n] = S0 + mu n dt.
 */
import type { EnvConfig } from '../env/config.js';
import { episodeSteps } from '../env/config.js';
import { effectivePhi } from '../env/effective-params.js';
import { BaselineParameterError } from './errors.js';

/** Relative slack of the tick rounding (env/sim/ticks.ts). */
const TICK_SLACK = 1e-9;

/** The set of depths one side may quote: an interval of the continuous action box, or a finite grid. */
export type DepthDomain = { readonly kind: 'interval'; readonly lo: number; readonly hi: number } | { readonly kind: 'grid'; readonly values: Float64Array };

/** The finite MDP of a config (see the header for the step). */
export interface FiniteMdp {
  readonly config: EnvConfig;
  readonly steps: number;
  readonly dt: number;
  /** Inventory bound Q and grid width 2Q + 1 (column j is q = j - Q). */
  readonly maxInventory: number;
  readonly width: number;
  readonly orderSize: number;
  /** Number of regimes m (1 unless regime-switching) and the per-step transition matrix (row-major m x m). */
  readonly regimes: number;
  readonly transition: Float64Array;
  readonly initialRegime: number;
  readonly initialInventory: number;
  /** Per regime: mu_r dt and sigma_r^2 dt. */
  readonly muDt: Float64Array;
  readonly varDt: Float64Array;
  /** Per-step fill probability at effective depth delta (the arrival model's rule). */
  readonly fillProb: (delta: number) => number;
  /**
   * The depth maximising p(delta) (c1 delta + c0) over delta >= 0 where p < 1 (exponential:
   * 1/k - c0/c1; power law: (delta0 - alpha c0/c1)/(alpha - 1), alpha > 1, else +Infinity), and
   * the largest depth at which p = 1 (-Infinity if none): the candidates of a best response.
   */
  readonly stationaryDepth: (c0: number, c1: number) => number;
  readonly capDepth: number;
  /** Depths a side can choose (before tick rounding). */
  readonly domain: DepthDomain;
  /** Tick (0 = continuous): effective depth = ceil(delta / tick) tick. */
  readonly tick: number;
  readonly feePerUnit: number;
  readonly feeBps: number;
  readonly s0: number;
  readonly toxFraction: number;
  readonly toxJump: number;
  readonly toxOnFill: boolean;
  /** 0 running penalty, 1 pnl, 3 realized penalty. */
  readonly rewardCode: 0 | 1 | 3;
  readonly phiDt: number;
  readonly halfGamma: number;
  readonly alpha: number;
}

/** A market outside the finite MDP: the error lists every reason. */
export class UnsupportedMarketError extends BaselineParameterError {
  readonly reasons: string[];
  constructor(what: string, reasons: string[], field: string) {
    super(field, `${what}: the market's state is not finite in (n, q, regime) or not supported: ${reasons.join('; ')}`);
    this.name = 'UnsupportedMarketError';
    this.reasons = reasons;
  }
}

const isMultiple = (x: number, tick: number): boolean => Math.abs(x / tick - Math.round(x / tick)) <= 1e-9;

interface Reason {
  field: string;
  why: string;
}

/**
 * Why a config is not a finite MDP in (n, q[, regime]) observed by the policy (empty = it is).
 * `forPolicyEvaluation`: the policy may read only inventory (inventory, inventory-levels), time (time, time-left, final-steps), both (final-steps-levels) and regime (any other feature
 * could carry information the recursion does not track).
 */
export function finiteMdpReasons(config: EnvConfig, opts: { forPolicyEvaluation?: boolean } = {}): Reason[] {
  const out: Reason[] = [];
  const p = config.price;
  const a = config.arrivals;
  if (p.kind === 'gbm' || p.kind === 'ou') out.push({ field: 'price.kind', why: `price.kind "${p.kind}": the mid's level drives its own increments, so S enters the state` });
  if (p.kind === 'jump') out.push({ field: 'price.kind', why: 'price.kind "jump" is not in the recursion (supported: "brownian", "regime-switching")' });
  if (a.kind === 'hawkes') out.push({ field: 'arrivals.kind', why: 'arrivals.kind "hawkes": the excitation of each side is a continuous state (the yardstick there is the HJB policy)' });
  if (a.kind === 'random-exponential') out.push({ field: 'arrivals.kind', why: 'arrivals.kind "random-exponential": A and k are hidden per-episode parameters, so the optimum over (n, q) is a POMDP (the yardstick there is the HJB policy)' });
  if (config.latencySteps !== 0) {
    out.push({ field: 'latencySteps', why: `latencySteps ${config.latencySteps}: the quotes in flight are a continuous state; no exact optimum (a policy's value is estimated by Monte Carlo)` });
  }
  if (config.reward.kind === 'cara') out.push({ field: 'reward.kind', why: 'reward.kind "cara": terminal utility of wealth is not additive over steps (wealth would enter the state)' });
  if (config.action.mode === 'spread-skew') out.push({ field: 'action.mode', why: 'action.mode "spread-skew": the reachable depth pairs are not a box (use "normalized-depths", "depths" or "discrete")' });
  if (!Number.isInteger(config.maxInventory)) out.push({ field: 'maxInventory', why: `maxInventory must be an integer, got ${config.maxInventory}` });
  if (!Number.isInteger(config.orderSize)) out.push({ field: 'orderSize', why: `orderSize must be an integer, got ${config.orderSize}` });
  if (!Number.isInteger(config.initialInventory)) out.push({ field: 'initialInventory', why: `initialInventory must be an integer, got ${config.initialInventory}` });
  const feats = config.observation.features;
  if (!feats.includes('inventory')) out.push({ field: 'observation.features', why: 'the observation must include "inventory"' });
  if (!feats.includes('time') && !feats.includes('time-left')) out.push({ field: 'observation.features', why: 'the observation must include "time" or "time-left"' });
  if (p.kind === 'regime-switching' && p.regimes.length > 1 && !feats.includes('regime')) {
    out.push({ field: 'observation.features', why: 'the regime is hidden (add "regime" to observation.features); the optimum over (n, q) of a hidden-regime market is a POMDP' });
  }
  if (opts.forPolicyEvaluation === true) {
    const extra = feats.filter((f) => f !== 'inventory' && f !== 'time' && f !== 'time-left' && f !== 'final-steps' && f !== 'inventory-levels' && f !== 'final-steps-levels' && f !== 'regime');
    if (extra.length > 0) out.push({ field: 'observation.features', why: `the policy may read only inventory, time and regime, got ${JSON.stringify(extra)} (time: "time", "time-left", "final-steps"; inventory: "inventory", "inventory-levels"; both: "final-steps-levels")` });
  }
  const tick = config.tickSize;
  if (tick > 0) {
    const onLattice =
      p.kind === 'brownian' &&
      p.binomial &&
      isMultiple(p.sigma * Math.sqrt(config.dt), tick) &&
      isMultiple(p.mu * config.dt, tick) &&
      isMultiple(config.s0, tick) &&
      (config.toxicity.fraction === 0 || isMultiple(config.toxicity.jump, tick));
    if (!onLattice) {
      out.push({
        field: 'tickSize',
        why: `tickSize ${tick} with a mid off the tick lattice: S mod tick is a continuous hidden state (supported: a binomial brownian mid whose step sigma sqrt(dt), drift mu dt, s0 and toxicity.jump are whole ticks)`,
      });
    }
  }
  if (config.fees.makerBps !== 0 && (config.toxicity.fraction > 0 || p.kind === 'regime-switching')) {
    out.push({ field: 'fees.makerBps', why: 'fees in bps with informed flow or regimes: E[S_n] then depends on the path (use fees.makerPerUnit)' });
  }
  return out;
}

/** Builds the finite MDP of a config; throws UnsupportedMarketError naming every reason otherwise. */
export function finiteMdpOf(config: EnvConfig, what = 'exact optimum', opts: { forPolicyEvaluation?: boolean } = {}): FiniteMdp {
  const reasons = finiteMdpReasons(config, opts);
  if (reasons.length > 0) throw new UnsupportedMarketError(what, reasons.map((r) => r.why), reasons[0]!.field);
  const p = config.price;
  const a = config.arrivals;
  const dt = config.dt;
  let m = 1;
  let transition = Float64Array.of(1);
  let muDt = Float64Array.of(0);
  let varDt = Float64Array.of(0);
  let initialRegime = 0;
  if (p.kind === 'regime-switching') {
    m = p.regimes.length;
    transition = Float64Array.from(p.transition.flat());
    muDt = Float64Array.from(p.regimes, (r) => r.mu * dt);
    varDt = Float64Array.from(p.regimes, (r) => r.sigma * r.sigma * dt);
    initialRegime = p.initialRegime;
  } else if (p.kind === 'brownian') {
    muDt = Float64Array.of(p.mu * dt);
    varDt = Float64Array.of(p.sigma * p.sigma * dt);
  }
  let fillProb: (delta: number) => number;
  let stationaryDepth: (c0: number, c1: number) => number;
  let capDepth: number;
  if (a.kind === 'exponential') {
    const Adt = a.A * dt;
    const k = a.k;
    fillProb = (d) => Math.min(1, Adt * Math.exp(-k * d));
    stationaryDepth = (c0, c1) => 1 / k - c0 / c1;
    capDepth = Adt >= 1 ? Math.log(Adt) / k : -Infinity;
  } else if (a.kind === 'power-law') {
    const Adt = a.A * dt;
    const { alpha, delta0 } = a;
    fillProb = (d) => (d <= 0 ? Math.min(1, Adt) : Math.min(1, Adt * Math.pow(1 + d / delta0, -alpha)));
    stationaryDepth = (c0, c1) => (alpha > 1 ? (delta0 - (alpha * c0) / c1) / (alpha - 1) : Infinity);
    capDepth = Adt >= 1 ? delta0 * (Math.pow(Adt, 1 / alpha) - 1) : -Infinity;
  } else {
    throw new UnsupportedMarketError(what, [`arrivals.kind "${a.kind}"`], 'arrivals.kind');
  }
  const act = config.action;
  const domain: DepthDomain =
    act.mode === 'discrete' ? { kind: 'grid', values: Float64Array.from(new Set(act.grid)).sort() } : config.tickSize > 0 ? tickGrid(act.maxDepth, config.tickSize) : { kind: 'interval', lo: 0, hi: act.maxDepth };
  const rw = config.reward;
  return {
    config,
    steps: episodeSteps(config),
    dt,
    maxInventory: config.maxInventory,
    width: 2 * config.maxInventory + 1,
    orderSize: config.orderSize,
    regimes: m,
    transition,
    initialRegime,
    initialInventory: config.initialInventory,
    muDt,
    varDt,
    fillProb,
    stationaryDepth,
    capDepth,
    domain,
    tick: config.tickSize,
    feePerUnit: config.fees.makerPerUnit,
    feeBps: config.fees.makerBps,
    s0: config.s0,
    toxFraction: config.toxicity.fraction,
    toxJump: config.toxicity.jump,
    toxOnFill: config.toxicity.rule === 'fill',
    rewardCode: rw.kind === 'running-penalty' ? 0 : rw.kind === 'pnl' ? 1 : 3,
    phiDt: rw.kind === 'running-penalty' ? effectivePhi(config) * dt : 0,
    halfGamma: 0.5 * config.gamma,
    alpha: rw.terminalPenalty,
  };
}

/**
 * With a tick, the depths a continuous action can reach are, after rounding away from the mid,
 * the whole ticks 0, tick, ..., up to ceil(maxDepth / tick) tick.
 */
function tickGrid(maxDepth: number, tick: number): DepthDomain {
  const top = Math.ceil(maxDepth / tick - TICK_SLACK);
  return { kind: 'grid', values: Float64Array.from({ length: top + 1 }, (_, i) => i * tick) };
}

/** The effective depth of a quote at depth delta: rounded away from the mid to the tick. */
export function effectiveDepth(mdp: Pick<FiniteMdp, 'tick'>, delta: number): number {
  const t = mdp.tick;
  return t > 0 ? Math.ceil(delta / t - TICK_SLACK) * t : delta;
}

/** The bid is quoted at inventory q only if a fill keeps |q| within the bound (q + s <= Q); likewise the ask (q - s >= -Q). */
export function bidQuotable(mdp: Pick<FiniteMdp, 'orderSize' | 'maxInventory'>, q: number): boolean {
  return q + mdp.orderSize <= mdp.maxInventory;
}

export function askQuotable(mdp: Pick<FiniteMdp, 'orderSize' | 'maxInventory'>, q: number): boolean {
  return q - mdp.orderSize >= -mdp.maxInventory;
}

/**
 * The expected reward plus continuation of one step from (n, q, r) with effective depths
 * (db, da): sum over the four fill outcomes (see the header). `cont[j]` is
 * sum_r' P[r][r'] V_{n+1}(q' = j - Q, r'); `last` adds the terminal penalty.
 */
export function stepValue(mdp: FiniteMdp, n: number, q: number, r: number, db: number, da: number, cont: Float64Array, last: boolean): number {
  const pb = bidQuotable(mdp, q) ? mdp.fillProb(db) : 0;
  const pa = askQuotable(mdp, q) ? mdp.fillProb(da) : 0;
  return stepValueWith(mdp, n, q, r, db, da, pb, pa, cont, last);
}

/**
 * `stepValue` with the fill probabilities given. It is affine in each probability (the joint law
 * of fill and arrival on a side is linear in p_side), which the optimiser uses:
 * stepValue = p_b (c1 delta_b + c0) + K for fixed delta_a.
 */
export function stepValueWith(
  mdp: FiniteMdp,
  n: number,
  q: number,
  r: number,
  db: number,
  da: number,
  pb: number,
  pa: number,
  cont: Float64Array,
  last: boolean,
): number {
  const Q = mdp.maxInventory;
  const s = mdp.orderSize;
  const bidQuoted = bidQuotable(mdp, q);
  const askQuoted = askQuotable(mdp, q);
  const mu = mdp.muDt[r] as number;
  const v = mdp.varDt[r] as number;
  const f = mdp.toxFraction;
  const J = mdp.toxJump;
  const tox = f > 0 && J !== 0;
  const p0 = tox && !mdp.toxOnFill ? mdp.fillProb(0) : 0;
  const meanS = mdp.s0 + mu * n;
  let total = 0;
  for (let b = 0; b <= 1; b++) {
    const wb = b === 1 ? pb : 1 - pb;
    if (wb === 0) continue;
    for (let a = 0; a <= 1; a++) {
      const wa = a === 1 ? pa : 1 - pa;
      if (wa === 0) continue;
      const q1 = q + s * b - s * a;
      let cash = s * (b * db + a * da);
      if (b === 1) cash -= s * (mdp.feePerUnit + mdp.feeBps * 1e-4 * (meanS - db));
      if (a === 1) cash -= s * (mdp.feePerUnit + mdp.feeBps * 1e-4 * (meanS + da));
      let ib = 0;
      let ia = 0;
      if (tox) {
        if (mdp.toxOnFill) {
          ib = f * b;
          ia = f * a;
        } else {
          ib = f * (b === 1 ? 1 : bidQuoted ? (p0 - pb) / (1 - pb) : p0);
          ia = f * (a === 1 ? 1 : askQuoted ? (p0 - pa) / (1 - pa) : p0);
        }
      }
      const ej = J * (ia - ib);
      let reward = cash + q1 * (mu + ej);
      if (mdp.rewardCode === 0) reward -= mdp.phiDt * q1 * q1;
      else if (mdp.rewardCode === 3) {
        const ds2 = v + mu * mu + 2 * mu * ej + J * J * (ia + ib - 2 * ia * ib);
        reward -= mdp.halfGamma * q1 * q1 * ds2;
      }
      if (last) reward -= mdp.alpha * q1 * q1;
      total += wb * wa * (reward + (cont[q1 + Q] as number));
    }
  }
  return total;
}

/** cont_r[j] = sum_r' P[r][r'] V_{n+1}[r' W + j], for every r (out: m x W). */
export function continuation(mdp: FiniteMdp, next: Float64Array, out: Float64Array): void {
  const m = mdp.regimes;
  const W = mdp.width;
  out.fill(0);
  for (let r = 0; r < m; r++) {
    for (let r1 = 0; r1 < m; r1++) {
      const pr = mdp.transition[r * m + r1] as number;
      if (pr === 0) continue;
      for (let j = 0; j < W; j++) out[r * W + j] = (out[r * W + j] as number) + pr * (next[r1 * W + j] as number);
    }
  }
}
