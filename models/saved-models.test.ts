/**
 * Shipped policies by name: the list, the path, loadPolicy('<name>') from any working directory,
 * an unknown name refused with the list, a local path of the same name taking precedence.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from './backend.js';
import { loadPolicy } from './save-load.js';
import { resolvePolicyPath, savedModelNames, savedModelPath } from './saved-models.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('shipped policies', () => {
  it('lists them, finds one by name and loads it from another working directory', async () => {
    const names = savedModelNames();
    expect(names).toContain('ppo-as-default');
    expect(names).toContain('ppo-trend');
    expect(savedModelPath('ppo-as-default')).toBe(resolve('saved-models/ppo-as-default'));
    const cwd = process.cwd();
    const elsewhere = mkdtempSync(join(tmpdir(), 'mmgym-cwd-'));
    try {
      process.chdir(elsewhere);
      const byName = await loadPolicy('ppo-as-default', { onChoice: () => {} });
      process.chdir(cwd);
      const byPath = await loadPolicy('saved-models/ppo-as-default', { onChoice: () => {} });
      const obs = Float32Array.from([0.3, 0.5]);
      expect(Array.from(byName.act(obs, 1, { deterministic: true }))).toEqual(Array.from(byPath.act(obs, 1, { deterministic: true })));
      byName.dispose?.();
      byPath.dispose?.();
    } finally {
      process.chdir(cwd);
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('refuses an unknown name with the list; a path that exists is used as it is', () => {
    expect(() => savedModelPath('ppo-nope')).toThrow(/name must be one of the shipped policies \(.*ppo-as-default.*\), got "ppo-nope"/);
    expect(resolvePolicyPath('saved-models/ppo-trend')).toBe('saved-models/ppo-trend');
    expect(resolvePolicyPath('no/such/dir')).toBe('no/such/dir');
  });
});
