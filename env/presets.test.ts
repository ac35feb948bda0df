/**
 * presets.ts: every named market has the parameters its header documents (beyond the AS-2008,
 * GLFT-2013 and regime presets checked in resolve-config.test.ts) and validates; the tables are
 * frozen and consistent (every id names a preset, the suite lists its nine markets); name lookup
 * goes through short names, ids and aliases only.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_ENV_CONFIG, episodeSteps, type EnvConfig } from './config.js';
import { referenceSigma } from './effective-params.js';
import { DEFAULT_ENV_ID, ENV_IDS, PRESETS, PRESET_ALIASES, SUITE_MARKETS, knownEnvNames, presetNameOf, type PresetName } from './presets.js';
import { resolveEnvConfig } from './resolve-config.js';
import { validateConfig } from './validate-config.js';

const P = (name: PresetName): Readonly<EnvConfig> => PRESETS[name];

/** The fields of a preset that differ from the AS-2008 market (top level, by JSON). */
function diffFromBase(c: Readonly<EnvConfig>): string[] {
  const base = DEFAULT_ENV_CONFIG as unknown as Record<string, unknown>;
  const x = c as unknown as Record<string, unknown>;
  return Object.keys(x).filter((k) => JSON.stringify(x[k]) !== JSON.stringify(base[k])).sort();
}

describe('PRESETS', () => {
  it('all validate unchanged and are frozen at every level', () => {
    for (const [name, c] of Object.entries(PRESETS)) {
      expect(() => validateConfig(structuredClone(c) as EnvConfig), name).not.toThrow();
      expect(Object.isFrozen(c), name).toBe(true);
      expect(Object.isFrozen(c.price), name).toBe(true);
      expect(Object.isFrozen(c.observation.features), name).toBe(true);
    }
  });

  it('change only the fields their header names, to the documented values', () => {
    expect(diffFromBase(P('as2008'))).toEqual([]);
    expect(diffFromBase(P('toxic-fees'))).toEqual(['fees', 'toxicity']);
    expect([P('toxic-fees').toxicity, P('toxic-fees').fees]).toEqual([{ fraction: 0.1, jump: 0.2, rule: 'arrival' }, { makerPerUnit: 0.01, makerBps: 0 }]);
    expect(diffFromBase(P('trend'))).toEqual(['price']);
    expect(P('trend').price).toEqual({ kind: 'brownian', sigma: 2, mu: 2, binomial: false });
    expect(diffFromBase(P('adverse-selection'))).toEqual(['toxicity']);
    expect(P('adverse-selection').toxicity).toEqual({ fraction: 0.4, jump: 1, rule: 'fill' });
    expect(diffFromBase(P('maker-fees'))).toEqual(['fees']);
    expect(P('maker-fees').fees.makerPerUnit).toBe(0.2);
    expect(diffFromBase(P('latency'))).toEqual(['latencySteps']);
    expect(P('latency').latencySteps).toBe(2);
  });

  it('hawkes and hawkes-fills: A 70, eta 0.5, decay 20 (mean intensity 140 = AS-2008\'s A); hawkes-fills observes the fills', () => {
    for (const name of ['hawkes', 'hawkes-fills'] as const) {
      const a = P(name).arrivals;
      expect(a).toEqual({ kind: 'hawkes', A: 70, k: 1.5, branching: 0.5, decay: 20 });
      if (a.kind === 'hawkes') expect(a.A / (1 - a.branching)).toBe(140);
    }
    expect(diffFromBase(P('hawkes'))).toEqual(['arrivals']);
    expect(P('hawkes-fills').observation.features).toEqual(['inventory', 'time', 'last-fills']);
  });

  it('regime-switching and regime-risk: stressed sigma 10 and 20, observed regime, realised penalty', () => {
    for (const [name, stressed] of [['regime-switching', 10], ['regime-risk', 20]] as const) {
      const c = P(name);
      expect(c.price.kind).toBe('regime-switching');
      if (c.price.kind === 'regime-switching') {
        expect(c.price.regimes.map((r) => r.sigma)).toEqual([2, stressed]);
        expect(c.price.transition).toEqual([[0.99, 0.01], [0.03, 0.97]]);
      }
      expect(c.observation.features).toEqual(['inventory', 'time', 'regime']);
      expect(c.reward).toEqual({ kind: 'realized-penalty', terminalPenalty: 0 });
    }
    // stationary (0.75, 0.25): reference sigma sqrt(0.75 * 4 + 0.25 * 400)
    expect(referenceSigma(P('regime-risk'))).toBeCloseTo(Math.sqrt(103), 10);
  });

  it('coarse-ticks: tick 0.5, binomial sigma 8 at dt 1/256 (one tick per step), discrete ladder at the tick-bucket centres', () => {
    const c = P('coarse-ticks');
    expect([c.tickSize, c.dt, c.gamma]).toEqual([0.5, 1 / 256, 0.01]);
    expect(c.price).toEqual({ kind: 'brownian', sigma: 8, mu: 0, binomial: true });
    if (c.price.kind === 'brownian') expect(c.price.sigma * Math.sqrt(c.dt)).toBe(c.tickSize);
    expect(c.action.mode).toBe('discrete');
    if (c.action.mode === 'discrete') {
      expect(c.action.grid).toHaveLength(10);
      // level j is the centre of the bucket that rounds (away from the mid) to j + 1 ticks
      c.action.grid.forEach((d, j) => expect(Math.ceil(d / c.tickSize)).toBe(j + 1));
      c.action.grid.forEach((d, j) => expect(d).toBe((j + 0.5) * c.tickSize));
    }
  });

  it('liquidation: long 10 units, T 0.2 in 20 steps, A dt = 1.4, terminal penalty 2', () => {
    const c = P('liquidation');
    expect([c.initialInventory, c.horizon, c.dt, episodeSteps(c)]).toEqual([10, 0.2, 0.01, 20]);
    if (c.arrivals.kind === 'exponential') expect(c.arrivals.A * c.dt).toBeCloseTo(1.4, 14);
    expect(c.reward).toEqual({ kind: 'running-penalty', phi: null, terminalPenalty: 2 });
    expect(c.observation.features).toEqual(['inventory', 'time', 'final-steps', 'final-steps-levels']);
  });

  it('random-liquidity: nominal A 140, k 1.5, log-spread ln 2, fills observed', () => {
    const c = P('random-liquidity');
    expect(c.arrivals).toEqual({ kind: 'random-exponential', A: 140, k: 1.5, spread: Math.LN2 });
    expect(c.observation.features).toEqual(['inventory', 'time', 'last-fills']);
  });
});

describe('preset tables and lookup', () => {
  it('ENV_IDS name every preset exactly once; the suite lists its nine markets, all presets', () => {
    expect(Object.values(ENV_IDS).sort()).toEqual(Object.keys(PRESETS).sort());
    for (const id of Object.keys(ENV_IDS)) expect(id).toMatch(/^mmgym\/[A-Za-z0-9-]+-v0$/);
    expect(SUITE_MARKETS).toEqual(['trend', 'adverse-selection', 'coarse-ticks', 'maker-fees', 'liquidation', 'regime-risk', 'hawkes-fills', 'latency', 'random-liquidity']);
    expect(Object.isFrozen(SUITE_MARKETS) && Object.isFrozen(ENV_IDS) && Object.isFrozen(PRESET_ALIASES)).toBe(true);
    expect(ENV_IDS[DEFAULT_ENV_ID]).toBe('as2008');
  });

  it('presetNameOf resolves short names, ids and the alias; unknown names give undefined', () => {
    expect(presetNameOf('hawkes')).toBe('hawkes');
    expect(presetNameOf('mmgym/CoarseTicks-v0')).toBe('coarse-ticks');
    expect(presetNameOf('default')).toBe('as2008');
    expect(presetNameOf('mmgym/Nope-v0')).toBeUndefined();
    expect(presetNameOf('Hawkes')).toBeUndefined(); // case matters
  });

  it('knownEnvNames lists the ids, then the short names, then the aliases', () => {
    expect(knownEnvNames()).toEqual([...Object.keys(ENV_IDS), ...Object.keys(PRESETS), 'default']);
  });

  // ENV_IDS and PRESET_ALIASES are plain objects: presetNameOf once returned
  // Object.prototype.toString for 'toString', and resolveEnvConfig('toString') failed with "config
  // must be an object, got undefined" instead of naming the unknown id (now own keys only)
  it('presetNameOf gives undefined for Object.prototype member names (toString, constructor)', () => {
    expect(presetNameOf('toString')).toBeUndefined();
    expect(presetNameOf('constructor')).toBeUndefined();
    expect(() => resolveEnvConfig('toString')).toThrow('unknown environment id or preset "toString"');
  });
});
