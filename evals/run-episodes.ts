/**
 * Play episodes of a policy on common random numbers (CRN).
 *
 * Episode j is played by a vector-env slot reset with seed `seed + j` (the vector env's rule:
 * a reset with seed s seeds env i with s + i), so every policy evaluated with the same `seed`
 * sees identical markets and differences between policies are paired. The env's random draws
 * do not depend on the actions (env/sim/core.ts), so even the mid paths coincide.
 *
 * One batched `policy.act` per step over all envs of a chunk (at most `batchSize` envs).
 * Only the first episode of each slot is recorded; autoreset episodes are ignored.
 */
import { episodeSteps, type EnvConfig } from '../env/config.js';
import type { Policy, VectorEnv } from '../env/types.js';
import { makeVec } from '../env/registry.js';

export type RecordMode = 'summary' | 'full';

export interface RunEpisodesOptions {
  /** Number of episodes, >= 1. */
  episodes: number;
  /** Episode j uses env seed `seed + j`. Integer. */
  seed: number;
  /** 'summary' (default): per-episode figures only; 'full': also per-step trajectories. */
  record?: RecordMode;
  /** Envs stepped together per chunk. @defaultValue 1024 */
  batchSize?: number;
  /** Passed to `policy.act`. @defaultValue true */
  deterministic?: boolean;
  /**
   * With 'full': record trajectories of the first `trajectoryEpisodes` episodes only (bounds
   * memory for long or many episodes). @defaultValue episodes
   */
  trajectoryEpisodes?: number;
  /** Builds the vector env of a chunk (e.g. a replay env); default `makeVec(config, { numEnvs })`. */
  makeEnv?: (numEnvs: number) => VectorEnv;
}

/**
 * Per-step trajectories, row-major by episode. State arrays (`mid`, `inventory`, `cash`) have
 * `steps + 1` entries per episode (index 0 = before the first step); per-step arrays have
 * `steps` entries (index t = the step from state t to state t + 1). Steps past an episode's
 * `length` are NaN (states) or 0 (fills, rewards, fees).
 */
export interface Trajectories {
  /** Capacity per episode (the env's step count). */
  readonly steps: number;
  /** Episodes recorded (the first ones of the batch). */
  readonly episodes: number;
  readonly mid: Float64Array;
  readonly inventory: Float64Array;
  readonly cash: Float64Array;
  /** Quotes active during step t (NaN = side not quoted). */
  readonly bid: Float64Array;
  readonly ask: Float64Array;
  readonly bidFill: Float64Array;
  readonly askFill: Float64Array;
  readonly fees: Float64Array;
  readonly reward: Float64Array;
}

/** What `runEpisodes` returns: one entry per episode in each array (index j = seed + j). */
export interface EpisodeBatch {
  readonly policyName: string;
  readonly config: Readonly<EnvConfig>;
  readonly seed: number;
  readonly episodes: number;
  /** Undiscounted sum of rewards. */
  readonly returns: Float64Array;
  /** Terminal mark-to-mid PnL: cash_T + q_T S_T - (cash_0 + q_0 S_0). */
  readonly pnl: Float64Array;
  /** Terminal inventory q_T (signed). */
  readonly terminalInventory: Float64Array;
  /** Units bought (bid fills) / sold (ask fills) over the episode. */
  readonly bidFills: Float64Array;
  readonly askFills: Float64Array;
  /** Fees paid over the episode (negative = rebate). */
  readonly fees: Float64Array;
  /** Steps played per episode. */
  readonly lengths: Int32Array;
  /** Present when `record: 'full'`. */
  readonly trajectories?: Trajectories;
}

/** Runs `episodes` episodes of `policy` on `config`; see the module comment for the seeding rule. */
export function runEpisodes(policy: Policy, config: EnvConfig, options: RunEpisodesOptions): EpisodeBatch {
  const { episodes, seed } = options;
  if (!Number.isInteger(episodes) || episodes < 1) {
    throw new RangeError(`episodes must be an integer >= 1, got ${episodes}`);
  }
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  const batchSize = options.batchSize ?? 1024;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`batchSize must be an integer >= 1, got ${batchSize}`);
  }
  const record = options.record ?? 'summary';
  if (record !== 'summary' && record !== 'full') {
    throw new RangeError(`record must be 'summary' or 'full', got ${String(record)}`);
  }
  const deterministic = options.deterministic ?? true;
  const makeEnv = options.makeEnv ?? ((numEnvs: number) => makeVec(config, { numEnvs }));
  const steps = episodeSteps(config);

  const out = {
    returns: new Float64Array(episodes),
    pnl: new Float64Array(episodes),
    terminalInventory: new Float64Array(episodes),
    bidFills: new Float64Array(episodes),
    askFills: new Float64Array(episodes),
    fees: new Float64Array(episodes),
    lengths: new Int32Array(episodes),
  };
  const trajEpisodes = options.trajectoryEpisodes ?? episodes;
  if (!Number.isInteger(trajEpisodes) || trajEpisodes < 1) {
    throw new RangeError(`trajectoryEpisodes must be an integer >= 1, got ${trajEpisodes}`);
  }
  const traj = record === 'full' ? allocTrajectories(Math.min(trajEpisodes, episodes), steps) : undefined;

  const envs = new Map<number, VectorEnv>();
  try {
    for (let start = 0; start < episodes; start += batchSize) {
      const n = Math.min(batchSize, episodes - start);
      const env = envs.get(n) ?? makeEnv(n);
      envs.set(n, env);
      runChunk(policy, env, config, seed + start, start, deterministic, steps, out, traj);
    }
  } finally {
    for (const env of envs.values()) env.close();
  }
  return {
    policyName: policy.name,
    config,
    seed,
    episodes,
    ...out,
    ...(traj !== undefined ? { trajectories: traj } : {}),
  };
}

type Summary = Pick<EpisodeBatch, 'returns' | 'pnl' | 'terminalInventory' | 'bidFills' | 'askFills' | 'fees' | 'lengths'>;

function runChunk(
  policy: Policy,
  env: VectorEnv,
  config: EnvConfig,
  chunkSeed: number,
  first: number,
  deterministic: boolean,
  steps: number,
  out: Summary,
  traj: Trajectories | undefined,
): void {
  const n = env.numEnvs;
  const actDim = env.actDim;
  const done = new Uint8Array(n);
  const wealth0 = new Float64Array(n);
  let remaining = n;
  let obs = env.reset({ seed: chunkSeed }).observations;
  const actOpts = { deterministic };
  for (let t = 0; remaining > 0; t++) {
    const actions = policy.act(obs, n, actOpts);
    if (actions.length !== n * actDim) {
      throw new Error(
        `policy '${policy.name}' returned ${actions.length} action values for a batch of ${n} (expected ${n * actDim})`,
      );
    }
    const res = env.step(actions);
    const m = res.market;
    for (let i = 0; i < n; i++) {
      if (done[i] === 1) continue;
      const j = first + i;
      if (t === 0) {
        wealth0[i] = config.initialCash + config.initialInventory * (m.midBefore[i] as number);
      }
      const reward = res.rewards[i] as number;
      const bidFill = m.bidFill[i] as number;
      const askFill = m.askFill[i] as number;
      const fee = m.fees[i] as number;
      out.returns[j] = (out.returns[j] as number) + reward;
      out.bidFills[j] = (out.bidFills[j] as number) + bidFill;
      out.askFills[j] = (out.askFills[j] as number) + askFill;
      out.fees[j] = (out.fees[j] as number) + fee;
      if (traj !== undefined && j < traj.episodes) {
        if (t >= steps) {
          throw new Error(
            `episode ${j} ran past the env's ${steps} steps (horizon / dt); record: 'full' needs episodes of at most that length`,
          );
        }
        const s = j * (steps + 1) + t;
        const p = j * steps + t;
        if (t === 0) {
          traj.mid[s] = m.midBefore[i] as number;
          traj.inventory[s] = config.initialInventory;
          traj.cash[s] = config.initialCash;
        }
        traj.mid[s + 1] = m.mid[i] as number;
        traj.inventory[s + 1] = m.inventory[i] as number;
        traj.cash[s + 1] = m.cash[i] as number;
        traj.bid[p] = m.bidPrice[i] as number;
        traj.ask[p] = m.askPrice[i] as number;
        traj.bidFill[p] = bidFill;
        traj.askFill[p] = askFill;
        traj.fees[p] = fee;
        traj.reward[p] = reward;
      }
      if (res.terminated[i] === 1 || res.truncated[i] === 1) {
        const q = m.inventory[i] as number;
        out.terminalInventory[j] = q;
        out.pnl[j] = (m.cash[i] as number) + q * (m.mid[i] as number) - (wealth0[i] as number);
        out.lengths[j] = t + 1;
        done[i] = 1;
        remaining--;
      }
    }
    obs = res.observations;
  }
}

function allocTrajectories(episodes: number, steps: number): Trajectories {
  const states = episodes * (steps + 1);
  const perStep = episodes * steps;
  return {
    steps,
    episodes,
    mid: new Float64Array(states).fill(Number.NaN),
    inventory: new Float64Array(states).fill(Number.NaN),
    cash: new Float64Array(states).fill(Number.NaN),
    bid: new Float64Array(perStep).fill(Number.NaN),
    ask: new Float64Array(perStep).fill(Number.NaN),
    bidFill: new Float64Array(perStep),
    askFill: new Float64Array(perStep),
    fees: new Float64Array(perStep),
    reward: new Float64Array(perStep),
  };
}

/** Mean of a Float64Array (NaN for an empty array). */
export function meanOf(values: Float64Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] as number;
  return values.length === 0 ? Number.NaN : s / values.length;
}

/** A policy's mean return as a fraction of a reference policy's mean return on the same seeds. */
export function fractionOfReference(batch: EpisodeBatch, reference: EpisodeBatch): number {
  if (batch.seed !== reference.seed || batch.episodes !== reference.episodes) {
    throw new Error(
      `fractionOfReference needs batches on the same seeds: got seed ${batch.seed} x ${batch.episodes} vs seed ${reference.seed} x ${reference.episodes}`,
    );
  }
  return meanOf(batch.returns) / meanOf(reference.returns);
}
