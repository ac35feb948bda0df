import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadLatestCheckpoint, saveCheckpoint, TRAINER_STATE_VERSION, type TrainerState } from './checkpoint.js';

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

/** Writes one file, like an agent's save(dir) writing its state. */
const fileAgent = {
  save(dir: string): void {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'agent.json'), '{}');
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
      save(dir: string): void {
        mkdirSync(dir, { recursive: true });
        throw new Error('disk full');
      },
    };
    await expect(saveCheckpoint(run, broken, state(200), 2)).rejects.toThrow('disk full');
    expect(loadLatestCheckpoint(run).state.timesteps).toBe(100);
    expect(readdirSync(join(run, 'checkpoints')).filter((d) => d.startsWith('.tmp'))).toEqual([]);
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
