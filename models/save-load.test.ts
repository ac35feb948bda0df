import * as tf from '@tensorflow/tfjs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ENV_CONFIG, type EnvConfig } from '../env/config.js';
import { ActorCritic, DEFAULT_NET_CONFIG } from './actor-critic.js';
import { selectBackend } from './backend.js';
import { NetworkPolicy } from './network-policy.js';
import { PolicyLoadError, loadPolicy, readPolicyFile, savePolicyDir, updatePolicyFile } from './save-load.js';

let root: string;
const obsNorm = { mean: [0.1, 0.5], var: [0.04, 0.08], count: 1000, clip: 10, epsilon: 1e-8 };

async function writePolicy(dir: string, seed = 3): Promise<ActorCritic> {
  const ac = ActorCritic.create({ obsDim: 2, outDim: 2, distribution: 'diag-gaussian', net: DEFAULT_NET_CONFIG }, { seed });
  // A non-trivial policy head so actions differ across observations.
  const head = ac.view('actor/action_net/kernel');
  for (let i = 0; i < head.length; i++) head[i] = Math.sin(i) * 0.3;
  ac.view('log_std').set([-0.5, -0.7]);
  await savePolicyDir(dir, ac, {
    name: 'test-policy',
    algorithm: 'ppo',
    createdAt: '2026-01-01T00:00:00Z',
    envSpec: structuredClone(DEFAULT_ENV_CONFIG) as EnvConfig,
    observation: { dim: 2, normalization: obsNorm },
    action: { space: { kind: 'box', low: [-1, -1], high: [1, 1] }, distribution: 'diag-gaussian', mapping: DEFAULT_ENV_CONFIG.action as EnvConfig['action'], residual: null },
    hyperparameters: { nSteps: 2048 },
    training: { steps: 1 },
  });
  return ac;
}

beforeAll(async () => {
  await selectBackend('wasm');
  root = await mkdtemp(join(tmpdir(), 'mmgym-saveload-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const OBS = new Float32Array([0, 0, 0.2, 0.5, -0.6, 0.9]);

describe('policy directory round trip', () => {
  it('loadPolicy reproduces the saved network’s actions exactly (normalisation, mean, clipping) and leaks no tensors', async () => {
    const dir = join(root, 'rt');
    const before = tf.memory().numTensors;
    const ac = await writePolicy(dir);
    const direct = new NetworkPolicy({ name: 'direct', ac, actionSpace: { kind: 'box', low: [-1, -1], high: [1, 1] }, obsNorm });
    const expected = direct.act(OBS, 3);
    const loaded = await loadPolicy(dir, { expectedSpec: DEFAULT_ENV_CONFIG as EnvConfig });
    expect(loaded.name).toBe('test-policy');
    const got = loaded.act(OBS, 3);
    console.log('saved vs loaded actions', Array.from(expected), Array.from(got));
    expect(Array.from(got)).toEqual(Array.from(expected));
    expect(got.every((a) => a >= -1 && a <= 1)).toBe(true);
    expect(loaded.ac.view('log_std')[0]).toBeCloseTo(-0.5, 6);
    // Stochastic acting is seeded and differs from the mean.
    const p1 = await loadPolicy(dir, { seed: 5 });
    const p2 = await loadPolicy(dir, { seed: 5 });
    const s1 = p1.act(OBS, 3, { deterministic: false });
    const s2 = p2.act(OBS, 3, { deterministic: false });
    p1.dispose();
    p2.dispose();
    expect(Array.from(s1)).toEqual(Array.from(s2));
    expect(Array.from(s1)).not.toEqual(Array.from(got));
    loaded.dispose();
    direct.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('writes a standard tfjs layers model that tf.loadLayersModel reads (same mean up to float error)', async () => {
    const dir = join(root, 'layers');
    await writePolicy(dir);
    const modelJson = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as tf.io.ModelJSON;
    const weights = await readFile(join(dir, 'weights.bin'));
    const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: modelJson.weightsManifest[0]!.weights, weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer }));
    const policy = await loadPolicy(dir);
    const x = policy.normalize(new Float32Array([0.2, 0.5]), 1);
    const [mean] = model.predict(tf.tensor2d(x, [1, 2])) as tf.Tensor[];
    const net = policy.ac.predict(x, 1);
    expect(mean!.dataSync()[0]).toBeCloseTo(net[0]!, 5);
    tf.dispose(model.predict(tf.tensor2d(x, [1, 2])) as tf.Tensor[]);
    model.dispose();
    policy.dispose();
  });

  it('updatePolicyFile merges a training summary atomically', async () => {
    const dir = join(root, 'upd');
    await writePolicy(dir);
    await updatePolicyFile(dir, { training: { steps: 5, finalPctOptimal: 0.99 } });
    expect((await readPolicyFile(dir)).training).toEqual({ steps: 5, finalPctOptimal: 0.99 });
  });
});

describe('corrupt or mismatched policy directories fail clearly', () => {
  const corrupt = async (name: string, edit: (dir: string) => Promise<void>): Promise<string> => {
    const dir = join(root, name);
    await writePolicy(dir);
    await edit(dir);
    return dir;
  };
  const editJson = async (file: string, f: (j: Record<string, unknown>) => void): Promise<void> => {
    const j = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    f(j);
    await writeFile(file, JSON.stringify(j));
  };

  it('missing weights', async () => {
    const dir = await corrupt('noweights', (d) => rm(join(d, 'weights.bin')));
    await expect(loadPolicy(dir)).rejects.toThrow(PolicyLoadError);
    await expect(loadPolicy(dir)).rejects.toThrow(/weights.bin.*missing/);
  });
  it('truncated weights (the digest first; without digests, a policy saved before them, the size)', async () => {
    const dir = await corrupt('truncated', async (d) => writeFile(join(d, 'weights.bin'), (await readFile(join(d, 'weights.bin'))).subarray(0, 1000)));
    await expect(loadPolicy(dir)).rejects.toThrow(/\(weights\.bin\): SHA-256/);
    await editJson(join(dir, 'policy.json'), (j) => delete j.integrity);
    await expect(loadPolicy(dir)).rejects.toThrow(/weights.bin has 1000 bytes/);
  });
  it('wrong shapes (the digest of the defining fields first; without digests, the shapes)', async () => {
    const dir = await corrupt('shapes', (d) => editJson(join(d, 'policy.json'), (j) => ((j.network as { hidden: number[] }).hidden = [32, 32])));
    await expect(loadPolicy(dir)).rejects.toThrow(/model-defining fields .* were changed after saving/);
    await editJson(join(dir, 'policy.json'), (j) => delete j.integrity);
    await expect(loadPolicy(dir)).rejects.toThrow(/has shape \[2, 64\].*needs \[2, 32\]/);
  });
  it('unknown version', async () => {
    const dir = await corrupt('version', (d) => editJson(join(d, 'policy.json'), (j) => (j.formatVersion = 99)));
    await expect(loadPolicy(dir)).rejects.toThrow(/unknown formatVersion 99/);
  });
  it('invalid JSON and missing directory', async () => {
    const dir = await corrupt('badjson', (d) => writeFile(join(d, 'model.json'), '{not json'));
    await expect(loadPolicy(dir)).rejects.toThrow(/model.json.*not valid JSON/);
    await expect(loadPolicy(join(root, 'nope'))).rejects.toThrow(/policy.json.*missing/);
  });
  it('env spec mismatch (expectedSpec) lists the differing fields', async () => {
    const dir = await corrupt('spec', async () => {});
    const other = { ...structuredClone(DEFAULT_ENV_CONFIG), gamma: 0.5 } as EnvConfig;
    await expect(loadPolicy(dir, { expectedSpec: other })).rejects.toThrow(/env spec mismatch.*gamma: 0.1 vs 0.5/);
  });
  it('a discrete space whose nvec does not multiply to n, or disagrees with the distribution', async () => {
    const dir = await corrupt('nvec', (d) =>
      editJson(join(d, 'policy.json'), (j) => {
        const a = j.action as Record<string, unknown>;
        a.space = { kind: 'discrete', n: 6, nvec: [3, 3] };
        a.distribution = 'multi-categorical';
        delete j.integrity;
      }),
    );
    await expect(loadPolicy(dir)).rejects.toThrow(/action\.space\.nvec must multiply to action\.space\.n = 6, got \[3,3\] \(product 9\)/);
    await editJson(join(dir, 'policy.json'), (j) => ((j.action as Record<string, unknown>).space = { kind: 'discrete', n: 9, nvec: [3, 3] }));
    await editJson(join(dir, 'policy.json'), (j) => ((j.action as Record<string, unknown>).distribution = 'categorical'));
    await expect(loadPolicy(dir)).rejects.toThrow(/action\.distribution "categorical" and action\.space\.nvec \[3,3\] disagree/);
  });
  it('bad observation batch', async () => {
    const p = await loadPolicy(await corrupt('batch', async () => {}));
    expect(() => p.act(new Float32Array(3), 2)).toThrow(/obs has 3 values, expected batch 2 x obsDim 2/);
    p.dispose();
  });
});
