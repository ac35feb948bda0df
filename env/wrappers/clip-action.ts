/**
 * ClipAction (Gymnasium): clips each action component into the wrapped env's Box before stepping
 * (NaN still raises, naming the component). The wrapper's action space is unbounded.
 */
import type { Env } from '../env.js';
import { BoxActionWrapper } from './box-action-wrapper.js';

export class ClipAction extends BoxActionWrapper {
  constructor(env: Env) {
    super(env, 'ClipAction', -Infinity, Infinity);
  }

  protected action(a: ArrayLike<number>, out: Float32Array): void {
    const { low, high } = this.inner;
    for (let j = 0; j < out.length; j++) {
      const v = a[j]!;
      out[j] = v < low[j]! ? low[j]! : v > high[j]! ? high[j]! : v;
    }
  }
}
