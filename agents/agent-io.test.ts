/**
 * Saving and restoring a whole agent (agent-io.ts) with a real env and real files: what a
 * checkpoint directory holds, that readAgentDir + prepareLoad + restoreAgent bring a fresh agent
 * to the saved one's exact state (and its next rollout to the saved one's), and each refusal
 * naming the file and the field.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeVec } from '../env/registry.js';
import { selectBackend } from '../models/backend.js';
import { loadPolicy, PolicyLoadError } from '../models/save-load.js';
import { prepareLoad, readAgentDir, restoreAgent, saveAgent, serializableConfig, AGENT_STATE_VERSION } from './agent-io.js';
import { residualOn } from './residual.js';
import { linearSchedule } from './schedule.js';
import { ProbeAgent, probeConfig } from './test-utils/probe-agent.js';
import { TargetEnv } from './test-utils/target-env.js';

let root: string;
beforeAll(async () => {
  await selectBackend('wasm');
  root = await mkdtemp(join(tmpdir(), 'mmgym-agent-io-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const normed = probeConfig({ normalize: { obs: true, reward: true, clipObs: 10, clipReward: 10, epsilon: 1e-8 } });

/** An agent that has trained 32 steps on the as2008 env (weights and Adam moments moved). */
async function trainedAgent(numEnvs = 2): Promise<ProbeAgent> {
  const a = new ProbeAgent(makeVec('as2008', { numEnvs }), normed);
  a.step = true;
  await a.learn(32);
  return a;
}

describe('serializableConfig', () => {
  it('keeps numbers, objects and linear schedules; a function becomes "custom function"', () => {
    const c = probeConfig({ learningRate: (p: number) => p * 1e-3, logStdSchedule: linearSchedule(-1, -2) });
    const s = serializableConfig(c);
    expect(s.learningRate).toBe('custom function');
    expect(s.logStdSchedule).toEqual(linearSchedule(-1, -2));
    expect(s.gamma).toBe(c.gamma);
    expect(s.net).toEqual(c.net);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});

describe('saveAgent', () => {
  it('writes the policy files, agent-state.json and rollout-state.json; policy.json describes the agent', async () => {
    const a = await trainedAgent();
    const dir = join(root, 'ckpt-a') + '/';
    await saveAgent(a, dir, { training: { note: 'x' }, extraFiles: { 'trainer.json': '{"k":1}' } });
    for (const f of ['policy.json', 'model.json', 'weights.bin', 'agent-state.json', 'rollout-state.json', 'trainer.json']) expect(existsSync(join(dir, f)), f).toBe(true);
    const policy = JSON.parse(await readFile(join(dir, 'policy.json'), 'utf8'));
    expect(policy.name).toBe('ckpt-a'); // the directory's base name, trailing slash dropped
    expect(policy.algorithm).toBe('a2c');
    expect(policy.hyperparameters).toMatchObject({ algorithm: 'a2c', numEnvs: 2, gamma: normed.gamma, nSteps: normed.nSteps });
    expect(policy.training).toEqual({ numTimesteps: 32, iterations: 2, note: 'x' });
    expect(policy.observation.dim).toBe(2);
    expect(policy.observation.normalization.mean).toEqual(Array.from(a.vecNormalize.obsRms.mean));
    expect(policy.observation.normalization.count).toBe(a.vecNormalize.obsRms.count);
    expect(policy.action.residual).toBeNull();
    const state = JSON.parse(await readFile(join(dir, 'agent-state.json'), 'utf8'));
    expect(state.formatVersion).toBe(AGENT_STATE_VERSION);
    expect(state.algorithm).toBe('a2c');
    expect(state.residual).toBeNull();
    expect(state.state).toEqual(JSON.parse(JSON.stringify(a.stateForSave())));
    expect(state.vecNormalize).toEqual(JSON.parse(JSON.stringify(a.vecNormalize.state())));
    // the checkpoint is a loadable policy acting as the agent's own snapshot
    const p = await loadPolicy(dir);
    const mine = a.policy();
    const obs = Float32Array.from([0.1, -0.2, 0.3, 0.4]);
    expect(Array.from(p.act(obs, 2))).toEqual(Array.from(mine.act(obs, 2)));
    p.dispose();
    mine.dispose();
    a.dispose();
  });

  it('checkpoint: false writes a policy only; an env without snapshots writes no rollout-state.json', async () => {
    const a = await trainedAgent();
    await saveAgent(a, join(root, 'policy-only'), { checkpoint: false, name: 'named' });
    expect(existsSync(join(root, 'policy-only', 'agent-state.json'))).toBe(false);
    expect(existsSync(join(root, 'policy-only', 'rollout-state.json'))).toBe(false);
    expect(JSON.parse(await readFile(join(root, 'policy-only', 'policy.json'), 'utf8')).name).toBe('named');
    const t = new ProbeAgent(new TargetEnv({ numEnvs: 2 }));
    await t.learn(16);
    await saveAgent(t, join(root, 'target'));
    expect(existsSync(join(root, 'target', 'agent-state.json'))).toBe(true);
    expect(existsSync(join(root, 'target', 'rollout-state.json'))).toBe(false);
    a.dispose();
    t.dispose();
  });
});

describe('readAgentDir + prepareLoad + restoreAgent', () => {
  it('bring a fresh agent to the saved state, and its next rollout and update to the saved agent\'s, bit for bit', async () => {
    const a = await trainedAgent();
    const dir = join(root, 'resume');
    await saveAgent(a, dir);
    const parts = await readAgentDir(dir, 'a2c');
    expect(parts.rollout).not.toBeNull();
    const env = makeVec('as2008', { numEnvs: 2 });
    const { config, agentOpts } = prepareLoad<typeof normed>(parts, env, dir, {});
    expect(config).toEqual(JSON.parse(JSON.stringify(normed)));
    expect(agentOpts).toEqual({});
    const b = new ProbeAgent(env, config);
    b.step = true;
    restoreAgent(b, parts, dir);
    expect(Array.from(b.ac.params)).toEqual(Array.from(a.ac.params));
    expect(b.stateForSave()).toEqual(a.stateForSave());
    expect(b.vecNormalize.state()).toEqual(a.vecNormalize.state());
    expect(b.hasRollout).toBe(true);
    await a.learn(64, undefined, { resetNumTimesteps: false });
    await b.learn(64, undefined, { resetNumTimesteps: false });
    expect(Array.from(b.trained.at(-1)!.obs)).toEqual(Array.from(a.trained.at(-1)!.obs));
    expect(Array.from(b.ac.params)).toEqual(Array.from(a.ac.params));
    a.dispose();
    b.dispose();
  });

  it('a checkpoint of 2 envs restored on 3 keeps the state but not the rollout (the envs will be reset)', async () => {
    const a = await trainedAgent();
    const dir = join(root, 'two-envs');
    await saveAgent(a, dir);
    const parts = await readAgentDir(dir, 'a2c');
    const b = new ProbeAgent(makeVec('as2008', { numEnvs: 3 }), normed);
    restoreAgent(b, { ...parts, state: { ...parts.state, state: { ...parts.state.state, vecNormalizeReturns: [0, 0, 0] }, vecNormalize: parts.state.vecNormalize } }, dir);
    expect(b.numTimesteps).toBe(32);
    expect(b.hasRollout).toBe(false);
    a.dispose();
    b.dispose();
  });

  it('refuses: a policy without agent-state.json, the other algorithm, a changed file, an unknown version, bad JSON', async () => {
    const a = await trainedAgent();
    await saveAgent(a, join(root, 'only-policy'), { checkpoint: false });
    await expect(readAgentDir(join(root, 'only-policy'), 'a2c')).rejects.toThrow(/\(agent-state\.json\): missing: this is a policy, not a checkpoint/);
    const dir = join(root, 'refusals');
    await saveAgent(a, dir);
    await expect(readAgentDir(dir, 'ppo')).rejects.toThrow(/\(agent-state\.json\): holds a a2c agent, not ppo/);
    const statePath = join(dir, 'agent-state.json');
    const text = await readFile(statePath, 'utf8');
    const bumped = text.replace(`"formatVersion":${AGENT_STATE_VERSION}`, '"formatVersion":99');
    await writeFile(statePath, bumped);
    const e = await readAgentDir(dir, 'a2c').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(PolicyLoadError);
    expect((e as Error).message).toMatch(/\(agent-state\.json\): SHA-256 .* does not match/);
    // without digests (a policy saved before them) the version itself is checked, then the JSON
    const policyPath = join(dir, 'policy.json');
    const policy = JSON.parse(await readFile(policyPath, 'utf8'));
    delete policy.integrity;
    await writeFile(policyPath, JSON.stringify(policy));
    await expect(readAgentDir(dir, 'a2c')).rejects.toThrow(/unknown formatVersion 99 \(expected 1\)/);
    await writeFile(statePath, '{"formatVersion":');
    await expect(readAgentDir(dir, 'a2c')).rejects.toThrow(/\(agent-state\.json\): not valid JSON/);
    await writeFile(statePath, text);
    await writeFile(join(dir, 'rollout-state.json'), 'nope');
    await expect(readAgentDir(dir, 'a2c')).rejects.toThrow(/\(rollout-state\.json\): not valid JSON/);
    a.dispose();
  });

  it('restoreAgent refuses a network that does not fit and a bad state, naming the file', async () => {
    const a = await trainedAgent();
    const dir = join(root, 'fit');
    await saveAgent(a, dir);
    const wide = new ProbeAgent(makeVec('as2008', { numEnvs: 2 }), probeConfig({ net: { hidden: [5], activation: 'tanh', logStdInit: 0, orthoInit: true } }));
    const parts = await readAgentDir(dir, 'a2c');
    expect(() => restoreAgent(wide, parts, dir)).toThrow(
      new RegExp(`\\(model\\.json\\): network \\(obsDim 2, outDim 2, ${a.ac.numParams} params\\) does not fit the env/agent \\(obsDim 2, outDim 2, ${wide.ac.numParams} params\\)`),
    );
    const again = await readAgentDir(dir, 'a2c');
    const bad = { ...again, state: { ...again.state, state: { ...again.state.state, iteration: -3 } } };
    const fresh = new ProbeAgent(makeVec('as2008', { numEnvs: 2 }), normed);
    expect(() => restoreAgent(fresh, bad, dir)).toThrow(/\(agent-state\.json\): iteration must be an integer >= 0, got -3/);
    for (const x of [a, wide, fresh]) x.dispose();
  });

  it('prepareLoad: refuses another env spec and an unsaved function; overrides config; rebuilds the residual base; passes workers', async () => {
    const env = makeVec('as2008', { numEnvs: 2 });
    const a = new ProbeAgent(env, probeConfig({ learningRate: () => 1e-3 }), { residual: residualOn('hjb', env.config) });
    await a.learn(16);
    const dir = join(root, 'prep');
    await saveAgent(a, dir);
    const parts = await readAgentDir(dir, 'a2c');
    expect(parts.state.residual).toBe('hjb');
    const other = makeVec('as2008', { numEnvs: 2, overrides: { s0: 123 } });
    expect(() => prepareLoad(parts, other, dir, {})).toThrow(/\(policy\.json\): env spec mismatch \(checkpoint vs env\): .*s0/);
    expect(() => prepareLoad(parts, env, dir, {})).toThrow(/config\.learningRate was a function and cannot be restored: pass it in opts\.config\.learningRate/);
    const lr = (): number => 5e-4;
    const { config, agentOpts } = prepareLoad<Record<string, unknown>>(parts, env, dir, { config: { learningRate: lr, gamma: 0.5 }, workers: 2 });
    expect(config.learningRate).toBe(lr);
    expect(config.gamma).toBe(0.5);
    expect(config.nSteps).toBe(8);
    expect(agentOpts.workers).toBe(2);
    expect(agentOpts.residual?.name).toBe('hjb');
    const obs = Float32Array.from(env.reset({ seed: 4 }).observations);
    expect(Array.from(agentOpts.residual!.policy.act(obs, 2, { deterministic: true }))).toEqual(Array.from(residualOn('hjb', env.config).policy.act(obs, 2, { deterministic: true })));
    const mine = { name: 'hjb', act: () => new Float32Array(4) } as unknown as Parameters<typeof prepareLoad>[3]['residualBase'];
    expect(prepareLoad(parts, env, dir, { config: { learningRate: lr }, residualBase: mine! }).agentOpts.residual?.policy).toBe(mine);
    a.dispose();
  });
});
