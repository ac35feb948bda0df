/**
 * Options of a training run (`mmgym train` flags map one to one), their defaults and validation.
 * The defaults are the README's main command: they finish in a few minutes on a 2-core machine.
 */
import type { EnvOverrides } from '../env/config.js';
import { deepFreeze } from '../env/config.js';
import { heldOutProblem, heldOutReplayId, isReplayId, parseReplayId } from '../env/replay/replay-id.js';
import type { A2CConfig } from '../agents/a2c.js';
import type { PPOConfig } from '../agents/ppo.js';
import { A2C_PRESETS, PPO_PRESETS, type AgentPreset } from '../agents/presets.js';
import type { ProgressMode } from './progress.js';

export type AgentKind = 'ppo' | 'a2c';
export const AGENT_KINDS: readonly AgentKind[] = ['ppo', 'a2c'];
export type BackendChoice = 'node' | 'wasm' | 'cpu';
export const BACKEND_CHOICES: readonly BackendChoice[] = ['node', 'wasm', 'cpu'];
/** Analytic policies a run may start from (--warm-start) or learn a correction on (--residual). */
export const PRIOR_POLICIES = ['hjb', 'hjb-drift', 'hjb-regime', 'hjb-toxic', 'hjb-fees'] as const;
export type PriorPolicy = (typeof PRIOR_POLICIES)[number];

export interface TrainOptions {
  /** Algorithm. @defaultValue 'ppo' */
  agent: AgentKind;
  /** Env preset or registry id (see env/presets.ts). @defaultValue 'default' */
  env: string;
  /** Env overrides deep-merged onto the preset. @defaultValue {} */
  envOverrides: EnvOverrides;
  /**
   * Where evaluations run when training on a tape (`env` a replay id): a replay id on the same
   * tape whose span does not overlap the training span. null: the held-out rest of the tape
   * (`heldOutReplayId`). Not used for simulated envs. @defaultValue null
   */
  evalEnv?: string | null;
  /**
   * Start from this saved policy's network and observation statistics (a policy or run
   * directory; agents/init-from-policy.ts), e.g. fine-tuning a simulator-trained policy on a
   * tape. Not with `warmStart`. @defaultValue null
   */
  init?: string | null;
  /** Total env steps, summed over the vector envs, >= 1 (default: the algorithm's budget, DEFAULT_RUN_BUDGET). */
  timesteps: number;
  /** Number of vectorised envs, >= 1 (default: the preset's). */
  nEnvs: number;
  /** Seed of the whole run (env i is seeded seed + i; agent initialisers and sampling). @defaultValue 0 */
  seed: number;
  /** Agent hyperparameters over the algorithm's SB3 defaults (the preset's, then `--config file.json`). */
  agentConfig: Record<string, unknown>;
  /** Name of the preset agentConfig/nEnvs came from (recorded); null = SB3 defaults or custom. */
  preset: string | null;
  /** Run directory: logs, checkpoints/ and the saved policy (model.json, weights.bin, policy.json). */
  out: string;
  /** Behaviour-cloning pretraining of the actor (and critic) on the HJB policy before learning. @defaultValue null */
  warmStart: PriorPolicy | null;
  /** Act as HJB quotes plus a learned correction initialised at zero. @defaultValue null */
  residual: PriorPolicy | null;
  /** Force a tfjs backend (fails if unavailable); null = best available. @defaultValue null */
  backend: BackendChoice | null;
  /** Continue the run saved in this directory from its latest checkpoint. @defaultValue null */
  resume: string | null;
  /** Stop early once an evaluation reaches this fraction of the HJB optimum, in (0, 2]. @defaultValue null */
  stopAt: number | null;
  /** Evaluate every this many env steps (0 = only at the end). */
  evalEvery: number;
  /** Episodes per evaluation (common random numbers: seeds evalSeed .. evalSeed + n - 1), >= 1. */
  evalEpisodes: number;
  /** First evaluation seed. @defaultValue 1_000_000 */
  evalSeed: number;
  /**
   * Episodes of the final comparison table (the best and the final policy vs HJB vs AS, same
   * seeds testSeed .. testSeed + n - 1); 0 = skip. @defaultValue 1000
   */
  finalEpisodes: number;
  /**
   * First seed of the final table: test seeds that played no part in training or in choosing the
   * best policy (they may not overlap the evaluation seeds). @defaultValue 2_000_000
   */
  testSeed: number;
  /** Start afresh in `out` even if a run is already there (its files are replaced). @defaultValue false */
  force: boolean;
  /**
   * Threads per gradient, the learner included (agents/grad-workers.ts); null = automatic
   * (`autoWorkers()`). The run records the number it used; a resume keeps it. @defaultValue null
   */
  workers: number | null;
  /** Write a checkpoint every this many env steps (0 = only at the end / on Ctrl-C). */
  checkpointEvery: number;
  /** Checkpoints kept in checkpoints/ (older ones are deleted), >= 1. @defaultValue 2 */
  keepCheckpoints: number;
  /** Progress display. @defaultValue 'auto' */
  progress: ProgressMode;
  /** The command line that started the run (recorded in policy.json). @defaultValue null */
  command: string | null;
}

/** Presets (agents/presets.ts: tuned hyperparameters + envs, with the runs that measured them). */
export function presetsOf(agent: AgentKind): Readonly<Record<string, AgentPreset<PPOConfig> | AgentPreset<A2CConfig>>> {
  return agent === 'ppo' ? PPO_PRESETS : A2C_PRESETS;
}

/**
 * The preset a run starts from unless told otherwise: the algorithm's tuned `as-default`
 * (PPO: 99% of optimal at 700k steps, A2C: 95% at 1.05M, as measured in agents/presets.ts), and
 * for `--warm-start hjb` / `--residual hjb` runs PPO's `warm-start` (SB3's defaults: their fewer,
 * larger updates keep the cloned policy where it starts).
 */
export const DEFAULT_PRESET: Readonly<Record<AgentKind, string>> = deepFreeze({ ppo: 'as-default', a2c: 'as-default' });
export const PRIOR_PRESET: Readonly<Record<AgentKind, string | null>> = deepFreeze({ ppo: 'warm-start', a2c: null });

/** Set `agentConfig` and `nEnvs` from a named preset (clear error listing the names). */
export function applyPreset(o: TrainOptions, name: string): TrainOptions {
  const presets = presetsOf(o.agent);
  const p = presets[name];
  if (p === undefined) {
    throw new RangeError(`train option preset must be one of ${Object.keys(presets).join(', ')} for ${o.agent}, got ${JSON.stringify(name)}`);
  }
  return { ...o, preset: name, nEnvs: p.numEnvs, agentConfig: structuredClone(p.config) as Record<string, unknown> };
}

/** `over` merged onto `base` (one level deep for the nested `net` / `normalize` objects). */
export function mergeAgentConfig(base: Readonly<Record<string, unknown>>, over: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = structuredClone(base as Record<string, unknown>);
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    const nested = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x) && !('kind' in x);
    out[k] = nested(b) && nested(v) ? { ...b, ...v } : structuredClone(v);
  }
  return out;
}

/** Per-algorithm defaults of the run (budget, evaluation cadence): under a minute on 2 cores (PPO 1.5M steps: ~50 s; README, bench:train --only seeds). */
export const DEFAULT_RUN_BUDGET: Readonly<Record<AgentKind, { timesteps: number; evalEvery: number }>> = deepFreeze({
  ppo: { timesteps: 1_500_000, evalEvery: 50_000 },
  a2c: { timesteps: 300_000, evalEvery: 30_000 },
});

export const DEFAULT_TRAIN_OPTIONS: Readonly<TrainOptions> = deepFreeze({
  agent: 'ppo',
  env: 'default',
  envOverrides: {},
  timesteps: DEFAULT_RUN_BUDGET.ppo.timesteps,
  nEnvs: 8,
  seed: 0,
  agentConfig: {},
  preset: null,
  out: 'runs/ppo-default',
  warmStart: null,
  residual: null,
  backend: null,
  resume: null,
  stopAt: null,
  evalEnv: null,
  init: null,
  evalEvery: DEFAULT_RUN_BUDGET.ppo.evalEvery,
  evalEpisodes: 1000,
  evalSeed: 1_000_000,
  finalEpisodes: 1000,
  testSeed: 2_000_000,
  force: false,
  workers: null,
  checkpointEvery: 100_000,
  keepCheckpoints: 2,
  progress: 'auto',
  command: null,
} satisfies TrainOptions);

/**
 * Defaults for `agent`: its run budget, its default preset (PRIOR_PRESET for a warm start or
 * residual run, `fromPrior`), `out = runs/<agent>-<env>`.
 */
export function defaultTrainOptions(agent: AgentKind = 'ppo', env = 'default', fromPrior = false): TrainOptions {
  const o: TrainOptions = {
    ...structuredClone(DEFAULT_TRAIN_OPTIONS as TrainOptions),
    agent,
    env,
    ...DEFAULT_RUN_BUDGET[agent],
    out: `runs/${agent}-${env.replace(/[^A-Za-z0-9._-]+/g, '_')}`,
  };
  const preset = fromPrior ? PRIOR_PRESET[agent] : DEFAULT_PRESET[agent];
  return preset === null ? o : applyPreset(o, preset);
}

function fail(field: string, rule: string, got: unknown, fix?: string): never {
  throw new RangeError(
    `train option ${field} must be ${rule}, got ${JSON.stringify(got) ?? String(got)}${fix ? ` (${fix})` : ''}`,
  );
}

function checkInt(o: TrainOptions, field: keyof TrainOptions, min: number): void {
  const v = o[field];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) fail(field, `an integer >= ${min}`, v);
}

/** The replay span evaluations run on when training on a tape (null for simulated envs, or when none is left). */
export function evalEnvOf(o: Pick<TrainOptions, 'env' | 'evalEnv'>): string | null {
  if (!isReplayId(o.env)) return null;
  return o.evalEnv ?? heldOutReplayId(o.env);
}

/** Validate every field; errors name the field, the allowed range and the value received. */
export function validateTrainOptions(o: TrainOptions): TrainOptions {
  if (!AGENT_KINDS.includes(o.agent)) fail('agent', `one of ${AGENT_KINDS.join(', ')}`, o.agent);
  if (typeof o.env !== 'string' || o.env === '') fail('env', 'a preset name or env id', o.env);
  if (isReplayId(o.env)) {
    // Training on a tape: episodes are random windows of the training span; evaluations on a
    // span training never touched, with the training span's env config.
    try {
      parseReplayId(o.env);
    } catch (e) {
      fail('env', 'a valid replay id', o.env, (e as Error).message);
    }
    const evalEnv = evalEnvOf(o);
    if (evalEnv === null) {
      fail('evalEnv', 'a held-out span of the tape', o.env,
        'training on the whole tape leaves nothing to evaluate on: give the training span, e.g. ?to=0.6 (evaluations then use from=0.6), or --eval-env replay:...?from=...');
    }
    const why = heldOutProblem(o.env, evalEnv);
    if (why !== null) fail('evalEnv', 'a replay span on the training tape that does not overlap the training span', evalEnv, why);
  } else if (o.evalEnv !== undefined && o.evalEnv !== null) {
    fail('evalEnv', 'null unless env is a replay id (simulated envs evaluate on their own market)', o.evalEnv);
  }
  if (o.init !== undefined && o.init !== null) {
    if (typeof o.init !== 'string' || o.init === '') fail('init', 'a policy or run directory', o.init);
    if (o.warmStart !== null) fail('init', 'unset when warmStart is set (two starting points)', o.init, `drop --warm-start ${o.warmStart} or --init`);
  }
  checkInt(o, 'timesteps', 1);
  checkInt(o, 'nEnvs', 1);
  checkInt(o, 'seed', 0);
  checkInt(o, 'evalEvery', 0);
  checkInt(o, 'evalEpisodes', 1);
  checkInt(o, 'evalSeed', 0);
  checkInt(o, 'finalEpisodes', 0);
  checkInt(o, 'testSeed', 0);
  if (o.finalEpisodes > 0 && o.testSeed < o.evalSeed + o.evalEpisodes && o.evalSeed < o.testSeed + o.finalEpisodes) {
    fail('testSeed', `outside the evaluation seeds ${o.evalSeed}..${o.evalSeed + o.evalEpisodes - 1} (the final table is measured on seeds that chose nothing)`, o.testSeed,
      `e.g. --test-seed ${o.evalSeed + o.evalEpisodes}`);
  }
  if (typeof o.force !== 'boolean') fail('force', 'true or false', o.force);
  if (o.workers !== null && !(Number.isInteger(o.workers) && o.workers >= 1 && o.workers <= 64)) fail('workers', 'an integer in [1, 64] (or unset: automatic)', o.workers);
  checkInt(o, 'checkpointEvery', 0);
  checkInt(o, 'keepCheckpoints', 1);
  const priors = `one of ${PRIOR_POLICIES.join(', ')} (or unset)`;
  if (o.warmStart !== null && !PRIOR_POLICIES.includes(o.warmStart)) fail('warmStart', priors, o.warmStart);
  if (o.residual !== null && !PRIOR_POLICIES.includes(o.residual)) fail('residual', priors, o.residual);
  if (o.backend !== null && !BACKEND_CHOICES.includes(o.backend))
    fail('backend', `one of ${BACKEND_CHOICES.join(', ')}`, o.backend);
  if (o.stopAt !== null && !(Number.isFinite(o.stopAt) && o.stopAt > 0 && o.stopAt <= 2))
    fail('stopAt', 'a fraction of the HJB optimum in (0, 2]', o.stopAt, 'e.g. --stop-at 0.99');
  if (o.stopAt !== null && o.evalEvery === 0)
    fail('evalEvery', '> 0 when stopAt is set', o.evalEvery, 'early stopping needs periodic evaluations');
  if (typeof o.out !== 'string' || o.out === '') fail('out', 'a directory path', o.out);
  if (!['auto', 'bar', 'lines', 'none'].includes(o.progress)) fail('progress', 'auto, bar, lines or none', o.progress);
  if (o.preset !== null && presetsOf(o.agent)[o.preset] === undefined)
    fail('preset', `one of ${Object.keys(presetsOf(o.agent)).join(', ')} for ${o.agent}`, o.preset);
  if (o.agentConfig === null || typeof o.agentConfig !== 'object' || Array.isArray(o.agentConfig))
    fail('agentConfig', 'an object of hyperparameters', o.agentConfig);
  return o;
}
