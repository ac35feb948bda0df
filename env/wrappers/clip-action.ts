/**
 * ClipAction (Gymnasium): clips each action component into the wrapped env's Box before stepping
 * (NaN still raises, naming the component). The wrapper's action space is unbounded.
 */
import type { Action, Env, StepResult } from '../env.js';
import { Box } from '../spaces.js';
import { Wrapper } from './wrapper.js';

export class ClipAction extends Wrapper {
  private readonly inner: Box;
  private readonly space: Box;
  private readonly buf: Float32Array;

  constructor(env: Env) {
    super(env);
    const space = env.actionSpace;
    if (space.kind !== 'box') throw new TypeError(`ClipAction needs a Box action space, got ${space.toString()}`);
    this.inner = space;
    const d = space.shape[0];
    this.space = new Box(new Array<number>(d).fill(-Infinity), new Array<number>(d).fill(Infinity));
    this.buf = new Float32Array(d);
  }

  override get actionSpace(): Box {
    return this.space;
  }

  override step(action: Action): StepResult {
    if (typeof action === 'number' || action.length !== this.buf.length) {
      throw new RangeError(`ClipAction: action must have length ${this.buf.length}, got ${typeof action === 'number' ? 'a number' : `length ${action.length}`}`);
    }
    for (let j = 0; j < this.buf.length; j++) {
      const v = action[j]!;
      this.buf[j] = v < this.inner.low[j]! ? this.inner.low[j]! : v > this.inner.high[j]! ? this.inner.high[j]! : v;
    }
    return this.env.step(this.buf);
  }
}
