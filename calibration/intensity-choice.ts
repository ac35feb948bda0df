/**
 * Choice of the fill-intensity family by AIC = 2 p - 2 log L (Akaike 1974) on the same ladder
 * bins: exponential A exp(-k delta) (p = 2) against power law A (1 + delta/delta0)^(-alpha)
 * (p = 3); the lower AIC is preferred. Both log-likelihoods include the same log(n!) terms, so
 * the difference is the likelihood ratio less the parameter penalty.
 *
 * The preset's family is a separate decision (`option`): 'auto' takes the preferred family,
 * 'exponential' and 'power-law' force one. The k-based parts of a preset (gamma = k/15,
 * maxDepth = 7.5/k) use k_eff = alpha/delta0 (the power law's decay rate at delta = 0) when the
 * power law is used.
 */
import type { IntensityFit } from './intensity.js';
import type { PowerLawFit } from './power-law-intensity.js';

export const INTENSITY_MODELS = ['auto', 'exponential', 'power-law'] as const;
export type IntensityModelOption = (typeof INTENSITY_MODELS)[number];
export type IntensityFamily = 'exponential' | 'power-law';

export interface IntensityChoice {
  readonly criterion: 'AIC';
  readonly aic: { readonly exponential: number; readonly powerLaw: number };
  /** AIC(exponential) - AIC(power law): > 0 favours the power law. */
  readonly deltaAic: number;
  /** The family with the lower AIC. */
  readonly preferred: IntensityFamily;
  readonly option: IntensityModelOption;
  /** The family the preset's arrivals use. */
  readonly used: IntensityFamily;
  /** The decay k behind gamma and maxDepth: k (exponential) or alpha/delta0 (power law). */
  readonly k: number;
  readonly text: string;
}

export function aic(logLikelihood: number, params: number): number {
  return 2 * params - 2 * logLikelihood;
}

export function chooseIntensityModel(exp: IntensityFit, pl: PowerLawFit | null, option: IntensityModelOption): IntensityChoice {
  if (!(INTENSITY_MODELS as readonly string[]).includes(option)) throw new RangeError(`intensityModel must be one of ${INTENSITY_MODELS.join(', ')}, got ${JSON.stringify(option)}`);
  if (option === 'power-law' && pl === null) throw new RangeError('intensityModel is "power-law" but the power-law fit failed on this ladder');
  const aicE = aic(exp.logLikelihood, 2);
  const aicP = pl === null ? NaN : aic(pl.logLikelihood, 3);
  const preferred: IntensityFamily = aicP < aicE ? 'power-law' : 'exponential';
  const used: IntensityFamily = option === 'auto' ? preferred : option;
  const k = used === 'power-law' ? (pl as PowerLawFit).kEff : exp.k;
  const cmp = pl === null ? 'power-law fit failed' : `AIC exponential ${aicE.toFixed(1)}, power law ${aicP.toFixed(1)} (difference ${(aicE - aicP).toFixed(1)}${pl.atBound ? '; the power law sits at its search bound' : ''})`;
  const why = option === 'auto' ? 'intensityModel auto: the lower AIC' : `intensityModel ${option}`;
  const kText = used === 'power-law' ? `; gamma and maxDepth from k_eff = alpha/delta0 = ${k.toPrecision(4)} (the decay rate at delta = 0)` : '';
  return {
    criterion: 'AIC',
    aic: { exponential: aicE, powerLaw: aicP },
    deltaAic: aicE - aicP,
    preferred,
    option,
    used,
    k,
    text: `${cmp}: ${preferred} preferred; preset uses ${used} (${why})${kText}`,
  };
}
