import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { writeDirAtomic } from '../models/atomic-dir.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isLeftover, loadLatestCheckpoint, saveCheckpoint, TRAINER_STATE_VERSION, type TrainerState } from './checkpoint.js';

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'mmgym-ckpt-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function state(timesteps: number): TrainerState {
  return {
    version: TRAINER_STATE_VERSION,
    timesteps,
    wallSeconds: 1,
    updates: 1,
    evals: 0,
    bestPctOptimal: null,
    lastPctOptimal: null,
    lastEpRewMean: null,
    nextEvalAt: timesteps + 10,
    nextCheckpointAt: timesteps + 10,
  };
}

/** Writes its state and the extra files in one atomic directory write, as an agent's save does. */
const fileAgent = {
  async save(dir: string, opts: { name: string; extraFiles: Record<string, string> }): Promise<void> {
    await writeDirAtomic(dir, { 'agent.json': JSON.stringify({ name: opts.name }), ...opts.extraFiles });
  },
};

describe('checkpoints', () => {
  it('saves atomically, indexes the newest and prunes old ones', async () => {
    const run = tmp();
    for (const t of [100, 200, 300]) await saveCheckpoint(run, fileAgent, state(t), 2);
    const ck = loadLatestCheckpoint(run);
    expect(ck.state.timesteps).toBe(300);
    expect(existsSync(join(ck.dir, 'agent.json'))).toBe(true);
    expect(readdirSync(join(run, 'checkpoints')).sort()).toEqual(['latest.json', 'step-0000000200', 'step-0000000300']);
  });

  it('a failing save leaves the previous checkpoint in force and no temp dir', async () => {
    const run = tmp();
    await saveCheckpoint(run, fileAgent, state(100), 2);
    const broken = {
      async save(dir: string): Promise<void> {
        await writeDirAtomic(dir, { 'agent.json': '{}', '../escape': 'x' }); // refused mid-write
      },
    };
    await expect(saveCheckpoint(run, broken, state(200), 2)).rejects.toThrow(/bad file name/);
    expect(loadLatestCheckpoint(run).state.timesteps).toBe(100);
    expect(readdirSync(join(run, 'checkpoints')).filter((d) => d.startsWith('.'))).toEqual([]);
  });

  it("the next checkpoint removes what a killed write left behind; a checkpoint's policy is named after its step", async () => {
    const run = tmp();
    const root = join(run, 'checkpoints');
    mkdirSync(join(root, '.step-0000000200.tmp-123-abcd'), { recursive: true });
    mkdirSync(join(root, '.step-0000000100.old-123-abcd'), { recursive: true });
    writeFileSync(join(root, '.latest.json.123.456.tmp'), '{');
    mkdirSync(join(root, '..tmp-step-0000000300-99.tmp-1-2'), { recursive: true }); // the layout before 2026-12-01
    const ck = await saveCheckpoint(run, fileAgent, state(300), 2);
    expect(readdirSync(root).sort()).toEqual(['latest.json', 'step-0000000300']);
    expect(JSON.parse(readFileSync(join(ck.dir, 'agent.json'), 'utf8'))).toEqual({ name: 'step-0000000300' });
    expect(isLeftover('step-0000000300')).toBe(false);
  });

  it('clear errors: no checkpoint, corrupt index, bad version', async () => {
    const run = tmp();
    expect(() => loadLatestCheckpoint(run)).toThrow(/no checkpoint found/);
    mkdirSync(join(run, 'checkpoints'), { recursive: true });
    writeFileSync(join(run, 'checkpoints', 'latest.json'), '{"dir": "../etc"}');
    expect(() => loadLatestCheckpoint(run)).toThrow(/field dir must name a step-<n> directory/);
    await saveCheckpoint(run, fileAgent, { ...state(100), version: 99 }, 2);
    expect(() => loadLatestCheckpoint(run)).toThrow(/expected 1, got 99/);
  });
});
