/**
 * How our resting quotes fill in a replay (hftbacktest-style small interface, chosen by config: the
 * config here, the `ReplayFillModel` interface in replay-fill.ts, its implementations in
 * step-fills.ts and replay-events.ts, `replayFillModelFor` choosing among them):
 * - 'trade-cross': a recorded market order during the step whose furthest price reaches our
 *   quote fills it ('touch': a trade at our price counts; 'strict': it must trade through).
 *   At most one unit per side per step, like the simulator.
 * - 'poisson': the calibrated model, fill with probability min(1, A exp(-k delta) dt), delta
 *   the quote's distance from the mid at the start of the step.
 * - 'hybrid': per side and step, the Poisson model decides with probability `hybridWeight`,
 *   the tape otherwise (0 = trade-cross, 1 = poisson).
 * - 'risk-averse-queue', 'prob-queue': queue position at our price (queue-model.ts, after
 *   hftbacktest's RiskAdverseQueueModel and ProbQueueModel): joining a level queues behind its
 *   size, trades at our price eat the queue ahead, partial fills (whole lots: units, or the order itself when orderSize is fractional), orders of
 *   `orderSize`. Need a tape with best-level sizes (`MarketTape.depth`). 'prob-queue' also moves
 *   the queue on cancellations, by f(front) / (f(front) + f(back)): `queueFunc` 'power'
 *   (f(x) = x^queuePower, default 2) or 'log' (f(x) = log(1 + x)).
 * `latencyMs` (tape-driven models: trade-cross and the queue models; replay-events.ts): a quote
 * decided at tape time t rests from t + latencyMs / 1000 on, the previous one until then.
 * Every step draws the same four uniforms per env whatever the model and the quotes, so
 * policies compared on one seed see the same episode windows and the same random numbers.
 */
import type { QueueFunc } from './queue-model.js';

export const FILL_MODELS = ['trade-cross', 'poisson', 'hybrid', 'risk-averse-queue', 'prob-queue'] as const;
export type FillModelName = (typeof FILL_MODELS)[number];

export interface FillModelConfig {
  /** @defaultValue 'trade-cross' */
  model: FillModelName;
  /** trade-cross rule. @defaultValue 'touch' */
  cross: 'touch' | 'strict';
  /** hybrid: probability that the Poisson model decides, in [0, 1]. @defaultValue 0.5 */
  hybridWeight: number;
  /** prob-queue: the probability function. @defaultValue 'power' */
  queueFunc: QueueFunc;
  /** prob-queue with 'power': the exponent n of f(x) = x^n, in (0, 100]. @defaultValue 2 */
  queuePower: number;
  /** Order-entry latency in tape milliseconds, >= 0 (trade-cross and the queue models; not with `latencySteps`). @defaultValue 0 */
  latencyMs: number;
}

export const DEFAULT_FILL_MODEL: Readonly<FillModelConfig> = Object.freeze({ model: 'trade-cross', cross: 'touch', hybridWeight: 0.5, queueFunc: 'power', queuePower: 2, latencyMs: 0 });

/** Whether the model tracks queue position (and needs the tape's sizes). */
export function isQueueModel(model: FillModelName): boolean {
  return model === 'risk-averse-queue' || model === 'prob-queue';
}

/** Poisson fill probability over one step: min(1, A exp(-k delta) dt) (AS 2008 eq. 2.11). */
export function poissonFillProbability(A: number, k: number, delta: number, dt: number): number {
  const p = A * Math.exp(-k * delta) * dt;
  return p < 1 ? p : 1;
}

/** Whether a market order at `price` on `side` (+1 buy, -1 sell) reaches our bid / ask. */
export function crossesBid(price: number, bid: number, strict: boolean): boolean {
  const eps = 1e-9 * Math.abs(bid);
  return strict ? price < bid - eps : price <= bid + eps;
}

export function crossesAsk(price: number, ask: number, strict: boolean): boolean {
  const eps = 1e-9 * Math.abs(ask);
  return strict ? price > ask + eps : price >= ask - eps;
}
