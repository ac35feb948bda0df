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
import { bool, fields, finite, interval, memoized, nullable, oneOf, plainObject, rangeError, rule, text, validate, withFix } from '../util/schema.js';

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

/** The replay span evaluations run on when training on a tape (null for simulated envs, or when none is left). */
export function evalEnvOf(o: Pick<TrainOptions, 'env' | 'evalEnv'>): string | null {
  if (!isReplayId(o.env)) return null;
  return o.evalEnv ?? heldOutReplayId(o.env);
}

/**
 * The train options' rules (util/schema.ts), in the order they are checked; cross-field rules
 * (a tape's held-out span, the final table's seeds, early stopping's evaluations) between them.
 */
const PROGRESS_MODES: readonly ProgressMode[] = ['auto', 'bar', 'lines', 'none'];
const int = (min: number) => finite({ integer: true, min });
const PRIORS = nullable(oneOf(PRIOR_POLICIES), 'or unset');
const TRAIN_OPTIONS = fields<TrainOptions>(
  ['agent', oneOf(AGENT_KINDS)],
  ['env', text('a preset name or env id')],
  (o) => {
    if (isReplayId(o.env)) {
      // Training on a tape: episodes are random windows of the training span; evaluations on a
      // span training never touched, with the training span's env config.
      try {
        parseReplayId(o.env);
      } catch (e) {
        return { path: ['env'], rule: 'a valid replay id', fix: (e as Error).message };
      }
      const evalEnv = evalEnvOf(o);
      if (evalEnv === null) {
        return { path: ['evalEnv'], rule: 'a held-out span of the tape', got: { value: o.env },
          fix: 'training on the whole tape leaves nothing to evaluate on: give the training span, e.g. ?to=0.6 (evaluations then use from=0.6), or --eval-env replay:...?from=...' };
      }
      const why = heldOutProblem(o.env, evalEnv);
      if (why !== null) return { path: ['evalEnv'], rule: 'a replay span on the training tape that does not overlap the training span', got: { value: evalEnv }, fix: why };
      return undefined;
    }
    return o.evalEnv !== undefined && o.evalEnv !== null ? { path: ['evalEnv'], rule: 'null unless env is a replay id (simulated envs evaluate on their own market)' } : undefined;
  },
  ['init', (o) => (o.init === undefined || o.init === null ? undefined : text('a policy or run directory'))],
  (o) => (o.init !== undefined && o.init !== null && o.warmStart !== null
    ? { path: ['init'], rule: 'unset when warmStart is set (two starting points)', fix: `drop --warm-start ${o.warmStart} or --init` }
    : undefined),
  ['timesteps', int(1)],
  ['nEnvs', int(1)],
  ['seed', int(0)],
  ['evalEvery', int(0)],
  ['evalEpisodes', int(1)],
  ['evalSeed', int(0)],
  ['finalEpisodes', int(0)],
  ['testSeed', int(0)],
  (o) => (o.finalEpisodes > 0 && o.testSeed < o.evalSeed + o.evalEpisodes && o.evalSeed < o.testSeed + o.finalEpisodes
    ? { path: ['testSeed'], rule: `outside the evaluation seeds ${o.evalSeed}..${o.evalSeed + o.evalEpisodes - 1} (the final table is measured on seeds that chose nothing)`,
        fix: `e.g. --test-seed ${o.evalSeed + o.evalEpisodes}` }
    : undefined),
  ['force', bool()],
  ['workers', nullable(interval(1, 64, { integer: true }), 'or unset: automatic')],
  ['checkpointEvery', int(0)],
  ['keepCheckpoints', int(1)],
  ['warmStart', PRIORS],
  ['residual', PRIORS],
  ['backend', nullable(oneOf(BACKEND_CHOICES))],
  ['stopAt', nullable(withFix(interval(0, 2, { loOpen: true, what: 'a fraction of the HJB optimum' }), 'e.g. --stop-at 0.99'))],
  (o) => (o.stopAt !== null && o.evalEvery === 0 ? { path: ['evalEvery'], rule: '> 0 when stopAt is set', fix: 'early stopping needs periodic evaluations' } : undefined),
  ['out', text('a directory path')],
  ['progress', oneOf<ProgressMode>(PROGRESS_MODES, { wording: 'auto, bar, lines or none' })],
  ['preset', (o) => memoized(`train option preset|${o.agent}`, () => nullable(rule(`one of ${Object.keys(presetsOf(o.agent)).join(', ')} for ${o.agent}`, (v) => presetsOf(o.agent)[v as string] !== undefined)))],
  ['agentConfig', plainObject('an object of hyperparameters')],
);

/** Validate every field; errors name the field, the allowed range and the value received (RangeError). */
export function validateTrainOptions(o: TrainOptions): TrainOptions {
  return validate(TRAIN_OPTIONS, o, { prefix: 'train option', error: rangeError });
}
