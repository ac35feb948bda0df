/**
 * RescaleAction (Gymnasium): the agent acts in Box(min, max); each component is mapped linearly
 * onto the wrapped env's Box [low, high]: a' = low + (a - min) / (max - min) * (high - low).
 */
import type { Action, Env, StepResult } from '../env.js';
import { Box } from '../spaces.js';
import { Wrapper } from './wrapper.js';

export class RescaleAction extends Wrapper {
  private readonly inner: Box;
  private readonly space: Box;
  private readonly buf: Float32Array;

  constructor(env: Env, min: number, max: number) {
    super(env);
    const space = env.actionSpace;
    if (space.kind !== 'box') throw new TypeError(`RescaleAction needs a Box action space, got ${space.toString()}`);
    if (!(Number.isFinite(min) && Number.isFinite(max) && min < max)) {
      throw new RangeError(`RescaleAction: need finite min < max, got min = ${min}, max = ${max}`);
    }
    this.inner = space;
    const d = space.shape[0];
    this.space = new Box(new Array<number>(d).fill(min), new Array<number>(d).fill(max));
    this.buf = new Float32Array(d);
  }

  override get actionSpace(): Box {
    return this.space;
  }

  override step(action: Action): StepResult {
    if (typeof action === 'number' || action.length !== this.buf.length) {
      throw new RangeError(`RescaleAction: action must have length ${this.buf.length}, got ${typeof action === 'number' ? 'a number' : `length ${action.length}`}`);
    }
    for (let j = 0; j < this.buf.length; j++) {
      const lo = this.space.low[j]!;
      const hi = this.space.high[j]!;
      const a = action[j]!;
      if (!(a >= lo && a <= hi)) throw new RangeError(`RescaleAction: action[${j}] must be in [${lo}, ${hi}], got ${a}`);
      const v = this.inner.low[j]! + ((a - lo) / (hi - lo)) * (this.inner.high[j]! - this.inner.low[j]!);
      this.buf[j] = Math.min(this.inner.high[j]!, Math.max(this.inner.low[j]!, v));
    }
    return this.env.step(this.buf);
  }
}
