/**
 * UpdateLogCallback (update-log.ts) writing real updates.csv / updates.jsonl in a temp dir: the
 * files started empty at the first initCallback only, one row per update with the update number,
 * steps, wall time, the shared run state's figures, and every metric under its column name
 * (non-finite -> null / empty cell), the run context updated.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CallbackAgent } from '../../agents/base-callback.js';
import { MetricLog, UPDATE_COLUMNS } from '../run-log.js';
import { createRunContext } from './run-context.js';
import { UpdateLogCallback } from './update-log.js';

const root = mkdtempSync(join(tmpdir(), 'mmgym-update-log-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const agent = { numTimesteps: 0, iteration: 0, progressRemaining: 1, policy: () => { throw new Error('unused'); }, save: async () => {} } as CallbackAgent;
const info = (numTimesteps: number) => ({ numTimesteps, iteration: 1, progressRemaining: 0, totalTimesteps: 64 });

describe('UpdateLogCallback', () => {
  it('starts the logs in a directory at the first initCallback and appends one row per update', () => {
    const dir = join(root, 'a', 'run');
    const run = createRunContext();
    run.state.lastPctOptimal = 0.97;
    const cb = new UpdateLogCallback({ logPath: dir, run });
    cb.initCallback(agent);
    expect(readFileSync(join(dir, 'updates.csv'), 'utf8')).toBe(`${UPDATE_COLUMNS.join(',')}\n`);
    expect(readFileSync(join(dir, 'updates.jsonl'), 'utf8')).toBe('');
    expect(cb.onUpdate({ 'train/value_loss': 0.5, 'rollout/ep_rew_mean': Number.NaN, 'time/fps': 1000, 'train/custom': 3, 'train/bad': Number.POSITIVE_INFINITY }, info(32))).toBe(true);
    expect(cb.onUpdate({ 'train/value_loss': 0.25, 'rollout/ep_rew_mean': -1.5, 'time/fps': 900 }, info(64))).toBe(true);
    cb.initCallback(agent); // a second learn(): the files are not started again
    const rows = cb.log.read();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ update: 1, timesteps: 32, ep_rew_mean: null, pct_optimal: 0.97, value_loss: 0.5, fps: 1000, custom: 3, bad: null });
    expect(rows[1]).toMatchObject({ update: 2, timesteps: 64, ep_rew_mean: -1.5, value_loss: 0.25 });
    expect(typeof rows[1]!.wall_seconds).toBe('number');
    expect(run.state).toMatchObject({ updates: 2, timesteps: 64, lastEpRewMean: -1.5 });
    const csv = readFileSync(join(dir, 'updates.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(3);
    const col = (name: string, line: string): string => line.split(',')[UPDATE_COLUMNS.indexOf(name as never)]!;
    expect(col('update', csv[1]!)).toBe('1');
    expect(col('ep_rew_mean', csv[1]!)).toBe('');
    expect(col('value_loss', csv[1]!)).toBe('0.5');
    expect(col('ep_rew_mean', csv[2]!)).toBe('-1.5');
  });

  it("a metric named like the row's own fields does not overwrite them", () => {
    const dir = join(root, 'b');
    const cb = new UpdateLogCallback({ logPath: dir });
    cb.initCallback(agent);
    cb.onUpdate({ 'time/timesteps': 999, 'x/update': 77 }, info(16));
    expect(cb.log.read()[0]).toMatchObject({ update: 1, timesteps: 16 });
  });

  it('a MetricLog given by the caller is used as is (not re-created)', () => {
    const log = new MetricLog(root, 'mine', UPDATE_COLUMNS);
    log.create();
    log.append({ update: 0, timesteps: 0 });
    const cb = new UpdateLogCallback({ logPath: log });
    cb.initCallback(agent);
    cb.onUpdate({}, info(8));
    expect(cb.log).toBe(log);
    expect(log.read().map((r) => r.update)).toEqual([0, 1]);
  });
});
