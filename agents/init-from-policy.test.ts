/**
 * initFromPolicy (init-from-policy.ts) with real saved policies: a new agent takes the saved
 * network and observation statistics (a run directory resolves to its best/), nothing else (the
 * optimizer, counters and reward statistics stay fresh), and every mismatch is refused naming the
 * field, leaving the agent untouched.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeVec } from '../env/registry.js';
import { selectBackend } from '../models/backend.js';
import { saveAgent } from './agent-io.js';
import { initFromPolicy } from './init-from-policy.js';
import { residualOn } from './residual.js';
import { ProbeAgent, probeConfig } from './test-utils/probe-agent.js';
import { TargetEnv } from './test-utils/target-env.js';

let root: string;
let source: ProbeAgent;
const normed = probeConfig({ normalize: { obs: true, reward: true, clipObs: 10, clipReward: 10, epsilon: 1e-8 } });

beforeAll(async () => {
  await selectBackend('wasm');
  root = await mkdtemp(join(tmpdir(), 'mmgym-init-'));
  source = new ProbeAgent(makeVec('as2008', { numEnvs: 2 }), normed);
  source.step = true;
  await source.learn(32);
  await saveAgent(source, join(root, 'src'));
  await saveAgent(source, join(root, 'run', 'best'), { checkpoint: false });
  const other = new ProbeAgent(makeVec('as2008', { numEnvs: 2 }), probeConfig({ ...normed, seed: 9 }));
  await saveAgent(other, join(root, 'run', 'final'), { checkpoint: false });
  other.dispose();
});
afterAll(async () => {
  source.dispose();
  await rm(root, { recursive: true, force: true });
});

describe('initFromPolicy', () => {
  it("takes the network and the observation statistics only; a run directory's best/ is read", async () => {
    const agent = new ProbeAgent(makeVec('as2008', { numEnvs: 2 }), probeConfig({ ...normed, seed: 21 }));
    const retBefore = agent.vecNormalize.state().retRms;
    expect(Array.from(agent.ac.params)).not.toEqual(Array.from(source.ac.params));
    const r = await initFromPolicy(agent, join(root, 'run'), null);
    expect(r.dir).toBe(join(root, 'run', 'best'));
    expect(r.note).toMatch(new RegExp(`^init from ${join(root, 'run', 'best').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: its network and observation statistics \\(trained on an env with \\S+ arrivals, price \\S+\\); optimizer, schedules and reward statistics start afresh$`));
    expect(Array.from(agent.ac.params)).toEqual(Array.from(source.ac.params));
    const got = agent.vecNormalize.state();
    const want = source.vecNormalize.state();
    expect(got.obsRms.mean).toEqual(want.obsRms.mean);
    expect(got.obsRms.var).toEqual(want.obsRms.var);
    expect(got.obsRms.count).toBe(want.obsRms.count);
    expect(got.retRms).toEqual(retBefore); // reward statistics start afresh
    const s = agent.stateForSave();
    expect(s.numTimesteps).toBe(0);
    expect(s.optimizer.step).toBe(0);
    // and the policy acts as the source's
    const obs = Float32Array.from([0.2, -0.1, -0.4, 0.3]);
    const p = agent.policy();
    const q = source.policy();
    expect(Array.from(p.act(obs, 2))).toEqual(Array.from(q.act(obs, 2)));
    p.dispose();
    q.dispose();
    agent.dispose();
  });

  it('refuses another network shape, naming each differing field, and leaves the agent as it was', async () => {
    const dir = join(root, 'src');
    const wide = new ProbeAgent(makeVec('as2008', { numEnvs: 2 }), probeConfig({ ...normed, net: { hidden: [5], activation: 'relu', logStdInit: 0, orthoInit: true } }));
    const before = Array.from(wide.ac.params);
    await expect(initFromPolicy(wide, dir, null)).rejects.toThrow(/\(model\.json\): --init: the network does not fit this agent: net\.hidden 4 \(the agent's: 5\); net\.activation tanh \(the agent's: relu\)/);
    expect(Array.from(wide.ac.params)).toEqual(before);
    const target = new ProbeAgent(new TargetEnv({ numEnvs: 2, discrete: true }), normed);
    await expect(initFromPolicy(target, dir, null)).rejects.toThrow(/the network does not fit this agent: distribution diag-gaussian \(the agent's: categorical\)/);
    const oneDim = new ProbeAgent(new TargetEnv({ numEnvs: 2 }), normed);
    await expect(initFromPolicy(oneDim, dir, null)).rejects.toThrow(/outDim 2 \(the agent's: 1\)/);
    for (const a of [wide, target, oneDim]) a.dispose();
  });

  it('widens to a run that observes more: the policy\'s columns go to their features\' places, the added ones start at zero weight', async () => {
    const features = ['time', 'final-steps', 'inventory', 'last-fills'] as const;
    const env = makeVec('as2008', { numEnvs: 2, overrides: { observation: { features: [...features] } } });
    const agent = new ProbeAgent(env, probeConfig({ ...normed, seed: 22 }));
    const r = await initFromPolicy(agent, join(root, 'src'), null);
    expect(r.note).toMatch(/; the added inputs \["final-steps","last-fills"\] start at zero weight \(the same actions and values\); optimizer/);
    // the source observes [inventory, time]; the run [time, final-steps x3, inventory, last-fills x2]
    for (const branch of ['actor', 'critic']) {
      const from = source.ac.view(`${branch}/dense_0/kernel`);
      const to = agent.ac.view(`${branch}/dense_0/kernel`);
      const h = 4;
      for (let row = 0; row < 7; row++) {
        const want = row === 4 ? from.subarray(0, h) : row === 0 ? from.subarray(h, 2 * h) : new Float32Array(h);
        expect(Array.from(to.subarray(row * h, (row + 1) * h)), `${branch} row ${row}`).toEqual(Array.from(want));
      }
      for (const name of [`${branch}/dense_0/bias`, branch === 'actor' ? 'actor/action_net/kernel' : 'critic/value_net/kernel']) {
        expect(Array.from(agent.ac.view(name))).toEqual(Array.from(source.ac.view(name)));
      }
    }
    const ws = source.vecNormalize.state().obsRms;
    const got = agent.vecNormalize.state().obsRms;
    // final-steps: exact moments over the N = 200 steps of an episode (bit j is 1 at one step); last-fills: 0, 1
    const p1 = 1 / 200;
    expect(got.mean).toEqual([ws.mean[1], p1, p1, p1, ws.mean[0], 0, 0]);
    expect(got.var).toEqual([ws.var[1], p1 * (1 - p1), p1 * (1 - p1), p1 * (1 - p1), ws.var[0], 1, 1]);
    // the same actions whatever the added inputs say
    const oldObs = Float32Array.from([0.2, 0.1, -0.4, 0.9]);
    const newObs = Float32Array.from([0.1, 1, 0, 0, 0.2, 1, 0, 0.9, 0, 1, 0, -0.4, 0, 1]);
    const p = agent.policy();
    const q = source.policy();
    const a = p.act(newObs, 2, { deterministic: true });
    const b = q.act(oldObs, 2, { deterministic: true });
    b.forEach((v, i) => expect(Math.abs(a[i]! - v), `action ${i}`).toBeLessThan(1e-7)); // the input rows are summed in another order
    p.dispose();
    q.dispose();
    agent.dispose();
  });

  it("refuses a run that drops one of the policy's features or observes it at another width", async () => {
    const narrow = new ProbeAgent(makeVec('as2008', { numEnvs: 2, overrides: { observation: { features: ['inventory', 'final-steps'] } } }), normed);
    await expect(initFromPolicy(narrow, join(root, 'src'), null)).rejects.toThrow(/\(policy\.json\): --init: the run's observation does not extend the policy's: the policy observes "time", the run does not \(observation\.features \["inventory","final-steps"\]\)/);
    const five = new ProbeAgent(makeVec('as2008', { numEnvs: 2, overrides: { observation: { features: ['inventory', 'mid-returns'], returnsWindow: 5 } } }), normed);
    await saveAgent(five, join(root, 'returns5'), { checkpoint: false });
    const three = new ProbeAgent(makeVec('as2008', { numEnvs: 2, overrides: { observation: { features: ['inventory', 'mid-returns', 'time'], returnsWindow: 3 } } }), normed);
    await expect(initFromPolicy(three, join(root, 'returns5'), null)).rejects.toThrow(/"mid-returns" is 5 wide in the policy's observation, 3 in the run's/);
    for (const a of [narrow, five, three]) a.dispose();
  });

  it('refuses a residual mismatch either way and an observation-normalisation mismatch', async () => {
    const dir = join(root, 'src');
    const plain = new ProbeAgent(makeVec('as2008', { numEnvs: 2 }), normed);
    await expect(initFromPolicy(plain, dir, 'hjb')).rejects.toThrow(/\(policy\.json\): --init: the policy is not a residual policy, the run is residual on hjb \(they must agree\)/);
    const env = makeVec('as2008', { numEnvs: 2 });
    const res = new ProbeAgent(env, normed, { residual: residualOn('hjb', env.config) });
    await saveAgent(res, join(root, 'residual'), { checkpoint: false });
    await expect(initFromPolicy(plain, join(root, 'residual'), null)).rejects.toThrow(/the policy is residual on hjb, the run is not residual/);
    const bare = new ProbeAgent(makeVec('as2008', { numEnvs: 2 }), probeConfig());
    await expect(initFromPolicy(bare, dir, null)).rejects.toThrow(/--init: the policy normalises its observations and the run does not \(set normalize\.obs to match\)/);
    await saveAgent(bare, join(root, 'bare'), { checkpoint: false });
    await expect(initFromPolicy(plain, join(root, 'bare'), null)).rejects.toThrow(/the policy does not normalise its observations and the run does/);
    // matching residual bases are accepted
    const res2 = new ProbeAgent(env, normed, { residual: residualOn('hjb', env.config) });
    await expect(initFromPolicy(res2, join(root, 'residual'), 'hjb')).resolves.toMatchObject({ dir: join(root, 'residual') });
    for (const a of [plain, res, bare, res2]) a.dispose();
  });
});
