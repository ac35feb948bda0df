/**
 * policyDirOf / isPolicyDir (policy-dir.ts) on real directories: a policy directory names itself;
 * a run directory names best/ (mentioning final/ when there is one) or final/ when asked or when
 * there is no best/; anything else is returned as given, for the loader to report.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BEST_DIR, FINAL_DIR, isPolicyDir, policyDirOf } from './policy-dir.js';

const root = mkdtempSync(join(tmpdir(), 'mmgym-policy-dir-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const policyAt = (...parts: string[]): string => {
  const dir = join(root, ...parts);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'policy.json'), '{}');
  return dir;
};

describe('policyDirOf', () => {
  it('a directory with policy.json is a policy directory and names itself', () => {
    const dir = policyAt('plain');
    expect(isPolicyDir(dir)).toBe(true);
    expect(isPolicyDir(join(root, 'nothing'))).toBe(false);
    expect(policyDirOf(dir)).toEqual({ dir, note: null });
    expect(policyDirOf(dir, 'final')).toEqual({ dir, note: null });
  });

  it('a run with best/ and final/: best/ by default (the note names both), final/ when asked', () => {
    const best = policyAt('run', BEST_DIR);
    const final = policyAt('run', FINAL_DIR);
    const run = join(root, 'run');
    expect(policyDirOf(run)).toEqual({ dir: best, note: `loading ${best}: the best policy of the run (by exact value where the market has one, else on its validation seeds) (the final one: ${final})` });
    expect(policyDirOf(run, 'final')).toEqual({ dir: final, note: `loading ${final}: the run's final policy` });
  });

  it('a run with best/ only: no mention of final/; asking for final/ falls back to the path', () => {
    const best = policyAt('best-only', 'best');
    const run = join(root, 'best-only');
    expect(policyDirOf(run)).toEqual({ dir: best, note: `loading ${best}: the best policy of the run (by exact value where the market has one, else on its validation seeds)` });
    expect(policyDirOf(run, 'final')).toEqual({ dir: run, note: null });
  });

  it('a run with final/ only (no periodic evaluation): final/, saying why', () => {
    const final = policyAt('final-only', 'final');
    expect(policyDirOf(join(root, 'final-only'))).toEqual({ dir: final, note: `loading ${final}: the run has no best/ policy (no periodic evaluation), so its final one` });
  });

  it('anything else is returned as given', () => {
    mkdirSync(join(root, 'empty'));
    expect(policyDirOf(join(root, 'empty'))).toEqual({ dir: join(root, 'empty'), note: null });
    expect(policyDirOf(join(root, 'missing'))).toEqual({ dir: join(root, 'missing'), note: null });
  });
});
