/**
 * Validation of `EnvConfig` at the boundary (ARCHITECTURE habit 4): every error names the field
 * path, the allowed range and the value received, e.g. `price.sigma must be >= 0 and <= 1000000000, got -1`.
 * Hand-written rather than zod so each message says the range in the field's own words.
 */
import type { EnvConfig, ObservationFeature } from './config.js';
import { episodeSteps } from './config.js';

/**
 * Upper bound on prices, volatilities, fees and cash: wealth sums T/dt steps of products of these
 * (q S, fills x fee, q dS), so 1e9 keeps every intermediate below 1e30, far from float64's 1e308
 * (s0 = 1e308 or sigma = 1e160 gave NaN rewards before). The env also checks every step's rewards
 * and observations at run time (env-core.ts, NonFiniteStepError).
 */
export const MAGNITUDE = 1e9;
import { FieldError } from '../util/field-error.js';

/** A configuration error naming the offending field. */
export class EnvConfigError extends FieldError {
  constructor(field: string, message: string) {
    super('EnvConfigError', field, message);
  }
}

export const PRICE_KINDS = ['brownian', 'gbm', 'ou', 'jump', 'regime-switching'] as const;
export const ARRIVAL_KINDS = ['exponential', 'power-law', 'hawkes', 'random-exponential'] as const;
export const REWARD_KINDS = ['running-penalty', 'pnl', 'realized-penalty', 'cara'] as const;
export const TOXICITY_RULES = ['arrival', 'fill'] as const;
export const ACTION_MODES = ['normalized-depths', 'depths', 'spread-skew', 'discrete'] as const;
export const OBSERVATION_FEATURES: readonly ObservationFeature[] = [
  'inventory',
  'time',
  'time-left',
  'mid-returns',
  'realized-vol',
  'regime',
  'last-fills',
];

const TOP_KEYS = [
  's0', 'horizon', 'dt', 'price', 'arrivals', 'toxicity', 'fees', 'tickSize', 'latencySteps',
  'maxInventory', 'orderSize', 'gamma', 'initialInventory', 'initialCash', 'reward', 'observation', 'action', 'timeUnit',
] as const;
const PART_KEYS: Record<string, readonly string[]> = {
  'price.brownian': ['kind', 'sigma', 'mu', 'binomial'],
  'price.gbm': ['kind', 'sigma', 'mu'],
  'price.ou': ['kind', 'sigma', 'kappa', 'mean'],
  'price.jump': ['kind', 'sigma', 'mu', 'jumpIntensity', 'jumpMean', 'jumpStd'],
  'price.regime-switching': ['kind', 'regimes', 'transition', 'initialRegime'],
  'arrivals.exponential': ['kind', 'A', 'k'],
  'arrivals.power-law': ['kind', 'A', 'alpha', 'delta0'],
  'arrivals.hawkes': ['kind', 'A', 'k', 'branching', 'decay'],
  'arrivals.random-exponential': ['kind', 'A', 'k', 'spread'],
  toxicity: ['fraction', 'jump', 'rule'],
  fees: ['makerPerUnit', 'makerBps'],
  'reward.running-penalty': ['kind', 'phi', 'terminalPenalty'],
  'reward.pnl': ['kind', 'terminalPenalty'],
  'reward.realized-penalty': ['kind', 'terminalPenalty'],
  'reward.cara': ['kind', 'terminalPenalty'],
  observation: ['features', 'returnsWindow', 'volWindow'],
  'action.normalized-depths': ['mode', 'maxDepth'],
  'action.depths': ['mode', 'maxDepth'],
  'action.spread-skew': ['mode', 'maxDepth'],
  'action.discrete': ['mode', 'grid'],
};

interface Range {
  min?: number;
  max?: number;
  /** exclusive lower bound */
  gt?: number;
  /** exclusive upper bound */
  lt?: number;
  integer?: boolean;
}

function show(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : Array.isArray(v) ? JSON.stringify(v) : String(v);
}

function describe(r: Range): string {
  const parts: string[] = [];
  if (r.integer) parts.push('an integer');
  if (r.gt !== undefined) parts.push(`> ${r.gt}`);
  if (r.min !== undefined) parts.push(`>= ${r.min}`);
  if (r.lt !== undefined) parts.push(`< ${r.lt}`);
  if (r.max !== undefined) parts.push(`<= ${r.max}`);
  return parts.length === 0 ? 'a finite number' : parts.join(' and ');
}

/** Check one numeric field; throws `EnvConfigError` naming `path`. */
export function checkNumber(path: string, v: unknown, r: Range = {}): number {
  const bad =
    typeof v !== 'number' ||
    !Number.isFinite(v) ||
    (r.integer === true && !Number.isInteger(v)) ||
    (r.gt !== undefined && !(v > r.gt)) ||
    (r.min !== undefined && !(v >= r.min)) ||
    (r.lt !== undefined && !(v < r.lt)) ||
    (r.max !== undefined && !(v <= r.max));
  if (bad) throw new EnvConfigError(path, `${path} must be ${describe(r)}, got ${show(v)}`);
  return v as number;
}

function checkObject(path: string, v: unknown): Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw new EnvConfigError(path, `${path} must be an object, got ${show(v)}`);
  }
  return v as Record<string, unknown>;
}

function checkKeys(path: string, obj: Record<string, unknown>, known: readonly string[]): void {
  for (const key of Object.keys(obj)) {
    if (!known.includes(key)) {
      const where = path === '' ? key : `${path}.${key}`;
      throw new EnvConfigError(where, `unknown field ${where}; allowed fields${path === '' ? '' : ` of ${path}`}: ${known.join(', ')}`);
    }
  }
}

function checkKind<K extends string>(path: string, v: unknown, allowed: readonly K[]): K {
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    throw new EnvConfigError(path, `${path} must be one of ${allowed.map((a) => `"${a}"`).join(', ')}, got ${show(v)}`);
  }
  return v as K;
}

function checkPart(path: string, v: unknown, tag: 'kind' | 'mode', allowed: readonly string[]): Record<string, unknown> {
  const obj = checkObject(path, v);
  const kind = checkKind(`${path}.${tag}`, obj[tag], allowed);
  checkKeys(path, obj, PART_KEYS[`${path}.${kind}`] ?? []);
  return obj;
}

function validatePrice(p: Record<string, unknown>): void {
  const kind = p.kind as (typeof PRICE_KINDS)[number];
  if (kind === 'regime-switching') {
    const regimes = p.regimes;
    if (!Array.isArray(regimes) || regimes.length < 1) {
      throw new EnvConfigError('price.regimes', `price.regimes must be a non-empty array of { name, mu, sigma }, got ${show(regimes)}`);
    }
    regimes.forEach((r: unknown, i) => {
      const o = checkObject(`price.regimes[${i}]`, r);
      checkKeys(`price.regimes[${i}]`, o, ['name', 'mu', 'sigma']);
      if (typeof o.name !== 'string') throw new EnvConfigError(`price.regimes[${i}].name`, `price.regimes[${i}].name must be a string, got ${show(o.name)}`);
      checkNumber(`price.regimes[${i}].mu`, o.mu);
      checkNumber(`price.regimes[${i}].sigma`, o.sigma, { min: 0, max: MAGNITUDE });
    });
    const m = regimes.length;
    const P = p.transition;
    if (!Array.isArray(P) || P.length !== m) {
      throw new EnvConfigError('price.transition', `price.transition must be a ${m}x${m} matrix (one row per regime), got ${show(P)}`);
    }
    P.forEach((row: unknown, i) => {
      if (!Array.isArray(row) || row.length !== m) {
        throw new EnvConfigError(`price.transition[${i}]`, `price.transition[${i}] must have ${m} entries, got ${show(row)}`);
      }
      let sum = 0;
      row.forEach((x: unknown, j) => {
        sum += checkNumber(`price.transition[${i}][${j}]`, x, { min: 0, max: 1 });
      });
      if (Math.abs(sum - 1) > 1e-9) {
        throw new EnvConfigError(`price.transition[${i}]`, `price.transition[${i}] must sum to 1 (a probability row), got sum ${sum}`);
      }
    });
    checkNumber('price.initialRegime', p.initialRegime, { integer: true, min: 0, max: m - 1 });
    return;
  }
  checkNumber('price.sigma', p.sigma, { min: 0, max: MAGNITUDE });
  if (kind !== 'ou') checkNumber('price.mu', p.mu);
  if (kind === 'brownian' && typeof p.binomial !== 'boolean') {
    throw new EnvConfigError('price.binomial', `price.binomial must be true or false, got ${show(p.binomial)}`);
  }
  if (kind === 'ou') {
    checkNumber('price.kappa', p.kappa, { gt: 0 });
    checkNumber('price.mean', p.mean);
  }
  if (kind === 'jump') {
    checkNumber('price.jumpIntensity', p.jumpIntensity, { min: 0 });
    checkNumber('price.jumpMean', p.jumpMean);
    checkNumber('price.jumpStd', p.jumpStd, { min: 0 });
  }
}

function validateArrivals(a: Record<string, unknown>, dt: number): void {
  checkNumber('arrivals.A', a.A, { gt: 0 });
  if (a.kind === 'power-law') {
    checkNumber('arrivals.alpha', a.alpha, { gt: 0 });
    checkNumber('arrivals.delta0', a.delta0, { gt: 0 });
  } else {
    checkNumber('arrivals.k', a.k, { gt: 0 });
  }
  if (a.kind === 'random-exponential') checkNumber('arrivals.spread', a.spread, { min: 0, max: 3 });
  if (a.kind === 'hawkes') {
    checkNumber('arrivals.branching', a.branching, { min: 0, lt: 1 });
    checkNumber('arrivals.decay', a.decay, { gt: 0 });
    checkNumber('arrivals.A * dt', (a.A as number) * dt, { max: 50 });
  }
}

/**
 * Validate a complete config; returns a frozen deep copy. Throws `EnvConfigError` (a RangeError)
 * naming the first bad field, its allowed range and the value received.
 */
export function validateConfig(c: EnvConfig): EnvConfig {
  const root = checkObject('config', c);
  checkKeys('', root, TOP_KEYS);
  checkNumber('s0', c.s0, { gt: 0, max: MAGNITUDE });
  const T = checkNumber('horizon', c.horizon, { gt: 0 });
  const dt = checkNumber('dt', c.dt, { gt: 0, lt: T });
  const steps = episodeSteps(c);
  if (Math.abs(T / dt - steps) > 1e-6 * Math.max(1, steps)) {
    throw new EnvConfigError('dt', `dt must divide horizon into a whole number of steps (horizon / dt = ${T / dt}), got dt = ${dt}`);
  }
  validatePrice(checkPart('price', c.price, 'kind', PRICE_KINDS));
  validateArrivals(checkPart('arrivals', c.arrivals, 'kind', ARRIVAL_KINDS), dt);
  const tox = checkObject('toxicity', c.toxicity);
  checkKeys('toxicity', tox, PART_KEYS.toxicity!);
  checkNumber('toxicity.fraction', tox.fraction, { min: 0, max: 1 });
  checkNumber('toxicity.jump', tox.jump, { min: 0 });
  checkKind('toxicity.rule', tox.rule, TOXICITY_RULES);
  const fees = checkObject('fees', c.fees);
  checkKeys('fees', fees, PART_KEYS.fees!);
  checkNumber('fees.makerPerUnit', fees.makerPerUnit, { min: -MAGNITUDE, max: MAGNITUDE });
  checkNumber('fees.makerBps', fees.makerBps, { min: -10_000, max: 10_000 });
  checkNumber('tickSize', c.tickSize, { min: 0 });
  checkNumber('latencySteps', c.latencySteps, { integer: true, min: 0, max: 10_000 });
  const Q = checkNumber('maxInventory', c.maxInventory, { min: 1, max: MAGNITUDE, integer: true });
  checkNumber('orderSize', c.orderSize, { gt: 0, max: Q });
  checkNumber('gamma', c.gamma, { gt: 0 });
  checkNumber('initialInventory', c.initialInventory, { min: -Q, max: Q });
  checkNumber('initialCash', c.initialCash, { min: -MAGNITUDE, max: MAGNITUDE });
  const rw = checkPart('reward', c.reward, 'kind', REWARD_KINDS);
  if (rw.kind === 'running-penalty' && rw.phi !== null) checkNumber('reward.phi', rw.phi, { min: 0 });
  checkNumber('reward.terminalPenalty', rw.terminalPenalty, { min: 0 });
  const ob = checkObject('observation', c.observation);
  checkKeys('observation', ob, PART_KEYS.observation!);
  const feats = ob.features;
  if (!Array.isArray(feats) || feats.length === 0) {
    throw new EnvConfigError('observation.features', `observation.features must be a non-empty list of ${OBSERVATION_FEATURES.join(', ')}, got ${show(feats)}`);
  }
  feats.forEach((f: unknown, i) => {
    checkKind(`observation.features[${i}]`, f, OBSERVATION_FEATURES);
    if (feats.indexOf(f) !== i) throw new EnvConfigError(`observation.features[${i}]`, `observation.features lists ${show(f)} twice; each feature at most once`);
  });
  if (feats.includes('regime') && c.price.kind !== 'regime-switching') {
    throw new EnvConfigError('observation.features', `observation feature "regime" needs price.kind "regime-switching", got price.kind ${show(c.price.kind)}`);
  }
  checkNumber('observation.returnsWindow', ob.returnsWindow, { integer: true, min: 1, max: 10_000 });
  checkNumber('observation.volWindow', ob.volWindow, { integer: true, min: 2, max: 10_000 });
  const act = checkPart('action', c.action, 'mode', ACTION_MODES);
  if (act.mode === 'discrete') {
    const grid = act.grid;
    if (!Array.isArray(grid) || grid.length === 0) {
      throw new EnvConfigError('action.grid', `action.grid must be a non-empty list of depths >= 0, got ${show(grid)}`);
    }
    grid.forEach((g: unknown, i) => checkNumber(`action.grid[${i}]`, g, { min: 0 }));
  } else {
    checkNumber('action.maxDepth', act.maxDepth, { gt: 0 });
  }
  if (c.timeUnit !== undefined) {
    const tu = checkObject('timeUnit', c.timeUnit);
    checkKeys('timeUnit', tu, ['name', 'perYear']);
    if (typeof tu.name !== 'string' || tu.name.trim() === '') throw new EnvConfigError('timeUnit.name', `timeUnit.name must be a non-empty string, got ${show(tu.name)}`);
    checkNumber('timeUnit.perYear', tu.perYear, { gt: 0, max: 1e12 });
  }
  return deepFreezeClone(c);
}

function deepFreezeClone<T>(v: T): T {
  const copy = structuredClone(v);
  const freeze = (x: unknown): void => {
    if (x !== null && typeof x === 'object') {
      for (const y of Object.values(x)) freeze(y);
      Object.freeze(x);
    }
  };
  freeze(copy);
  return copy;
}
