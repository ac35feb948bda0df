/**
 * The table a run ends with (final-table.ts): its policies read back from real policy
 * directories and compared with HJB and AS on the same seeds, a candidate's row as recorded in
 * policy.json, and recordTraining merging into the training summary.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveAgent } from '../agents/agent-io.js';
import { ProbeAgent, probeConfig } from '../agents/test-utils/probe-agent.js';
import { makeVec } from '../env/registry.js';
import type { EnvConfig } from '../env/config.js';
import { runEpisodes } from '../evals/run-episodes.js';
import { selectBackend } from '../models/backend.js';
import { loadPolicy } from '../models/save-load.js';
import { evaluationSummary, finalComparison, recordTraining } from './final-table.js';

let root: string;
const env = makeVec('as2008', { numEnvs: 2 });
const config = env.config as EnvConfig;
const noMarks = { exactOptimum: null, hjbExactReturn: null, optimum: null, policiesEvaluable: false, note: 'none' } as never;
const mean = (x: ArrayLike<number>): number => Array.from(x).reduce((a, b) => a + b, 0) / x.length;

beforeAll(async () => {
  await selectBackend('wasm');
  root = await mkdtemp(join(tmpdir(), 'mmgym-final-'));
  for (const [name, seed] of [['best', 1], ['final', 2]] as const) {
    const a = new ProbeAgent(env, probeConfig({ seed }));
    await saveAgent(a, join(root, name), { checkpoint: false, training: { steps: 10 } });
    a.dispose();
  }
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('finalComparison', () => {
  it('loads each policy directory under its table name and plays it with HJB and AS on the same seeds', async () => {
    const c = await finalComparison([{ dir: join(root, 'best'), name: 'best' }, { dir: join(root, 'final'), name: 'final' }], config, { episodes: 3, seed: 40, marks: noMarks });
    expect(c.policies.map((p) => [p.name, p.role])).toEqual([['best', 'candidate'], ['final', 'candidate'], ['hjb', 'baseline'], ['as', 'baseline']]);
    for (const [i, name] of ['best', 'final'].entries()) {
      const p = await loadPolicy(join(root, name));
      expect(c.policies[i]!.metrics.return.mean).toBeCloseTo(mean(runEpisodes(p, config, { episodes: 3, seed: 40 }).returns), 10);
      p.dispose();
    }
  });

  it('refuses a policy saved for another market', async () => {
    const other = makeVec('as2008', { numEnvs: 1, overrides: { s0: 123 } }).config as EnvConfig;
    await expect(finalComparison([{ dir: join(root, 'best'), name: 'best' }], other, { episodes: 2, seed: 1, marks: noMarks })).rejects.toThrow(/s0/);
  });
});

describe('evaluationSummary', () => {
  it("candidate i's row: its figures, the HJB mean, V*, and each baseline's", async () => {
    const c = await finalComparison([{ dir: join(root, 'best'), name: 'best' }], config, { episodes: 3, seed: 40, marks: noMarks });
    const [best, hjb, as] = c.policies;
    expect(evaluationSummary(c, 0)).toEqual({
      episodes: 3,
      seed: 40,
      deterministic: true,
      meanReturn: best!.metrics.return.mean,
      seReturn: best!.metrics.return.se,
      hjbMeanReturn: hjb!.metrics.return.mean,
      pctOptimal: best!.pctOfReference,
      exactOptimum: null,
      pctExactOptimum: null,
      baselines: {
        hjb: { meanReturn: hjb!.metrics.return.mean, seReturn: hjb!.metrics.return.se, pctOptimal: 1 },
        as: { meanReturn: as!.metrics.return.mean, seReturn: as!.metrics.return.se, pctOptimal: as!.pctOfReference },
      },
    });
    expect(evaluationSummary(c, 9)).toMatchObject({ meanReturn: null, seReturn: null, pctOptimal: null });
  });
});

describe('recordTraining', () => {
  it('merges the patch into policy.json\'s training summary; the policy still loads', async () => {
    const dir = join(root, 'final');
    await recordTraining(dir, { finalEvaluation: { pct: 0.5 }, steps: 20 });
    const file = JSON.parse(await readFile(join(dir, 'policy.json'), 'utf8'));
    expect(file.training).toEqual({ numTimesteps: 0, iterations: 0, steps: 20, finalEvaluation: { pct: 0.5 } });
    const p = await loadPolicy(dir);
    p.dispose();
  });
});
