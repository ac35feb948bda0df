/**
 * The single market-making env (Gymnasium API): `CoreEnv` (core-env.ts) over `MarketCore` with
 * N = 1, so for the same seed it produces exactly the trajectory of env 0 of a
 * `MarketMakingVectorEnv`.
 */
import type { EnvConfig } from './config.js';
import { CoreEnv } from './core-env.js';
import { MarketCore } from './sim/core.js';
import { EnvConfigError } from './validate-config.js';

export interface MarketMakingEnvOptions {
  /** Truncate episodes after this many steps. */
  maxEpisodeSteps?: number;
}

export class MarketMakingEnv extends CoreEnv<MarketCore> {
  /** `config` must be validated (use `make`). */
  constructor(config: Readonly<EnvConfig>, opts: MarketMakingEnvOptions = {}) {
    super(new MarketCore(config, 1), config, opts.maxEpisodeSteps, 'MarketMakingEnv');
  }

  render(mode: 'ansi' = 'ansi'): string {
    if (mode !== 'ansi') throw new EnvConfigError('render_mode', `render mode must be "ansi", got ${JSON.stringify(mode)}`);
    const c = this.core;
    // right after a reset no quote has acted yet (the step outputs still hold the last episode's): '-'
    const f = (x: number): string => (Number.isNaN(x) ? '   -   ' : x.toFixed(3));
    const q = c.inventory[0]!;
    const mid = c.mid[0]!;
    return (
      `t=${c.stepIndex[0]}/${this.episodeSteps} mid=${f(mid)} bid=${f(c.stepIndex[0] === 0 ? NaN : c.outBidPrice[0]!)} ask=${f(c.stepIndex[0] === 0 ? NaN : c.outAskPrice[0]!)} ` +
      `q=${q} cash=${f(c.cash[0]!)} W=${f(c.cash[0]! + q * mid)}`
    );
  }
}
