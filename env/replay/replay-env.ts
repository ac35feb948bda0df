/**
 * `ReplayMarketMakingEnv`: the single-env Gymnasium API over the replay — `CoreEnv`
 * (env/core-env.ts) over `ReplayCore` with N = 1: for the same seed, the trajectory of env 0 of a
 * `ReplayVectorEnv`. The mid follows the tape; see replay-core.ts and fill-model.ts for fills,
 * fees and rewards. As everywhere (Gymnasium's rule), a seeded reset reseeds the market only; the
 * spaces' samplers are seeded separately with `space.seed(n)`.
 */
import type { EnvConfig } from '../config.js';
import { CoreEnv } from '../core-env.js';
import type { MarketTape } from '../../marketdata/tape/market-tape.js';
import type { FillModelConfig } from './fill-model.js';
import { ReplayCore, type ReplayFill } from './replay-core.js';

export interface ReplayEnvOptions {
  maxEpisodeSteps?: number;
  recordFills?: boolean;
}

export class ReplayMarketMakingEnv extends CoreEnv<ReplayCore> {
  constructor(
    tape: MarketTape,
    config: Readonly<EnvConfig>,
    readonly fill: Readonly<FillModelConfig>,
    opts: ReplayEnvOptions = {},
  ) {
    super(new ReplayCore(tape, config, fill, 1, opts.recordFills === true), config, opts.maxEpisodeSteps, 'ReplayMarketMakingEnv');
  }

  get fills(): readonly ReplayFill[] {
    return this.core.fills ?? [];
  }

  render(mode: 'ansi' = 'ansi'): string {
    if (mode !== 'ansi') throw new RangeError(`render mode must be "ansi", got ${JSON.stringify(mode)}`);
    const c = this.core;
    // right after a reset no quote has acted yet (the step outputs still hold the last episode's): '-'
    const f = (x: number): string => (Number.isNaN(x) ? '   -   ' : x.toFixed(4));
    const q = c.inventory[0] as number;
    const mid = c.mid[0] as number;
    const t = (c.start[0] as number) + (c.stepIndex[0] as number) * this.config.dt;
    return `tape t=${t.toFixed(3)} step=${c.stepIndex[0]}/${this.episodeSteps} mid=${f(mid)} bid=${f(c.stepIndex[0] === 0 ? NaN : (c.outBidPrice[0] as number))} ask=${f(c.stepIndex[0] === 0 ? NaN : (c.outAskPrice[0] as number))} q=${q} cash=${f(c.cash[0] as number)} W=${f((c.cash[0] as number) + q * mid)}`;
  }
}
