/**
 * Validation of `EnvConfig` at the boundary (ARCHITECTURE habit 4): every error names the field
 * path, the allowed range and the value received, e.g. `price.sigma must be >= 0 and <= 1000000000, got -1`.
 * The rules are util/schema.ts's (the layer the agent configs and train options use too), checked
 * in order, first problem reported; the cross-field ones (dt divides the horizon, the inventory
 * bounds follow maxInventory, the regime feature needs regimes) sit where they are checked.
 */
import type { EnvConfig, ObservationFeature } from './config.js';
import { episodeSteps } from './config.js';
import { inventoryLevels, MAX_INVENTORY_LEVELS } from './observation.js';
import {
  bool, derived, fields, finite, list, memoized, oneOf, onlyKeys, optional, plainObject, rule, showValue, text, validate,
  type Bounds, type Problem, type Rule,
} from '../util/schema.js';

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
  'final-steps',
  'inventory-levels',
  'final-steps-levels',
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

const envError = (field: string, message: string): EnvConfigError => new EnvConfigError(field, message);
type Obj = Record<string, unknown>;

/** Check one numeric field; throws `EnvConfigError` naming `path`. */
export function checkNumber(path: string, v: unknown, r: Bounds = {}): number {
  return validate(finite(r), v, { at: path, error: envError });
}

/** The string kinds quoted: `price.kind must be one of "brownian", "gbm", ..., got "heston"`. */
const kindOf = <K extends string>(allowed: readonly K[]): Rule<K> => oneOf(allowed, { quoted: true });

/** An object with a `kind` (or `mode`) tag: the tag, then only the fields of that kind, then `rest`. */
function part(path: string, tag: 'kind' | 'mode', allowed: readonly string[], rest: (o: Obj) => Rule | undefined): Rule {
  const keys = new Map(allowed.map((k) => [k, onlyKeys(PART_KEYS[`${path}.${k}`] ?? [])]));
  return fields<Obj>(plainObject(), [tag, kindOf(allowed)], (o) => keys.get(o[tag] as string), (o) => rest(o));
}

const ANY = finite();
const SIGMA = finite({ min: 0, max: MAGNITUDE });
const POSITIVE = finite({ gt: 0 });
const NON_NEGATIVE = finite({ min: 0 });

const REGIME = fields<Obj>(plainObject(), onlyKeys(['name', 'mu', 'sigma']), ['name', rule('a string', (v) => typeof v === 'string')], ['mu', ANY], ['sigma', SIGMA]);

/** m x m, rows of probabilities summing to 1. */
const transition = (m: number): Rule => memoized(`price.transition|${m}`, () => transitionRule(m));
function transitionRule(m: number): Rule {
  const row = fields<unknown[]>(
    list((field, got) => `${field} must have ${m} entries, got ${showValue(got)}`, { length: m }, finite({ min: 0, max: 1 })),
    (r): Problem | undefined => {
      let sum = 0;
      r.forEach((x) => (sum += x as number));
      return Math.abs(sum - 1) > 1e-9 ? { message: (field) => `${field} must sum to 1 (a probability row), got sum ${sum}` } : undefined;
    },
  );
  return list(`a ${m}x${m} matrix (one row per regime)`, { length: m }, row);
}

const PRICE_BY_KIND: Record<string, Rule> = {
  'regime-switching': fields<Obj>(
    ['regimes', list('a non-empty array of { name, mu, sigma }', { min: 1 }, REGIME)],
    ['transition', (p) => transition((p.regimes as unknown[]).length)],
    ['initialRegime', (p) => finite({ integer: true, min: 0, max: (p.regimes as unknown[]).length - 1 })],
  ),
  brownian: fields<Obj>(['sigma', SIGMA], ['mu', ANY], ['binomial', bool()]),
  gbm: fields<Obj>(['sigma', SIGMA], ['mu', ANY]),
  ou: fields<Obj>(['sigma', SIGMA], ['kappa', POSITIVE], ['mean', ANY]),
  jump: fields<Obj>(['sigma', SIGMA], ['mu', ANY], ['jumpIntensity', NON_NEGATIVE], ['jumpMean', ANY], ['jumpStd', NON_NEGATIVE]),
};
const PRICE = part('price', 'kind', PRICE_KINDS, (p) => PRICE_BY_KIND[p.kind as string]);

/** The arrival rates (a Hawkes intensity's A dt, the expected arrivals per step, is checked with dt below). */
const ARRIVALS = part('arrivals', 'kind', ARRIVAL_KINDS, () => fields<Obj>(
  ['A', POSITIVE],
  (a) => (a.kind === 'power-law' ? POWER_LAW : EXPONENTIAL),
  ['spread', (a) => (a.kind === 'random-exponential' ? finite({ min: 0, max: 3 }) : undefined)],
  (a) => (a.kind === 'hawkes' ? HAWKES : undefined),
));
const POWER_LAW = fields<Obj>(['alpha', POSITIVE], ['delta0', POSITIVE]);
const EXPONENTIAL = fields<Obj>(['k', POSITIVE]);
const HAWKES = fields<Obj>(['branching', finite({ min: 0, lt: 1 })], ['decay', POSITIVE]);
const AT_MOST_50 = finite({ max: 50 });

const TOXICITY = fields<Obj>(plainObject(), onlyKeys(PART_KEYS.toxicity!), ['fraction', finite({ min: 0, max: 1 })], ['jump', NON_NEGATIVE], ['rule', kindOf(TOXICITY_RULES)]);
const FEES = fields<Obj>(plainObject(), onlyKeys(PART_KEYS.fees!), ['makerPerUnit', finite({ min: -MAGNITUDE, max: MAGNITUDE })], ['makerBps', finite({ min: -10_000, max: 10_000 })]);
const REWARD = part('reward', 'kind', REWARD_KINDS, () => fields<Obj>(
  ['phi', (r) => (r.kind === 'running-penalty' && r.phi !== null ? NON_NEGATIVE : undefined)],
  ['terminalPenalty', NON_NEGATIVE],
));

/** The observation, in two parts: the regime feature needs a regime-switching price (checked between them, below). */
const OBSERVATION_FEATURES_RULE = fields<Obj>(
  plainObject(),
  onlyKeys(PART_KEYS.observation!),
  ['features', list(`a non-empty list of ${OBSERVATION_FEATURES.join(', ')}`, { min: 1 }, kindOf(OBSERVATION_FEATURES), (f, i, all): Problem | undefined =>
    all.indexOf(f) !== i ? { message: () => `observation.features lists ${showValue(f)} twice; each feature at most once` } : undefined)],
);
const OBSERVATION_WINDOWS = fields<Obj>(
  ['returnsWindow', finite({ integer: true, min: 1, max: 10_000 })],
  ['volWindow', finite({ integer: true, min: 2, max: 10_000 })],
);

const ACTION = part('action', 'mode', ACTION_MODES, (a) => (a.mode === 'discrete'
  ? fields<Obj>(['grid', list('a non-empty list of depths >= 0', { min: 1 }, NON_NEGATIVE)])
  : fields<Obj>(['maxDepth', POSITIVE])));

const TIME_UNIT = optional(fields<Obj>(plainObject(), onlyKeys(['name', 'perYear']), ['name', text('a non-empty string', { trim: true })], ['perYear', finite({ gt: 0, max: 1e12 })]));

/** The whole config, in the order it is checked. */
const ENV_CONFIG = fields<EnvConfig>(
  plainObject(),
  onlyKeys(TOP_KEYS),
  ['s0', finite({ gt: 0, max: MAGNITUDE })],
  ['horizon', POSITIVE],
  ['dt', (c) => finite({ gt: 0, lt: c.horizon })],
  (c): Problem | undefined => {
    const steps = episodeSteps(c);
    const T = c.horizon;
    const dt = c.dt;
    return Math.abs(T / dt - steps) > 1e-6 * Math.max(1, steps)
      ? { path: ['dt'], message: () => `dt must divide horizon into a whole number of steps (horizon / dt = ${T / dt}), got dt = ${dt}` }
      : undefined;
  },
  ['price', PRICE],
  ['arrivals', ARRIVALS],
  (c) => (c.arrivals.kind === 'hawkes' ? derived('arrivals.A * dt', c.arrivals.A * c.dt, AT_MOST_50) : undefined),
  ['toxicity', TOXICITY],
  ['fees', FEES],
  ['tickSize', NON_NEGATIVE],
  ['latencySteps', finite({ integer: true, min: 0, max: 10_000 })],
  // any positive bound: with a lot size (orderSize) a bound like 0.01 BTC is 10 lots of 0.001; the
  // baselines that need whole inventory levels (the HJB's lots, the exact optimum's units) say so
  ['maxInventory', finite({ gt: 0, max: MAGNITUDE })],
  ['orderSize', (c) => finite({ gt: 0, max: c.maxInventory })],
  ['gamma', POSITIVE],
  ['initialInventory', (c) => finite({ min: -c.maxInventory, max: c.maxInventory })],
  ['initialCash', finite({ min: -MAGNITUDE, max: MAGNITUDE })],
  ['reward', REWARD],
  ['observation', OBSERVATION_FEATURES_RULE],
  (c): Problem | undefined => (c.observation.features.includes('regime') && c.price.kind !== 'regime-switching'
    ? { path: ['observation', 'features'], message: () => `observation feature "regime" needs price.kind "regime-switching", got price.kind ${showValue(c.price.kind)}` }
    : undefined),
  (c): Problem | undefined => {
    const L = inventoryLevels(c);
    const f = c.observation.features.find((x) => x === 'inventory-levels' || x === 'final-steps-levels');
    return f !== undefined && L > MAX_INVENTORY_LEVELS
      ? { path: ['observation', 'features'], message: () => `observation feature "${f}" needs maxInventory / orderSize <= ${MAX_INVENTORY_LEVELS} (one input per level, 2L + 1 in all), got ${c.maxInventory} / ${c.orderSize} = ${c.maxInventory / c.orderSize}` }
      : undefined;
  },
  ['observation', OBSERVATION_WINDOWS],
  ['action', ACTION],
  ['timeUnit', TIME_UNIT],
);

/**
 * Validate a complete config; returns a frozen deep copy. Throws `EnvConfigError` (a ConfigError)
 * naming the first bad field, its allowed range and the value received.
 */
export function validateConfig(c: EnvConfig): EnvConfig {
  validate(ENV_CONFIG, c, { whole: 'config', error: envError });
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
