import { describe, expect, it } from 'vitest';
import { fuzzEnvs } from './fuzz.js';

describe('bad-input fuzzer (seeded, a few seconds)', () => {
  it('random configs within and beyond the ranges, random actions: finite outputs or a named error, never anything else', () => {
    const r = fuzzEnvs(300, 11);
    expect(r.failures).toEqual([]);
    expect(r.cases).toBe(300);
    // both kinds of outcome occur (the fuzzer reaches the guards and the happy path)
    expect(r.finite).toBeGreaterThan(20);
    expect(Object.values(r.named).reduce((a, b) => a + b, 0)).toBeGreaterThan(50);
  });
});

describe('saved-model corruption fuzzer', () => {
  it('flipped bytes, truncated or emptied files of a saved policy: refused with a named error (weights and topology never load)', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { PPO } = await import('../agents/ppo.js');
    const { TargetEnv } = await import('../agents/test-utils/target-env.js');
    const { fuzzSavedModel } = await import('./fuzz.js');
    const dir = join(mkdtempSync(join(tmpdir(), 'mmgym-fuzz-src-')), 'p');
    const agent = new PPO(new TargetEnv({ numEnvs: 2 }), { nSteps: 16, batchSize: 16, seed: 1 });
    await agent.save(dir);
    agent.dispose();
    const r = await fuzzSavedModel(dir, 40, 5);
    expect(r.failures).toEqual([]);
    expect(r.named.PolicyLoadError ?? 0).toBeGreaterThan(20);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('tape corruption fuzzer', () => {
  it('shuffled, duplicated, truncated, garbled files of every tape format: rows with a load report, or a named error', async () => {
    const { fuzzTapes, TAPE_FORMATS } = await import('./fuzz-tapes.js');
    const r = await fuzzTapes(TAPE_FORMATS, 60, 3);
    expect(r.failures).toEqual([]);
    expect(r.cases).toBe(60);
  });
});
