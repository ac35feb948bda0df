import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ActorCritic, DEFAULT_NET_CONFIG, type ActorCriticSpec } from '../models/actor-critic.js';
import { selectBackend } from '../models/backend.js';
import { SeededRandom } from '../models/random.js';
import { fastLossAndGrad } from './grad.js';
import { a2cLoss, ppoLoss } from './losses.js';
import { RolloutBuffer, type Minibatch } from './rollout-buffer.js';
import { a2cLossReference, ppoLossReference } from './test-utils/reference-losses.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

function randomMinibatch(ac: ActorCritic, B: number, actDim: number, discrete: boolean, seed: number): Minibatch {
  const rng = SeededRandom.fromSeed(seed);
  const mb = new RolloutBuffer(B, 1, ac.spec.obsDim, actDim).allocMinibatch(B);
  for (let i = 0; i < mb.obs.length; i++) mb.obs[i] = rng.normal();
  // Actions near the policy's outputs so ratios straddle the clip range.
  const out = ac.predict(mb.obs, B);
  const stride = ac.spec.outDim + 1;
  for (let i = 0; i < B; i++) {
    const classes = ac.spec.nvec?.reduce((a, b) => a * b, 1) ?? ac.spec.outDim;
    for (let j = 0; j < actDim; j++) mb.actions[i * actDim + j] = discrete ? rng.int(classes) : out[i * stride + j]! + 0.5 * rng.normal();
    mb.oldLogProbs[i] = -1.5 + 0.6 * rng.normal();
    mb.advantages[i] = rng.normal();
    mb.returns[i] = rng.normal();
    mb.oldValues[i] = out[i * stride + stride - 1]! + 0.3 * rng.normal();
  }
  return mb;
}

function maxRelErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    num = Math.max(num, Math.abs(a[i]! - b[i]!));
    den = Math.max(den, Math.abs(b[i]!));
  }
  return num / den;
}

const CASES: { name: string; spec: ActorCriticSpec; actDim: number }[] = [
  { name: 'Gaussian tanh 64x64', spec: { obsDim: 3, outDim: 2, distribution: 'diag-gaussian', net: DEFAULT_NET_CONFIG }, actDim: 2 },
  { name: 'categorical tanh 16x8x8', spec: { obsDim: 2, outDim: 4, distribution: 'categorical', net: { ...DEFAULT_NET_CONFIG, hidden: [16, 8, 8] } }, actDim: 1 },
  { name: 'multi-categorical [3, 4] tanh 16', spec: { obsDim: 2, outDim: 7, distribution: 'multi-categorical', nvec: [3, 4], net: { ...DEFAULT_NET_CONFIG, hidden: [16] } }, actDim: 1 },
  { name: 'Gaussian relu 32', spec: { obsDim: 2, outDim: 1, distribution: 'diag-gaussian', net: { ...DEFAULT_NET_CONFIG, hidden: [32], activation: 'relu' } }, actDim: 1 },
];

describe('closed-form losses + hand-written backward pass == tfjs autodiff', () => {
  for (const c of CASES) {
    it(`PPO (clip + value clip + entropy): ${c.name} (max relative error < 2e-4)`, () => {
      const start = tf.memory().numTensors;
      const ac = ActorCritic.create(c.spec, { seed: 5 });
      // Larger policy-head weights and a non-zero log-std so every term matters.
      const head = ac.view('actor/action_net/kernel');
      for (let i = 0; i < head.length; i++) head[i] = 0.5 * Math.sin(3 * i);
      if (c.spec.distribution === 'diag-gaussian') ac.view('log_std').fill(-0.3);
      ac.markDirty();
      const mb = randomMinibatch(ac, 48, c.actDim, c.spec.distribution !== 'diag-gaussian', 9);
      const o = { clipRange: 0.2, clipRangeVf: 0.1, entCoef: 0.01, vfCoef: 0.5 };
      const ref = ppoLossReference(ac, mb, o, c.actDim);
      const logStd = c.spec.distribution === 'diag-gaussian' ? ac.view('log_std') : null;
      const fast = fastLossAndGrad(ac, mb.obs, mb.size, (out) => ppoLoss(out, c.spec.outDim, mb, logStd, { ...o, nvec: c.spec.nvec }));
      const gErr = maxRelErr(fast.grad!, ref.grad);
      const mErr = maxRelErr(fast.result.metrics, ref.metrics);
      console.log(`${c.name}: metrics ${Array.from(fast.result.metrics).map((x) => x.toFixed(5))} vs ${Array.from(ref.metrics).map((x) => x.toFixed(5))}; grad max rel err ${gErr.toExponential(2)}`);
      expect(gErr).toBeLessThan(2e-4);
      expect(mErr).toBeLessThan(1e-4);
      expect(fast.result.metrics[4]).toBeGreaterThan(0); // some ratios are clipped
      ac.dispose();
      expect(tf.memory().numTensors).toBe(start);
    });
  }

  it('A2C: Gaussian, categorical and multi-categorical', () => {
    for (const c of CASES.slice(0, 3)) {
      const ac = ActorCritic.create(c.spec, { seed: 6 });
      const mb = randomMinibatch(ac, 40, c.actDim, c.spec.distribution !== 'diag-gaussian', 10);
      const o = { entCoef: 0.02, vfCoef: 0.5 };
      const ref = a2cLossReference(ac, mb, o, c.actDim);
      const logStd = c.spec.distribution === 'diag-gaussian' ? ac.view('log_std') : null;
      const fast = fastLossAndGrad(ac, mb.obs, mb.size, (out) => a2cLoss(out, c.spec.outDim, mb, logStd, { ...o, nvec: c.spec.nvec }));
      const gErr = maxRelErr(fast.grad!, ref.grad);
      console.log(`A2C ${c.name}: grad max rel err ${gErr.toExponential(2)}`);
      expect(gErr).toBeLessThan(2e-4);
      expect(maxRelErr(fast.result.metrics, ref.metrics)).toBeLessThan(1e-4);
      ac.dispose();
    }
  });

  it('central finite difference of the PPO loss in one weight agrees with the gradient (tol 2e-2 relative)', () => {
    const spec = CASES[0]!.spec;
    const ac = ActorCritic.create(spec, { seed: 8 });
    const head = ac.view('actor/action_net/kernel');
    for (let i = 0; i < head.length; i++) head[i] = 0.3 * Math.cos(i);
    ac.markDirty();
    const mb = randomMinibatch(ac, 32, 2, false, 12);
    const o = { clipRange: 0.2, clipRangeVf: null, entCoef: 0, vfCoef: 0.5 };
    const lossAt = (): number => {
      ac.markDirty();
      return ppoLoss(ac.predict(mb.obs, mb.size), 2, mb, ac.view('log_std'), o).metrics[5]!;
    };
    const { grad } = fastLossAndGrad(ac, mb.obs, mb.size, (out) => ppoLoss(out, 2, mb, ac.view('log_std'), o));
    for (const name of ['critic/dense_1/kernel', 'actor/dense_0/kernel']) {
      const k = ac.entry(name).offset + 5;
      const w0 = ac.params[k]!;
      const h = 1e-2;
      ac.params[k] = w0 + h;
      const up = lossAt();
      ac.params[k] = w0 - h;
      const down = lossAt();
      ac.params[k] = w0;
      const fd = (up - down) / (2 * h);
      console.log(`${name}[5]: gradient ${grad![k]}, finite difference ${fd}`);
      expect(Math.abs(fd - grad![k]!)).toBeLessThan(2e-2 * Math.max(Math.abs(fd), 1e-3));
    }
    ac.dispose();
  });
});
