/**
 * Interfaces of the simulator's pluggable parts (hftbacktest style: small interfaces named by
 * their rule, swapped by config). Each part owns its per-env state as typed arrays sized for N
 * envs and draws a FIXED number of variates from env i's stream per step, whatever the actions:
 * that keeps the random numbers common across policies (evaluations rely on it).
 */
import type { StreamRngs } from './rng.js';

/** Mid-price dynamics S_n -> S_{n+1}. */
export interface PriceModel {
  readonly name: string;
  /** Regimes the model exposes (1 unless regime-switching). */
  readonly numRegimes: number;
  /** Put env i back at its t = 0 state. */
  reset(i: number): void;
  /** The next mid of env i over one step dt from `mid`. */
  next(i: number, mid: number, rng: StreamRngs): number;
  /** Current regime index of env i. */
  regime(i: number): number;
}

/** Market orders reaching our quotes. Side 0 = bid (market sells hit it), 1 = ask. */
export interface ArrivalModel {
  readonly name: string;
  reset(i: number): void;
  /** Draw this step's exogenous market-order flow of env i (fixed number of draws). */
  beginStep(i: number, rng: StreamRngs): void;
  /**
   * Probability that a quote `depth` away from the mid on `side` fills this step (at most one
   * unit). Non-increasing in depth; with depth 0 it is the probability that a market order
   * arrives at all on that side (used to place informed arrivals).
   */
  fillProbability(i: number, side: 0 | 1, depth: number): number;
  /**
   * Whether the quote fills given the side's uniform u: exactly `u < fillProbability(i, side,
   * depth)`, possibly decided without computing the probability (a hot-path shortcut).
   */
  fills(i: number, side: 0 | 1, depth: number, u: number): boolean;
  /** Advance state after the step (e.g. Hawkes excitation). */
  endStep(i: number): void;
}
