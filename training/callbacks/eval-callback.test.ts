/**
 * EvalCallback and its StopTrainingOnRewardThreshold child, with a scripted evaluator (a fixed
 * sequence of fractions of optimal) so the figures are known: best/ is written exactly when a new
 * best appears, evals rows follow, and the stop comes at the first evaluation over the threshold.
 * A tiny PPO agent on the 1-D target env (2 envs x 8 steps per rollout).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallbackList } from '../../agents/callback-list.js';
import { PPO } from '../../agents/ppo.js';
import { TargetEnv } from '../../agents/test-utils/target-env.js';
import { selectBackend } from '../../models/backend.js';
import type { EvalSummary } from '../evaluator.js';
import { openRunLogs } from '../run-log.js';
import { EvalCallback, type PolicyEvaluator } from './eval-callback.js';
import { createRunContext } from './run-context.js';
import { StopTrainingOnRewardThreshold } from './stop-on-reward.js';

const root = mkdtempSync(join(tmpdir(), 'mmgym-eval-cb-'));
beforeAll(async () => {
  await selectBackend('wasm');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const ROLLOUT = 16;
const tinyAgent = (): PPO => new PPO(new TargetEnv({ numEnvs: 2 }), { nSteps: 8, batchSize: 16, nEpochs: 1, seed: 5 });

/** Answers the given fractions of optimal in turn (HJB mean 10; with `exact`, those exact returns, which then choose best/), and counts its calls. */
function scripted(pcts: number[], exact: number[] = []): PolicyEvaluator & { calls: number } {
  return {
    calls: 0,
    evaluate(): EvalSummary {
      const i = this.calls++;
      const pct = pcts[i]!;
      const exactReturn = exact[i] ?? null;
      return { episodes: 4, seed: 1, meanReturn: 10 * pct, seReturn: 0.1, hjbMeanReturn: 10, hjbSeReturn: 0.1, pctOptimal: pct, exactOptimum: null, exactReturn, pctExactOptimum: null };
    },
  };
}

describe('EvalCallback', () => {
  it('evaluates every evalFreq steps and writes best/ only when a new best appears', async () => {
    const dir = join(root, 'best');
    const messages: string[] = [];
    const evaluator = scripted([0.5, 0.8, 0.7, 0.9]);
    const cb = new EvalCallback({ evaluator, evalFreq: 2 * ROLLOUT, bestModelSavePath: join(dir, 'best'), logPath: dir, name: 'tiny best', training: () => ({ note: 'test' }), log: (m) => void messages.push(m) });
    const agent = tinyAgent();
    await agent.learn(8 * ROLLOUT, new CallbackList([cb]));
    expect(evaluator.calls).toBe(4); // at 32, 64, 96, 128
    const rows = openRunLogs(dir).evals.read();
    expect(rows.map((r) => [r.eval, r.timesteps, r.pct_optimal, r.best_pct_optimal])).toEqual([
      [1, 32, 0.5, 0.5],
      [2, 64, 0.8, 0.8],
      [3, 96, 0.7, 0.8],
      [4, 128, 0.9, 0.9],
    ]);
    expect(messages.map((m) => m.endsWith('(new best)'))).toEqual([true, true, false, true]);
    expect(messages[2]).toMatch(/^eval @ 96 steps: return 7\.0000 ± 0\.1000 vs HJB 10\.0000 => 70\.00% of optimal$/);
    const file = JSON.parse(readFileSync(join(dir, 'best', 'policy.json'), 'utf8')) as { name: string; training: { note: string; role: string; selectedAt: number; selection: EvalSummary } };
    expect(file.name).toBe('tiny best');
    expect(file.training).toMatchObject({ note: 'test', role: 'best', selectedAt: 128, selection: { pctOptimal: 0.9 } });
    expect(cb.run.state).toMatchObject({ evals: 4, bestAt: 128, bestPctOptimal: 0.9, lastPctOptimal: 0.9, nextEvalAt: 160 });
    agent.dispose();
  });

  it('best/ is not rewritten by a worse evaluation (an evaluation called directly)', async () => {
    const dir = join(root, 'direct');
    const cb = new EvalCallback({ evaluator: scripted([0.6, 0.4]), evalFreq: 0, bestModelSavePath: join(dir, 'best') });
    const agent = tinyAgent();
    cb.initCallback(agent);
    expect((await cb.evaluate()).improved).toBe(true);
    const first = readFileSync(join(dir, 'best', 'weights.bin'));
    await agent.learn(2 * ROLLOUT, cb); // evalFreq 0: no periodic evaluation
    expect((await cb.evaluate()).improved).toBe(false);
    expect(readFileSync(join(dir, 'best', 'weights.bin')).equals(first)).toBe(true);
    expect(cb.run.state.bestAt).toBe(0);
    agent.dispose();
  });

  it('refuses bad options, naming the field', () => {
    expect(() => new EvalCallback({ evalFreq: 10 })).toThrow(/EvalCallback: give evaluator or envConfig/);
    expect(() => new EvalCallback({ evaluator: scripted([]), evalFreq: -1 })).toThrow(/EvalCallback\.evalFreq must be an integer in \[0, .*\], got -1/);
  });
});

describe('StopTrainingOnRewardThreshold', () => {
  it('stops at the first evaluation over the threshold (after every evaluation: callbackAfterEval)', async () => {
    const messages: string[] = [];
    const stop = new StopTrainingOnRewardThreshold(0.85, { label: '--stop-at', log: (m) => void messages.push(m) });
    const evaluator = scripted([0.5, 0.8, 0.86, 0.95]);
    const cb = new EvalCallback({ evaluator, evalFreq: ROLLOUT, callbackAfterEval: stop });
    const agent = tinyAgent();
    await agent.learn(10 * ROLLOUT, cb);
    expect(evaluator.calls).toBe(3);
    expect(agent.numTimesteps).toBe(3 * ROLLOUT);
    expect(stop.stopped).toBe(true);
    expect(stop.parent).toBe(cb);
    expect(messages).toEqual(['reached 86.00% >= --stop-at 85.00%: stopping']);
    agent.dispose();
  });

  it('as callbackOnNewBest it judges the new bests only', async () => {
    // best/ chosen by the exact return: the second evaluation is over the threshold but no new best
    const stop = new StopTrainingOnRewardThreshold(0.85);
    const run = createRunContext({ evalEvery: ROLLOUT });
    const evaluator = scripted([0.5, 0.9, 0.95, 0.99], [10, 5, 12, 13]);
    const cb = new EvalCallback({ evaluator, evalFreq: ROLLOUT, callbackOnNewBest: stop, run });
    const agent = tinyAgent();
    await agent.learn(10 * ROLLOUT, cb);
    expect(evaluator.calls).toBe(3);
    expect(run.state.bestAt).toBe(3 * ROLLOUT);
    agent.dispose();
  });

  it('must be the child of an EvalCallback, and its threshold a finite number', async () => {
    const agent = tinyAgent();
    await expect(agent.learn(ROLLOUT, new StopTrainingOnRewardThreshold(0.9))).rejects.toThrow(/must be a child of an EvalCallback/);
    expect(() => new StopTrainingOnRewardThreshold(Number.NaN)).toThrow(/threshold must be a finite number .* got NaN/);
    agent.dispose();
  });
});
