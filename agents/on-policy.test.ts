/**
 * The shared on-policy machinery (on-policy.ts) through the smallest subclass (test-utils/probe-agent.ts,
 * whose train() only records the buffer): what collectRollouts stores against an independent replay of
 * the same env, the truncation bootstrap and GAE recomputed by hand, learn()'s counters and
 * schedule position, the checkpoint state's validation and an exact resume from it, the policy
 * snapshot and the constructor's refusals.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { makeVec } from '../env/registry.js';
import { selectBackend } from '../models/backend.js';
import { DiagGaussian } from '../models/distributions.js';
import type { IterationInfo, UpdateMetrics } from './callbacks.js';
import { residualOn } from './residual.js';
import { ProbeAgent, probeConfig } from './test-utils/probe-agent.js';
import { TargetEnv } from './test-utils/target-env.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

const clip1 = (x: number): number => Math.min(1, Math.max(-1, x));

describe('OnPolicyAlgorithm.collectRollouts', () => {
  it('stores the obs acted on, the sampled action and its log-prob, V(s), the reward (+ gamma V(final) on truncation), and GAE', () => {
    const n = 2;
    const L = 4;
    const gamma = 0.9;
    const lambda = 0.8;
    const agent = new ProbeAgent(new TargetEnv({ numEnvs: n, length: L }), probeConfig({ gamma, gaeLambda: lambda, nSteps: 8 }));
    expect(agent.collectRollouts()).toBe(true);
    const b = agent.buffer;
    expect(b.full).toBe(true);
    expect(agent.numTimesteps).toBe(16);

    // an independent replay: same env, reset with the config seed (3), stepped with the clipped actions
    const twin = new TargetEnv({ numEnvs: n, length: L });
    let obs = Float32Array.from(twin.reset({ seed: 3 }).observations);
    const logStd = agent.ac.view('log_std');
    const stride = agent.ac.spec.outDim + 1;
    const episodeReturns: number[][] = [[], []];
    const epRet = [0, 0];
    for (let t = 0; t < 8; t++) {
      const out = agent.ac.predict(obs, n);
      const a = new Float32Array(n);
      for (let e = 0; e < n; e++) {
        const i = t * n + e;
        expect(Array.from(b.obs.subarray(2 * i, 2 * i + 2))).toEqual(Array.from(obs.subarray(2 * e, 2 * e + 2)));
        expect(b.values[i]).toBeCloseTo(out[e * stride + 1]!, 6);
        expect(b.logProbs[i]).toBeCloseTo(DiagGaussian.logProbJs([out[e * stride]!], logStd, [b.actions[i]!]), 4);
        a[e] = clip1(b.actions[i]!);
      }
      const res = twin.step(a);
      for (let e = 0; e < n; e++) {
        const i = t * n + e;
        const u = obs[2 * e]!;
        // the env's target is float64, its observation float32: the formula holds to float32 rounding
        expect(res.rewards[e]).toBeCloseTo(-((a[e]! - u) ** 2), 6);
        const raw = res.rewards[e]!;
        epRet[e]! += raw;
        const truncated = (t + 1) % L === 0;
        expect(b.dones[i]).toBe(truncated ? 1 : 0);
        if (truncated) {
          const vFinal = agent.ac.predict(res.finalObservations.slice(2 * e, 2 * e + 2), 1)[1]!;
          expect(b.rewards[i]).toBeCloseTo(raw + gamma * vFinal, 6);
          episodeReturns[e]!.push(epRet[e]!);
          epRet[e] = 0;
        } else {
          expect(b.rewards[i]).toBeCloseTo(raw, 12);
        }
      }
      obs = Float32Array.from(res.observations);
    }

    // GAE by brute force: A_t = sum_k (gamma lambda)^k delta_{t+k} within the episode
    const lastV = agent.ac.predict(obs, n);
    for (let e = 0; e < n; e++) {
      for (let t = 0; t < 8; t++) {
        let adv = 0;
        let w = 1;
        for (let k = t; k < 8; k++) {
          const i = k * n + e;
          const done = b.dones[i] === 1;
          const nextV = done ? 0 : k === 7 ? lastV[e * stride + 1]! : b.values[i + n]!;
          adv += w * (b.rewards[i]! + gamma * nextV - b.values[i]!);
          if (done) break;
          w *= gamma * lambda;
        }
        expect(b.advantages[t * n + e]).toBeCloseTo(adv, 5);
        expect(b.returns[t * n + e]).toBeCloseTo(adv + b.values[t * n + e]!, 5);
      }
    }

    // episodes: raw (unbootstrapped) returns, in the order they finished
    expect(agent.episodeInfos).toHaveLength(4);
    const got = agent.episodeInfos.map((x) => x.r);
    const want = [episodeReturns[0]![0]!, episodeReturns[1]![0]!, episodeReturns[0]![1]!, episodeReturns[1]![1]!];
    got.forEach((r, k) => expect(r).toBeCloseTo(want[k]!, 10));
    expect(agent.episodeInfos.every((x) => x.l === L)).toBe(true);
    agent.dispose();
  });

  it('keeps the last 100 episodes only', () => {
    const agent = new ProbeAgent(new TargetEnv({ numEnvs: 2, length: 1 }), probeConfig({ nSteps: 64 }));
    agent.collectRollouts();
    expect(agent.episodeInfos).toHaveLength(100);
    // the last episode is the last step of env 1 (length 1: its return is that step's reward)
    const last = agent.buffer.actions[127]!;
    const u = agent.buffer.obs[2 * 127]!;
    expect(agent.episodeInfos[99]!.r).toBeCloseTo(-((clip1(last) - u) ** 2), 6);
    expect(agent.episodeInfos.every((e) => e.l === 1)).toBe(true);
    agent.dispose();
  });

  it('onStep returning false stops at once: the partial rollout has no advantages and it returns false', () => {
    const agent = new ProbeAgent(new TargetEnv({ numEnvs: 2 }));
    let calls = 0;
    expect(agent.collectRollouts(() => ++calls < 3)).toBe(false);
    expect(calls).toBe(3);
    expect(agent.buffer.pos).toBe(3);
    expect(agent.numTimesteps).toBe(6);
    expect(Array.from(agent.buffer.advantages).every((x) => x === 0)).toBe(true);
    agent.dispose();
  });

  it('refuses non-finite network outputs, naming the algorithm and the step', () => {
    const agent = new ProbeAgent(new TargetEnv({ numEnvs: 2 }));
    agent.ac.params.fill(Number.NaN);
    agent.ac.markDirty();
    expect(() => agent.collectRollouts()).toThrow(/a2c: the network produced non-finite outputs at step 0 \(training diverged/);
    agent.dispose();
  });

  it('a discrete action space samples class indices with their categorical log-probs', () => {
    const agent = new ProbeAgent(new TargetEnv({ numEnvs: 2, discrete: true }));
    agent.collectRollouts();
    const b = agent.buffer;
    for (let i = 0; i < b.size; i++) {
      const a = b.actions[i]!;
      expect(a === 0 || a === 1).toBe(true);
      const out = agent.ac.predict(b.obs.slice(2 * i, 2 * i + 2), 1);
      const m = Math.max(out[0]!, out[1]!);
      const lse = m + Math.log(Math.exp(out[0]! - m) + Math.exp(out[1]! - m));
      expect(b.logProbs[i]).toBeCloseTo(out[a]! - lse, 5);
    }
    agent.dispose();
  });
});

describe('OnPolicyAlgorithm.learn', () => {
  it('collects and trains until totalTimesteps, with the counters, progress and rollout metrics of each update', async () => {
    const agent = new ProbeAgent(new TargetEnv({ numEnvs: 2, length: 4 }));
    const seen: { m: UpdateMetrics; i: IterationInfo }[] = [];
    await agent.learn({ totalTimesteps: 40, callbacks: { onUpdate: (m, i) => void seen.push({ m, i }) } });
    expect(agent.trained).toHaveLength(3); // ceil(40 / 16) rollouts
    expect(agent.numTimesteps).toBe(48);
    expect(agent.iteration).toBe(3);
    expect(seen.map((s) => s.i.numTimesteps)).toEqual([16, 32, 48]);
    expect(seen.map((s) => s.i.progressRemaining)).toEqual([1 - 16 / 40, 1 - 32 / 40, 0]);
    expect(seen.every((s) => s.i.totalTimesteps === 40)).toBe(true);
    expect(seen.map((s) => s.m['time/iterations'])).toEqual([1, 2, 3]);
    expect(seen.map((s) => s.m['time/total_timesteps'])).toEqual([16, 32, 48]);
    expect(seen.map((s) => s.m['train/probe'])).toEqual([1, 2, 3]); // the subclass's metrics pass through
    expect(seen.every((s) => s.m['rollout/ep_len_mean'] === 4)).toBe(true);
    const mean = agent.episodeInfos.reduce((s, e) => s + e.r, 0) / agent.episodeInfos.length;
    expect(agent.episodeInfos).toHaveLength(12);
    expect(seen[2]!.m['rollout/ep_rew_mean']).toBeCloseTo(mean, 12);
    for (const k of ['time/fps', 'time/rollout_seconds', 'time/train_seconds']) expect(seen[2]!.m[k]! >= 0, k).toBe(true);

    // resetNumTimesteps false continues the count (and the episodes); the default starts again from 0
    await agent.learn(80, undefined, { resetNumTimesteps: false });
    expect(agent.numTimesteps).toBe(80);
    expect(agent.iteration).toBe(5);
    expect(agent.episodeInfos).toHaveLength(20);
    expect(agent.info()).toEqual({ numTimesteps: 80, iteration: 5, progressRemaining: 0, totalTimesteps: 80 });
    await agent.learn(16);
    expect(agent.numTimesteps).toBe(16);
    expect(agent.iteration).toBe(1);
    expect(agent.episodeInfos).toHaveLength(4);
    agent.dispose();
  });

  it('rollout/* are NaN until an episode has finished', async () => {
    const agent = new ProbeAgent(new TargetEnv({ numEnvs: 2, length: 20 }));
    let m: UpdateMetrics = {};
    await agent.learn(16, { onUpdate: (x) => void (m = x) });
    expect(m['rollout/ep_rew_mean']).toBeNaN();
    expect(m['rollout/ep_len_mean']).toBeNaN();
    agent.dispose();
  });

  it('a fresh learn() resets the envs with the config seed (same first observations), and 0 steps trains nothing', async () => {
    const agent = new ProbeAgent(new TargetEnv({ numEnvs: 2 }));
    await agent.learn(16);
    await agent.learn(16);
    expect(Array.from(agent.trained[1]!.obs.subarray(0, 4))).toEqual(Array.from(agent.trained[0]!.obs.subarray(0, 4)));
    const events: string[] = [];
    await agent.learn(0, { onRolloutEnd: () => void events.push('rollout') });
    expect(events).toEqual([]);
    // nothing left to learn: progress 0, not 0/0 (NaN would reach the schedules and the actions)
    expect(agent.progressRemaining).toBe(0);
    expect(agent.trained).toHaveLength(2);
    agent.dispose();
  });

  it('refuses a negative or non-finite target', async () => {
    const agent = new ProbeAgent(new TargetEnv({ numEnvs: 2 }));
    await expect(agent.learn(-1)).rejects.toThrow('learn: totalTimesteps must be a number >= 0, got -1');
    await expect(agent.learn({ totalTimesteps: Number.NaN })).rejects.toThrow(RangeError);
    agent.dispose();
  });
});

describe('OnPolicyAlgorithm checkpoint state', () => {
  it('restoreState names the bad field, its range and its value; nUpdates defaults to 0', async () => {
    const agent = new ProbeAgent(new TargetEnv({ numEnvs: 2 }));
    await agent.learn(16);
    const good = JSON.parse(JSON.stringify(agent.stateForSave())) as ReturnType<ProbeAgent['stateForSave']>;
    expect(() => agent.restoreState({ ...good, numTimesteps: -1 })).toThrow('numTimesteps must be an integer >= 0, got -1');
    expect(() => agent.restoreState({ ...good, iteration: 1.5 })).toThrow('iteration must be an integer >= 0, got 1.5');
    expect(() => agent.restoreState({ ...good, episodeInfos: [{ r: Number.NaN, l: 1 }] })).toThrow('episodeInfos must be an array of { r: finite number, l: integer >= 0 }');
    expect(() => agent.restoreState({ ...good, episodeInfos: [{ r: 1, l: -1 }] })).toThrow(/episodeInfos must be/);
    expect(() => agent.restoreState({ ...good, vecNormalizeReturns: [0, Number.POSITIVE_INFINITY] })).toThrow('vecNormalizeReturns must be an array of finite numbers');
    expect(() => agent.restoreState({ ...good, nUpdates: -2 })).toThrow('nUpdates must be an integer >= 0, got -2');
    // a refused state leaves the agent as it was (nUpdates is checked before anything changes)
    const before = { numTimesteps: agent.numTimesteps, iteration: agent.iteration, nUpdates: agent.nUpdates };
    expect(() => agent.restoreState({ ...good, numTimesteps: 999, iteration: 5, nUpdates: -2 })).toThrow(/nUpdates/);
    expect({ numTimesteps: agent.numTimesteps, iteration: agent.iteration, nUpdates: agent.nUpdates }).toEqual(before);
    const { nUpdates: _drop, ...old } = { ...good, nUpdates: 5, numTimesteps: 1234, iteration: 7 };
    agent.restoreState(old);
    expect(agent.nUpdates).toBe(0);
    expect(agent.numTimesteps).toBe(1234);
    expect(agent.iteration).toBe(7);
    agent.dispose();
  });

  it('rolloutState is null before the first reset and on an env that cannot snapshot itself; restoreRollout refuses such an env', () => {
    const agent = new ProbeAgent(new TargetEnv({ numEnvs: 2 }));
    expect(agent.hasRollout).toBe(false);
    expect(agent.rolloutState()).toBeNull();
    agent.resetEnv();
    expect(agent.hasRollout).toBe(true);
    expect(agent.rolloutState()).toBeNull(); // TargetEnv has no saveState
    const real = new ProbeAgent(makeVec('as2008', { numEnvs: 2 }));
    real.resetEnv();
    const s = real.rolloutState()!;
    expect(() => agent.restoreRollout(s)).toThrow('this env cannot restore a rollout state (it has no loadState)');
    // a state for another number of envs is refused naming the array
    const three = new ProbeAgent(makeVec('as2008', { numEnvs: 3 }));
    expect(() => three.restoreRollout(s)).toThrow(/env state lastObsRaw: expected Float32Array\[6\], got Float32Array\[4\]/);
    for (const a of [agent, real, three]) a.dispose();
  });

  it('weights + VecNormalize + stateForSave + rolloutState, through JSON, resume the run exactly (mid-episode)', async () => {
    const config = probeConfig({ normalize: { obs: true, reward: true, clipObs: 10, clipReward: 10, epsilon: 1e-8 } });
    const a = new ProbeAgent(makeVec('as2008', { numEnvs: 2 }), config);
    a.step = true;
    await a.learn({ totalTimesteps: 32 });
    expect(a.nUpdates).toBe(2);
    const saved = JSON.parse(JSON.stringify({ params: Array.from(a.ac.params), vn: a.vecNormalize.state(), state: a.stateForSave(), rollout: a.rolloutState() }));

    const b = new ProbeAgent(makeVec('as2008', { numEnvs: 2 }), config);
    b.step = true;
    b.ac.params.set(saved.params);
    b.ac.markDirty();
    b.vecNormalize.loadState(saved.vn);
    b.restoreState(saved.state);
    b.restoreRollout(saved.rollout);
    expect(b.stateForSave()).toEqual(a.stateForSave());

    await a.learn({ totalTimesteps: 64, resetNumTimesteps: false });
    await b.learn({ totalTimesteps: 64, resetNumTimesteps: false });
    expect(b.numTimesteps).toBe(64);
    expect(Array.from(b.trained.at(-1)!.obs)).toEqual(Array.from(a.trained.at(-1)!.obs));
    expect(Array.from(b.trained.at(-1)!.actions)).toEqual(Array.from(a.trained.at(-1)!.actions));
    expect(Array.from(b.trained.at(-1)!.rewards)).toEqual(Array.from(a.trained.at(-1)!.rewards));
    expect(Array.from(b.ac.params)).toEqual(Array.from(a.ac.params));
    // without the rollout state the envs would be reset: a different continuation
    const c = new ProbeAgent(makeVec('as2008', { numEnvs: 2 }), config);
    c.ac.params.set(saved.params);
    c.ac.markDirty();
    c.vecNormalize.loadState(saved.vn);
    c.restoreState(saved.state);
    await c.learn({ totalTimesteps: 64, resetNumTimesteps: false });
    expect(Array.from(c.trained.at(-1)!.obs)).not.toEqual(Array.from(a.trained.at(-1)!.obs));
    for (const x of [a, b, c]) x.dispose();
  });
});

describe('OnPolicyAlgorithm policy snapshot and construction', () => {
  it('policy() is an independent copy acting with the mean head, clipped; its name and obs statistics follow the agent', async () => {
    const agent = new ProbeAgent(new TargetEnv({ numEnvs: 2 }));
    const p = agent.policy();
    expect(p.name).toBe('a2c');
    expect(p.obsNorm).toBeNull();
    const obs = Float32Array.from([0.3, 0.5, -0.7, 0.25]);
    const out = agent.ac.predict(obs, 2);
    expect(Array.from(p.act(obs, 2))).toEqual([clip1(out[0]!), clip1(out[2]!)].map(Math.fround));
    agent.ac.params.fill(0);
    agent.ac.markDirty();
    expect(Array.from(p.act(obs, 2))).toEqual([clip1(out[0]!), clip1(out[2]!)].map(Math.fround));
    expect(agent.policy({ name: 'mine' }).name).toBe('mine');
    p.dispose();

    const normed = new ProbeAgent(new TargetEnv({ numEnvs: 2 }), probeConfig({ normalize: { obs: true, reward: false, clipObs: 5, clipReward: 10, epsilon: 1e-8 } }));
    await normed.learn(16);
    const q = normed.policy();
    expect(q.obsNorm).toEqual({ mean: Array.from(normed.vecNormalize.obsRms.mean), var: Array.from(normed.vecNormalize.obsRms.var), clip: 5, epsilon: 1e-8 });
    q.dispose();
    agent.dispose();
    normed.dispose();
  });

  it('a residual agent starts with a zero policy head (it acts as its base) and is named after it', () => {
    const env = makeVec('as2008', { numEnvs: 2 });
    const residual = residualOn('hjb', env.config);
    const agent = new ProbeAgent(env, probeConfig(), { residual });
    expect(Array.from(agent.ac.view('actor/action_net/kernel')).every((x) => x === 0)).toBe(true);
    const p = agent.policy();
    expect(p.name).toBe('a2c+residual-hjb');
    const obs = Float32Array.from(env.reset({ seed: 1 }).observations);
    const base = residual.policy.act(obs, 2, { deterministic: true });
    const low = Array.from(env.actionSpace.kind === 'box' ? env.actionSpace.low : []);
    const high = Array.from(env.actionSpace.kind === 'box' ? env.actionSpace.high : []);
    const want = Array.from(base).map((x, i) => Math.min(high[i % 2]!, Math.max(low[i % 2]!, x)));
    expect(Array.from(p.act(obs, 2))).toEqual(want.map(Math.fround));
    p.dispose();
    agent.dispose();
  });

  it('refuses a residual on a discrete space, a bad worker count and a CRN group size that does not divide the envs', () => {
    const hjb = residualOn('hjb', makeVec('as2008', { numEnvs: 1 }).config);
    expect(() => new ProbeAgent(new TargetEnv({ numEnvs: 2, discrete: true }), probeConfig(), { residual: hjb })).toThrow('residual mode needs a Box action space');
    expect(() => new ProbeAgent(new TargetEnv({ numEnvs: 2 }), probeConfig(), { workers: 0 })).toThrow(/workers must be an integer in \[1, 64\], got 0/);
    expect(() => new ProbeAgent(new TargetEnv({ numEnvs: 2 }), probeConfig(), { workers: 65 })).toThrow(/workers must be an integer in \[1, 64\], got 65/);
    expect(() => new ProbeAgent(new TargetEnv({ numEnvs: 2 }), probeConfig({ crnGroupSize: 3 }))).toThrow(/probeagent\.crnGroupSize/);
  });

  it('a log-std schedule zeroes the log-std slot of a gradient (only then); meanStd is the mean of exp(log_std), NaN for categorical', () => {
    const free = new ProbeAgent(new TargetEnv({ numEnvs: 2 }));
    const g = new Float32Array(free.ac.numParams).fill(1);
    free.freeze(g);
    expect(g.every((x) => x === 1)).toBe(true);
    expect(free.std()).toBeCloseTo(Math.exp(-0.5), 7);

    const set = new ProbeAgent(new TargetEnv({ numEnvs: 2 }), probeConfig({ logStdSchedule: -1 }));
    const h = new Float32Array(set.ac.numParams).fill(1);
    set.freeze(h);
    const e = set.ac.entry('log_std');
    expect(Array.from(h.subarray(e.offset, e.offset + e.size))).toEqual([0]);
    expect(h.subarray(0, e.offset).every((x) => x === 1)).toBe(true);
    expect(e.offset + e.size).toBe(h.length);
    set.collectRollouts();
    expect(set.std()).toBeCloseTo(Math.exp(-1), 7);

    const cat = new ProbeAgent(new TargetEnv({ numEnvs: 2, discrete: true }));
    expect(cat.std()).toBeNaN();
    for (const a of [free, set, cat]) a.dispose();
  });
});
