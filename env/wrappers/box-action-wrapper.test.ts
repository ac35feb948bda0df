/**
 * BoxActionWrapper's own contract, through a minimal subclass and the real ClipAction: it needs a
 * Box action space (a Discrete one is refused naming it, before the subclass's argument check),
 * gives the agent Box(low, high) of the wrapped dimension, refuses an action of the wrong length
 * (or a bare number) naming the wrapper and the length, and passes `action(a, out)`'s output to
 * the wrapped env.
 */
import { describe, expect, it } from 'vitest';
import type { Env } from '../env.js';
import { make } from '../registry.js';
import { BoxActionWrapper } from './box-action-wrapper.js';
import { ClipAction } from './clip-action.js';
import { RescaleAction } from './rescale-action.js';

/** The agent acts in [-2, 2]; the wrapped env gets half of it. */
class HalfAction extends BoxActionWrapper {
  constructor(env: Env) {
    super(env, 'HalfAction', -2, 2);
  }

  protected action(a: ArrayLike<number>, out: Float32Array): void {
    for (let j = 0; j < out.length; j++) out[j] = a[j]! / 2;
  }
}

describe('BoxActionWrapper', () => {
  it('gives the agent Box(low, high) of the wrapped dimension and steps the wrapped env with action(a)', () => {
    const w = new HalfAction(make('as2008'));
    expect(Array.from(w.actionSpace.low)).toEqual([-2, -2]);
    expect(Array.from(w.actionSpace.high)).toEqual([2, 2]);
    expect(w.actionSpace).toBe(w.actionSpace); // one space, not rebuilt per call
    const bare = make('as2008');
    w.reset({ seed: 2 });
    bare.reset({ seed: 2 });
    for (let k = 0; k < 10; k++) expect(w.step([1.2, -1.6])).toEqual(bare.step([0.6, -0.8]));
  });

  it('refuses an action of the wrong length or a bare number, naming the wrapper', () => {
    const w = new HalfAction(make('as2008'));
    w.reset({ seed: 1 });
    expect(() => w.step([1])).toThrow('HalfAction: action must have length 2, got length 1');
    expect(() => w.step([1, 1, 1])).toThrow('HalfAction: action must have length 2, got length 3');
    expect(() => w.step(1)).toThrow('HalfAction: action must have length 2, got a number');
  });

  it('refuses a Discrete action space, naming it, before the subclass checks its arguments', () => {
    const discrete = make('as2008', { action: { mode: 'discrete' } });
    expect(() => new ClipAction(discrete)).toThrow(TypeError);
    expect(() => new ClipAction(discrete)).toThrow('ClipAction needs a Box action space, got Discrete(64)');
    expect(() => new RescaleAction(discrete, 1, 0)).toThrow('RescaleAction needs a Box action space, got Discrete(64)');
  });
});
