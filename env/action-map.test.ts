import { describe, expect, it } from 'vitest';
import type { ActionConfig } from './config.js';
import { InvalidActionError, actionSpaceOf, actionToDepths, actionsToDepths, depthsToAction } from './action-map.js';

const modes: ActionConfig[] = [
  { mode: 'normalized-depths', maxDepth: 5 },
  { mode: 'depths', maxDepth: 5 },
  { mode: 'spread-skew', maxDepth: 5 },
  { mode: 'discrete', grid: [0, 0.5, 1, 2, 5] },
];

describe('actionToDepths / depthsToAction', () => {
  it.each(modes)('round-trips depths inside the space ($mode)', (action) => {
    const space = actionSpaceOf(action);
    const a = new Float32Array(action.mode === 'discrete' ? 1 : 2);
    const d = new Float64Array(2);
    for (const [b, s] of [
      [0, 0],
      [0.5, 2],
      [1, 1],
      [2, 5],
      [5, 0.5],
    ] as const) {
      depthsToAction(action, b, s, a, 0);
      expect(space.kind === 'discrete' ? space.contains(a[0]!) : space.contains(a)).toBe(true);
      actionToDepths(action, a, 0, d, 0);
      expect(d[0]).toBeCloseTo(b, 5);
      expect(d[1]).toBeCloseTo(s, 5);
    }
  });

  it.each(modes)('clips depths outside the space into it ($mode)', (action) => {
    const space = actionSpaceOf(action);
    const a = new Float32Array(2);
    for (const [b, s] of [
      [-1, 100],
      [Infinity, -Infinity],
      [7, 3.3],
    ]) {
      depthsToAction(action, b!, s!, a, 0);
      expect(space.kind === 'discrete' ? space.contains(a[0]!) : space.contains(a.subarray(0, 2))).toBe(true);
    }
    expect(() => depthsToAction(action, NaN, 1, a, 0)).toThrow(InvalidActionError);
  });

  it('maps the normalized box linearly onto [0, maxDepth]', () => {
    const d = new Float64Array(2);
    actionToDepths({ mode: 'normalized-depths', maxDepth: 5 }, [-1, 1], 0, d, 0);
    expect(Array.from(d)).toEqual([0, 5]);
    actionToDepths({ mode: 'normalized-depths', maxDepth: 5 }, [0, 0.5], 0, d, 0);
    expect(Array.from(d)).toEqual([2.5, 3.75]);
  });

  it('skews quotes towards selling for a positive skew (spread-skew mode)', () => {
    const d = new Float64Array(2);
    actionToDepths({ mode: 'spread-skew', maxDepth: 2 }, [0, 0.25], 0, d, 0);
    expect(Array.from(d)).toEqual([1.5, 0.5]); // spread (0 + 1) * 2 = 2, half 1, skew 0.25 * 2 = 0.5
  });

  it('picks grid points for discrete indices and the nearest grid point back', () => {
    const action: ActionConfig = { mode: 'discrete', grid: [0, 0.5, 1, 2, 5] };
    const d = new Float64Array(2);
    actionToDepths(action, [7], 0, d, 0);
    expect(Array.from(d)).toEqual([0.5, 1]);
    const a = new Float32Array(1);
    depthsToAction(action, 0.6, 1.7, a, 0);
    expect(a[0]).toBe(1 * 5 + 3);
  });

  it('maps +Infinity and depths beyond the grid to the deepest level, -Infinity to the tightest (discrete)', () => {
    const a = new Float32Array(1);
    const sorted: ActionConfig = { mode: 'discrete', grid: [0, 0.5, 1, 2, 5] };
    depthsToAction(sorted, Infinity, Infinity, a, 0);
    expect(a[0]).toBe(4 * 5 + 4); // (5, 5), not (0, 0)
    depthsToAction(sorted, 1e9, Infinity, a, 0);
    expect(a[0]).toBe(4 * 5 + 4);
    depthsToAction(sorted, -Infinity, Infinity, a, 0);
    expect(a[0]).toBe(0 * 5 + 4);
    // unsorted grid: the deepest level wherever it stands
    const unsorted: ActionConfig = { mode: 'discrete', grid: [1, 5, 0, 2] };
    depthsToAction(unsorted, Infinity, -Infinity, a, 0);
    expect(a[0]).toBe(1 * 4 + 2); // (5, 0)
    const d = new Float64Array(2);
    actionToDepths(unsorted, a, 0, d, 0);
    expect(Array.from(d)).toEqual([5, 0]);
  });

  it('rejects NaN, out-of-box values and bad indices naming the component and range', () => {
    const d = new Float64Array(2);
    expect(() => actionToDepths({ mode: 'normalized-depths', maxDepth: 5 }, [NaN, 0], 0, d, 0)).toThrow(
      'action[0] (normalized bid depth) must be in [-1, 1], got NaN',
    );
    expect(() => actionToDepths({ mode: 'depths', maxDepth: 5 }, [1, -0.5], 0, d, 0)).toThrow(
      'action[1] (ask depth) must be in [0, 5], got -0.5',
    );
    expect(() => actionToDepths({ mode: 'discrete', grid: [1, 2] }, [4], 0, d, 0)).toThrow('must be in the integers [0, 3], got 4');
    expect(() => actionToDepths({ mode: 'depths', maxDepth: 5 }, [1, 9], 0, d, 0, 3)).toThrow('action of env 3, component 1');
  });

  it('maps a batch like the per-action map, naming the env of a bad action', () => {
    for (const action of modes) {
      const n = 5;
      const dim = action.mode === 'discrete' ? 1 : 2;
      const acts = Float32Array.from({ length: n * dim }, (_, j) => (action.mode === 'discrete' ? (j * 7) % 25 : Math.sin(j) * 0.5 + 0.5));
      const batch = new Float64Array(2 * n);
      actionsToDepths(action, acts, n, batch);
      const one = new Float64Array(2);
      for (let i = 0; i < n; i++) {
        actionToDepths(action, acts, i * dim, one, 0);
        expect([batch[2 * i], batch[2 * i + 1]]).toEqual(Array.from(one));
      }
    }
    const bad = Float32Array.from([0, 0, 0, 2]);
    expect(() => actionsToDepths({ mode: 'normalized-depths', maxDepth: 5 }, bad, 2, new Float64Array(4))).toThrow('action of env 1, component 1');
  });
});
