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
 *   0.01 calm->stressed and 0.03 stressed->calm; the regime is observed; the reward's inventory
 *   penalty is the realised one, (gamma/2) q'^2 (dS)^2, so the stressed regime costs more.
 * - hawkes: exponential-kernel self-exciting market orders, baseline A = 70, branching 0.5, decay
 *   20 /time, so the mean arrival intensity A/(1 - 0.5) = 140 equals AS-2008's A.
 *
 * The benchmark suite ("beyond the theory", issue #9): each market breaks one assumption of the
 * HJB policy (Guéant 2017: Brownian mid without drift, Poisson exponential fills that carry no
 * information, no fees, continuous prices and trading, one known volatility). Parameters were
 * picked so that the exact optimum (baselines/exact-optimum.ts) is >= 2% above the HJB policy's
 * exact value (`mmgym optimum --env <name>` prints both):
 * - trend: the AS-2008 market with drift mu = 2 (the HJB ignores it; `hjb-drift` knows it).
 * - adverse-selection: 40% of the maker's fills are informed; the mid then jumps 1.0 against the
 *   maker (toxicity rule 'fill').
 * - coarse-ticks: tick 0.5 and a binomial mid moving one tick per step (sigma 8, dt 1/256,
 *   gamma 0.01); quotes are 1..10 ticks from the mid (discrete actions, TICK_LADDER).
 * - maker-fees: a fee of 0.2 per unit filled (30% of the HJB's half-spread).
 * - liquidation: start long 10 units, horizon 0.2 in 20 steps (A dt = 1.4: at most one fill per
 *   side per step, not Poisson), terminal penalty 2 q_T^2; the last three steps are observed
 *   one-hot ('final-steps'), where the penalty makes the optimum jump step to step, and so is each
 *   (last-three-step, inventory level) cell ('final-steps-levels': a table of its own per cell there).
 * - regime-risk: calm (sigma 2) / stressed (sigma 20) regimes, observed, with the realised
 *   inventory penalty; the HJB uses the stationary sigma.
 * Markets without an exact optimum (the yardstick is the HJB policy):
 * - hawkes-fills: the hawkes market with the previous step's fills observed.
 * - latency: the AS-2008 market with quotes acting 2 steps after they are chosen.
 * - random-liquidity: A and k drawn per episode, each within a factor 2 of AS-2008's (log-uniform),
 *   hidden; the previous step's fills are observed (the agent infers liquidity from its fills).
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
  | 'hawkes'
  | 'trend'
  | 'adverse-selection'
  | 'coarse-ticks'
  | 'maker-fees'
  | 'liquidation'
  | 'regime-risk'
  | 'hawkes-fills'
  | 'latency'
  | 'random-liquidity';

const base = DEFAULT_ENV_CONFIG;

/**
 * coarse-ticks' actions: a whole number of ticks (1..10 of 0.5) per side, Discrete(100) over the
 * pairs. Each grid depth is the centre of its tick bucket (0.25 -> 0.5, 0.75 -> 1.0, ...), so a
 * policy's continuous depth maps to the nearest level, which is the tick the quote would round
 * to away from the mid: the HJB policy quotes exactly as with a continuous action.
 */
const TICK_LADDER = [0.25, 0.75, 1.25, 1.75, 2.25, 2.75, 3.25, 3.75, 4.25, 4.75];

function withTrend(mu: number, sigma: number): EnvConfig {
  return { ...base, price: { kind: 'brownian', sigma, mu, binomial: false } };
}

/** The default regime-switching mid (calm sigma 2 / stressed) with the stressed regime's sigma set. */
function withStressedSigma(sigma: number): EnvConfig['price'] {
  const p = structuredClone(DEFAULT_PRICE_MODELS['regime-switching']) as Extract<EnvConfig['price'], { kind: 'regime-switching' }>;
  p.regimes[1]!.sigma = sigma;
  return p;
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
    toxicity: { fraction: 0.1, jump: 0.2, rule: 'arrival' },
    fees: { makerPerUnit: 0.01, makerBps: 0 },
  },
  'regime-switching': {
    ...base,
    price: structuredClone(DEFAULT_PRICE_MODELS['regime-switching']) as EnvConfig['price'],
    observation: { features: ['inventory', 'time', 'regime'], returnsWindow: 5, volWindow: 20 },
    reward: { kind: 'realized-penalty', terminalPenalty: 0 },
  },
  hawkes: {
    ...base,
    arrivals: { kind: 'hawkes', A: 70, k: 1.5, branching: 0.5, decay: 20 },
  },
  trend: withTrend(2, 2),
  'adverse-selection': {
    ...base,
    toxicity: { fraction: 0.4, jump: 1, rule: 'fill' },
  },
  'coarse-ticks': {
    ...base,
    dt: 1 / 256,
    tickSize: 0.5,
    gamma: 0.01,
    price: { kind: 'brownian', sigma: 8, mu: 0, binomial: true },
    action: { mode: 'discrete', grid: TICK_LADDER },
  },
  'maker-fees': {
    ...base,
    fees: { makerPerUnit: 0.2, makerBps: 0 },
  },
  liquidation: {
    ...base,
    horizon: 0.2,
    dt: 0.01,
    initialInventory: 10,
    reward: { kind: 'running-penalty', phi: null, terminalPenalty: 2 },
    observation: { features: ['inventory', 'time', 'final-steps', 'final-steps-levels'], returnsWindow: 5, volWindow: 20 },
  },
  'regime-risk': {
    ...base,
    price: withStressedSigma(20),
    observation: { features: ['inventory', 'time', 'regime'], returnsWindow: 5, volWindow: 20 },
    reward: { kind: 'realized-penalty', terminalPenalty: 0 },
  },
  'hawkes-fills': {
    ...base,
    arrivals: { kind: 'hawkes', A: 70, k: 1.5, branching: 0.5, decay: 20 },
    observation: { features: ['inventory', 'time', 'last-fills'], returnsWindow: 5, volWindow: 20 },
  },
  latency: {
    ...base,
    latencySteps: 2,
  },
  'random-liquidity': {
    ...base,
    arrivals: { kind: 'random-exponential', A: 140, k: 1.5, spread: Math.LN2 },
    observation: { features: ['inventory', 'time', 'last-fills'], returnsWindow: 5, volWindow: 20 },
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
  'mmgym/Trend-v0': 'trend',
  'mmgym/AdverseSelection-v0': 'adverse-selection',
  'mmgym/CoarseTicks-v0': 'coarse-ticks',
  'mmgym/MakerFees-v0': 'maker-fees',
  'mmgym/Liquidation-v0': 'liquidation',
  'mmgym/RegimeRisk-v0': 'regime-risk',
  'mmgym/HawkesFills-v0': 'hawkes-fills',
  'mmgym/Latency-v0': 'latency',
  'mmgym/RandomLiquidity-v0': 'random-liquidity',
});

/** The benchmark suite's markets (issue #9), in the order its table lists them. */
export const SUITE_MARKETS: readonly PresetName[] = Object.freeze([
  'trend',
  'adverse-selection',
  'coarse-ticks',
  'maker-fees',
  'liquidation',
  'regime-risk',
  'hawkes-fills',
  'latency',
  'random-liquidity',
] as PresetName[]);

/** Other accepted short names. */
export const PRESET_ALIASES: Readonly<Record<string, PresetName>> = Object.freeze({ default: 'as2008' });

/** The default environment: Avellaneda–Stoikov 2008. */
export const DEFAULT_ENV_ID = 'mmgym/AvellanedaStoikov-v0';

/** Preset name for a short name, alias or registry id; undefined when unknown. */
export function presetNameOf(idOrPreset: string): PresetName | undefined {
  if (Object.hasOwn(PRESETS, idOrPreset)) return idOrPreset as PresetName;
  // own keys only: 'toString' or 'constructor' must not find Object.prototype's members
  if (Object.hasOwn(ENV_IDS, idOrPreset)) return ENV_IDS[idOrPreset];
  return Object.hasOwn(PRESET_ALIASES, idOrPreset) ? PRESET_ALIASES[idOrPreset] : undefined;
}

/** Every accepted name, for error messages and `--help`. */
export function knownEnvNames(): string[] {
  return [...Object.keys(ENV_IDS), ...Object.keys(PRESETS), ...Object.keys(PRESET_ALIASES)];
}
