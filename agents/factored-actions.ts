/**
 * The factors of a product action space, for `factoredActions: true` (SB3's MultiDiscrete with a
 * MultiCategorical policy): the env's discrete depth-grid actions, Discrete(n^2) with index
 * i = bid level * n + ask level (env/action-map.ts), are the product of two Discrete(n) choices,
 * one per side, so nvec = [n, n] (the bid the most significant factor, as in the index).
 */
import type { EnvConfig } from '../env/config.js';
import type { Box, Discrete } from '../env/spaces.js';

/** [n, n] for an env with n depth levels per side; a RangeError naming `field` for any other action space. */
export function factoredActionSizes(config: Readonly<EnvConfig>, space: Box | Discrete, field: string): number[] {
  const action = config.action;
  if (action.mode !== 'discrete' || space.kind !== 'discrete') {
    throw new RangeError(`${field}: true needs the env's discrete depth-grid actions (action.mode 'discrete'), got action.mode '${action.mode}'`);
  }
  const n = action.grid.length;
  if (n < 2 || space.n !== n * n) {
    throw new RangeError(`${field}: true needs Discrete(n^2) over n >= 2 depth levels per side, got ${n} levels and Discrete(${space.n})`);
  }
  return [n, n];
}
