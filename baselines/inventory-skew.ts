/**
 * Linear inventory skew: quotes skewed away from inventory with a penalty coefficient c,
 *   delta_b = halfSpread + c q,   delta_a = halfSpread - c q
 * (long => deeper bid, tighter ask). Defaults: halfSpread = 1/k (delta0/(alpha - 1) for power-law
 * arrivals); c = gamma sigma^2 T / 2, the time average of the Avellaneda-Stoikov skew coefficient
 * gamma sigma^2 (T - t).
 */
import type { EnvConfig } from '../env/config.js';
import type { Policy } from '../env/types.js';
import { referenceSigma } from '../env/effective-params.js';
import { requireNumber } from './errors.js';
import { riskNeutralDepth } from './gueant.js';
import { depthRulePolicy } from './policy-support.js';

export interface InventorySkewParams {
  /** Depth at q = 0 (price units), >= 0. @defaultValue 1 / k */
  halfSpread?: number;
  /** Skew per unit of inventory c (price units / unit), >= 0. @defaultValue gamma sigma^2 T / 2 */
  skewPerUnit?: number;
}

export function inventorySkewPolicy(config: EnvConfig, params: InventorySkewParams = {}): Policy {
  const sigma = referenceSigma(config);
  const half = params.halfSpread ?? riskNeutralDepth(config, 'skew');
  const c = params.skewPerUnit ?? (config.gamma * sigma * sigma * config.horizon) / 2;
  requireNumber('halfSpread', half, { min: 0 });
  requireNumber('skewPerUnit', c, { min: 0 });
  return depthRulePolicy('skew', config, false, (q, _t, out) => {
    out[0] = half + c * q;
    out[1] = half - c * q;
  });
}
