/**
 * The environment page's example, executed (ARCHITECTURE habit 12): the ```ts block of
 * docs/environment.md ("# The environment") runs against env/index.ts (re-exported by the package entry).
 */
import { describe, expect, it } from 'vitest';
import { runReadmeBlock } from '../util/readme-blocks.js';

describe('docs/environment.md: The environment', () => {
  it('runs the example code', async () => {
    // the env barrel, which the package entry re-exports (skips loading tfjs for this test)
    const { code, result } = await runReadmeBlock<{ reward: number; r: { rewards: Float64Array } }>({
      file: 'docs/environment.md',
      marker: '# The environment',
      barrels: ['env'],
      exports: ['reward', 'terminated', 'truncated', 'info', 'r', 'observation'],
    });
    expect(code).not.toBe('');
    expect(Number.isFinite(result.reward)).toBe(true);
    expect(result.r.rewards).toHaveLength(1024);
  });
});
