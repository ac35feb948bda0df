/** Issue #11 item 2, reproduced: tampered saved models and checkpoints are refused, naming the file. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PPO } from '../agents/ppo.js';
import { TargetEnv } from '../agents/test-utils/target-env.js';
import { loadPolicy, updatePolicyFile } from './save-load.js';

const root = mkdtempSync(join(tmpdir(), 'mmgym-integrity-'));
const saved = join(root, 'saved');
const other = join(root, 'other');
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeAll(async () => {
  for (const [dir, seed] of [[saved, 1], [other, 2]] as const) {
    const agent = new PPO(new TargetEnv({ numEnvs: 2 }), { nSteps: 16, batchSize: 16, seed });
    await agent.learn({ totalTimesteps: 32 });
    await agent.save(dir);
    agent.dispose();
  }
});

function copy(name: string): string {
  const d = join(root, name);
  cpSync(saved, d, { recursive: true });
  return d;
}

const policyJson = (d: string): Record<string, unknown> => JSON.parse(readFileSync(join(d, 'policy.json'), 'utf8')) as Record<string, unknown>;

describe('saved-model integrity', () => {
  it('an untouched policy loads; policy.json records a SHA-256 per file', async () => {
    const p = await loadPolicy(saved);
    p.dispose();
    const integrity = policyJson(saved).integrity as { files: Record<string, string> };
    expect(Object.keys(integrity.files).sort()).toEqual(['agent-state.json', 'model.json', 'weights.bin']);
  });

  it('zeroed weights, one flipped bit, or another model\'s weights are refused naming weights.bin', async () => {
    const zero = copy('zero');
    writeFileSync(join(zero, 'weights.bin'), new Uint8Array(readFileSync(join(saved, 'weights.bin')).length));
    await expect(loadPolicy(zero)).rejects.toThrow(/cannot load policy .*zero' \(weights\.bin\): SHA-256 .* does not match .* recorded at save/);
    const flip = copy('flip');
    const w = readFileSync(join(flip, 'weights.bin'));
    w[3] = w[3]! ^ 0x40;
    writeFileSync(join(flip, 'weights.bin'), w);
    await expect(loadPolicy(flip)).rejects.toThrow(/\(weights\.bin\): SHA-256/);
    const swapped = copy('swapped');
    cpSync(join(other, 'weights.bin'), join(swapped, 'weights.bin'));
    await expect(loadPolicy(swapped)).rejects.toThrow(/\(weights\.bin\): SHA-256/);
  });

  it('an edited model.json or model-defining policy.json field is refused; a sanctioned update re-signs', async () => {
    const topo = copy('topo');
    writeFileSync(join(topo, 'model.json'), readFileSync(join(topo, 'model.json'), 'utf8').replace('actor', 'critic'));
    await expect(loadPolicy(topo)).rejects.toThrow(/\(model\.json\): SHA-256/);
    const act = copy('act');
    const f = policyJson(act);
    (f.network as { activation: string }).activation = 'relu';
    writeFileSync(join(act, 'policy.json'), JSON.stringify(f));
    await expect(loadPolicy(act)).rejects.toThrow(/\(policy\.json\): its model-defining fields .* were changed after saving/);
    const upd = copy('upd');
    await updatePolicyFile(upd, { training: { note: 'ok' } });
    (await loadPolicy(upd)).dispose();
  });

  it('a tampered checkpoint state is refused naming the file', async () => {
    const ck = copy('ck');
    const state = JSON.parse(readFileSync(join(ck, 'agent-state.json'), 'utf8')) as { state: { numTimesteps: number } };
    state.state.numTimesteps = -100;
    writeFileSync(join(ck, 'agent-state.json'), JSON.stringify(state));
    await expect(PPO.load(ck, new TargetEnv({ numEnvs: 2 }))).rejects.toThrow(/\(agent-state\.json\): SHA-256/);
  });
});

describe('policy.json fields (policies without digests, or edited and re-signed)', () => {
  const unsigned = async (name: string, edit: (f: Record<string, unknown>) => void): Promise<string> => {
    const d = copy(name);
    const f = policyJson(d);
    delete f.integrity;
    edit(f);
    writeFileSync(join(d, 'policy.json'), JSON.stringify(f));
    return d;
  };
  it('swapped action bounds, bad normalisation statistics, an unknown activation are refused, naming the field', async () => {
    await expect(loadPolicy(await unsigned('lohi', (f) => {
      const sp = (f.action as { space: { low: number[]; high: number[] } }).space;
      sp.low = sp.high.map((h) => h + 1);
    }))).rejects.toThrow(/action\.space: low\[0\] < high\[0\] must be finite numbers, got -?\d+(\.\d+)? and -?\d+/);
    await expect(loadPolicy(await unsigned('var', (f) => ((f.observation as { normalization: { var: unknown[] } }).normalization.var = [-1, null])))).rejects.toThrow(/observation\.normalization\.var must be an array of finite numbers >= 0, got \[-1,null\]/);
    await expect(loadPolicy(await unsigned('clip', (f) => ((f.observation as { normalization: { clip: number } }).normalization.clip = -1)))).rejects.toThrow(/normalization\.clip must be a number > 0, got -1/);
    await expect(loadPolicy(await unsigned('actv', (f) => ((f.network as { activation: string }).activation = 'sigmoid')))).rejects.toThrow(/network\.activation must be "tanh" or "relu", got "sigmoid"/);
    await expect(loadPolicy(await unsigned('spec', (f) => ((f.envSpec as { gamma: number }).gamma = -1)))).rejects.toThrow(/\(policy\.json\): envSpec: gamma must be > 0, got -1/);
  });

  it('a saved model with envSpec null is not evaluated silently unchecked', async () => {
    const d = await unsigned('nospec', (f) => (f.envSpec = null));
    const { resolvePolicy } = await import('../evals/resolve-policy.js');
    const { resolveEnvConfig } = await import('../env/resolve-config.js');
    await expect(resolvePolicy(d, resolveEnvConfig('default'))).rejects.toThrow(/records no envSpec, so it cannot be checked .*--allow-spec-mismatch/);
  });

  it('checkpoint fields are validated too (a negative step count, a garbage generator state)', async () => {
    for (const [name, edit, why] of [
      ['neg', (st: { state: Record<string, unknown> }) => (st.state.numTimesteps = -100), /numTimesteps must be an integer >= 0, got -100/],
      ['rng', (st: { state: Record<string, unknown> }) => (st.state.rng = { alea: { c: 1, s0: 'x', s1: 2, s2: 0.5 }, spare: null }), /generator state must be \{ alea/],
    ] as const) {
      const d = await unsigned(`ck-${name}`, () => undefined);
      const st = JSON.parse(readFileSync(join(d, 'agent-state.json'), 'utf8')) as { state: Record<string, unknown> };
      edit(st);
      writeFileSync(join(d, 'agent-state.json'), JSON.stringify(st));
      await expect(PPO.load(d, new TargetEnv({ numEnvs: 2 }))).rejects.toThrow(why);
    }
  });
});
