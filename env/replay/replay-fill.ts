/**
 * The replay's fill-model interface and the records it writes (their own file: the replay core,
 * the per-step models, step-fills.ts, and the event path, replay-events.ts, all use them).
 *
 * `ReplayFillModel` is how our resting quotes fill during a replay step, hftbacktest-style (its
 * `QueueModel` decides how an order's queue position advances and the exchange model which
 * trades fill it; here one small interface does both): chosen by the fill config
 * (`replayFillModelFor`, step-fills.ts) and called by the core once per vector step, over every
 * env (struct-of-arrays: one call, its loop compiled on its own, no number boxed per env). The
 * core sets the quotes (tick rule, latency in steps; the inventory bound is the model's) and draws
 * each env's four uniforms whatever the model (common random numbers); the model applies its
 * fills to the core's cash and inventory in its own order of operations (the figures depend on it
 * to the bit) and writes what it did; the core then charges the fees, moves the mid and rewards.
 */
import type { FillModelName } from './fill-model.js';

/** One of our fills in a replay, for the fill log. */
export interface ReplayFill {
  readonly env: number;
  /** Episode counter of that env (0 = first since construction). */
  readonly episode: number;
  readonly step: number;
  /** Tape time (s) at the end of the step. */
  readonly time: number;
  /** +1 we bought (bid filled), -1 we sold. */
  readonly side: 1 | -1;
  readonly price: number;
  readonly size: number;
  readonly fee: number;
}

/**
 * One vector step's data, shared by the core and its fill model (views of the core's arrays and
 * scratch, made once per core; frozen, so no state snapshot records it). Per env i: its episode
 * started at tape time start[i] and the step runs over (start[i] + k dt, start[i] + (k + 1) dt],
 * k = stepIndex[i] (not yet advanced); mid[i] is the mid at the step's start; quotes[2i],
 * quotes[2i + 1] the bid and ask acting this step (NaN: none); draws[4i .. 4i + 3] the step's
 * uniforms (uB, uA, mB, mA).
 */
export interface ReplayStepIO {
  readonly n: number;
  readonly dt: number;
  readonly start: Float64Array;
  readonly stepIndex: Int32Array;
  readonly episode: Int32Array;
  readonly mid: Float64Array;
  readonly quotes: Float64Array;
  readonly draws: Float64Array;
  /** Cash and inventory: the model adds its fills' cash (before fees) and quantity. */
  readonly cash: Float64Array;
  readonly inventory: Float64Array;
  /** What the step filled (units per side), its fees, and the quotes resting at its end (NaN: none). */
  readonly bidFill: Float64Array;
  readonly askFill: Float64Array;
  readonly fees: Float64Array;
  readonly bidPrice: Float64Array;
  readonly askPrice: Float64Array;
}

/** How quotes fill in a replay; state, if any, as struct-of-arrays over the N envs (no allocation per step). */
export interface ReplayFillModel {
  readonly name: FillModelName;
  /** A new episode of env i from tape time t0 (the core has put its order cursor at t0). */
  reset(i: number, t0: number): void;
  /**
   * Every env's fills over its step (`io`), env by env in index order, in the model's own order
   * of operations; `log` receives each fill (step number = stepIndex + 1).
   */
  step(io: ReplayStepIO, log: ReplayFill[] | null): void;
}
