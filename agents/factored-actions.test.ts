import { describe, expect, it } from 'vitest';
import { resolveEnvConfig } from '../env/resolve-config.js';
import { actionSpaceOf } from '../env/action-map.js';
import { factoredActionSizes } from './factored-actions.js';

describe('factoredActionSizes', () => {
  it('a depth grid of n levels per side is [n, n] (coarse-ticks: 10 ticks a side, Discrete(100))', () => {
    const config = resolveEnvConfig('coarse-ticks');
    expect(factoredActionSizes(config, actionSpaceOf(config.action), 'ppo.factoredActions')).toEqual([10, 10]);
  });

  it('refuses box actions and a grid of one level, naming the field', () => {
    const box = resolveEnvConfig('as2008');
    expect(() => factoredActionSizes(box, actionSpaceOf(box.action), 'ppo.factoredActions')).toThrow(
      /ppo\.factoredActions: true needs the env's discrete depth-grid actions \(action\.mode 'discrete'\), got action\.mode 'normalized-depths'/,
    );
    const one = { ...box, action: { mode: 'discrete' as const, grid: [0.5] } };
    expect(() => factoredActionSizes(one, actionSpaceOf(one.action), 'a2c.factoredActions')).toThrow(/a2c\.factoredActions: true needs Discrete\(n\^2\) over n >= 2 depth levels per side, got 1 levels and Discrete\(1\)/);
  });
});
