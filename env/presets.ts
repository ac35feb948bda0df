/**
 * Named markets. Short names (`as2008`, `glft2013`, `calm`, ...) and registry ids
 * (`mmgym/AvellanedaStoikov-v0`, ...) both resolve through `resolveEnvConfig` / `make`.
 *
 * Sources:
 * - as2008: Avellaneda & Stoikov (2008), "High-frequency trading in a limit order book", sec. 4
 *   simulations: S0 = 100, T = 1, dt = 0.005, sigma = 2, A = 140, k = 1.5, gamma = 0.1.
 * - glft2013: Guéant, Lehalle & Fernandez-Tapia (2013), "Dealing with the inventory risk", sec. 6:
 *   sigma = 0.3 (Tick.s^-1/2), A = 0.9 s^-1, k = 0.3 Tick^-1, gamma = 0.01 Tick^-1, T = 600 s,
 *   Q = 30. Step dt = 0.5 s (our choice: keeps A*dt = 0.45 so a side fills at most once with
 *   probability < 1/2, close to the continuous-time Poisson model); maxDepth 10 ticks.
 * - calm / turbulent / uptrend / downtrend: the AS-2008 market with the regime study's (mu, sigma):
 *   (0, 2), (0, 10), (+10, 2), (-10, 2).
 * - toxic-fees: AS-2008 with 10% informed arrivals (mid jumps 0.2 against the maker after each
 *   informed arrival) and a maker fee of 0.01 per unit.
 * - regime-switching: calm (sigma 2) / stressed (sigma 10) Markov chain, per-step transitions
 *   0.01 calm->stressed and 0.03 stressed->calm; the regime is observed.
 * - hawkes: exponential-kernel self-exciting market orders, baseline A = 70, branching 0.5, decay
 *   20 /time, so the mean arrival intensity A/(1 - 0.5) = 140 equals AS-2008's A.
 */
import type { EnvConfig } from './config.js';
import { DEFAULT_ENV_CONFIG, deepFreeze } from './config.js';
import { DEFAULT_PRICE_MODELS } from './part-defaults.js';

export type PresetName =
  | 'as2008'
  | 'glft2013'
  | 'calm'
  | 'turbulent'
  | 'uptrend'
  | 'downtrend'
  | 'toxic-fees'
  | 'regime-switching'
  | 'hawkes';

const base = DEFAULT_ENV_CONFIG;

function withTrend(mu: number, sigma: number): EnvConfig {
  return { ...base, price: { kind: 'brownian', sigma, mu, binomial: false } };
}

export const PRESETS: Readonly<Record<PresetName, Readonly<EnvConfig>>> = deepFreeze({
  as2008: structuredClone(base) as EnvConfig,
  glft2013: {
    ...base,
    s0: 100,
    horizon: 600,
    dt: 0.5,
    price: { kind: 'brownian', sigma: 0.3, mu: 0, binomial: false },
    arrivals: { kind: 'exponential', A: 0.9, k: 0.3 },
    maxInventory: 30,
    gamma: 0.01,
    action: { mode: 'normalized-depths', maxDepth: 10 },
  },
  calm: withTrend(0, 2),
  turbulent: withTrend(0, 10),
  uptrend: withTrend(10, 2),
  downtrend: withTrend(-10, 2),
  'toxic-fees': {
    ...base,
    toxicity: { fraction: 0.1, jump: 0.2 },
    fees: { makerPerUnit: 0.01, makerBps: 0 },
  },
  'regime-switching': {
    ...base,
    price: structuredClone(DEFAULT_PRICE_MODELS['regime-switching']) as EnvConfig['price'],
    observation: { features: ['inventory', 'time', 'regime'], returnsWindow: 5, volWindow: 20 },
  },
  hawkes: {
    ...base,
    arrivals: { kind: 'hawkes', A: 70, k: 1.5, branching: 0.5, decay: 20 },
  },
} satisfies Record<PresetName, EnvConfig>);

/** Registry ids -> preset names. */
export const ENV_IDS: Readonly<Record<string, PresetName>> = Object.freeze({
  'mmgym/AvellanedaStoikov-v0': 'as2008',
  'mmgym/GLFT2013-v0': 'glft2013',
  'mmgym/Regime-Calm-v0': 'calm',
  'mmgym/Regime-Turbulent-v0': 'turbulent',
  'mmgym/Regime-Uptrend-v0': 'uptrend',
  'mmgym/Regime-Downtrend-v0': 'downtrend',
  'mmgym/ToxicFees-v0': 'toxic-fees',
  'mmgym/RegimeSwitching-v0': 'regime-switching',
  'mmgym/Hawkes-v0': 'hawkes',
});

/** Other accepted short names. */
export const PRESET_ALIASES: Readonly<Record<string, PresetName>> = Object.freeze({ default: 'as2008' });

/** The default environment: Avellaneda–Stoikov 2008. */
export const DEFAULT_ENV_ID = 'mmgym/AvellanedaStoikov-v0';

/** Preset name for a short name, alias or registry id; undefined when unknown. */
export function presetNameOf(idOrPreset: string): PresetName | undefined {
  if (Object.hasOwn(PRESETS, idOrPreset)) return idOrPreset as PresetName;
  return ENV_IDS[idOrPreset] ?? PRESET_ALIASES[idOrPreset];
}

/** Every accepted name, for error messages and `--help`. */
export function knownEnvNames(): string[] {
  return [...Object.keys(ENV_IDS), ...Object.keys(PRESETS), ...Object.keys(PRESET_ALIASES)];
}
