/** The sweep config schema: defaults, the cross-field rules, and errors naming the file, the path and the value. (Unknown fields and the shipped examples are in sweep.test.ts.) */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../util/errors.js';
import { METRIC_COLUMNS, SweepConfigError, parseSweepConfig, readSweepConfig } from './sweep-config.js';

const base = { name: 's', policies: ['hjb'], episodes: 10 };
const dir = mkdtempSync(join(tmpdir(), 'mmgym-sweepcfg-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parseSweepConfig', () => {
  it('fills the defaults', () => {
    expect(parseSweepConfig(base)).toEqual({ ...base, experiments: 'experiments.csv', env: 'default', envOverrides: {}, grid: {}, seed: 0, reference: 'hjb', cloneTo: [] });
    const c = parseSweepConfig({ ...base, sample: { size: 3 }, select: { metric: 'sharpe' }, figures: {}, reference: null });
    expect(c.sample).toEqual({ size: 3, seed: 0 });
    expect(c.select).toEqual({ metric: 'sharpe', maximize: true });
    expect(c.figures).toEqual({ metric: 'mean_return' });
    expect(c.reference).toBeNull();
  });
  it('errors list every issue with its path and the value received, naming the source', () => {
    let e: unknown;
    try {
      parseSweepConfig({ ...base, episodes: 1.5, policies: [], grid: { 'env.k': [] } }, 'my.json');
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(SweepConfigError);
    expect(e).toBeInstanceOf(ConfigError);
    const msg = (e as Error).message;
    expect(msg.startsWith('my.json is invalid:\n  ')).toBe(true);
    expect(msg).toMatch(/policies: .*, got \[\]/);
    expect(msg).toMatch(/episodes: .*, got 1\.5/);
    expect(msg).toMatch(/grid\.env\.k: .*, got \[\]/);
    expect(msg.split('\n').length).toBe(4);
    expect(() => parseSweepConfig(42)).toThrow(/^sweep config is invalid:\n {2}\(root\): .*, got 42/);
    expect(() => parseSweepConfig({ ...base, extra: 1, more: 2 })).toThrow('unknown fields "extra", "more"');
  });
  it('grid keys: env, env.<path>, policy.<param>; not empty paths', () => {
    expect(Object.keys(parseSweepConfig({ ...base, grid: { env: ['calm'], 'env.arrivals.A': [1, 2], 'policy.halfSpread': [0.5] } }).grid)).toEqual(['env', 'env.arrivals.A', 'policy.halfSpread']);
    for (const key of ['env.', 'policy.', 'gamma', 'environment.x']) {
      expect(() => parseSweepConfig({ ...base, grid: { [key]: [1] } }, 'f')).toThrow(`f: grid key "${key}" must be "env", "env.<config path>" or "policy.<parameter>"`);
    }
  });
  it('split: fractions summing to 1 and an env with {from} and {to} (or an env axis)', () => {
    const split = { train: 0.6, validation: 0.2, test: 0.2 };
    expect(parseSweepConfig({ ...base, env: 'replay:x.csv?from={from}&to={to}', split }).split).toEqual(split);
    expect(() => parseSweepConfig({ ...base, env: 'replay:x?from={from}&to={to}', split: { ...split, test: 0.3 } })).toThrow(/split: train \+ validation \+ test must equal 1/);
    expect(() => parseSweepConfig({ ...base, split }, 'f')).toThrow('f: split needs an env id with {from} and {to} placeholders (e.g. "replay:data/x.csv?from={from}&to={to}"), got "default"');
    expect(() => parseSweepConfig({ ...base, split, grid: { env: ['a'] } })).not.toThrow();
  });
  it('figure axes and select.groupBy must be grid keys (or policy)', () => {
    const grid = { 'env.gamma': [0.1, 0.2] };
    expect(() => parseSweepConfig({ ...base, grid, figures: { x: 'env.gamma', y: 'policy' }, select: { metric: 'sharpe', groupBy: ['policy'] } })).not.toThrow();
    expect(() => parseSweepConfig({ ...base, grid, figures: { x: 'env.k' } }, 'f')).toThrow('f: axis "env.k" (figures / select.groupBy) is not a grid key (env.gamma, policy)');
    expect(() => parseSweepConfig({ ...base, grid, select: { metric: 'sharpe', groupBy: ['env'] } })).toThrow('axis "env" (figures / select.groupBy) is not a grid key');
  });
  it('metrics: select and figures take the METRIC_COLUMNS only', () => {
    expect(METRIC_COLUMNS).toContain('mean_return');
    expect(new Set(METRIC_COLUMNS).size).toBe(METRIC_COLUMNS.length);
    for (const m of METRIC_COLUMNS) expect(parseSweepConfig({ ...base, select: { metric: m } }).select?.metric).toBe(m);
    expect(() => parseSweepConfig({ ...base, figures: { metric: 'profit' } })).toThrow(/figures\.metric: .*got "profit"/);
  });
});

describe('readSweepConfig', () => {
  it('reads a file; names the path when missing, not JSON, or invalid', () => {
    const ok = join(dir, 'ok.json');
    writeFileSync(ok, JSON.stringify(base));
    expect(readSweepConfig(ok).name).toBe('s');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ nope');
    expect(() => readSweepConfig(bad)).toThrow(`sweep config ${bad} is not valid JSON`);
    const secret = join(dir, 'secret.json');
    writeFileSync(secret, 'root:x:0:0:root');
    expect(() => readSweepConfig(secret)).toThrow(/^(?!.*root:x).*is not valid JSON/s); // the content is not printed
    const inv = join(dir, 'inv.json');
    writeFileSync(inv, JSON.stringify({ ...base, episodes: 1 }));
    expect(() => readSweepConfig(inv)).toThrow(new RegExp(`^${inv.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is invalid:\\n {2}episodes: .*got 1`));
    expect(() => readSweepConfig(join(dir, 'none.json'))).toThrow(SweepConfigError);
  });
});
