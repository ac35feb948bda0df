import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveEnvConfig } from '../env/resolve-config.js';
import { resolvePolicy } from './resolve-policy.js';
import { runEpisodes } from './run-episodes.js';
import { writeFreshSavedPolicy } from './test-utils/fresh-saved-policy.js';

const config = resolveEnvConfig('default', { horizon: 0.1 });

describe('resolvePolicy', () => {
  it('builds baselines by name and names unknown ones', async () => {
    const p = await resolvePolicy('hjb', config);
    expect(p.name).toBe('hjb');
    await expect(resolvePolicy('hjbb', config)).rejects.toThrow(/must be one of hjb, hjb-cara, hjb-drift, hjb-regime, hjb-toxic, hjb-fees, dp-optimal, as/);
    await expect(resolvePolicy('  ', config)).rejects.toThrow(/policy reference is empty/);
  });

  it('loads a saved model directory, and says when it is missing or not a directory', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'mmgym-policy-')), 'fresh');
    await writeFreshSavedPolicy(dir, config, 1);
    const p = await resolvePolicy(dir, config, { backend: 'cpu' });
    expect(p.name).toBe('fresh-ppo');
    const r = runEpisodes(p, config, { episodes: 3, seed: 0 });
    expect(r.returns.every((x) => Number.isFinite(x))).toBe(true);
    p.dispose?.();
    await expect(resolvePolicy(join(dir, 'nope'), config)).rejects.toThrow(/saved model '.*nope' not found/);
    const file = join(dir, '..', 'file.txt');
    writeFileSync(file, 'x');
    await expect(resolvePolicy(file, config)).rejects.toThrow(/is not a directory/);
  });

  it('refuses a policy built for another env spec unless allowed (then warns)', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'mmgym-policy-')), 'other');
    await writeFreshSavedPolicy(dir, resolveEnvConfig('default', { horizon: 0.1, arrivals: { k: 2 } }), 1);
    await expect(resolvePolicy(dir, config, { backend: 'cpu' })).rejects.toThrow(/built for another env spec.*arrivals\.k: 2 vs 1\.5.*--allow-spec-mismatch/);
    const warnings: string[] = [];
    const p = await resolvePolicy(dir, config, { backend: 'cpu', allowSpecMismatch: true, warn: (m) => warnings.push(m) });
    expect(warnings[0]).toMatch(/warning: .*arrivals\.k/);
    p.dispose?.();
  });
});
