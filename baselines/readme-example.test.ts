/**
 * The baselines page's example, executed (ARCHITECTURE habit 12): the ```ts block of
 * docs/baselines.md ("# Baselines") runs against env/ and baselines/ (both re-exported by the package entry;
 * importing the barrels directly skips loading tfjs), and the figures its comments quote are checked.
 */
import { describe, expect, it } from 'vitest';
import { runReadmeBlock } from '../util/readme-blocks.js';

describe('docs/baselines.md: Baselines', () => {
  it('runs the example code and its quoted figures hold', async () => {
    const { code, result: r } = await runReadmeBlock<{ hjb: { name: string }; quotes: unknown[]; theta00: number; best: number; exact: number; vStar: number }>({
      file: 'docs/baselines.md',
      marker: '# Baselines',
      barrels: ['env', 'baselines'],
      exports: ['hjb', 'quotes', 'theta00', 'best', 'exact', 'vStar'],
      tmpPrefix: 'mmgym-readme-baselines-',
    });
    expect(code).not.toBe('');
    expect(r.hjb.name).toBe('hjb');
    expect(r.quotes).toHaveLength(51);
    expect(r.theta00).toBeCloseTo(66.295, 3);
    expect(r.best).toBeCloseTo(66.295, 3);
    expect(r.exact).toBeCloseTo(64.517, 3);
    expect(r.vStar).toBeCloseTo(71.256, 3);
  });
});
