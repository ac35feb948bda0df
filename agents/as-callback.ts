/**
 * What `learn()` accepts as its callback, made one `BaseCallback`: a callback, an array of them (a
 * `CallbackList`), or a hooks object `{ onRolloutEnd?, onUpdate? }` (the interface learn() took
 * before the callback classes, run by `HooksCallback`, as SB3's ConvertCallback runs a function).
 */
import { BaseCallback } from './base-callback.js';
import { CallbackList } from './callback-list.js';
import type { Callbacks, HookResult, IterationInfo, UpdateMetrics } from './callbacks.js';

export type CallbackInput = BaseCallback | Callbacks | readonly (BaseCallback | Callbacks)[];

/** A hooks object as a callback: its onRolloutEnd and onUpdate, called as its methods. */
export class HooksCallback extends BaseCallback {
  constructor(readonly hooks: Callbacks) {
    super();
  }

  override onRolloutEnd(info: IterationInfo): HookResult {
    return this.hooks.onRolloutEnd?.(info);
  }

  override onUpdate(metrics: UpdateMetrics, info: IterationInfo): HookResult {
    return this.hooks.onUpdate?.(metrics, info);
  }
}

/** One callback for `input` (none: an empty CallbackList). */
export function asCallback(input: CallbackInput | undefined): BaseCallback {
  if (input === undefined) return new CallbackList([]);
  if (input instanceof BaseCallback) return input;
  if (Array.isArray(input)) return new CallbackList((input as readonly (BaseCallback | Callbacks)[]).map((c) => asCallback(c)));
  if (typeof input !== 'object' || input === null) throw new RangeError(`callbacks must be a BaseCallback, an array of them or { onRolloutEnd?, onUpdate? }, got ${String(input)}`);
  return new HooksCallback(input as Callbacks);
}
