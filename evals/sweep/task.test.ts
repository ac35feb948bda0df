/**
 * Sweep tasks: setPath into overrides, the row key (a hash of the task and its resolved config:
 * every field counts, equal configs give equal keys), buildPolicy's refusals, and evaluateTask as a
 * pure function of the task whose metrics match the episodes played directly.
 */
import { describe, expect, it } from 'vitest';
import { resolveEnvConfig } from '../../env/resolve-config.js';
import { makeBaselinePolicy } from '../../baselines/registry.js';
import { runEpisodes } from '../run-episodes.js';
import { buildPolicy, evaluateTask, resolveTaskConfig, savedPolicyDigest, setPath, SWEEP_ROW_VERSION, taskKey, type SweepTask } from './task.js';

const task = (patch: Partial<SweepTask> = {}): SweepTask => ({
  sweep: 't',
  segment: 'validation',
  envId: 'default',
  overrides: { horizon: 0.05 },
  policy: 'fixed',
  policyParams: {},
  point: { policy: 'fixed' },
  episodes: 8,
  seed: 11,
  reference: null,
  ...patch,
});

const mean = (xs: Float64Array): number => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('setPath', () => {
  it('sets a dotted path, creating objects on the way and keeping siblings', () => {
    const o: Record<string, unknown> = { price: { sigma: 2 } };
    setPath(o, 'price.mu', 0.1);
    setPath(o, 'arrivals.k', 1.5);
    setPath(o, 'gamma', 0.2);
    expect(o).toEqual({ price: { sigma: 2, mu: 0.1 }, arrivals: { k: 1.5 }, gamma: 0.2 });
  });

  it('refuses prototype keys', () => {
    expect(() => setPath({}, '__proto__.polluted', 1)).toThrow('--set __proto__.polluted: key "__proto__" is not allowed');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('taskKey', () => {
  it('16 hex digits, the same for the same task', () => {
    expect(SWEEP_ROW_VERSION).toBe(1);
    expect(taskKey(task())).toMatch(/^[0-9a-f]{16}$/);
    expect(taskKey(task())).toBe(taskKey(structuredClone(task())));
  });

  it('changes with every field that changes the row', () => {
    const base = taskKey(task());
    const variants: Partial<SweepTask>[] = [
      { segment: 'test' },
      { envId: 'calm' },
      { overrides: { horizon: 0.1 } },
      { policy: 'as' },
      { policyParams: { halfSpread: 1 } },
      { episodes: 9 },
      { seed: 12 },
      { reference: 'hjb' },
    ];
    const keys = variants.map((v) => taskKey(task(v)));
    for (const [i, k] of keys.entries()) expect(k, JSON.stringify(variants[i])).not.toBe(base);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('hashes the resolved config: an override equal to the preset value gives the same key; the sweep name and point labels do not count', () => {
    const gamma = resolveEnvConfig('default', { horizon: 0.05 }).gamma;
    expect(taskKey(task({ overrides: { horizon: 0.05, gamma } }))).toBe(taskKey(task()));
    expect(taskKey(task({ sweep: 'other', point: { policy: 'fixed', x: 1 } }))).toBe(taskKey(task()));
    // the config passed in is the one hashed
    const other = resolveEnvConfig('default', { horizon: 0.07 });
    expect(taskKey(task(), other)).toBe(taskKey(task({ overrides: { horizon: 0.07 } })));
    expect(resolveTaskConfig(task())).toEqual(resolveEnvConfig('default', { horizon: 0.05 }));
  });

  it('a baseline name has no saved-model digest', () => {
    expect(savedPolicyDigest('hjb')).toBeNull();
  });
});

describe('buildPolicy', () => {
  const config = resolveEnvConfig('default', { horizon: 0.05 });

  it('refuses parameters for a saved policy, a non-number spreadMultiplier and an unknown baseline, naming them', async () => {
    await expect(buildPolicy('runs/some-model', { halfSpread: 1 }, config)).rejects.toThrow('saved policy runs/some-model takes no parameters, got halfSpread');
    await expect(buildPolicy('fixed', { spreadMultiplier: 'wide' }, config)).rejects.toThrow('policy.spreadMultiplier must be a number, got "wide"');
    await expect(buildPolicy('nope', {}, config)).rejects.toThrow(/policy must be one of .*, got "nope"/);
    await expect(buildPolicy('fixed', { gamma: 1 }, config)).rejects.toThrow(/parameter gamma is not used by the fixed policy/);
  });

  it('a spreadMultiplier of 1 plays exactly like the policy itself', async () => {
    const plain = runEpisodes(await buildPolicy('as', {}, config), config, { episodes: 4, seed: 2 });
    const scaled = runEpisodes(await buildPolicy('as', { spreadMultiplier: 1 }, config), config, { episodes: 4, seed: 2 });
    expect(Array.from(scaled.returns)).toEqual(Array.from(plain.returns));
  });
});

describe('evaluateTask', () => {
  it('the metrics of the episodes the task describes (seeds seed..seed+episodes-1), the same every time', async () => {
    const t = task({ policyParams: { halfSpread: 0.8 } });
    const row = await evaluateTask(t);
    const config = resolveTaskConfig(t);
    const b = runEpisodes(makeBaselinePolicy('fixed', config, { halfSpread: 0.8 }), config, { episodes: 8, seed: 11 });
    expect(row.mean_return).toBeCloseTo(mean(b.returns), 10);
    expect(row.pnl_mean).toBeCloseTo(mean(b.pnl), 10);
    expect(row.abs_terminal_inventory).toBeCloseTo(mean(b.terminalInventory.map(Math.abs)), 10);
    expect(row.pct_of_reference).toBeNull();
    expect(await evaluateTask(structuredClone(t))).toEqual(row);
  });

  it('pct_of_reference: the mean return over the reference policy\'s on the same seeds (1 when it is the policy itself)', async () => {
    const self = await evaluateTask(task({ policy: 'hjb', point: { policy: 'hjb' }, reference: 'hjb' }));
    expect(self.pct_of_reference).toBe(1);
    const t = task({ policy: 'as', point: { policy: 'as' }, reference: 'hjb' });
    const row = await evaluateTask(t);
    const config = resolveTaskConfig(t);
    const ref = mean(runEpisodes(makeBaselinePolicy('hjb', config), config, { episodes: 8, seed: 11 }).returns);
    expect(ref).toBeGreaterThan(0);
    expect(row.pct_of_reference).toBeCloseTo((row.mean_return as number) / ref, 10);
    expect(self.mean_return).toBeCloseTo(ref, 10);
  });
});
