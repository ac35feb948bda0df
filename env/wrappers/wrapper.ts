/**
 * Base class of single-env wrappers (Gymnasium `gymnasium.Wrapper`): forwards everything to the
 * wrapped env; subclasses override what they change.
 */
import type { EnvConfig } from '../config.js';
import type { Action, Env, ResetOptions, ResetResult, StepResult } from '../env.js';
import type { Box, Discrete } from '../spaces.js';

export class Wrapper implements Env {
  readonly env: Env;

  constructor(env: Env) {
    this.env = env;
  }

  get observationSpace(): Box {
    return this.env.observationSpace;
  }

  get actionSpace(): Box | Discrete {
    return this.env.actionSpace;
  }

  get config(): Readonly<EnvConfig> {
    return this.env.config;
  }

  /** The innermost env. */
  get unwrapped(): Env {
    return this.env instanceof Wrapper ? this.env.unwrapped : this.env;
  }

  reset(opts?: { seed?: number; options?: ResetOptions }): ResetResult {
    return this.env.reset(opts);
  }

  step(action: Action): StepResult {
    return this.env.step(action);
  }

  render(mode?: 'ansi'): string {
    return this.env.render(mode);
  }

  close(): void {
    this.env.close();
  }
}
