/**
 * RescaleAction (Gymnasium): the agent acts in Box(min, max); each component is mapped linearly
 * onto the wrapped env's Box [low, high]: a' = low + (a - min) / (max - min) * (high - low).
 */
import type { Env } from '../env.js';
import { BoxActionWrapper } from './box-action-wrapper.js';

export class RescaleAction extends BoxActionWrapper {
  constructor(env: Env, min: number, max: number) {
    super(env, 'RescaleAction', min, max, () => {
      if (!(Number.isFinite(min) && Number.isFinite(max) && min < max)) {
        throw new RangeError(`RescaleAction: need finite min < max, got min = ${min}, max = ${max}`);
      }
    });
  }

  protected action(a: ArrayLike<number>, out: Float32Array): void {
    const { low: lo, high: hi } = this.actionSpace;
    const { low, high } = this.inner;
    for (let j = 0; j < out.length; j++) {
      const x = a[j]!;
      if (!(x >= lo[j]! && x <= hi[j]!)) throw new RangeError(`RescaleAction: action[${j}] must be in [${lo[j]}, ${hi[j]}], got ${x}`);
      const v = low[j]! + ((x - lo[j]!) / (hi[j]! - lo[j]!)) * (high[j]! - low[j]!);
      out[j] = Math.min(high[j]!, Math.max(low[j]!, v));
    }
  }
}
