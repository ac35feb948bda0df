import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExperimentsCsv } from './experiments-csv.js';
import { cartesianGrid, gridAxes, stratifiedSample } from './grid.js';
import { runSweep } from './run-sweep.js';
import { parseSweepConfig, readSweepConfig } from './sweep-config.js';
import { savedPolicyDigest } from './task.js';
import { TINY_SWEEP } from './test-utils/tiny-sweep.js';

const small = { name: 'tiny', experiments: 'tiny.csv', ...TINY_SWEEP };

function writeConfig(dir: string, config: unknown): string {
  const path = join(dir, 'sweep.json');
  writeFileSync(path, JSON.stringify(config));
  return path;
}

describe('sweep config', () => {
  it('names unknown fields and bad values', () => {
    expect(() => parseSweepConfig({ ...small, gird: {} })).toThrow(/unknown field "gird"/);
    expect(() => parseSweepConfig({ ...small, sample: { size: 3, sed: 1 } })).toThrow(/unknown field "sample.sed"/);
    expect(() => parseSweepConfig({ ...small, episodes: 0 })).toThrow(/episodes: Too small.*got 0/);
    expect(() => parseSweepConfig({ ...small, grid: { gamma: [1] } })).toThrow(/grid key "gamma" must be "env", "env.<config path>" or "policy.<parameter>"/);
    expect(() => parseSweepConfig({ ...small, select: { metric: 'profit' } })).toThrow(/select.metric/);
    expect(() => readSweepConfig('/nonexistent/sweep.json')).toThrow(/not found/);
  });

  it('the shipped examples are valid', () => {
    for (const f of ['regime-study.json', 'parameter-study.json', 'amzn-time-split.json']) {
      expect(readSweepConfig(join(import.meta.dirname, '..', 'examples', f)).name.length).toBeGreaterThan(0);
    }
  });
});

describe('grid expansion', () => {
  const axes = gridAxes(['a', 'b'], { x: [1, 2, 3], y: ['u', 'v'] });
  it('expands the full product in a fixed order', () => {
    const g = cartesianGrid(axes);
    expect(g.length).toBe(12);
    expect(g[0]).toEqual({ policy: 'a', x: 1, y: 'u' });
    expect(g[1]).toEqual({ policy: 'a', x: 1, y: 'v' });
  });

  it('draws a balanced, distinct, seeded stratified sample', () => {
    const s = stratifiedSample(axes, 6, 9);
    expect(s).toEqual(stratifiedSample(axes, 6, 9));
    expect(new Set(s.map((p) => JSON.stringify(p))).size).toBe(6);
    const count = (k: string, v: unknown) => s.filter((p) => p[k] === v).length;
    expect([count('policy', 'a'), count('policy', 'b')]).toEqual([3, 3]);
    expect([count('x', 1), count('x', 2), count('x', 3)]).toEqual([2, 2, 2]);
    expect([count('y', 'u'), count('y', 'v')]).toEqual([3, 3]);
    expect(stratifiedSample(axes, 50, 1).length).toBe(12);
  });
});

describe('experiments csv', () => {
  it('appends atomically, skips known keys, resumes, rejects a different header', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mmgym-csv-'));
    const path = join(dir, 'e.csv');
    const csv = new ExperimentsCsv(path, ['key', 'a', 'b']);
    expect(csv.append({ key: 'k1', a: 1, b: 'x,y' })).toBe(true);
    expect(csv.append({ key: 'k1', a: 2, b: 'z' })).toBe(false);
    expect(csv.append({ key: 'k2', a: null, b: 'q' })).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe('key,a,b\nk1,1,"x,y"\nk2,,q\n');
    const again = new ExperimentsCsv(path, ['key', 'a', 'b']);
    expect(again.size).toBe(2);
    expect(again.has('k2')).toBe(true);
    expect(again.records()[0]).toEqual({ key: 'k1', a: 1, b: 'x,y' });
    expect(() => new ExperimentsCsv(path, ['key', 'a', 'c'])).toThrow(/has columns \[key, a, b\], this sweep writes \[key, a, c\]/);
  });

  it('a row cut by a crash or a garbage row is skipped with its line number, not counted as done', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mmgym-csv-'));
    const path = join(dir, 'e.csv');
    writeFileSync(path, 'key,a,b\nk1,1,x\nk2,3\ngarbage\nk3,5,z\n');
    const csv = new ExperimentsCsv(path, ['key', 'a', 'b']);
    expect([csv.has('k1'), csv.has('k2'), csv.has('k3'), csv.size]).toEqual([true, false, true, 2]);
    expect(csv.skipped).toEqual([
      { line: 3, why: '2 fields, the header has 3' },
      { line: 4, why: '1 fields, the header has 3' },
    ]);
    expect(csv.append({ key: 'k2', a: 3, b: 'y' })).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe('key,a,b\nk1,1,x\nk3,5,z\nk2,3,y\n');
  });
});

describe('saved-policy digest', () => {
  it('changes when the saved model changes (a retrained policy gets new keys)', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'mmgym-digest-')), 'p');
    expect(savedPolicyDigest('hjb')).toBeNull();
    const before = savedPolicyDigest(dir);
    mkdirSync(dir);
    writeFileSync(join(dir, 'weights.bin'), 'abc');
    const after = savedPolicyDigest(dir);
    expect(after).not.toBe(before);
    writeFileSync(join(dir, 'weights.bin'), 'abd');
    expect(savedPolicyDigest(dir)).not.toBe(after);
  });
});

describe('runSweep', () => {
  // Worker threads start slowly from TypeScript sources (each loads tsx and the module graph): one 2-worker run only.
  it('gives the same CSV with 1 or 2 workers, resumes after an interruption without duplicates', async () => {
    const d1 = mkdtempSync(join(tmpdir(), 'mmgym-sweep1-'));
    const d2 = mkdtempSync(join(tmpdir(), 'mmgym-sweep2-'));
    const d3 = mkdtempSync(join(tmpdir(), 'mmgym-sweep3-'));
    const r1 = await runSweep({ configPath: writeConfig(d1, small), workers: 1, figuresDir: null });
    expect(r1.points).toBe(8);
    expect(r1.evaluated).toBe(8);
    const r2 = await runSweep({ configPath: writeConfig(d2, small), workers: 2, figuresDir: null });
    const csv1 = readFileSync(r1.csvPath, 'utf8');
    expect(readFileSync(r2.csvPath, 'utf8')).toBe(csv1);
    // 8 validation rows + the best point out of sample (fresh seeds).
    expect(csv1.trim().split('\n').length).toBe(1 + 9);
    expect(r1.selections.length).toBe(1);
    expect(r1.selections[0]?.outOfSample?.segment).toBe('test');
    expect(r1.selections[0]?.outOfSample?.seed).toBe(3 + 1_000_000);

    // Interrupt after 3 rows, then resume.
    const abort = new AbortController();
    const path3 = writeConfig(d3, small);
    let seen = 0;
    await runSweep({
      configPath: path3,
      workers: 1,
      figuresDir: null,
      signal: abort.signal,
      log: (m) => {
        if (m.startsWith('  [') && ++seen === 3) abort.abort();
      },
    });
    const partial = readFileSync(join(d3, 'tiny.csv'), 'utf8').trim().split('\n');
    expect(partial.length).toBe(1 + 3);
    const resumed = await runSweep({ configPath: path3, workers: 1, figuresDir: null });
    expect(resumed.skipped).toBe(3);
    expect(resumed.evaluated).toBe(5);
    expect(readFileSync(join(d3, 'tiny.csv'), 'utf8')).toBe(csv1);
    const rerun = await runSweep({ configPath: path3, workers: 1, figuresDir: null });
    expect(rerun.evaluated).toBe(0);
    expect(readFileSync(join(d3, 'tiny.csv'), 'utf8')).toBe(csv1);
  });

  it('draws the sweep figures and a report naming points by their grid values, numbers to 4 digits', async () => {
    const d = mkdtempSync(join(tmpdir(), 'mmgym-sweepfig-'));
    const r = await runSweep({ configPath: writeConfig(d, { ...small, policies: ['hjb'] }), workers: 1 });
    expect(r.files.map((f) => f.split('/').pop())).toEqual(['sweep-heatmap.png', 'sweep-boxplots.png', 'sweep-sharpe-drawdown.png', 'report.html']);
    const html = readFileSync(r.files[3] as string, 'utf8');
    const keys = new ExperimentsCsv(r.csvPath, readFileSync(r.csvPath, 'utf8').split('\n')[0]?.split(',') ?? []).records().map((row) => String(row.key));
    expect(keys.length).toBe(5);
    for (const k of keys) expect(html).not.toContain(k);
    const best = [...html.matchAll(/<li>(best on validation[^<]*)<\/li>/g)].map((m) => m[1] ?? '');
    expect(best.length).toBe(1);
    expect(best[0]).toMatch(/^best on validation by mean_return: hjb, gamma=0\.(05|2), spreadMultiplier=1(\.5)? \(mean_return -?[\d.]+\); out of sample: -?[\d.]+$/);
    // Every number in the selection line and in the figures' texts has at most 4 significant digits.
    const texts = [...best, ...[...html.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] ?? '')];
    const digits = texts.flatMap((t) => t.match(/\d+(?:\.\d+)?/g) ?? []).map((n) => n.replace('.', '').replace(/^0+/, '').replace(/0+$/, '').length);
    expect(Math.max(...digits)).toBeLessThanOrEqual(4);
    expect(texts).toEqual(expect.arrayContaining(['gamma=0.05, spreadMultiplier=1', 'hjb']));
  });
});
