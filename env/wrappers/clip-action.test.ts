/**
 * ClipAction: each component is clipped into the wrapped Box before the step (so out-of-range
 * actions step as the nearest bound would), in-range actions pass unchanged, NaN is not clipped
 * (the env refuses it, naming the component), and the agent's space is unbounded.
 */
import { describe, expect, it } from 'vitest';
import { make } from '../registry.js';
import { ClipAction } from './clip-action.js';

describe('ClipAction', () => {
  it('has an unbounded action space of the wrapped dimension', () => {
    const w = new ClipAction(make('as2008'));
    expect(Array.from(w.actionSpace.low)).toEqual([-Infinity, -Infinity]);
    expect(Array.from(w.actionSpace.high)).toEqual([Infinity, Infinity]);
  });

  it('steps exactly as the bare env stepped with the clipped action', () => {
    const w = new ClipAction(make('as2008', { action: { mode: 'depths', maxDepth: 3 } }));
    const bare = make('as2008', { action: { mode: 'depths', maxDepth: 3 } });
    w.reset({ seed: 5 });
    bare.reset({ seed: 5 });
    const pairs: [number[], number[]][] = [
      [[-1, 10], [0, 3]],
      [[1.25, 2], [1.25, 2]],
      [[-Infinity, Infinity], [0, 3]],
      [[0, 3], [0, 3]],
      [[7, -0.5], [3, 0]],
    ];
    for (const [raw, clipped] of pairs) expect(w.step(raw)).toEqual(bare.step(clipped));
  });

  it('lets NaN through to the env, which refuses it naming the component', () => {
    const w = new ClipAction(make('as2008'));
    w.reset({ seed: 1 });
    expect(() => w.step([0, NaN])).toThrow('action[1] (normalized ask depth) must be in [-1, 1], got NaN');
  });
});
