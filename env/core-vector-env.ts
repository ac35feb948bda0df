/**
 * `CoreVectorEnv`: the `VectorEnv` contract (types.ts) over any `EnvCore` — the simulator's
 * `MarketMakingVectorEnv` and the replay's `ReplayVectorEnv` are this class over their core.
 * Same-step autoreset as SB3's VecEnv:
 * - `reset({ seed })`: with a seed, env i is reseeded with seed + i; `reset({ seeds })`: env i
 *   with seeds[i] (equal seeds = common random numbers); without either the streams continue.
 * - `step(actions)`: a finished env's last observation goes to `finalObservations`, the env is
 *   reset (its stream continues) and `observations` holds the first observation of its new
 *   episode. `terminated` = the horizon T was reached (T is part of the MDP: t/T is observed);
 *   `truncated` = the optional `maxEpisodeSteps` limit cut the episode earlier (bootstrap from
 *   `finalObservations`). `market` describes the step before any autoreset.
 * The returned arrays are owned by the env and overwritten by the next call.
 */
import type { EnvConfig } from './config.js';
import { actionSpaceOf } from './action-map.js';
import { type EnvCore, assertFiniteStep, checkMaxEpisodeSteps, checkSeed, marketInfoOf } from './env-core.js';
import { observationSpaceOf } from './observation.js';
import { describeValue } from '../util/describe-value.js';
import type { Box, Discrete } from './spaces.js';
import type { EnvStateFile } from './state-snapshot.js';
import type { VectorEnv, VectorStepResult } from './types.js';

export class CoreVectorEnv<C extends EnvCore> implements VectorEnv {
  readonly numEnvs: number;
  readonly obsDim: number;
  readonly actDim: number;
  readonly observationSpace: Box;
  readonly actionSpace: Box | Discrete;
  /** Steps per episode (round(T / dt)). */
  readonly episodeSteps: number;
  readonly maxEpisodeSteps: number;
  private readonly observations: Float32Array;
  private readonly finalObservations: Float32Array;
  private readonly terminated: Uint8Array;
  private readonly truncated: Uint8Array;
  private readonly result: VectorStepResult;
  private closed = false;

  /**
   * @param core the markets (read-only use outside: state arrays, parts)
   * @param config the validated config the core was built from
   * @param maxEpisodeSteps truncate episodes after this many steps (integer >= 1)
   * @param label names the env in error messages
   */
  constructor(
    readonly core: C,
    readonly config: Readonly<EnvConfig>,
    maxEpisodeSteps: number | undefined,
    private readonly label: string,
  ) {
    const n = (this.numEnvs = core.n);
    this.obsDim = core.obsDim;
    this.actDim = core.actDim;
    this.observationSpace = observationSpaceOf(config);
    this.actionSpace = actionSpaceOf(config.action);
    this.episodeSteps = core.steps;
    this.maxEpisodeSteps = checkMaxEpisodeSteps(maxEpisodeSteps);
    this.observations = new Float32Array(n * this.obsDim);
    this.finalObservations = new Float32Array(n * this.obsDim);
    this.terminated = new Uint8Array(n);
    this.truncated = new Uint8Array(n);
    this.result = {
      observations: this.observations,
      rewards: core.rewards,
      terminated: this.terminated,
      truncated: this.truncated,
      finalObservations: this.finalObservations,
      market: marketInfoOf(core),
    };
  }

  /** Report `market.fillCounterfactuals` from now on (the core's; false where it cannot). */
  enableFillCounterfactuals(): boolean {
    return this.core.enableFillCounterfactuals();
  }

  reset(opts: { seed?: number; seeds?: readonly number[] } = {}): { observations: Float32Array } {
    this.assertOpen();
    if (opts.seed !== undefined && opts.seeds !== undefined) throw new RangeError(`${this.label}: reset takes seed or seeds, not both`);
    const seed = opts.seed === undefined ? undefined : checkSeed(opts.seed);
    const seeds = opts.seeds;
    if (seeds !== undefined) {
      if (seeds.length !== this.numEnvs) throw new RangeError(`${this.label}: reset seeds must have one seed per env (${this.numEnvs}), got ${seeds.length}`);
      seeds.forEach((s) => checkSeed(s));
    }
    for (let i = 0; i < this.numEnvs; i++) {
      if (seeds !== undefined) this.core.seedEnv(i, seeds[i]!);
      else if (seed !== undefined) this.core.seedEnv(i, seed + i);
      this.core.resetEnv(i);
    }
    this.core.writeObservations(this.observations);
    return { observations: this.observations };
  }

  step(actions: Float32Array): VectorStepResult {
    this.assertOpen();
    const raw: unknown = actions;
    if (!(raw instanceof Float32Array) && !(raw instanceof Float64Array)) checkActionValues(raw);
    const c = this.core;
    c.step(actions);
    const d = this.obsDim;
    const limit = this.maxEpisodeSteps;
    const terminal = c.terminal;
    const stepIndex = c.stepIndex;
    for (let i = 0; i < this.numEnvs; i++) {
      const term = terminal[i]!;
      const trunc = term === 0 && stepIndex[i]! >= limit ? 1 : 0;
      this.terminated[i] = term;
      this.truncated[i] = trunc;
      if (term === 1 || trunc === 1) {
        c.writeObservation(i, this.finalObservations, i * d);
        c.resetEnv(i);
      }
    }
    c.writeObservations(this.observations);
    assertFiniteStep(c, this.observations, d, this.label);
    return this.result;
  }

  /** Every env's complete state, mid-episode included (checkpoints; env/state-snapshot.ts). */
  saveState(): EnvStateFile {
    this.assertOpen();
    return this.core.saveState();
  }

  /** Restore `saveState()`'s output from an env of the same config and numEnvs. */
  loadState(s: EnvStateFile): void {
    this.assertOpen();
    this.core.loadState(s);
    this.core.writeObservations(this.observations);
  }

  close(): void {
    this.closed = true;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`${this.label}: the env is closed`);
  }
}

/** Plain arrays (JavaScript callers): every value must be a number, not a string coerced to one. */
function checkActionValues(actions: unknown): void {
  if (actions === null || typeof actions !== 'object' || typeof (actions as { length?: unknown }).length !== 'number') {
    throw new TypeError(`actions must be a Float32Array (or an array) of numEnvs * actDim numbers, got ${describeValue(actions)}`);
  }
  const a = actions as ArrayLike<unknown>;
  for (let i = 0; i < a.length; i++) {
    if (typeof a[i] !== 'number') throw new TypeError(`actions[${i}] must be a number, got ${describeValue(a[i])}`);
  }
}
