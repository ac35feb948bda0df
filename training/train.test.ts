import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../models/save-load.js';
import { runEpisodes } from '../evals/run-episodes.js';
import { expectedReturnByRecursion } from '../baselines/discrete-evaluation.js';
import { resolveEnvConfig } from '../env/resolve-config.js';
import { openRunLogs, type LogRow } from './run-log.js';
import { train } from './train.js';
import { defaultTrainOptions, type TrainOptions } from './train-options.js';
import { tinyRun } from './test-utils/tiny-run.js';

const root = mkdtempSync(join(tmpdir(), 'mmgym-train-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function tiny(name: string, patch: Partial<TrainOptions> = {}): TrainOptions {
  return tinyRun(root, name, patch);
}

/**
 * Log rows without the wall-clock columns (which differ between runs). Every other column, the
 * agent's `n_updates` counter included (saved in checkpoints), must match.
 */
const NOT_COMPARED = ['wall_seconds', 'fps', 'rollout_seconds', 'train_seconds'];
function deterministicPart(rows: LogRow[]): LogRow[] {
  return rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !NOT_COMPARED.includes(k))));
}

describe('train()', () => {
  it('a run interrupted (Ctrl-C) between checkpoints and resumed continues exactly as the uninterrupted run, with the default preset and its schedules', async () => {
    // The real default preset (as-default: 16 envs x 256 steps, lr 1e-3 -> 0 linear, 10 epochs), 4 iterations.
    const preset = (name: string, patch: Partial<TrainOptions> = {}): TrainOptions => ({
      ...defaultTrainOptions('ppo'),
      timesteps: 4 * 4096,
      evalEvery: 4096,
      evalEpisodes: 4,
      finalEpisodes: 0,
      checkpointEvery: 8192,
      progress: 'none',
      seed: 3,
      out: join(root, name),
      ...patch,
    });
    expect(defaultTrainOptions('ppo').agentConfig.learningRate).toEqual({ kind: 'linear', start: 1e-3, end: 0 });
    const full = await train(preset('full-preset'));
    expect(full.timesteps).toBe(4 * 4096);

    // Ctrl-C during the first iteration: the run stops after that update (4,096 steps, not a
    // checkpoint step), writes its checkpoint there, mid-episode, and no policy.
    const abort = new AbortController();
    const cut = await train(preset('cut'), { signal: abort.signal, callbacks: { onUpdate: () => abort.abort() } });
    expect(cut.interrupted).toBe(true);
    expect(cut.timesteps).toBe(4096);
    expect(existsSync(join(root, 'cut', 'checkpoints', 'step-0000004096', 'rollout-state.json'))).toBe(true);
    const resumed = await train(preset('ignored', { resume: join(root, 'cut') }));
    expect(resumed.timesteps).toBe(4 * 4096);

    const ua = deterministicPart(openRunLogs(join(root, 'full-preset')).updates.read());
    const ub = deterministicPart(openRunLogs(join(root, 'cut')).updates.read());
    expect(ub.map((r) => r.learning_rate)).toEqual([0.00075, 0.0005, 0.00025, 0]);
    // Same seed => same run; resume => the same continuation, to the last bit of every metric.
    expect(ub).toEqual(ua);
    expect(deterministicPart(openRunLogs(join(root, 'cut')).evals.read())).toEqual(deterministicPart(openRunLogs(join(root, 'full-preset')).evals.read()));
    expect(resumed.lastEval?.meanReturn).toBe(full.lastEval?.meanReturn);
  });

  it('checkpoints change nothing in the run, and a resume from a periodic checkpoint continues exactly', async () => {
    const none = await train(tiny('no-checkpoints', { checkpointEvery: 0 }));
    const part = await train(tiny('part', { timesteps: 1536, command: 'mmgym train --env default (start)' }), { callbacks: { onUpdate: (_m, info) => info.numTimesteps < 1024 } });
    expect(part.timesteps).toBe(1024);
    const resumed = await train(tiny('ignored', { resume: join(root, 'part'), command: 'mmgym train --resume part' }));
    expect(resumed.timesteps).toBe(1536);
    // the saved policy names the command that started the run, and the resume beside it
    const training = (JSON.parse(readFileSync(join(root, 'part', 'final', 'policy.json'), 'utf8')) as { training: { command: string; resumedWith?: string } }).training;
    expect(training.command).toBe('mmgym train --env default (start)');
    expect(training.resumedWith).toBe('mmgym train --resume part');
    const run = JSON.parse(readFileSync(join(root, 'part', 'run.json'), 'utf8')) as { options: { command: string }; resumes: { command: string }[] };
    expect(run.options.command).toBe('mmgym train --env default (start)');
    expect(run.resumes.map((r) => r.command)).toEqual(['mmgym train --resume part']);
    const a = deterministicPart(openRunLogs(join(root, 'no-checkpoints')).updates.read());
    const b = deterministicPart(openRunLogs(join(root, 'part')).updates.read());
    expect(b.map((r) => r.timesteps)).toEqual([512, 1024, 1536]);
    expect(b).toEqual(a);
    expect(resumed.lastEval?.meanReturn).toBe(none.lastEval?.meanReturn);
  });

  it('on 2 threads: the same seed and worker count give the same run, and a Ctrl-C resume continues it exactly', async () => {
    const w2 = (name: string, patch: Partial<TrainOptions> = {}): TrainOptions => tiny(name, { workers: 2, checkpointEvery: 0, ...patch });
    const full = await train(w2('w2-full'));
    const abort = new AbortController();
    const cut = await train(w2('w2-cut'), { signal: abort.signal, callbacks: { onUpdate: () => abort.abort() } });
    expect(cut.timesteps).toBe(512);
    const resumed = await train(w2('ignored', { resume: join(root, 'w2-cut') }));
    expect(resumed.timesteps).toBe(1536);
    const a = deterministicPart(openRunLogs(join(root, 'w2-full')).updates.read());
    expect(deterministicPart(openRunLogs(join(root, 'w2-cut')).updates.read())).toEqual(a);
    expect(resumed.lastEval?.meanReturn).toBe(full.lastEval?.meanReturn);
    expect((JSON.parse(readFileSync(join(root, 'w2-cut', 'run.json'), 'utf8')) as { options: TrainOptions }).options.workers).toBe(2);
    // One thread is another run (float32 rounding of the split gradient), close at first.
    const one = deterministicPart(openRunLogs((await train(tiny('w1', { workers: 1, checkpointEvery: 0 }))).options.out).updates.read());
    expect(Math.abs(Number(one[0]!.value_loss) - Number(a[0]!.value_loss))).toBeLessThan(1e-4 * Math.abs(Number(a[0]!.value_loss)));
  });

  it('stops early at --stop-at, keeps the best and the final policy, and each recorded test-seed evaluation reproduces', async () => {
    const r = await train(tiny('stop', { stopAt: 0.01, timesteps: 100_000, finalEpisodes: 16 }));
    expect(r.stoppedEarly).toBe(true);
    expect(r.timesteps).toBe(512);
    expect(r.bestDir).toBe(join(root, 'stop', 'best'));
    expect(r.finalDir).toBe(join(root, 'stop', 'final'));
    const evals = openRunLogs(join(root, 'stop')).evals.read();
    // the default market has an exact value: best/ is the evaluation with the highest one
    const best = evals.reduce((b, e) => (Number(e.exact_return) > Number(b.exact_return) ? e : b));
    expect(r.bestAt).toBe(best.timesteps);
    expect(r.comparison?.policies.map((p) => p.name)).toEqual([`ppo best @ ${r.bestAt}`, 'ppo final @ 512', 'hjb', 'as']);
    expect(r.comparison?.seed).toBe(2_000_000); // test seeds, apart from the evaluation seeds that chose the best
    for (const [role, dir] of [['best', r.bestDir!], ['final', r.finalDir!]] as const) {
      const policyJson = JSON.parse(readFileSync(join(dir, 'policy.json'), 'utf8')) as {
        training: { role: string; seed: number; stoppedEarly?: boolean; evaluation: { episodes: number; seed: number; meanReturn: number; pctOptimal: number } };
      };
      expect(policyJson.training.role).toBe(role);
      expect(policyJson.training.seed).toBe(7);
      const ev = policyJson.training.evaluation;
      expect(ev).toMatchObject({ episodes: 16, seed: 2_000_000 });
      const policy = await loadPolicy(dir);
      const replay = runEpisodes(policy, resolveEnvConfig('default'), { episodes: ev.episodes, seed: ev.seed });
      const mean = replay.returns.reduce((s, x) => s + x, 0) / replay.returns.length;
      // Same weights, same normalisation statistics, same seeds: the same returns (float64 sums; 1e-9 relative).
      expect(Math.abs(mean - ev.meanReturn)).toBeLessThanOrEqual(1e-9 * Math.abs(ev.meanReturn));
      policy.dispose?.();
    }
    // The run directory loads its best policy, and says so.
    const notes: string[] = [];
    (await loadPolicy(join(root, 'stop'), { onChoice: (n) => notes.push(n) })).dispose?.();
    (await loadPolicy(join(root, 'stop'), { which: 'final', onChoice: (n) => notes.push(n) })).dispose?.();
    expect(notes).toEqual([expect.stringMatching(/stop\/best: the best policy of the run \(by exact value where the market has one, else on its validation seeds\) \(the final one: .*stop\/final\)/), expect.stringMatching(/stop\/final: the run's final policy/)]);
  });

  it('the best policy is the one of the highest exact value where the market has one, saved when it was reached', async () => {
    const r = await train(tiny('best', { timesteps: 4 * 512, finalEpisodes: 0 }));
    const evals = openRunLogs(join(root, 'best')).evals.read();
    const exact = evals.map((e) => Number(e.exact_return));
    expect(exact.every((x) => Number.isFinite(x))).toBe(true);
    const at = evals[exact.indexOf(Math.max(...exact))]!.timesteps;
    expect(r.bestAt).toBe(at);
    expect(r.bestExactReturn).toBe(Math.max(...exact));
    for (const e of evals) expect(Number(e.pct_exact_optimum)).toBeCloseTo(Number(e.exact_return) / Number(e.exact_optimum), 12);
    const file = JSON.parse(readFileSync(join(root, 'best', 'best', 'policy.json'), 'utf8')) as { training: { selectedAt: number; selection: { exactReturn: number; seed: number } } };
    expect(file.training.selectedAt).toBe(at);
    // The saved best policy's exact value, recomputed from disk, is its selection figure; so is its validation mean.
    const policy = await loadPolicy(join(root, 'best'));
    const config = resolveEnvConfig('default');
    expect(expectedReturnByRecursion(config, policy).value).toBe(file.training.selection.exactReturn);
    const again = runEpisodes(policy, config, { episodes: 4, seed: file.training.selection.seed });
    expect(again.returns.reduce((s, x) => s + x, 0) / 4).toBeCloseTo(Number(evals.find((e) => e.timesteps === at)!.mean_return), 9);
    policy.dispose?.();
  });

  it('without an exact value (Hawkes flow) the best policy is the one of the best validation evaluation', async () => {
    const r = await train(tiny('best-hawkes', { env: 'hawkes', timesteps: 4 * 512, finalEpisodes: 0 }));
    const evals = openRunLogs(join(root, 'best-hawkes')).evals.read();
    expect(evals.every((e) => e.exact_return === '' || e.exact_return === null)).toBe(true);
    const pct = evals.map((e) => Number(e.pct_optimal));
    expect(r.bestAt).toBe(evals[pct.indexOf(Math.max(...pct))]!.timesteps);
    expect(r.bestExactReturn).toBeNull();
    expect(r.bestPctOptimal).toBe(Math.max(...pct));
  });

  it('refuses test seeds that overlap the evaluation seeds', async () => {
    await expect(train(tiny('overlap', { finalEpisodes: 10, testSeed: 1_000_002 }))).rejects.toThrow(/testSeed must be outside the evaluation seeds 1000000..1000003 .*got 1000002/);
  });

  it('leaves no tfjs tensors behind (evaluation snapshots and the agent are disposed)', async () => {
    await train(tiny('warmup', { timesteps: 512, finalEpisodes: 4 })); // backend and kernels initialised
    const before = tf.memory().numTensors;
    await train(tiny('memory', { timesteps: 1024, finalEpisodes: 4 }));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('an aborted run (Ctrl-C) saves a final checkpoint and no policy', async () => {
    const abort = new AbortController();
    abort.abort();
    const r = await train(tiny('abort', { timesteps: 100_000 }), { signal: abort.signal });
    expect(r.interrupted).toBe(true);
    expect(r.policyDir).toBeNull();
    expect(existsSync(join(root, 'abort', 'checkpoints', 'latest.json'))).toBe(true);
    expect(existsSync(join(root, 'abort', 'final'))).toBe(false);
    expect(existsSync(join(root, 'abort', '.lock'))).toBe(false);
  });

  it('a forced unavailable backend fails clearly', async () => {
    await expect(train(tiny('node', { backend: 'node' }))).rejects.toThrow(/backend 'node' is unavailable: .*tfjs-node/);
  });

  it('resume of a directory without a run fails clearly', async () => {
    await expect(train(tiny('x', { resume: join(root, 'nowhere') }))).rejects.toThrow(/cannot resume .*nowhere.*run.json is missing/);
  });
});
