/**
 * Do-nothing: both sides at the deepest depth the action space allows (maxDepth, or the grid's
 * largest level), i.e. as far from the mid as the env lets a quote be.
 */
import type { EnvConfig } from '../env/config.js';
import type { Policy } from '../env/types.js';
import { depthRulePolicy } from './policy-support.js';

export function doNothingPolicy(config: EnvConfig): Policy {
  return depthRulePolicy('none', config, false, (_q, _t, out) => {
    out[0] = Infinity; // depthsToAction: the deepest depth of the action mode
    out[1] = Infinity;
  });
}
