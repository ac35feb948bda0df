/**
 * Checkpoints of a run: `RUN/checkpoints/step-<timesteps>/` holds the agent's full state (written
 * by the agent's own `save(dir)`) plus `trainer.json` (the driver's counters), and
 * `RUN/checkpoints/latest.json` names the newest one.
 *
 * Atomicity: the agent's files and `trainer.json` are written in one atomic directory write
 * (models/atomic-dir.ts: a temporary sibling, renamed into place), and only then is `latest.json`
 * replaced (temp file + rename). A crash at any point leaves `latest.json` naming a complete
 * checkpoint; the temporary entries a crash can leave (`.step-*.tmp-*`, `.step-*.old-*`,
 * `.latest.json.*.tmp`) are removed by the next checkpoint.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeJsonAtomic } from '../util/atomic-write.js';
import { jsonErrorMessage } from '../util/json-error.js';
import { digestProblem, type Integrity } from '../models/integrity.js';

export const TRAINER_STATE_VERSION = 1;

/** The driver's own state, saved with each checkpoint. */
export interface TrainerState {
  version: number;
  /** Env steps done (summed over envs). */
  timesteps: number;
  /** Training wall time so far (seconds, excluding evaluations of earlier sessions' start-up). */
  wallSeconds: number;
  /** Updates done so far. */
  updates: number;
  /** Evaluations done so far. */
  evals: number;
  /** Best and latest evaluation fraction of optimal (null before the first). */
  bestPctOptimal: number | null;
  /** Env steps of the best evaluation, whose policy is in best/ (null before the first; absent in older checkpoints). */
  bestAt?: number | null;
  /** Exact expected return of the best policy, where the market has one (absent in older checkpoints). */
  bestExactReturn?: number | null;
  /** Mean validation return of the best policy, where best/ is chosen by it (a tape with a non-positive HJB mean; absent in older checkpoints). */
  bestMeanReturn?: number | null;
  lastPctOptimal: number | null;
  /** Latest mean training episode return. */
  lastEpRewMean: number | null;
  /** Env steps at which the next evaluation / checkpoint is due (Infinity = never; null in the JSON). */
  nextEvalAt: number;
  nextCheckpointAt: number;
}

export interface Checkpoint {
  /** Directory holding the agent state (pass it to the agent's `load`). */
  dir: string;
  state: TrainerState;
}

/** Anything with a `save(dir, opts)` writing its complete state, and the extra files, into a directory atomically. */
export interface SavableAgent {
  save(dir: string, opts: { name: string; extraFiles: Record<string, string> }): Promise<unknown> | unknown;
}

export function checkpointsDir(runDir: string): string {
  return join(runDir, 'checkpoints');
}

function stepName(timesteps: number): string {
  return `step-${String(timesteps).padStart(10, '0')}`;
}

/** Save `agent` + `state` as the newest checkpoint; keep the newest `keep` checkpoints. */
export async function saveCheckpoint(
  runDir: string,
  agent: SavableAgent,
  state: TrainerState,
  keep: number,
): Promise<Checkpoint> {
  const root = checkpointsDir(runDir);
  mkdirSync(root, { recursive: true });
  const name = stepName(state.timesteps);
  const target = join(root, name);
  await agent.save(target, { name, extraFiles: { 'trainer.json': `${JSON.stringify(state, null, 2)}\n` } });
  writeJsonAtomic(join(root, 'latest.json'), { dir: name, timesteps: state.timesteps });
  pruneCheckpoints(root, name, keep);
  return { dir: target, state };
}

/** Temporary entries of interrupted atomic writes (of a step directory, or of latest.json). */
export function isLeftover(entry: string): boolean {
  return /^\.step-\d+\.(tmp|old)-/.test(entry) || /^\.latest\.json\..*\.tmp$/.test(entry) || /^\.tmp-step-/.test(entry) || /^\.\.tmp-step-/.test(entry);
}

function pruneCheckpoints(root: string, newest: string, keep: number): void {
  const dirs = readdirSync(root)
    .filter((d) => /^step-\d+$/.test(d))
    .sort();
  const kept = new Set(dirs.slice(-keep));
  kept.add(newest);
  for (const d of dirs) if (!kept.has(d)) rmSync(join(root, d), { recursive: true, force: true });
  for (const d of readdirSync(root)) if (isLeftover(d)) rmSync(join(root, d), { recursive: true, force: true });
}

function readJson(path: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (err) {
    throw new Error(`cannot read ${what} ${path}: ${jsonErrorMessage(err)}`);
  }
}

/** The newest checkpoint of a run, with a clear error when there is none or it is damaged. */
export function loadLatestCheckpoint(runDir: string): Checkpoint {
  const root = checkpointsDir(runDir);
  const latestPath = join(root, 'latest.json');
  if (!existsSync(latestPath)) {
    throw new Error(
      `cannot resume ${runDir}: no checkpoint found (${latestPath} is missing); pass the directory of a run started by mmgym train`,
    );
  }
  const latest = readJson(latestPath, 'checkpoint index') as { dir?: unknown };
  if (typeof latest.dir !== 'string' || !/^step-\d+$/.test(latest.dir)) {
    throw new Error(`corrupt checkpoint index ${latestPath}: field dir must name a step-<n> directory, got ${JSON.stringify(latest.dir)}`);
  }
  const dir = join(root, latest.dir);
  const trainerPath = join(dir, 'trainer.json');
  const policyPath = join(dir, 'policy.json');
  const policy = (existsSync(policyPath) ? readJson(policyPath, 'checkpoint policy') : {}) as { integrity?: Integrity };
  if (policy.integrity !== undefined && existsSync(trainerPath)) {
    const why = digestProblem(policy.integrity, 'trainer.json', readFileSync(trainerPath, 'utf8'));
    if (why !== null) throw new Error(`corrupt trainer state ${trainerPath}: ${why}`);
  }
  const state = readJson(trainerPath, 'trainer state') as Partial<TrainerState>;
  if (state.version !== TRAINER_STATE_VERSION) {
    throw new Error(
      `unsupported trainer state version in ${join(dir, 'trainer.json')}: expected ${TRAINER_STATE_VERSION}, got ${JSON.stringify(state.version)}`,
    );
  }
  // Never due (no periodic evaluation / checkpoint): Infinity, which JSON writes as null.
  for (const f of ['nextEvalAt', 'nextCheckpointAt'] as const) if (state[f] === null) state[f] = Infinity;
  for (const f of ['timesteps', 'wallSeconds', 'updates', 'evals'] as const) {
    if (typeof state[f] !== 'number' || !Number.isFinite(state[f])) {
      throw new Error(`corrupt trainer state ${join(dir, 'trainer.json')}: field ${f} must be a finite number, got ${JSON.stringify(state[f])}`);
    }
  }
  for (const f of ['nextEvalAt', 'nextCheckpointAt'] as const) {
    if (typeof state[f] !== 'number' || Number.isNaN(state[f])) {
      throw new Error(`corrupt trainer state ${join(dir, 'trainer.json')}: field ${f} must be a number or null (never), got ${JSON.stringify(state[f])}`);
    }
  }
  return { dir, state: state as TrainerState };
}
