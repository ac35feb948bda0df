/**
 * `mmgym train` end to end, as a user runs it (a child process through the CLI entry): a tiny
 * run stopped by Ctrl-C (a real SIGINT) saves a final checkpoint and exits cleanly; `--resume`
 * finishes it with logs, checkpoints, the comparison table and a loadable saved policy.
 * The error paths run in-process (same yargs command module) to keep the file fast.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import yargs from 'yargs';
import { loadPolicy } from '../../models/save-load.js';
import { defaultTrainOptions } from '../../training/train-options.js';
import { trainCommand, trainOptionsFromArgs } from './train.js';

const repo = resolve(import.meta.dirname, '..', '..');
const root = mkdtempSync(join(tmpdir(), 'mmgym-cli-train-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run `mmgym <args>`; `onStderr` may send a signal when some output appears. */
function mmgym(args: string[], onStderr?: (text: string, kill: (sig: NodeJS.Signals) => void) => void): Promise<Run> {
  return new Promise((done, fail) => {
    // node --import tsx (not the tsx binary, whose wrapper process relays signals differently).
    const child = spawn(process.execPath, ['--import', 'tsx', join(repo, 'cli', 'main.ts'), ...args], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      onStderr?.(stderr, (sig) => child.kill(sig));
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

const TINY = ['--n-envs', '2', '--eval-episodes', '8', '--final-episodes', '20', '--progress', 'lines', '--seed', '3'];

describe('mmgym train (CLI)', () => {
  it('Ctrl-C saves a final checkpoint and exits cleanly; --resume finishes with logs, a loadable policy and the table', async () => {
    const out = join(root, 'run');
    const cfg = join(root, 'ppo.json');
    writeFileSync(cfg, JSON.stringify({ nSteps: 256, batchSize: 128, nEpochs: 2 }));
    let sent = false;
    const r = await mmgym(['train', '--agent', 'ppo', '--timesteps', '1000000', '--eval-every', '512', '--config', cfg, '--out', out, ...TINY], (text, kill) => {
      if (!sent && text.includes('eval @')) {
        sent = true;
        kill('SIGINT');
      }
    });
    expect(r.stderr).toMatch(/tfjs backend: (wasm|cpu|node)/);
    expect(sent).toBe(true);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/interrupted, saving a final checkpoint/);
    const m = /interrupted at (\d+) steps/.exec(r.stdout);
    expect(m).not.toBeNull();
    const steps = Number(m?.[1]);
    const latest = JSON.parse(readFileSync(join(out, 'checkpoints', 'latest.json'), 'utf8')) as { timesteps: number };
    expect(latest.timesteps).toBe(steps);
    expect(existsSync(join(out, 'policy.json'))).toBe(false);

    const total = steps + 1024;
    const resumed = await mmgym(['train', '--resume', out, '--timesteps', String(total), '--final-episodes', '20', '--progress', 'none']);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(new RegExp(`resuming .* at ${steps} steps`));
    expect(resumed.stdout).toMatch(new RegExp(`trained ${total} steps`));
    // The table: agent, HJB and AS on the same seeds, with % of optimal.
    expect(resumed.stdout).toMatch(/20 episodes, seeds 1000000\.\.1000019/);
    expect(resumed.stdout).toMatch(/\nppo +-?\d+\.\d+ ± \d+\.\d+ +-?\d+\.\d+%/);
    expect(resumed.stdout).toMatch(/\nhjb +-?\d+\.\d+ ± \d+\.\d+ +100\.00%/);
    expect(resumed.stdout).toMatch(/\nas +-?\d+\.\d+ ± \d+\.\d+ +\d+\.\d+%/);
    for (const f of ['updates.csv', 'updates.jsonl', 'evals.csv', 'evals.jsonl', 'run.json', 'policy.json', 'model.json', 'weights.bin', 'checkpoints/latest.json']) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
    const header = readFileSync(join(out, 'evals.csv'), 'utf8').split('\n')[0] ?? '';
    for (const col of ['timesteps', 'wall_seconds', 'ep_rew_mean', 'pct_optimal']) expect(header.split(',')).toContain(col);
    // One update row per 512-step iteration, across both sessions.
    expect(readFileSync(join(out, 'updates.csv'), 'utf8').trim().split('\n')).toHaveLength(1 + total / 512);
    const training = (JSON.parse(readFileSync(join(out, 'policy.json'), 'utf8')) as { training: { command: string; seed: number; timesteps: number } }).training;
    expect(training.command).toMatch(/^mmgym train --resume /);
    expect(training.seed).toBe(3);
    expect(training.timesteps).toBe(total);
    const policy = await loadPolicy(out);
    expect(policy.act(new Float32Array([0, 0]), 1)).toHaveLength(2);
    policy.dispose?.();
  });

  /** The command in-process (yargs parse + handler), for the fast error paths. */
  async function inProcess(args: string[]): Promise<unknown> {
    return await yargs(args).command(trainCommand).strict().fail(false).parseAsync();
  }

  it('--resume keeps the recorded options; only explicit flags change them', () => {
    const dir = join(root, 'recorded');
    mkdirSync(dir, { recursive: true });
    const recorded = { ...defaultTrainOptions('a2c'), timesteps: 777_000, stopAt: 0.9, seed: 5, progress: 'lines' as const };
    writeFileSync(join(dir, 'run.json'), JSON.stringify({ options: recorded }));
    const base = { agent: 'ppo' as const, env: 'default', seed: 0, 'eval-episodes': 200, 'eval-seed': 1, 'sb3-defaults': false, resume: dir };
    const kept = trainOptionsFromArgs(base, ['train', '--resume', dir]);
    expect(kept).toMatchObject({ agent: 'a2c', timesteps: 777_000, stopAt: 0.9, seed: 5, progress: 'lines', resume: dir, out: dir });
    expect(kept.command).toBe(`mmgym train --resume ${dir}`);
    const extended = trainOptionsFromArgs({ ...base, timesteps: 900_000, progress: 'none' }, []);
    expect(extended).toMatchObject({ timesteps: 900_000, progress: 'none', stopAt: 0.9 });
  });

  it('fails clearly on a bad --config, an unavailable --backend and bad flags', async () => {
    const bad = join(root, 'bad.json');
    writeFileSync(bad, JSON.stringify({ nStepz: 5 }));
    await expect(inProcess(['train', '--config', bad, '--out', join(root, 'bad')])).rejects.toThrow(/unknown ppo hyperparameter "nStepz"; allowed: .*nSteps/);
    await expect(inProcess(['train', '--backend', 'node', '--out', join(root, 'node')])).rejects.toThrow(/backend 'node' is unavailable/);
    await expect(inProcess(['train', '--timesteps', '-5', '--out', join(root, 'neg')])).rejects.toThrow(/timesteps must be an integer >= 1, got -5/);
    await expect(inProcess(['train', '--agent', 'dqn'])).rejects.toThrow(/Invalid values:[\s\S]*agent/);
  });
});
