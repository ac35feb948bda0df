/**
 * checkEnv: the API contract checks of Gymnasium's `utils/env_checker.py`, for any `Env`
 * (MarketMakingEnv or wrapped). Throws `EnvCheckError` naming the failed check; returns the
 * checks that passed (and warnings) so callers can print them.
 *
 * Checks: spaces are Box/Discrete; reset({seed}) returns { observation, info } with a float32
 * observation inside the observation space and an info object; reset with the same seed is
 * deterministic (observations and a sampled trajectory) and different seeds give different
 * trajectories; reset() without a seed works and continues the stream; reset accepts options;
 * step returns { observation, reward, terminated, truncated, info } with the right types, a finite
 * reward, fresh (non-aliased) observation arrays inside the space; an episode ends (terminated or
 * truncated) within the horizon; render('ansi') returns a string; close() works.
 */
import type { Action, Env, ResetResult, StepResult } from './env.js';
import { Box, Discrete } from './spaces.js';
import { EnvError } from '../util/errors.js';

export class EnvCheckError extends EnvError {
  readonly check: string;
  constructor(check: string, message: string) {
    super(`checkEnv [${check}]: ${message}`);
    this.name = 'EnvCheckError';
    this.check = check;
  }
}

export interface CheckEnvOptions {
  /** Steps of the determinism check. @defaultValue 50 */
  steps?: number;
  /** Upper bound on an episode's length for the termination check. @defaultValue 100000 */
  maxEpisodeSteps?: number;
}

export interface CheckEnvReport {
  passed: string[];
  warnings: string[];
}

function ensure(cond: boolean, check: string, message: string): asserts cond {
  if (!cond) throw new EnvCheckError(check, message);
}

function sample(env: Env): Action {
  const s = env.actionSpace;
  return s.kind === 'box' ? s.sample() : s.sample();
}

function inSpace(env: Env, obs: Float32Array): boolean {
  return env.observationSpace.contains(obs);
}

function checkObservation(env: Env, obs: unknown, where: string): void {
  ensure(obs instanceof Float32Array, 'observation-type', `${where}: observation must be a Float32Array, got ${Object.prototype.toString.call(obs)}`);
  const dim = env.observationSpace.shape[0];
  ensure(obs.length === dim, 'observation-shape', `${where}: observation has length ${obs.length}, the observation space has shape [${dim}]`);
  ensure(inSpace(env, obs), 'observation-in-space', `${where}: observation [${Array.from(obs).join(', ')}] is not inside ${env.observationSpace.toString()}`);
}

function checkStep(env: Env, r: StepResult, where: string): void {
  ensure(typeof r === 'object' && r !== null, 'step-signature', `${where}: step() must return an object`);
  checkObservation(env, r.observation, where);
  ensure(typeof r.reward === 'number' && Number.isFinite(r.reward), 'step-reward', `${where}: reward must be a finite number, got ${String(r.reward)}`);
  ensure(typeof r.terminated === 'boolean', 'step-terminated', `${where}: terminated must be a boolean, got ${typeof r.terminated}`);
  ensure(typeof r.truncated === 'boolean', 'step-truncated', `${where}: truncated must be a boolean, got ${typeof r.truncated}`);
  ensure(typeof r.info === 'object' && r.info !== null, 'step-info', `${where}: info must be an object`);
}

function trajectory(env: Env, seed: number, steps: number): number[] {
  const out: number[] = [];
  const r = env.reset({ seed });
  env.actionSpace.seed(seed);
  out.push(...r.observation);
  for (let k = 0; k < steps; k++) {
    const s = env.step(sample(env));
    out.push(...s.observation, s.reward, s.terminated ? 1 : 0, s.truncated ? 1 : 0);
    if (s.terminated || s.truncated) break;
  }
  return out;
}

const same = (a: number[], b: number[]): boolean => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

export function checkEnv(env: Env, opts: CheckEnvOptions = {}): CheckEnvReport {
  const steps = opts.steps ?? 50;
  const maxSteps = opts.maxEpisodeSteps ?? 100_000;
  const passed: string[] = [];
  const warnings: string[] = [];

  ensure(env.observationSpace instanceof Box, 'spaces', `observationSpace must be a Box, got ${String(env.observationSpace)}`);
  ensure(env.actionSpace instanceof Box || env.actionSpace instanceof Discrete, 'spaces', `actionSpace must be a Box or Discrete, got ${String(env.actionSpace)}`);
  if (env.actionSpace instanceof Box) {
    const { low, high } = env.actionSpace;
    const symmetric = low.every((l, i) => l === -1 && high[i] === 1);
    if (!symmetric) warnings.push(`action space ${env.actionSpace.toString()} is not the symmetric [-1, 1] box learning algorithms prefer (Gymnasium warns the same)`);
  }
  passed.push('spaces');

  const r: ResetResult = env.reset({ seed: 123 });
  ensure(typeof r === 'object' && r !== null && 'observation' in r && 'info' in r, 'reset-signature', 'reset() must return { observation, info }');
  checkObservation(env, r.observation, 'reset');
  ensure(typeof r.info === 'object' && r.info !== null, 'reset-info', 'reset(): info must be an object');
  passed.push('reset-signature');

  const again = env.reset({ seed: 123 });
  ensure(same(Array.from(r.observation), Array.from(again.observation)), 'reset-seed', 'reset({ seed: 123 }) twice gave different observations');
  const t1 = trajectory(env, 123, steps);
  const t2 = trajectory(env, 123, steps);
  ensure(same(t1, t2), 'seed-determinism', `the same seed gave different trajectories over ${steps} steps`);
  const t3 = trajectory(env, 124, steps);
  if (same(t1, t3)) warnings.push('seeds 123 and 124 gave identical trajectories');
  passed.push('seed-determinism');

  env.reset({ seed: 123 });
  const unseeded = env.reset();
  checkObservation(env, unseeded.observation, 'reset() without seed');
  const o = env.reset({ seed: 7, options: {} });
  checkObservation(env, o.observation, 'reset({ options: {} })');
  passed.push('reset-options');

  let prev: Float32Array = o.observation;
  let ended = false;
  for (let k = 0; k < maxSteps; k++) {
    const s = env.step(sample(env));
    checkStep(env, s, `step ${k + 1}`);
    ensure(s.observation !== prev, 'observation-aliasing', `step ${k + 1} returned the same observation array as the previous call; return a fresh array`);
    prev = s.observation;
    if (s.terminated || s.truncated) {
      ended = true;
      break;
    }
  }
  ensure(ended, 'episode-ends', `no episode end (terminated or truncated) within ${maxSteps} steps`);
  passed.push('step-signature', 'episode-ends');

  const text = env.render('ansi');
  ensure(typeof text === 'string' && text.length > 0, 'render', `render('ansi') must return a non-empty string, got ${typeof text}`);
  passed.push('render');
  env.close();
  passed.push('close');
  return { passed, warnings };
}
