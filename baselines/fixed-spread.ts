/**
 * Fixed symmetric spread: delta_b = delta_a = halfSpread at every (t, q). Default halfSpread: the
 * depth maximising a risk-neutral maker's expected capture delta lambda(delta), i.e. 1/k for
 * A exp(-k delta) (Guéant 2017 staticDepth with xi = 0), delta0/(alpha - 1) for power-law arrivals.
 */
import type { EnvConfig } from '../env/config.js';
import type { Policy } from '../env/types.js';
import { requireNumber } from './errors.js';
import { riskNeutralDepth } from './gueant.js';
import { depthRulePolicy } from './policy-support.js';

export interface FixedSpreadParams {
  /** Depth of each side from the mid (price units), >= 0. @defaultValue 1 / k */
  halfSpread?: number;
}

export function fixedSpreadPolicy(config: EnvConfig, params: FixedSpreadParams = {}): Policy {
  const half = params.halfSpread ?? riskNeutralDepth(config, 'fixed');
  requireNumber('halfSpread', half, { min: 0 });
  return depthRulePolicy('fixed', config, false, (_q, _t, out) => {
    out[0] = half;
    out[1] = half;
  });
}
