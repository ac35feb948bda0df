/**
 * Options of a training run (`mmgym train` flags map one to one), their defaults and validation.
 * The defaults are the README's main command: they finish in a few minutes on a 2-core machine.
 */
import type { EnvOverrides } from '../env/config.js';
import { deepFreeze } from '../env/config.js';
import type { ProgressMode } from './progress.js';

export type AgentKind = 'ppo' | 'a2c';
export const AGENT_KINDS: readonly AgentKind[] = ['ppo', 'a2c'];
export type BackendChoice = 'node' | 'wasm' | 'cpu';
export const BACKEND_CHOICES: readonly BackendChoice[] = ['node', 'wasm', 'cpu'];
export type PriorPolicy = 'hjb';

export interface TrainOptions {
  /** Algorithm. @defaultValue 'ppo' */
  agent: AgentKind;
  /** Env preset or registry id (see env/presets.ts). @defaultValue 'default' */
  env: string;
  /** Env overrides deep-merged onto the preset. @defaultValue {} */
  envOverrides: EnvOverrides;
  /** Total env steps, summed over the vector envs, >= 1 (default: the algorithm's budget, DEFAULT_RUN_BUDGET). */
  timesteps: number;
  /** Number of vectorised envs, >= 1 (default: DEFAULT_RUN_BUDGET). */
  nEnvs: number;
  /** Seed of the whole run (env i is seeded seed + i; agent initialisers and sampling). @defaultValue 0 */
  seed: number;
  /** Agent hyperparameters over the algorithm's SB3 defaults (RUN_HYPERPARAMETERS, then `--config file.json`). */
  agentConfig: Record<string, unknown>;
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
  /** Episodes of the final comparison table (agent vs HJB vs AS, same seeds); 0 = skip. @defaultValue 1000 */
  finalEpisodes: number;
  /** Write a checkpoint every this many env steps (0 = only at the end / on Ctrl-C). */
  checkpointEvery: number;
  /** Checkpoints kept in checkpoints/ (older ones are deleted), >= 1. @defaultValue 2 */
  keepCheckpoints: number;
  /** Progress display. @defaultValue 'auto' */
  progress: ProgressMode;
  /** The command line that started the run (recorded in policy.json). @defaultValue null */
  command: string | null;
}

/**
 * The run's default hyperparameters per algorithm, over the agents' SB3 defaults
 * (DEFAULT_PPO_CONFIG / DEFAULT_A2C_CONFIG). Tuned on the default env for learning speed per env
 * step (see README "Training"); `--config file.json` merges over them, `--sb3-defaults` drops them.
 */
export const RUN_HYPERPARAMETERS: Readonly<Record<AgentKind, Readonly<Record<string, unknown>>>> = deepFreeze({
  // More, smaller updates (2,048 steps per iteration with 8 envs) at a larger learning rate,
  // gamma close to 1 (the objective is the undiscounted episode return), and a narrower initial
  // policy (std e^-0.5 = 0.61 instead of 1). A linear decay of the rate to 0 over a 300k run
  // ended lower (89% vs 95% of optimal, seed 0).
  ppo: { nSteps: 256, batchSize: 256, learningRate: 1e-3, gamma: 0.999, net: { logStdInit: -0.5 } },
  // SB3's A2C with the narrower initial policy (gamma 0.999 made A2C diverge here).
  a2c: { net: { logStdInit: -0.5 } },
});

/**
 * Run defaults when starting from the HJB policy (`--warm-start hjb` / `--residual hjb`): SB3's
 * own, whose fewer, larger updates (16,384 steps each) move the cloned policy gently; the faster
 * settings above pulled a cloned policy from 99.3% down to 98.6% of optimal within 50k steps,
 * SB3's kept it at 99.7-99.9% (1,000 evaluation episodes, seed 0).
 */
export const PRIOR_RUN_HYPERPARAMETERS: Readonly<Record<AgentKind, Readonly<Record<string, unknown>>>> = deepFreeze({
  ppo: {},
  a2c: {},
});

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

/** Per-algorithm defaults of the run (budget, envs, evaluation cadence). */
export const DEFAULT_RUN_BUDGET: Readonly<Record<AgentKind, { timesteps: number; nEnvs: number; evalEvery: number }>> =
  deepFreeze({
    ppo: { timesteps: 300_000, nEnvs: 8, evalEvery: 30_000 },
    a2c: { timesteps: 300_000, nEnvs: 8, evalEvery: 30_000 },
  });

export const DEFAULT_TRAIN_OPTIONS: Readonly<TrainOptions> = deepFreeze({
  agent: 'ppo',
  env: 'default',
  envOverrides: {},
  timesteps: DEFAULT_RUN_BUDGET.ppo.timesteps,
  nEnvs: DEFAULT_RUN_BUDGET.ppo.nEnvs,
  seed: 0,
  agentConfig: {},
  out: 'runs/ppo-default',
  warmStart: null,
  residual: null,
  backend: null,
  resume: null,
  stopAt: null,
  evalEvery: DEFAULT_RUN_BUDGET.ppo.evalEvery,
  evalEpisodes: 200,
  evalSeed: 1_000_000,
  finalEpisodes: 1000,
  checkpointEvery: 100_000,
  keepCheckpoints: 2,
  progress: 'auto',
  command: null,
} satisfies TrainOptions);

/**
 * Defaults for `agent`, with the algorithm's run budget and `out = runs/<agent>-<env>`;
 * `fromPrior` (a warm start or residual run) takes PRIOR_RUN_HYPERPARAMETERS.
 */
export function defaultTrainOptions(agent: AgentKind = 'ppo', env = 'default', fromPrior = false): TrainOptions {
  const budget = DEFAULT_RUN_BUDGET[agent];
  return {
    ...structuredClone(DEFAULT_TRAIN_OPTIONS as TrainOptions),
    agent,
    env,
    ...budget,
    agentConfig: structuredClone((fromPrior ? PRIOR_RUN_HYPERPARAMETERS : RUN_HYPERPARAMETERS)[agent] as Record<string, unknown>),
    out: `runs/${agent}-${env.replace(/[^A-Za-z0-9._-]+/g, '_')}`,
  };
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

/** Validate every field; errors name the field, the allowed range and the value received. */
export function validateTrainOptions(o: TrainOptions): TrainOptions {
  if (!AGENT_KINDS.includes(o.agent)) fail('agent', `one of ${AGENT_KINDS.join(', ')}`, o.agent);
  if (typeof o.env !== 'string' || o.env === '') fail('env', 'a preset name or env id', o.env);
  checkInt(o, 'timesteps', 1);
  checkInt(o, 'nEnvs', 1);
  checkInt(o, 'seed', 0);
  checkInt(o, 'evalEvery', 0);
  checkInt(o, 'evalEpisodes', 1);
  checkInt(o, 'evalSeed', 0);
  checkInt(o, 'finalEpisodes', 0);
  checkInt(o, 'checkpointEvery', 0);
  checkInt(o, 'keepCheckpoints', 1);
  if (o.warmStart !== null && o.warmStart !== 'hjb') fail('warmStart', '"hjb" or unset', o.warmStart);
  if (o.residual !== null && o.residual !== 'hjb') fail('residual', '"hjb" or unset', o.residual);
  if (o.backend !== null && !BACKEND_CHOICES.includes(o.backend))
    fail('backend', `one of ${BACKEND_CHOICES.join(', ')}`, o.backend);
  if (o.stopAt !== null && !(Number.isFinite(o.stopAt) && o.stopAt > 0 && o.stopAt <= 2))
    fail('stopAt', 'a fraction of the HJB optimum in (0, 2]', o.stopAt, 'e.g. --stop-at 0.99');
  if (o.stopAt !== null && o.evalEvery === 0)
    fail('evalEvery', '> 0 when stopAt is set', o.evalEvery, 'early stopping needs periodic evaluations');
  if (typeof o.out !== 'string' || o.out === '') fail('out', 'a directory path', o.out);
  if (!['auto', 'bar', 'lines', 'none'].includes(o.progress)) fail('progress', 'auto, bar, lines or none', o.progress);
  if (o.agentConfig === null || typeof o.agentConfig !== 'object' || Array.isArray(o.agentConfig))
    fail('agentConfig', 'an object of hyperparameters', o.agentConfig);
  return o;
}
