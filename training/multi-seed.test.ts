import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSeeds, seedJobId, seedOptions, trainConfigsSeeds, trainSeeds } from './multi-seed.js';
import { aggregate, formatSeedTable } from './seed-summary.js';
import { tinyRun } from './test-utils/tiny-run.js';

describe('--seeds', () => {
  it('parses lists and ranges, refusing what is not one', () => {
    expect(parseSeeds('0-3')).toEqual([0, 1, 2, 3]);
    expect(parseSeeds('5, 0-1,9')).toEqual([5, 0, 1, 9]);
    expect(() => parseSeeds('a')).toThrow(/--seeds must be integers and ranges like 0-7 or 0,3,5, got "a"/);
    expect(() => parseSeeds('3-1')).toThrow(/range 3-1 runs backwards/);
    expect(() => parseSeeds('1,1')).toThrow(/lists seed 1 twice/);
    expect(() => parseSeeds('0-5000')).toThrow(/at most 1000 seeds/);
  });

  it('a seed job id depends on what the run computes, not on where it is written', () => {
    const a = seedOptions(tinyRun('/tmp/x', 'a'), 3);
    expect(seedJobId(a)).toBe(seedJobId({ ...a, out: '/elsewhere', command: 'other', progress: 'lines' }));
    expect(seedJobId(a)).not.toBe(seedJobId({ ...a, seed: 4 }));
    expect(seedJobId(a, '9.9.9')).not.toBe(seedJobId(a));
  });

  it('aggregates mean, standard error and the worst seed', () => {
    expect(aggregate([1, 3, null, Number.NaN])).toEqual({ n: 2, mean: 2, se: 1, worst: 1 });
    expect(aggregate([null])).toBeNull();
  });

  it('trains each seed into <out>/seed-<s> and writes the table across seeds', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mmgym-seeds-'));
    const base = { ...tinyRun(root, 'run'), finalEpisodes: 20, workers: 1 };
    const r = await trainSeeds(base, [1, 2]);
    expect(r.rows.map((x) => x.seed)).toEqual([1, 2]);
    for (const s of [1, 2]) expect(existsSync(join(root, 'run', `seed-${s}`, 'best', 'policy.json'))).toBe(true);
    const file = JSON.parse(readFileSync(r.file, 'utf8')) as { aggregate: { testMeanReturn: { n: number; mean: number } } };
    const means = r.rows.map((x) => x.test?.meanReturn as number);
    expect(file.aggregate.testMeanReturn.n).toBe(2);
    expect(file.aggregate.testMeanReturn.mean).toBeCloseTo((means[0]! + means[1]!) / 2, 12);
    const table = formatSeedTable(r.rows);
    expect(table).toMatch(/^seed .*% of HJB/);
    expect(table).toMatch(/\nmean ± s\.e\./);
    expect(table).toMatch(/\nworst/);
    // a second run into the same folder is refused before anything trains (a seed folder holds a run)
    await expect(trainSeeds(base, [2, 3])).rejects.toThrow(/seed-2 already holds a run/);
    await expect(trainSeeds({ ...base, resume: join(root, 'run') }, [1])).rejects.toThrow(/--seeds and --resume do not combine/);
  }, 120_000);

  it('several configurations x seeds: one directory and one table per configuration; shared directories refused', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mmgym-configs-'));
    const a = { ...tinyRun(root, 'default'), finalEpisodes: 10, workers: 1 };
    const b = { ...tinyRun(root, 'trend'), env: 'trend', finalEpisodes: 10, workers: 1 };
    const r = await trainConfigsSeeds([a, b], [5]);
    expect(r.map((x) => x.file)).toEqual([join(root, 'default', 'seeds.json'), join(root, 'trend', 'seeds.json')]);
    expect((JSON.parse(readFileSync(r[1]!.file, 'utf8')) as { env: string }).env).toBe('trend');
    expect(existsSync(join(root, 'trend', 'seed-5', 'best', 'policy.json'))).toBe(true);
    await expect(trainConfigsSeeds([a, { ...b, out: a.out }], [1])).rejects.toThrow(/two configurations would train into the same directory/);
  }, 120_000);
});
