import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pngSize } from './figures/render.js';
import { runEvalJob } from './eval-job.js';

describe('mmgym eval (runEvalJob)', () => {
  it('writes results.json, report.html and PNG figures; HJB is the reference', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'mmgym-eval-')), 'out');
    const r = await runEvalJob({ policies: ['as'], against: ['fixed'], env: 'default', episodes: 40, seed: 11, out });
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as {
      referenceName: string;
      optimalReturn: number;
      policies: { name: string; pctOfReference: number }[];
      pairs: { policy: string; baseline: string }[];
      figures: string[];
    };
    expect(results.referenceName).toBe('hjb');
    expect(results.policies.map((p) => p.name)).toEqual(['as', 'hjb', 'fixed']);
    expect(results.pairs.map((p) => `${p.policy}-${p.baseline}`)).toEqual(['as-hjb', 'as-fixed']);
    expect(results.optimalReturn).toBeGreaterThan(0);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<svg');
    for (const f of results.figures) expect(pngSize(readFileSync(join(out, f))).width).toBeGreaterThan(100);
    expect(r.files.length).toBe(results.figures.length + 2);
    // The same seeds give the same numbers.
    const again = await runEvalJob({ policies: ['as'], against: ['fixed'], env: 'default', episodes: 40, seed: 11, out: null });
    expect(again.evaluation.comparison.pairs).toEqual(r.evaluation.comparison.pairs);
    expect(existsSync(join(out, '.results.json.tmp'))).toBe(false);
  });

  it('gives clear errors for zero episodes, unknown policies, missing saved models and unknown envs', async () => {
    const base = { against: [], env: 'default', seed: 0, out: null };
    await expect(runEvalJob({ ...base, policies: ['as'], episodes: 0 })).rejects.toThrow(/--episodes must be an integer >= 2.*got 0/);
    await expect(runEvalJob({ ...base, policies: ['sa'], episodes: 10 })).rejects.toThrow(/policy must be one of .*got "sa"/);
    await expect(runEvalJob({ ...base, policies: ['saved-models/none'], episodes: 10 })).rejects.toThrow(/saved model 'saved-models\/none' not found/);
    await expect(runEvalJob({ ...base, policies: ['as'], against: ['nope'], episodes: 10 })).rejects.toThrow(/got "nope"/);
    await expect(runEvalJob({ ...base, policies: ['as'], env: 'atlantis', episodes: 10 })).rejects.toThrow(/atlantis/);
  });
});
