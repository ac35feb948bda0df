/**
 * The fill control variate (`fillControlVariate: true`): the agent learns from
 *   r''_t = r'_t - sum_{side in bid, ask} (f_side - p_side) c_side
 * where r'_t is the reward it learns from otherwise (r_t, or r_t - q' dS with the mark-to-market
 * control variate), f_side in {0, 1} whether the side's quote filled this step, p_side the
 * probability with which it was to fill (the simulator's fill model: f_side = [u_side < p_side]),
 * and c_side what the fill was worth: the step's reward had the side filled minus had it not (the
 * other side's fill as it happened, the env reports it) plus gamma (V(s'_filled) - V(s'_unfilled)),
 * the critic at the two next states (they differ only in the inventory, its 'inventory-levels' and 'final-steps-levels' codes and the 'last-fills' bit;
 * 0 after the episode's last step).
 * Why it is exact: u_side is independent of everything c_side reads (the other side's uniform, the
 * mid's shock, the state), so E[(f_side - p_side) c_side | s_t, a_t] = E[f_side - p_side] E[c_side]
 * = 0: every policy's Q and V are those of r', the optimum and the policy gradient's mean too.
 * Why it helps: a fill is a Bernoulli whose outcome moves the return by about c_side; the term
 * replaces that outcome by its expectation p_side c_side (Rao-Blackwellisation by a control
 * variate, Glasserman 2004 sec. 4.1; the action-value control variates of Gu et al. 2017, Q-Prop),
 * so with common random numbers (agents/crn-groups.ts) two coupled envs whose quotes differ by a
 * little exploration now differ by about c dp/ddelta d(delta) instead of by a rare whole fill.
 * Refused where c_side would read the side's own uniform: informed flow (toxicity.fraction > 0:
 * the mid's jump follows the side's fill or arrival), and where the env has no fill model (a tape).
 */
import { episodeSteps } from '../env/config.js';
import { inventoryLevels, observationLayout, writeFinalStepsLevels, writeInventoryLevels } from '../env/observation.js';
import type { StepMarketInfo, VectorEnv, VectorStepResult } from '../env/types.js';

/** Why the control variate cannot be used on `env` (empty = it can). */
export function fillControlVariateReasons(env: VectorEnv): string[] {
  const out: string[] = [];
  if (env.replay === true) out.push('a replayed tape: its fills come from recorded trades, not from a fill model with known probabilities');
  else if (env.enableFillCounterfactuals === undefined) out.push('the env does not report fill probabilities (enableFillCounterfactuals)');
  if (env.config.toxicity.fraction !== 0) out.push(`toxicity.fraction is ${env.config.toxicity.fraction}: the informed jump of the mid follows a side's own fill or arrival, so what a fill is worth would read its uniform`);
  return out;
}

/** The critic's values (normalised units) of `rows` raw observations. */
export type RawValueFn = (rawObs: Float32Array, rows: number) => Float32Array;

export class FillControlVariate {
  private readonly n: number;
  private readonly obsDim: number;
  private readonly invIndex: number | undefined;
  private readonly invScale: number;
  private readonly fillsIndex: number | undefined;
  private readonly levelsIndex: number | undefined;
  private readonly finalLevelsIndex: number | undefined;
  private readonly steps: number;
  private readonly levels: number;
  private readonly size: number;
  private readonly rows: Float32Array;

  /** Checks `env` (a RangeError naming `field` and the reasons) and switches its counterfactuals on. */
  constructor(env: VectorEnv, field: string) {
    const why = fillControlVariateReasons(env);
    if (why.length > 0) throw new RangeError(`${field} needs a simulated market with a fill model and no informed flow; here: ${why.join('; ')}`);
    if (env.enableFillCounterfactuals?.() !== true) throw new RangeError(`${field}: the env could not report its fill probabilities`);
    this.n = env.numEnvs;
    this.obsDim = env.obsDim;
    const layout = observationLayout(env.config);
    this.invIndex = layout.index.inventory;
    this.invScale = 1 / env.config.maxInventory;
    this.fillsIndex = layout.index['last-fills'];
    this.levelsIndex = layout.index['inventory-levels'];
    this.finalLevelsIndex = layout.index['final-steps-levels'];
    this.steps = episodeSteps(env.config);
    this.levels = inventoryLevels(env.config);
    this.size = env.config.orderSize;
    this.rows = new Float32Array(3 * this.n * this.obsDim);
  }

  /**
   * Subtract the term from `learnRewards` (env units, r' of the header) in place. `mtm`: r' has
   * q' dS taken out (then a fill's worth has the size ds it adds to q' dS taken out too). `value`
   * evaluates the critic on raw observations; `valueScale` is one normalised unit in env units.
   */
  apply(res: VectorStepResult, learnRewards: Float64Array, mtm: boolean, gamma: number, valueScale: number, value: RawValueFn): void {
    const m = res.market;
    const cf = m.fillCounterfactuals;
    if (cf === undefined) throw new Error('fill control variate: the env stopped reporting its fill counterfactuals');
    const cont = this.continuations(res, m, gamma * valueScale, value);
    const size = this.size;
    for (let e = 0; e < this.n; e++) {
      const ds = m.mid[e]! - m.midBefore[e]!;
      const bidWorth = cf.bidReward[e]! - (mtm ? size * ds : 0) + cont[2 * e]!;
      const askWorth = cf.askReward[e]! + (mtm ? size * ds : 0) + cont[2 * e + 1]!;
      const fb = m.bidFill[e]! > 0 ? 1 : 0;
      const fa = m.askFill[e]! > 0 ? 1 : 0;
      learnRewards[e] = learnRewards[e]! - (fb - cf.bidProb[e]!) * bidWorth - (fa - cf.askProb[e]!) * askWorth;
    }
  }

  /**
   * Per env, gamma' (V(s' with the side filled) - V(s' without)) for the bid and the ask (gamma'
   * = gamma x valueScale), from the realised next observation and the two with one side's fill
   * flipped; 0 where the episode ended (terminal: no next state; cut by the time limit: left out,
   * which keeps the term exact, only less sharp).
   */
  private continuations(res: VectorStepResult, m: StepMarketInfo, g: number, value: RawValueFn): Float64Array {
    const n = this.n;
    const d = this.obsDim;
    const out = new Float64Array(2 * n);
    if (g === 0) return out;
    const live: number[] = [];
    for (let e = 0; e < n; e++) if (!res.terminated[e] && !res.truncated[e]) live.push(e);
    if (live.length === 0) return out;
    const rows = this.rows;
    live.forEach((e, k) => {
      const src = res.observations.subarray(e * d, (e + 1) * d);
      for (let r = 0; r < 3; r++) rows.set(src, (3 * k + r) * d);
      // row 3k + 1: the bid's fill flipped (q' -/+ size); row 3k + 2: the ask's.
      const fb = m.bidFill[e]! > 0;
      const fa = m.askFill[e]! > 0;
      const qBid = m.inventory[e]! + (fb ? -this.size : this.size);
      const qAsk = m.inventory[e]! + (fa ? this.size : -this.size);
      if (this.invIndex !== undefined) {
        rows[(3 * k + 1) * d + this.invIndex] = qBid * this.invScale;
        rows[(3 * k + 2) * d + this.invIndex] = qAsk * this.invScale;
      }
      if (this.levelsIndex !== undefined) {
        writeInventoryLevels(rows, (3 * k + 1) * d + this.levelsIndex, qBid, this.levels, this.size);
        writeInventoryLevels(rows, (3 * k + 2) * d + this.levelsIndex, qAsk, this.levels, this.size);
      }
      if (this.finalLevelsIndex !== undefined) {
        const step = m.stepIndex[e]!;
        writeFinalStepsLevels(rows, (3 * k + 1) * d + this.finalLevelsIndex, step, this.steps, qBid, this.levels, this.size);
        writeFinalStepsLevels(rows, (3 * k + 2) * d + this.finalLevelsIndex, step, this.steps, qAsk, this.levels, this.size);
      }
      if (this.fillsIndex !== undefined) {
        rows[(3 * k + 1) * d + this.fillsIndex] = fb ? 0 : 1;
        rows[(3 * k + 2) * d + this.fillsIndex + 1] = fa ? 0 : 1;
      }
    });
    const v = value(rows.subarray(0, 3 * live.length * d), 3 * live.length);
    live.forEach((e, k) => {
      const real = v[3 * k]!;
      const bidFlip = v[3 * k + 1]!;
      const askFlip = v[3 * k + 2]!;
      out[2 * e] = g * (m.bidFill[e]! > 0 ? real - bidFlip : bidFlip - real);
      out[2 * e + 1] = g * (m.askFill[e]! > 0 ? real - askFlip : askFlip - real);
    });
    return out;
  }
}
