/**
 * `mmgym train`: train PPO or A2C on an env preset, evaluating against the HJB optimum on fixed
 * seeds, then print the trained agent against HJB and Avellaneda–Stoikov on the same seeds.
 * The work is done by `train()` (training/train.ts); this file maps flags to TrainOptions.
 */
import { join } from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { formatComparisonTable } from '../../training/comparison.js';
import { streamLogger } from '../../training/logger.js';
import { loadAgentConfigFile } from '../../training/agent-config.js';
import { readRunOptions, train, type TrainResult } from '../../training/train.js';
import { parseSetOverrides } from '../../baselines/env-overrides.js';
import { resolveEnvConfig } from '../../env/resolve-config.js';
import { TAPE_CONFIG_FILE } from '../../training/run-dir.js';
import {
  AGENT_KINDS,
  BACKEND_CHOICES,
  defaultTrainOptions,
  DEFAULT_RUN_BUDGET,
  DEFAULT_TRAIN_OPTIONS,
  DEFAULT_PRESET,
  evalEnvOf,
  PRIOR_PRESET,
  PRIOR_POLICIES,
  type PriorPolicy,
  applyPreset,
  mergeAgentConfig,
  presetsOf,
  type AgentKind,
  type BackendChoice,
  type TrainOptions,
} from '../../training/train-options.js';
import { commandEntry } from './index.js';
import { ConfigError } from '../../util/errors.js';
import { withInterrupt } from '../interrupt.js';
import { parseSeeds, trainConfigsSeeds } from '../../training/multi-seed.js';
import { formatSeedTable } from '../../training/seed-summary.js';

interface TrainArgs {
  agent: AgentKind;
  env: string;
  timesteps?: number;
  'n-envs'?: number;
  seed: number;
  config?: string;
  'sb3-defaults': boolean;
  preset?: string;
  out?: string;
  'warm-start'?: string;
  set: string[];
  residual?: string;
  backend?: string;
  resume?: string;
  'stop-at'?: number;
  'eval-env'?: string;
  init?: string;
  'eval-every'?: number;
  'eval-episodes': number;
  'eval-seed': number;
  'final-episodes'?: number;
  'test-seed'?: number;
  force: boolean;
  workers?: number;
  'checkpoint-every'?: number;
  progress?: string;
  seeds?: string;
  queue?: string;
  name?: string;
}

function builder(y: Argv): Argv<TrainArgs> {
  return y
    .option('agent', { choices: AGENT_KINDS, default: 'ppo' as AgentKind, describe: 'algorithm' })
    .option('env', { type: 'string', default: DEFAULT_TRAIN_OPTIONS.env, describe: 'env preset or id; replay:<data>?to=0.6 trains on random windows of that span of a recorded tape' })
    .option('eval-env', { type: 'string', describe: 'with a replay --env: the span evaluations run on (a replay id on the same tape, not overlapping the training span; default: the rest of the tape), played with the training span\'s env config' })
    .option('timesteps', {
      type: 'number',
      describe: `total env steps (default: ${DEFAULT_RUN_BUDGET.ppo.timesteps} for ppo, ${DEFAULT_RUN_BUDGET.a2c.timesteps} for a2c); with --resume, the new total`,
    })
    .option('n-envs', { type: 'number', describe: "vectorised envs (default: the preset's)" })
    .option('preset', {
      type: 'string',
      describe: `tuned hyperparameters + envs from agents/presets.ts (ppo: ${Object.keys(presetsOf('ppo')).join(', ')}; a2c: ${Object.keys(presetsOf('a2c')).join(', ')}); default ${DEFAULT_PRESET.ppo}, or ${PRIOR_PRESET.ppo} with --warm-start/--residual`,
    })
    .option('seed', { type: 'number', default: DEFAULT_TRAIN_OPTIONS.seed, describe: 'seed of the run' })
    .option('config', { type: 'string', describe: 'JSON file of agent hyperparameters (SB3 names, e.g. {"nSteps": 1024}), merged over the preset' })
    .option('sb3-defaults', { type: 'boolean', default: false, describe: "Stable-Baselines3's hyperparameters and 8 envs instead of a preset" })
    .option('out', { type: 'string', describe: 'run directory (default runs/<agent>-<env>): logs, checkpoints, best/ and final/ policies; refused if it holds a run, unless --force' })
    .option('init', { type: 'string', describe: "start from this saved policy's network and observation statistics (a policy or run directory: its best/), e.g. fine-tune a policy trained on the calibrated simulator on the tape; the run may observe features the policy did not (their inputs start at zero weight)" })
    .option('warm-start', { choices: PRIOR_POLICIES, describe: 'behaviour-clone this analytic policy before learning (hjb; hjb-drift knows the drift, hjb-regime the regime, hjb-toxic the informed fills, hjb-fees the fees)' })
    .option('residual', { choices: PRIOR_POLICIES, describe: 'learn a correction on top of this analytic policy\'s quotes (hjb, hjb-drift, hjb-regime, hjb-toxic, hjb-fees)' })
    .option('backend', { choices: BACKEND_CHOICES, describe: 'force a tfjs backend (default: node > wasm > cpu)' })
    .option('resume', { type: 'string', describe: 'continue the run in this directory from its latest checkpoint (exactly as if never stopped)' })
    .option('stop-at', { type: 'number', describe: 'stop once an evaluation reaches this fraction of the HJB optimum (e.g. 0.99)' })
    .option('eval-every', { type: 'number', describe: `evaluate every N env steps (default ${DEFAULT_RUN_BUDGET.ppo.evalEvery} for ppo, ${DEFAULT_RUN_BUDGET.a2c.evalEvery} for a2c; 0 = end only)` })
    .option('eval-episodes', { type: 'number', default: DEFAULT_TRAIN_OPTIONS.evalEpisodes, describe: 'episodes per periodic evaluation (the validation seeds that choose best/)' })
    .option('eval-seed', { type: 'number', default: DEFAULT_TRAIN_OPTIONS.evalSeed, describe: 'first evaluation seed' })
    .option('final-episodes', { type: 'number', describe: `episodes of the closing table: the best and the final policy vs HJB and AS (default ${DEFAULT_TRAIN_OPTIONS.finalEpisodes})` })
    .option('test-seed', { type: 'number', describe: `first seed of the closing table, apart from the evaluation seeds (default ${DEFAULT_TRAIN_OPTIONS.testSeed})` })
    .option('workers', { type: 'number', describe: 'threads per gradient, this one included (default: automatic, os.availableParallelism() up to 2 where each thread gets >= 512 rows; 1 = single-threaded)' })
    .option('set', { type: 'string', array: true, default: [] as string[], describe: 'override an env parameter: name=value (k, A, sigma, mu, gamma, Q, T, dt, ... or a dotted config path; repeatable)' })
    .option('force', { type: 'boolean', default: false, describe: 'start afresh in --out even if a run is there (its files are replaced)' })
    .option('checkpoint-every', { type: 'number', describe: `checkpoint every N env steps (default ${DEFAULT_TRAIN_OPTIONS.checkpointEvery})` })
    .option('progress', { choices: ['auto', 'bar', 'lines', 'none'], describe: 'progress display (default auto: a bar on a TTY, lines otherwise)' })
    .option('seeds', { type: 'string', describe: 'train once per seed (e.g. 0-7 or 0,3,5) into <out>/seed-<s>/, then a table across seeds (mean, s.e., worst) in <out>/seeds.json; with --env a,b: every env x every seed (<out>/<env>/seed-<s>)' })
    .option('queue', { type: 'string', describe: 'with --seeds: run each seed as a job on this Redis (redis://host:port), taken by `mmgym worker`s on any machine; the runs come back through Redis' })
    .option('name', { type: 'string', describe: 'queue name (default mmgym; workers must use the same)' })
    .example('$0 train --agent ppo', 'train PPO on the default AS-2008 env and compare with HJB')
    .example('$0 train --agent ppo --warm-start hjb --timesteps 50000 --stop-at 0.995', 'warm-started PPO')
    .example('$0 train --resume runs/ppo-default', 'finish a run stopped by Ctrl-C, exactly as if never stopped')
    .example('$0 train --preset throughput --workers 2', 'large minibatches on both cores')
    .example('$0 train --env "replay:data/lobster-amzn-2012-06-21-l1?to=0.6"', 'train on the first 60% of a tape, evaluate on the rest')
    .example('$0 train --env trend --residual hjb --seeds 0-3 --queue redis://127.0.0.1:6379', 'four seeds as queue jobs (start `mmgym worker --queue ...` on each machine)')
    .epilog('Every flag, the run directory, resume and the presets: docs/agents-and-training.md and docs/tuning-log.md in the mmgym package (node_modules/mmgym/docs when installed as a dependency).') as unknown as Argv<TrainArgs>;
}

/**
 * `--resume DIR`: the options recorded in DIR/run.json, with only the flags given explicitly that
 * may change on a resume (the new total, early stop, final table, checkpoint cadence, display).
 */
function resumeOptionsFromArgs(a: TrainArgs, dir: string, command: string): TrainOptions {
  if (a.set.length > 0) throw new RangeError(`--set ${a.set.join(' ')}: a resumed run keeps the env recorded in ${dir}/run.json (start a new run to change it)`);
  const o: TrainOptions = { ...readRunOptions(dir), resume: dir, out: dir, command };
  if (a.timesteps !== undefined) o.timesteps = a.timesteps;
  if (a['stop-at'] !== undefined) o.stopAt = a['stop-at'];
  if (a['final-episodes'] !== undefined) o.finalEpisodes = a['final-episodes'];
  if (a['checkpoint-every'] !== undefined) o.checkpointEvery = a['checkpoint-every'];
  if (a.progress !== undefined) o.progress = a.progress as TrainOptions['progress'];
  return o;
}

/** Flags -> TrainOptions (the --config file is read and validated here). */
export function trainOptionsFromArgs(a: TrainArgs, argv: readonly string[]): TrainOptions {
  const command = ['mmgym', ...argv].join(' ');
  if (a.resume !== undefined) return resumeOptionsFromArgs(a, a.resume, command);
  let o = defaultTrainOptions(a.agent, a.env, a['warm-start'] !== undefined || a.residual !== undefined);
  if (a.preset !== undefined) o = applyPreset(o, a.preset);
  if (a['sb3-defaults']) o = { ...o, preset: null, agentConfig: {}, nEnvs: DEFAULT_TRAIN_OPTIONS.nEnvs };
  o.seed = a.seed;
  if (a.timesteps !== undefined) o.timesteps = a.timesteps;
  if (a['n-envs'] !== undefined) o.nEnvs = a['n-envs'];
  if (a.out !== undefined) o.out = a.out;
  o.envOverrides = parseSetOverrides(a.set);
  // an override that names no field fails here, naming it, before anything starts
  if (a.set.length > 0) resolveEnvConfig(o.env, o.envOverrides);
  if (a.config !== undefined) o.agentConfig = mergeAgentConfig(o.agentConfig, loadAgentConfigFile(a.config, a.agent));
  if (a['warm-start'] !== undefined) o.warmStart = a['warm-start'] as PriorPolicy;
  if (a.residual !== undefined) o.residual = a.residual as PriorPolicy;
  if (a.backend !== undefined) o.backend = a.backend as BackendChoice;
  if (a['stop-at'] !== undefined) o.stopAt = a['stop-at'];
  if (a['eval-env'] !== undefined) o.evalEnv = a['eval-env'];
  if (a.init !== undefined) o.init = a.init;
  if (a['eval-every'] !== undefined) o.evalEvery = a['eval-every'];
  o.evalEpisodes = a['eval-episodes'];
  o.evalSeed = a['eval-seed'];
  if (a['final-episodes'] !== undefined) o.finalEpisodes = a['final-episodes'];
  if (a['test-seed'] !== undefined) o.testSeed = a['test-seed'];
  o.force = a.force;
  if (a.workers !== undefined) o.workers = a.workers;
  if (a['checkpoint-every'] !== undefined) o.checkpointEvery = a['checkpoint-every'];
  if (a.progress !== undefined) o.progress = a.progress as TrainOptions['progress'];
  o.command = command;
  return o;
}

/** What a run ends with: where its policies are and how to go on. */
export function closingLines(r: TrainResult): string[] {
  const dir = r.options.out;
  const pct = (x: number | null): string => (x === null ? '-' : `${(100 * x).toFixed(2)}%`);
  const lines = [`${r.interrupted ? 'interrupted at' : 'trained'} ${r.timesteps} steps in ${r.wallSeconds.toFixed(1)} s on ${r.backend}; checkpoint in ${r.checkpointDir}`];
  if (r.bestDir !== null) {
    const how =
      r.bestExactReturn !== null && r.lastEval?.exactOptimum != null
        ? `exact value ${r.bestExactReturn.toFixed(4)} = ${pct(r.bestExactReturn / r.lastEval.exactOptimum)} of V*`
        : r.bestPctOptimal !== null
          ? `validation seeds, ${pct(r.bestPctOptimal)} of HJB`
          : `the highest mean return on the validation episodes`;
    lines.push(`best policy (${how}, at ${r.bestAt} steps): ${r.bestDir}  <- loadPolicy('${dir}') and --policy ${dir} load this one`);
  }
  if (r.finalDir !== null) lines.push(`final policy: ${r.finalDir}`);
  const evalEnv = evalEnvOf(r.options);
  if (evalEnv !== null && r.finalDir !== null) {
    const id = `${evalEnv}${evalEnv.includes('?') ? '&' : '?'}params=${join(dir, TAPE_CONFIG_FILE)}`;
    lines.push(`evaluate on the held-out span with the training config: mmgym eval --policy ${dir} --env '${id}'`);
  }
  lines.push(
    r.interrupted
      ? `resume: mmgym train --resume ${dir}   (continues exactly where it stopped)`
      : `train on: mmgym train --resume ${dir} --timesteps ${2 * r.timesteps}`,
  );
  return lines;
}

async function handler(a: ArgumentsCamelCase<TrainArgs>): Promise<void> {
  if (a.seeds === undefined && (a.queue !== undefined || a.name !== undefined)) throw new ConfigError('--queue and --name go with --seeds (one job per seed); a single run trains here');
  if (a.seeds !== undefined) {
    await seedsHandler(a);
    return;
  }
  const options = trainOptionsFromArgs(a, process.argv.slice(2));
  const logger = streamLogger(process.stderr);
  // First Ctrl-C: finish the current step, save a final checkpoint, exit cleanly. Second: exit now.
  const result = await withInterrupt('mmgym train: interrupted, saving a final checkpoint (Ctrl-C again to quit now)', (signal) =>
    train(options, { logger, signal, progressStream: process.stderr }),
  );
  if (result.comparison) process.stdout.write(`\n${formatComparisonTable(result.comparison)}\n`);
  process.stdout.write(`\n${closingLines(result).join('\n')}\n`);
}

/** `--seeds`: one run per seed, here or as queue jobs, then the table across seeds. */
async function seedsHandler(a: ArgumentsCamelCase<TrainArgs>): Promise<void> {
  const seeds = parseSeeds(a.seeds as string);
  // --env a,b with --seeds: every env x every seed (ids with a scheme, e.g. replay:..., are one env)
  const envs = a.env.includes(':') ? [a.env] : a.env.split(',').map((e) => e.trim());
  if (envs.some((e) => e === '')) throw new ConfigError(`--env lists an empty env: ${JSON.stringify(a.env)}`);
  const bases = envs.map((env) => {
    const o = trainOptionsFromArgs({ ...a, env }, process.argv.slice(2));
    if (envs.length > 1 && a.out !== undefined) o.out = join(a.out, env);
    return o;
  });
  const log = (m: string): void => void process.stderr.write(`${m}\n`);
  const where = a.queue === undefined ? { logger: streamLogger(process.stderr), progressStream: process.stderr } : { queue: { url: a.queue, ...(a.name !== undefined ? { name: a.name } : {}) } };
  const results = await withInterrupt('mmgym train: interrupted (queued seeds stay in the queue; re-run to gather them)', (signal) => trainConfigsSeeds(bases, seeds, { log, signal, ...where }));
  results.forEach((r, i) => {
    const o = bases[i] as TrainOptions;
    process.stdout.write(`\n${envs.length > 1 ? `${o.env}\n` : ''}${formatSeedTable(r.rows)}\n\nper seed: ${join(o.out, 'seed-<s>')} (best/ and final/ policies); the table: ${r.file}\n`);
  });
}

export const trainCommand: CommandModule<object, TrainArgs> = {
  command: commandEntry('train').command,
  describe: commandEntry('train').describe,
  builder,
  handler,
};
