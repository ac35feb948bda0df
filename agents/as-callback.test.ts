/**
 * asCallback (as-callback.ts): what learn() accepts made one BaseCallback — nothing (an empty
 * list), a callback (itself), an array (a CallbackList of each converted), a hooks object (a
 * HooksCallback calling its methods with `this` = the object) — and a clear refusal otherwise.
 */
import { describe, expect, it } from 'vitest';
import { asCallback, HooksCallback } from './as-callback.js';
import { BaseCallback } from './base-callback.js';
import { CallbackList } from './callback-list.js';
import type { IterationInfo, UpdateMetrics } from './callbacks.js';

const info: IterationInfo = { numTimesteps: 4, iteration: 1, progressRemaining: 0.5, totalTimesteps: 8 };
class Mine extends BaseCallback {}

describe('asCallback', () => {
  it('undefined is an empty CallbackList; a BaseCallback is returned as is', async () => {
    const none = asCallback(undefined);
    expect(none).toBeInstanceOf(CallbackList);
    expect((none as CallbackList).callbacks).toEqual([]);
    expect(await none.onUpdate({}, info)).not.toBe(false);
    const c = new Mine();
    expect(asCallback(c)).toBe(c);
  });

  it('an array becomes a CallbackList of its converted items, in order', () => {
    const c = new Mine();
    const hooks = { onUpdate: (): boolean => true };
    const list = asCallback([c, hooks]) as CallbackList;
    expect(list).toBeInstanceOf(CallbackList);
    expect(list.callbacks).toHaveLength(2);
    expect(list.callbacks[0]).toBe(c);
    expect(list.callbacks[1]).toBeInstanceOf(HooksCallback);
    expect((list.callbacks[1] as HooksCallback).hooks).toBe(hooks);
  });

  it('a hooks object: HooksCallback calls onRolloutEnd and onUpdate as its methods and passes their answers; missing hooks answer nothing', () => {
    const seen: string[] = [];
    const hooks = {
      tag: 'h',
      onRolloutEnd(this: { tag: string }, i: IterationInfo): boolean {
        seen.push(`${this.tag}:end@${i.numTimesteps}`);
        return false;
      },
      onUpdate(this: { tag: string }, m: UpdateMetrics, i: IterationInfo): boolean {
        seen.push(`${this.tag}:update@${i.iteration}:${m.x}`);
        return true;
      },
    };
    const cb = asCallback(hooks);
    expect(cb).toBeInstanceOf(HooksCallback);
    expect(cb.onRolloutEnd(info)).toBe(false);
    expect(cb.onUpdate({ x: 3 }, info)).toBe(true);
    expect(seen).toEqual(['h:end@4', 'h:update@1:3']);
    const empty = asCallback({});
    expect(empty.onRolloutEnd(info)).toBeUndefined();
    expect(empty.onUpdate({}, info)).toBeUndefined();
    expect(empty.handlesStep).toBe(false);
  });

  it('refuses anything else, saying what it accepts and what it got', () => {
    expect(() => asCallback(5 as never)).toThrow('callbacks must be a BaseCallback, an array of them or { onRolloutEnd?, onUpdate? }, got 5');
    expect(() => asCallback(null as never)).toThrow(/got null/);
    expect(() => asCallback([new Mine(), 'x' as never])).toThrow(/got x/);
  });
});
