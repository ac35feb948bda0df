/**
 * The smallest concrete OnPolicyAlgorithm, for the tests of the shared machinery (on-policy.ts,
 * agent-io.ts, init-from-policy.ts) without PPO's or A2C's update: `train()` records a copy of the
 * rollout buffer and changes nothing (or, with `step`, takes one Adam step on a fixed gradient, so
 * the weights and the optimizer moments move deterministically).
 */
import type { VectorEnv } from '../../env/types.js';
import type { UpdateMetrics } from '../callbacks.js';
import { OnPolicyAlgorithm, type AgentOptions, type OnPolicyConfig } from '../on-policy.js';
import { Adam } from '../optimizers.js';

export function probeConfig(patch: Partial<OnPolicyConfig> = {}): OnPolicyConfig {
  return {
    learningRate: 1e-3,
    nSteps: 8,
    gamma: 0.9,
    gaeLambda: 0.8,
    entCoef: 0,
    vfCoef: 0.5,
    maxGradNorm: 0.5,
    normalizeAdvantage: false,
    net: { hidden: [4], activation: 'tanh', logStdInit: -0.5, orthoInit: true },
    normalize: { obs: false, reward: false, clipObs: 10, clipReward: 10, epsilon: 1e-8 },
    seed: 3,
    logStdSchedule: null,
    mtmControlVariate: false,
    crnGroupSize: 1,
    factoredActions: false,
    fillControlVariate: false,
    ...patch,
  };
}

export interface BufferCopy {
  obs: Float32Array;
  actions: Float32Array;
  rewards: Float64Array;
  dones: Uint8Array;
  values: Float32Array;
  logProbs: Float32Array;
  advantages: Float32Array;
  returns: Float32Array;
}

export class ProbeAgent extends OnPolicyAlgorithm {
  readonly algorithm: 'ppo' | 'a2c';
  protected readonly optimizer: Adam;
  /** A copy of the buffer at each train() call. */
  readonly trained: BufferCopy[] = [];
  /** Take one Adam step per train() on the gradient 0.01 * (1, 2, 3, ...). */
  step = false;

  constructor(env: VectorEnv, config: OnPolicyConfig = probeConfig(), opts: AgentOptions & { algorithm?: 'ppo' | 'a2c' } = {}) {
    super(env, config, opts);
    this.algorithm = opts.algorithm ?? 'a2c';
    this.optimizer = new Adam(this.ac.numParams);
  }

  protected train(): UpdateMetrics {
    const b = this.buffer;
    this.trained.push({
      obs: b.obs.slice(),
      actions: b.actions.slice(),
      rewards: b.rewards.slice(),
      dones: b.dones.slice(),
      values: b.values.slice(),
      logProbs: b.logProbs.slice(),
      advantages: b.advantages.slice(),
      returns: b.returns.slice(),
    });
    if (this.step) {
      const g = new Float32Array(this.ac.numParams);
      for (let i = 0; i < g.length; i++) g[i] = 0.01 * (i + 1);
      this.freezeScheduledLogStd(g);
      this.optimizer.step(this.ac.params, g, this.lrFn(this.progressRemaining));
      this.ac.markDirty();
      this.nUpdates++;
    }
    return { 'train/probe': this.trained.length };
  }

  /** The protected helpers, for their tests. */
  freeze(grad: Float32Array): void {
    this.freezeScheduledLogStd(grad);
  }

  std(): number {
    return this.meanStd();
  }
}
