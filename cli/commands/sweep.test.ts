/**
 * `mmgym sweep` in-process: the summary line, the selection lines (the best validation point by
 * the metric, out of sample and on the clones, each read back from the CSV), --figures-dir and
 * --no-figures, the queue flags' refusal, and the same rows through --queue/--name on a real Redis.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatNumber } from '../../evals/report/table.js';
import { ExperimentsCsv } from '../../evals/sweep/experiments-csv.js';
import { OUT_OF_SAMPLE_SEED_OFFSET } from '../../evals/sweep/run-sweep.js';
import { runQueueWorker } from '../../queue/worker.js';
import { dropQueue, redisAvailable, TEST_REDIS_URL, testQueueName } from '../../queue/test-utils/redis.js';
import { runCommands } from '../test-utils/run-commands.js';
import { sweepCommand } from './sweep.js';

const hasRedis = await redisAvailable();
const queues: string[] = [];
const dirs: string[] = [];
const fresh = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'mmgym-cli-sweep-'));
  dirs.push(d);
  return d;
};
afterAll(async () => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  if (hasRedis) for (const q of queues) await dropQueue(q);
});

function config(dir: string, patch: Record<string, unknown> = {}): string {
  const path = join(dir, 's.json');
  writeFileSync(
    path,
    JSON.stringify({ name: 's', policies: ['fixed'], envOverrides: { horizon: 0.05 }, grid: { 'policy.halfSpread': [0.5, 1, 2] }, episodes: 6, seed: 4, reference: null, select: { metric: 'mean_return' }, ...patch }),
  );
  return path;
}

const rowsOf = (csv: string) => new ExperimentsCsv(csv, readFileSync(csv, 'utf8').split('\n')[0]?.split(',') ?? []).records();
const run = (argv: string[]) => runCommands([sweepCommand], ['sweep', ...argv]);

describe('mmgym sweep', () => {
  it('prints the counts, the best validation point by the metric with its value, out of sample and on the clones, as in the CSV', async () => {
    const dir = fresh();
    const cfg = config(dir, { cloneTo: ['calm'] });
    const r = await run(['--config', cfg, '--no-figures']);
    const csv = join(dir, 'experiments.csv');
    const rows = rowsOf(csv);
    const validation = rows.filter((x) => x.segment === 'validation');
    expect(validation).toHaveLength(3);
    const best = validation.reduce((a, b) => ((b.mean_return as number) > (a.mean_return as number) ? b : a));
    const test = rows.find((x) => x.segment === 'test');
    const clone = rows.find((x) => x.segment === 'clone:calm');
    expect(test?.seed).toBe(4 + OUT_OF_SAMPLE_SEED_OFFSET);
    expect(r.out.trimEnd().split('\n')).toEqual([
      `3 points: 0 already done, 3 evaluated -> ${csv}`,
      `best on validation by mean_return: env=default, policy=fixed, policy.halfSpread=${String(best['policy.halfSpread'])} (mean_return ${formatNumber(best.mean_return as number)})`,
      `  out of sample (default, seed ${4 + OUT_OF_SAMPLE_SEED_OFFSET}): mean_return ${formatNumber(test?.mean_return as number)}, mean return ${formatNumber(test?.mean_return as number)}`,
      `  cloned to calm: mean_return ${formatNumber(clone?.mean_return as number)}, mean return ${formatNumber(clone?.mean_return as number)}`,
    ]);
    expect(existsSync(join(dir, 's-figures'))).toBe(false);
  });

  it('minimising a metric picks the smallest; a second run evaluates nothing and prints the same choice', async () => {
    const dir = fresh();
    const cfg = config(dir, { select: { metric: 'abs_terminal_inventory', maximize: false } });
    const first = await run(['--config', cfg, '--no-figures']);
    const validation = rowsOf(join(dir, 'experiments.csv')).filter((x) => x.segment === 'validation');
    const best = validation.reduce((a, b) => ((b.abs_terminal_inventory as number) < (a.abs_terminal_inventory as number) ? b : a));
    expect(first.out).toContain(`(abs_terminal_inventory ${formatNumber(best.abs_terminal_inventory as number)})`);
    const again = await run(['--config', cfg, '--no-figures']);
    expect(again.out.split('\n')[0]).toBe(`3 points: 3 already done, 0 evaluated -> ${join(dir, 'experiments.csv')}`);
    expect(again.out.split('\n').slice(1)).toEqual(first.out.split('\n').slice(1));
  });

  it('--figures-dir: the figures are written there and listed', async () => {
    const dir = fresh();
    const figs = join(dir, 'figs');
    const r = await run(['--config', config(dir, { select: undefined }), '--figures-dir', figs]);
    const last = r.out.trimEnd().split('\n').at(-1) as string;
    expect(last.startsWith('figures: ')).toBe(true);
    const files = last.slice('figures: '.length).split(', ');
    expect(files.length).toBeGreaterThan(1);
    for (const f of files) {
      expect(f.startsWith(`${figs}/`), f).toBe(true);
      expect(existsSync(f), f).toBe(true);
    }
    expect(files).toContain(join(figs, 'report.html'));
    // no selection configured: no selection lines
    expect(r.out).not.toContain('best on validation');
  });

  it('--name without --queue is refused, naming both flags', async () => {
    await expect(run(['--config', 'evals/examples/regime-study.json', '--name', 'x'])).rejects.toThrow('--collect and --name go with --queue redis://host:port');
  });
});

describe.skipIf(!hasRedis)('mmgym sweep --queue', () => {
  it('--queue and --name send the tasks to that queue; the CSV is the embedded run\'s', async () => {
    const edir = fresh();
    const cfgE = config(edir);
    const qdir = fresh();
    const cfgQ = config(qdir);
    await run(['--config', cfgE, '--no-figures']);
    const name = testQueueName();
    queues.push(name);
    const abort = new AbortController();
    const worker = runQueueWorker({ url: TEST_REDIS_URL, name, signal: abort.signal });
    try {
      const r = await run(['--config', cfgQ, '--no-figures', '--queue', TEST_REDIS_URL, '--name', name]);
      expect(r.out.split('\n')[0]).toBe(`3 points: 0 already done, 3 evaluated -> ${join(qdir, 'experiments.csv')}`);
    } finally {
      abort.abort();
    }
    const counts = await worker;
    expect(counts).toEqual({ completed: 4, failed: 0 });
    expect(readFileSync(join(qdir, 'experiments.csv'), 'utf8')).toBe(readFileSync(join(edir, 'experiments.csv'), 'utf8'));
  }, 60_000);
});
