/**
 * The small episode loop of `mmgym baseline`: a Policy on a VectorEnv, one batched `act` per step
 * over the N envs. Episodes run in waves of N; wave w is reset with seed + w N, so episode e always
 * uses seed + e whatever N is (and the same seeds give every policy the same random numbers).
 * The full evaluation (metrics, paired comparisons, reports) lives in evals/.
 */
import type { Policy, VectorEnv } from '../env/types.js';
import { requireNumber } from './errors.js';

/** Per-episode records (length = episodes). */
export interface BaselineEpisodeRecords {
  /** Sum of the env's rewards over the episode. */
  readonly returns: Float64Array;
  /** Terminal PnL W_T - W_0, W = cash + q * mid (before any penalty). */
  readonly terminalPnl: Float64Array;
  /** Inventory q_T at the end. */
  readonly finalInventory: Float64Array;
  /** Units filled (bid + ask) over the episode. */
  readonly fills: Float64Array;
  /** Time average of the quoted spread (ask - bid) over the steps where both sides were quoted. */
  readonly meanSpread: Float64Array;
}

export interface BaselineRunOptions {
  /** Number of episodes, >= 1. */
  episodes: number;
  /** Seed of episode 0 (episode e uses seed + e). */
  seed: number;
}

/** Runs `episodes` episodes of `policy` on `env` (deterministic actions). */
export function runBaselineEpisodes(env: VectorEnv, policy: Policy, opts: BaselineRunOptions): BaselineEpisodeRecords {
  const episodes = requireNumber('episodes', opts.episodes, { min: 1, integer: true });
  const seed = requireNumber('seed', opts.seed, { integer: true });
  const n = env.numEnvs;
  const out: BaselineEpisodeRecords = {
    returns: new Float64Array(episodes),
    terminalPnl: new Float64Array(episodes),
    finalInventory: new Float64Array(episodes),
    fills: new Float64Array(episodes),
    meanSpread: new Float64Array(episodes),
  };
  const ret = new Float64Array(n);
  const fills = new Float64Array(n);
  const spreadSum = new Float64Array(n);
  const spreadCount = new Float64Array(n);
  const done = new Uint8Array(n);
  const w0 = env.config.initialCash + env.config.initialInventory * env.config.s0;
  for (let start = 0; start < episodes; start += n) {
    let obs = env.reset({ seed: seed + start }).observations;
    const inWave = Math.min(n, episodes - start);
    ret.fill(0);
    fills.fill(0);
    spreadSum.fill(0);
    spreadCount.fill(0);
    done.fill(0);
    let remaining = inWave;
    while (remaining > 0) {
      const actions = policy.act(obs, n, { deterministic: true });
      const r = env.step(actions);
      const m = r.market;
      for (let i = 0; i < inWave; i++) {
        if (done[i] === 1) continue;
        ret[i] = (ret[i] as number) + (r.rewards[i] as number);
        fills[i] = (fills[i] as number) + (m.bidFill[i] as number) + (m.askFill[i] as number);
        const s = (m.askPrice[i] as number) - (m.bidPrice[i] as number);
        if (s === s) {
          spreadSum[i] = (spreadSum[i] as number) + s;
          spreadCount[i] = (spreadCount[i] as number) + 1;
        }
        if (r.terminated[i] === 1 || r.truncated[i] === 1) {
          const e = start + i;
          const q = m.inventory[i] as number;
          out.returns[e] = ret[i] as number;
          out.terminalPnl[e] = (m.cash[i] as number) + q * (m.mid[i] as number) - w0;
          out.finalInventory[e] = q;
          out.fills[e] = fills[i] as number;
          out.meanSpread[e] = (spreadCount[i] as number) > 0 ? (spreadSum[i] as number) / (spreadCount[i] as number) : 0;
          done[i] = 1;
          remaining--;
        }
      }
      obs = r.observations;
    }
  }
  return out;
}

/** Mean, sample standard deviation and standard error of the mean. */
export interface SampleSummary {
  mean: number;
  std: number;
  se: number;
}

export function summarizeSample(xs: ArrayLike<number>): SampleSummary {
  const n = xs.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += xs[i] as number;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((xs[i] as number) - mean) ** 2;
  const std = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  return { mean, std, se: n > 0 ? std / Math.sqrt(n) : 0 };
}
