/**
 * The "load a saved policy and run it against the HJB baseline" script of docs/agents-and-training.md,
 * executed as written: the ```ts block after the `load-and-compare` marker in the Training section, with the
 * package import `'mmgym'` pointed at this checkout's entry (index.ts). Its printed % of optimal
 * must equal the evaluation recorded in the shipped policy's best/policy.json (same seeds, same
 * weights): the recorded figure reproduces.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDoc } from '../util/readme-blocks.js';

const repo = resolve(import.meta.dirname, '..');
/** The page holding the script (it was in README.md before the reference material moved to docs/). */
const DOC = 'docs/agents-and-training.md';

export function extractReadmeScript(readme: string): string {
  const marker = readme.indexOf('<!-- load-and-compare');
  if (marker < 0) throw new Error(`${DOC} has no <!-- load-and-compare --> marker`);
  const m = /```ts\n([\s\S]*?)```/.exec(readme.slice(marker));
  if (!m?.[1]) throw new Error(`no \`\`\`ts block after the load-and-compare marker in ${DOC}`);
  return m[1];
}

describe('docs/agents-and-training.md: load a saved policy and compare with HJB', () => {
  it('runs as written and reproduces the evaluation recorded in policy.json', () => {
    const script = extractReadmeScript(readDoc(DOC));
    expect(script.split('\n').filter((l) => l.trim() !== '').length).toBeLessThanOrEqual(10);
    const dir = mkdtempSync(join(tmpdir(), 'mmgym-readme-'));
    try {
      const file = join(dir, 'load-and-compare.mts'); // .mts: an ES module outside the package (top-level await)
      writeFileSync(file, script.replaceAll(`from 'mmgym'`, `from '${join(repo, 'index.ts')}'`));
      const out = execFileSync(process.execPath, ['--import', 'tsx', file], { cwd: repo, encoding: 'utf8' });
      const m = /agent (-?[\d.]+) +hjb (-?[\d.]+) +=> (-?[\d.]+)% of optimal/.exec(out);
      expect(m, out).not.toBeNull();
      const recorded = (
        JSON.parse(readFileSync(join(repo, 'saved-models', 'ppo-as-default', 'best', 'policy.json'), 'utf8')) as {
          training: { evaluation: { episodes: number; seed: number; meanReturn: number; hjbMeanReturn: number; pctOptimal: number } };
        }
      ).training.evaluation;
      expect(recorded.episodes).toBe(1000);
      expect(recorded.seed).toBe(2_000_000); // the test seeds of the run's closing table
      // Printed to 3 decimals (returns) and 2 decimals (%): equal to the recorded values at that precision.
      expect(Number(m?.[1])).toBeCloseTo(recorded.meanReturn, 3);
      expect(Number(m?.[2])).toBeCloseTo(recorded.hjbMeanReturn, 3);
      expect(Number(m?.[3])).toBeCloseTo(100 * recorded.pctOptimal, 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
