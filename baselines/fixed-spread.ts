/**
 * Fixed symmetric spread: delta_b = delta_a = halfSpread at every (t, q). Default halfSpread = 1/k,
 * the depth maximising the expected spread capture A exp(-k delta) delta of a risk-neutral maker
 * (Guéant 2017 staticDepth with xi = 0).
 */
import type { EnvConfig } from '../env/config.js';
import type { Policy } from '../env/types.js';
import { requireNumber } from './errors.js';
import { exponentialIntensity } from './gueant.js';
import { depthRulePolicy } from './policy-support.js';

export interface FixedSpreadParams {
  /** Depth of each side from the mid (price units), >= 0. @defaultValue 1 / k */
  halfSpread?: number;
}

export function fixedSpreadPolicy(config: EnvConfig, params: FixedSpreadParams = {}): Policy {
  const half = params.halfSpread ?? 1 / exponentialIntensity(config, 'fixed').k;
  requireNumber('halfSpread', half, { min: 0 });
  return depthRulePolicy('fixed', config, false, (_q, _t, out) => {
    out[0] = half;
    out[1] = half;
  });
}
