/** runTasks: results handed back once each, in task order, equal to evaluating the task here, whatever the worker count; abort; refusals naming the value and the failing task. */
import { describe, expect, it } from 'vitest';
import { runTasks } from './pool.js';
import { evaluateTask, type MetricRow, type SweepTask } from './task.js';

const task = (halfSpread: number, seed: number): SweepTask => ({
  sweep: 'pool',
  segment: 'validation',
  envId: 'default',
  overrides: { horizon: 0.05 },
  policy: 'fixed',
  policyParams: { halfSpread },
  point: { policy: 'fixed', 'policy.halfSpread': halfSpread },
  episodes: 5,
  seed,
  reference: null,
});

const tasks = [task(0.5, 1), task(1, 2), task(1.5, 3), task(2, 4)];

async function collect(ts: readonly SweepTask[], workers: number, signal?: AbortSignal): Promise<[number, MetricRow][]> {
  const got: [number, MetricRow][] = [];
  await runTasks(ts, { workers, onResult: (i, row) => got.push([i, row]), ...(signal === undefined ? {} : { signal }) });
  return got;
}

describe('runTasks', () => {
  it('refuses a worker count that is not an integer >= 1, naming the value', async () => {
    for (const w of [0, -1, 1.5, Number.NaN]) await expect(runTasks(tasks, { workers: w, onResult: () => undefined })).rejects.toThrow(`--workers must be an integer >= 1, got ${w}`);
  });

  it('inline (1 worker): each task once, in order, its row the one evaluateTask gives', async () => {
    const got = await collect(tasks, 1);
    expect(got.map(([i]) => i)).toEqual([0, 1, 2, 3]);
    for (const [i, row] of got) expect(row).toEqual(await evaluateTask(tasks[i] as SweepTask));
  });

  it('no tasks: no results; an aborted signal: nothing more is started', async () => {
    expect(await collect([], 3)).toEqual([]);
    const abort = new AbortController();
    abort.abort();
    expect(await collect(tasks, 1, abort.signal)).toEqual([]);
    expect(await collect(tasks, 2, abort.signal)).toEqual([]);
  });

  it('2 worker threads: rows handed back in task order, equal to the inline ones; a failing task is named with its index and reason', async () => {
    // (1 vs 2 workers over a whole sweep: sweep.test.ts; here the pool's own order and error contract)
    const inline = await collect(tasks, 1);
    const bad = { ...task(1, 9), policy: 'nope' };
    const got: [number, MetricRow][] = [];
    await expect(runTasks([...tasks, bad], { workers: 2, onResult: (i, row) => got.push([i, row]) })).rejects.toThrow(/^sweep task 4 failed: policy must be one of .*, got "nope"$/);
    // whatever had finished before the failure came back in order, from task 0, with the inline rows
    expect(got).toEqual(inline.slice(0, got.length));
  }, 60_000);
});
