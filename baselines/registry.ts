/**
 * `makeBaselinePolicy(name, config, params?)`: every analytic and heuristic policy by name.
 * Names: hjb (running-penalty HJB, xi = 0), hjb-cara (CARA HJB, xi = gamma), hjb-drift (running-penalty
 * HJB that knows the mid's drift mu), hjb-regime (per-regime HJB of an observed regime-switching mid), hjb-toxic
 * (running-penalty HJB of a market with informed fills), hjb-fees (the same with maker fees), dp-optimal (the exact optimum of a finite-state market, by
 * backward induction), as (Avellaneda-Stoikov
 * inventory strategy), as-symmetric (the AS 2008 symmetric benchmark), glft-asymptotic, fixed,
 * skew, none (do nothing), random (seeded).
 */
import type { EnvConfig } from '../env/config.js';
import type { Policy } from '../env/types.js';
import { asSymmetricPolicy, avellanedaStoikovPolicy } from './avellaneda-stoikov.js';
import { doNothingPolicy } from './do-nothing.js';
import { dpOptimalPolicy } from './dp-optimal.js';
import { BaselineParameterError } from './errors.js';
import { fixedSpreadPolicy } from './fixed-spread.js';
import { glftAsymptoticPolicy } from './glft-asymptotic.js';
import { type HjbVariant, gueantPolicy } from './gueant.js';
import { hjbRegimePolicy } from './hjb-regime.js';
import { hjbFeesPolicy, hjbToxicPolicy } from './hjb-toxic.js';
import { inventorySkewPolicy } from './inventory-skew.js';
import { randomPolicy } from './random.js';

export const BASELINE_NAMES = ['hjb', 'hjb-cara', 'hjb-drift', 'hjb-regime', 'hjb-toxic', 'hjb-fees', 'dp-optimal', 'as', 'as-symmetric', 'glft-asymptotic', 'fixed', 'skew', 'none', 'random'] as const;
export type BaselineName = (typeof BASELINE_NAMES)[number];

/** Optional parameters; each policy reads the ones it knows (others are rejected by name). */
export interface BaselineParams {
  /** fixed, skew: depth at q = 0. */
  halfSpread?: number;
  /** skew: skew per unit of inventory. */
  skewPerUnit?: number;
  /** glft-asymptotic: which objective's asymptotics. */
  variant?: HjbVariant;
  /** random: seed of the action stream. */
  seed?: number;
}

const ACCEPTS: Record<BaselineName, readonly (keyof BaselineParams)[]> = {
  hjb: [],
  'hjb-cara': [],
  'hjb-drift': [],
  'hjb-regime': [],
  'hjb-toxic': [],
  'hjb-fees': [],
  'dp-optimal': [],
  as: [],
  'as-symmetric': [],
  'glft-asymptotic': ['variant'],
  fixed: ['halfSpread'],
  skew: ['halfSpread', 'skewPerUnit'],
  none: [],
  random: ['seed'],
};

export function isBaselineName(name: string): name is BaselineName {
  return (BASELINE_NAMES as readonly string[]).includes(name);
}

export function makeBaselinePolicy(name: string, config: EnvConfig, params: BaselineParams = {}): Policy {
  if (!isBaselineName(name)) {
    throw new BaselineParameterError('policy', `policy must be one of ${BASELINE_NAMES.join(', ')}, got ${JSON.stringify(name)}`);
  }
  for (const key of Object.keys(params) as (keyof BaselineParams)[]) {
    if (params[key] !== undefined && !ACCEPTS[name].includes(key)) {
      const ok = ACCEPTS[name].length > 0 ? ACCEPTS[name].join(', ') : 'none';
      throw new BaselineParameterError(key, `parameter ${key} is not used by the ${name} policy (accepted: ${ok})`);
    }
  }
  switch (name) {
    case 'hjb':
      return gueantPolicy(config, { variant: 'running-penalty' });
    case 'hjb-cara':
      return gueantPolicy(config, { variant: 'cara' });
    case 'hjb-drift':
      return gueantPolicy(config, { variant: 'running-penalty', drift: true });
    case 'hjb-regime':
      return hjbRegimePolicy(config);
    case 'hjb-toxic':
      return hjbToxicPolicy(config);
    case 'hjb-fees':
      return hjbFeesPolicy(config);
    case 'dp-optimal':
      return dpOptimalPolicy(config);
    case 'as':
      return avellanedaStoikovPolicy(config);
    case 'as-symmetric':
      return asSymmetricPolicy(config);
    case 'glft-asymptotic':
      return glftAsymptoticPolicy(config, params.variant === undefined ? {} : { variant: params.variant });
    case 'fixed':
      return fixedSpreadPolicy(config, params.halfSpread === undefined ? {} : { halfSpread: params.halfSpread });
    case 'skew':
      return inventorySkewPolicy(config, {
        ...(params.halfSpread === undefined ? {} : { halfSpread: params.halfSpread }),
        ...(params.skewPerUnit === undefined ? {} : { skewPerUnit: params.skewPerUnit }),
      });
    case 'none':
      return doNothingPolicy(config);
    case 'random':
      return randomPolicy(config, params.seed === undefined ? {} : { seed: params.seed });
  }
}
