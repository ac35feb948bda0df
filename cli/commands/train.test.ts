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
  it('Ctrl-C saves a final checkpoint and exits cleanly; --resume finishes exactly as the uninterrupted run, with best/, final/ and the table', async () => {
    const out = join(root, 'run');
    const cfg = join(root, 'ppo.json');
    // Over the default preset (its linear learning-rate schedule stays): 2 envs x 256 steps per rollout.
    writeFileSync(cfg, JSON.stringify({ nSteps: 256, batchSize: 128, nEpochs: 2 }));
    const args = ['train', '--agent', 'ppo', '--timesteps', '8192', '--eval-every', '512', '--checkpoint-every', '4096', '--config', cfg, ...TINY];
    let sent = false;
    const r = await mmgym([...args, '--out', out], (text, kill) => {
      if (!sent && text.includes('eval @ 512')) {
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
    expect(steps).toBeLessThan(8192);
    expect(r.stdout).toMatch(new RegExp(`resume: mmgym train --resume ${out}`));
    const latest = JSON.parse(readFileSync(join(out, 'checkpoints', 'latest.json'), 'utf8')) as { timesteps: number };
    expect(latest.timesteps).toBe(steps);
    expect(existsSync(join(out, 'final', 'policy.json'))).toBe(false);
    expect(existsSync(join(out, '.lock'))).toBe(false);

    // The same command again refuses to overwrite the run.
    const again = await mmgym([...args, '--out', out]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/already holds a run .*--resume .*--force/);

    const resumed = await mmgym(['train', '--resume', out, '--progress', 'none']);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(new RegExp(`resuming .* at ${steps} steps`));
    expect(resumed.stdout).toMatch(/trained 8192 steps/);
    // The table: the best and the final policy, HJB and AS on the test seeds, with % of optimal.
    expect(resumed.stdout).toMatch(/20 episodes, seeds 2000000\.\.2000019/);
    expect(resumed.stdout).toMatch(/\nppo best @ \d+ +-?\d+\.\d+ ± \d+\.\d+ +-?\d+\.\d+%/);
    expect(resumed.stdout).toMatch(/\nppo final @ 8192 +-?\d+\.\d+ ± \d+\.\d+ +-?\d+\.\d+%/);
    expect(resumed.stdout).toMatch(/\nhjb +-?\d+\.\d+ ± \d+\.\d+ +100\.00%/);
    expect(resumed.stdout).toMatch(/\nas +-?\d+\.\d+ ± \d+\.\d+ +\d+\.\d+%/);
    // the default market has an exact value, by which best/ was chosen
    expect(resumed.stdout).toMatch(new RegExp(`best policy \\(exact value -?\\d+\\.\\d+ = -?\\d+\\.\\d+% of V\\*, at \\d+ steps\\): ${join(out, 'best')}`));
    for (const f of ['updates.csv', 'updates.jsonl', 'evals.csv', 'evals.jsonl', 'run.json', 'comparison.json', 'checkpoints/latest.json', ...['best', 'final'].flatMap((d) => ['policy.json', 'model.json', 'weights.bin'].map((x) => `${d}/${x}`))]) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
    const header = readFileSync(join(out, 'evals.csv'), 'utf8').split('\n')[0] ?? '';
    for (const col of ['timesteps', 'wall_seconds', 'ep_rew_mean', 'pct_optimal']) expect(header.split(',')).toContain(col);
    const training = (JSON.parse(readFileSync(join(out, 'final', 'policy.json'), 'utf8')) as { training: { command: string; resumedWith?: string; seed: number; timesteps: number; evaluation: { seed: number } } }).training;
    expect(training.command).toMatch(/^mmgym train --agent ppo --timesteps 8192 /); // the command that started the run
    expect(training.resumedWith).toMatch(/^mmgym train --resume /);
    expect(training.seed).toBe(3);
    expect(training.timesteps).toBe(8192);
    expect(training.evaluation.seed).toBe(2_000_000);
    const notes: string[] = [];
    const policy = await loadPolicy(out, { onChoice: (n) => notes.push(n) });
    expect(notes).toEqual([expect.stringMatching(/loading .*best: the best policy of the run \(by exact value/)]);
    expect(policy.act(new Float32Array([0, 0]), 1)).toHaveLength(2);
    policy.dispose?.();

    // The uninterrupted run: the same rows, to the last bit (wall-clock columns aside).
    const full = join(root, 'run-full');
    expect((await mmgym([...args, '--out', full])).code).toBe(0);
    const rows = (dir: string, file: string): string[][] => {
      const lines = readFileSync(join(dir, file), 'utf8').trim().split('\n').map((l) => l.split(','));
      const keep = (lines[0] ?? []).map((h, i) => (/wall_seconds|fps|_seconds/.test(h) ? -1 : i)).filter((i) => i >= 0);
      return lines.map((l) => keep.map((i) => l[i] ?? ''));
    };
    expect(rows(out, 'updates.csv')).toHaveLength(1 + 8192 / 512);
    expect(rows(out, 'updates.csv')).toEqual(rows(full, 'updates.csv'));
    expect(rows(out, 'evals.csv')).toEqual(rows(full, 'evals.csv'));
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
    const base = { agent: 'ppo' as const, env: 'default', seed: 0, 'eval-episodes': 200, 'eval-seed': 1, 'sb3-defaults': false, force: false, resume: dir, set: [] as string[] };
    const kept = trainOptionsFromArgs(base, ['train', '--resume', dir]);
    expect(kept).toMatchObject({ agent: 'a2c', timesteps: 777_000, stopAt: 0.9, seed: 5, progress: 'lines', resume: dir, out: dir });
    expect(kept.command).toBe(`mmgym train --resume ${dir}`);
    const extended = trainOptionsFromArgs({ ...base, timesteps: 900_000, progress: 'none' }, []);
    expect(extended).toMatchObject({ timesteps: 900_000, progress: 'none', stopAt: 0.9 });
    expect(() => trainOptionsFromArgs({ ...base, set: ['sigma=3'] }, [])).toThrow(/--set sigma=3: a resumed run keeps the env recorded in .*run\.json/);
  });

  it('--set overrides the env (recorded in the run options and the policy\'s spec); a bad one names the field', () => {
    const base = { agent: 'ppo' as const, env: 'coarse-ticks', seed: 0, 'eval-episodes': 200, 'eval-seed': 1, 'sb3-defaults': false, force: false };
    const o = trainOptionsFromArgs({ ...base, set: ['sigma=4', 'action.mode=discrete'] }, []);
    expect(o.envOverrides).toEqual({ price: { sigma: 4 }, action: { mode: 'discrete' } });
    expect(() => trainOptionsFromArgs({ ...base, set: ['sigmaa=4'] }, [])).toThrow(/sigmaa/);
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
