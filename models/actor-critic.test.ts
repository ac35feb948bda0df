import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ActorCritic, DEFAULT_NET_CONFIG, denseLayer, fastTanh, type ActorCriticSpec } from './actor-critic.js';
import { selectBackend } from './backend.js';

const SPEC: ActorCriticSpec = { obsDim: 2, outDim: 2, distribution: 'diag-gaussian', net: DEFAULT_NET_CONFIG };

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('ActorCritic', () => {
  it('has SB3 shapes and init (64x64 actor and critic, log_std 0, policy head gain 0.01, zero biases)', () => {
    const ac = ActorCritic.create(SPEC, { seed: 1 });
    // actor 2*64+64 + 64*64+64 + 64*2+2, critic 2*64+64 + 64*64+64 + 64+1, log_std 2
    expect(ac.numParams).toBe(4482 + 4417 + 2);
    expect(Array.from(ac.view('log_std'))).toEqual([0, 0]);
    expect(ac.view('actor/dense_0/bias').every((b) => b === 0)).toBe(true);
    // Columns of the 64x2 policy head are orthogonal with norm 0.01.
    const w = ac.view('actor/action_net/kernel');
    let n0 = 0;
    for (let i = 0; i < 64; i++) n0 += w[i * 2]! ** 2;
    expect(Math.sqrt(n0)).toBeCloseTo(0.01, 6);
    expect(ActorCritic.create(SPEC, { seed: 1 }).params).toEqual(ac.params);
    const zero = ActorCritic.create(SPEC, { seed: 1, zeroPolicyHead: true });
    expect(zero.view('actor/action_net/kernel').every((x) => x === 0)).toBe(true);
  });

  it('rejects bad specs with the field name', () => {
    expect(() => new ActorCritic({ ...SPEC, obsDim: 0 })).toThrow(/obsDim must be an integer >= 1, got 0/);
    expect(() => new ActorCritic({ ...SPEC, net: { ...DEFAULT_NET_CONFIG, hidden: [64, 0] } })).toThrow(/net.hidden\[1\]/);
    expect(() => new ActorCritic(SPEC, new Float32Array(3))).toThrow(/3 values, the network needs 8901/);
  });

  it('fastTanh equals tanh (tol 1e-6)', () => {
    const z = [-20, -3, -0.5, -1e-4, 0, 1e-4, 0.7, 4, 30];
    const got = tf.tidy(() => fastTanh(tf.tensor2d([z])).dataSync());
    z.forEach((x, i) => expect(Math.abs(got[i]! - Math.tanh(x))).toBeLessThan(1e-6));
  });

  it('denseLayer gradient equals autodiff of x W + b and a central finite difference', () => {
    const x = tf.tensor2d([[0.1, -0.4, 0.3], [0.9, 0.2, -0.5]]);
    const w = tf.tensor2d([[0.2, -0.1], [0.5, 0.3], [-0.7, 0.05]]);
    const b = tf.tensor1d([0.01, -0.2]);
    const c = tf.tensor2d([[1, -2], [0.5, 3]]);
    const f1 = (xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor): tf.Scalar => tf.sum(tf.mul(c, fastTanh(denseLayer(xx as tf.Tensor2D, ww as tf.Tensor2D, bb as tf.Tensor1D))));
    const f2 = (xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor): tf.Scalar => tf.sum(tf.mul(c, tf.tanh(tf.add(tf.matMul(xx as tf.Tensor2D, ww as tf.Tensor2D), bb))));
    const g1 = tf.tidy(() => tf.grads(f1)([x, w, b]).map((g) => Array.from(g.dataSync())));
    const g2 = tf.tidy(() => tf.grads(f2)([x, w, b]).map((g) => Array.from(g.dataSync())));
    g1.forEach((g, k) => g.forEach((v, i) => expect(v).toBeCloseTo(g2[k]![i]!, 5)));
    // Central finite difference in float64 on W[1][0] (index 2).
    const W = Array.from(w.dataSync());
    const X = Array.from(x.dataSync());
    const Bv = Array.from(b.dataSync());
    const C = Array.from(c.dataSync());
    const f = (Wv: number[]): number => {
      let s = 0;
      for (let r = 0; r < 2; r++) for (let o = 0; o < 2; o++) {
        let z = Bv[o]!;
        for (let i = 0; i < 3; i++) z += X[r * 3 + i]! * Wv[i * 2 + o]!;
        s += C[r * 2 + o]! * Math.tanh(z);
      }
      return s;
    };
    const h = 1e-6;
    const Wp = W.slice();
    const Wm = W.slice();
    Wp[2]! += h;
    Wm[2]! -= h;
    const fd = (f(Wp) - f(Wm)) / (2 * h);
    console.log(`dL/dW[1][0]: custom ${g1[1]![2]}, finite difference ${fd}, tol 1e-4`);
    expect(Math.abs(g1[1]![2]! - fd)).toBeLessThan(1e-4);
    tf.dispose([x, w, b, c]);
  });

  it('predicts [dist params, value] per row and leaks no tensors', () => {
    const ac = ActorCritic.create(SPEC, { seed: 2 });
    ac.predict(new Float32Array(6), 3);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) ac.predict(new Float32Array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6]), 3);
    const out = ac.predict(new Float32Array([0.1, 0.2]), 1);
    expect(out.length).toBe(3);
    expect(tf.memory().numTensors).toBe(before);
    ac.dispose();
  });
});
