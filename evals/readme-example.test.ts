/**
 * The evaluation page's example, executed (ARCHITECTURE habit 12): the ```ts block of
 * docs/evaluation.md ("# Evaluation") runs against the env, baselines and evals barrels.
 */
import { describe, expect, it } from 'vitest';
import { runReadmeBlock } from '../util/readme-blocks.js';

describe('docs/evaluation.md: Evaluation', () => {
  it('runs the example code', async () => {
    const { result } = await runReadmeBlock<{ pctOfHjb: number; meanDiff: number; tInterval: [number, number]; winRate: number }>({
      file: 'docs/evaluation.md',
      marker: '# Evaluation',
      barrels: ['env', 'baselines', 'evals'],
      exports: ['pctOfHjb', 'meanDiff', 'tInterval', 'winRate'],
      edit: (code) => code.replace(/^console\.log\(.*$/m, ''),
    });
    // AS is a near-optimal heuristic: a few percent below HJB, significantly so on 500 paired episodes.
    expect(result.pctOfHjb).toBeGreaterThan(0.9);
    expect(result.pctOfHjb).toBeLessThan(1);
    expect(result.tInterval[1]).toBeLessThan(0);
    expect(result.meanDiff).toBeCloseTo((result.tInterval[0] + result.tInterval[1]) / 2, 10);
    expect(result.winRate).toBeLessThan(0.5);
  });
});
