import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ActorCritic, DEFAULT_NET_CONFIG, type ActorCriticSpec } from './actor-critic.js';
import { kernelTanh } from './mlp-engine.js';
import { selectBackend } from './backend.js';
import { SeededRandom } from './random.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

/** Specs that reach the kernels' SIMD blocks (widths multiple of 16) and their scalar tails. */
const SPECS: [string, ActorCriticSpec][] = [
  ['Gaussian tanh 64x64', { obsDim: 3, outDim: 2, distribution: 'diag-gaussian', net: DEFAULT_NET_CONFIG }],
  ['categorical tanh 33x17', { obsDim: 5, outDim: 7, distribution: 'categorical', net: { ...DEFAULT_NET_CONFIG, hidden: [33, 17] } }],
  ['Gaussian relu 48', { obsDim: 2, outDim: 1, distribution: 'diag-gaussian', net: { ...DEFAULT_NET_CONFIG, hidden: [48], activation: 'relu' } }],
];

function randomNet(spec: ActorCriticSpec, seed: number): ActorCritic {
  const ac = ActorCritic.create(spec, { seed });
  // Non-zero biases and a non-tiny policy head, so every term of the gradient is exercised.
  const rng = SeededRandom.fromSeed(seed + 1);
  for (const e of ac.layout) if (e.name.endsWith('/bias') || e.name.includes('action_net')) ac.view(e.name).forEach((_, i, v) => (v[i] = 0.3 * rng.normal()));
  ac.markDirty();
  return ac;
}

function randomArray(n: number, rng: SeededRandom, scale = 1): Float32Array {
  return Float32Array.from({ length: n }, () => scale * rng.normal());
}

/** The plain network in float64 (the definition the engine computes): rows of [dist..., value]. */
function reference(ac: ActorCritic, obs: Float32Array, batch: number, params: Float64Array): Float64Array {
  const { obsDim, outDim, net } = ac.spec;
  const out = new Float64Array(batch * (outDim + 1));
  const at = (name: string): number => ac.entry(name).offset;
  for (const [branch, head, width, col] of [['actor', 'action_net', outDim, 0], ['critic', 'value_net', 1, outDim]] as const) {
    for (let r = 0; r < batch; r++) {
      let h = Array.from(obs.subarray(r * obsDim, (r + 1) * obsDim));
      const layers = [...net.hidden.map((_, i) => `${branch}/dense_${i}`), `${branch}/${head}`];
      layers.forEach((name, li) => {
        const ni = h.length;
        const no = li < net.hidden.length ? net.hidden[li]! : width;
        const k = at(`${name}/kernel`);
        const b = at(`${name}/bias`);
        const z = Array.from({ length: no }, (_, o) => {
          let s = params[b + o]!;
          for (let i = 0; i < ni; i++) s += h[i]! * params[k + i * no + o]!;
          return s;
        });
        h = li < net.hidden.length ? z.map((v) => (net.activation === 'tanh' ? Math.tanh(v) : Math.max(v, 0))) : z;
      });
      h.forEach((v, j) => (out[r * (outDim + 1) + col + j] = v));
    }
  }
  return out;
}

describe('MlpEngine (wasm kernels) == the plain network', () => {
  it("the kernels' tanh (Eigen's rational interpolant) is within 5e-7 of Math.tanh on [-30, 30] and odd", () => {
    const x = Float32Array.from({ length: 600_001 }, (_, i) => -30 + i * 1e-4);
    const y = kernelTanh(x);
    let worst = 0;
    x.forEach((v, i) => (worst = Math.max(worst, Math.abs(y[i]! - Math.tanh(v)))));
    console.log(`kernel tanh: max abs error ${worst.toExponential(2)} on 600,001 points`);
    expect(worst).toBeLessThan(5e-7);
    const z = kernelTanh(Float32Array.from(x, (v) => -v));
    y.forEach((v, i) => expect(z[i]).toBe(-v));
  });

  for (const [label, spec] of SPECS) {
    it(`${label}: forward equals tfjs and float64, gradient equals tfjs autodiff`, () => {
      const ac = randomNet(spec, 7);
      const rng = SeededRandom.fromSeed(11);
      for (const batch of [1, 7, 300]) {
        const obs = randomArray(batch * spec.obsDim, rng);
        const out = ac.predict(obs, batch);
        const ref = reference(ac, obs, batch, Float64Array.from(ac.params));
        out.forEach((v, i) => expect(Math.abs(v - ref[i]!)).toBeLessThan(1e-5 * (1 + Math.abs(ref[i]!))));

        // Gradient of L = sum(dDist * dist) + sum(dValue * value) for random dDist, dValue.
        const dDist = randomArray(batch * spec.outDim, rng);
        const dValue = randomArray(batch, rng);
        const pass = ac.forwardTrain(obs, batch);
        expect(Array.from(pass.out)).toEqual(Array.from(out));
        const grad = pass.backward(dDist, dValue);
        const params = ac.tensors(); // cached by the network: created outside the tidy
        const logStd = params.slice(2 * (spec.net.hidden.length + 1) * 2);
        const tfGrad = tf.tidy(() => {
          const g = tf.grads((...p: tf.Tensor[]) => {
            const f = ac.forward([...p, ...logStd], tf.tensor2d(obs, [batch, spec.obsDim]));
            return tf.add(tf.sum(tf.mul(f.dist, tf.tensor2d(dDist, [batch, spec.outDim]))), tf.sum(tf.mul(f.value, tf.tensor1d(dValue))));
          })(params.slice(0, params.length - logStd.length));
          return Float32Array.from(tf.concat(g.map((t) => tf.reshape(t, [-1]))).dataSync());
        });
        const scale = Math.max(...tfGrad.map(Math.abs));
        let maxErr = 0;
        for (let i = 0; i < ac.numParams; i++) {
          if (i >= tfGrad.length) expect(grad[i]).toBe(0); // the log_std slot is the caller's
          else maxErr = Math.max(maxErr, Math.abs(grad[i]! - tfGrad[i]!) / scale);
        }
        expect(maxErr).toBeLessThan(2e-5);
      }
    });
  }

  it('central finite differences (float64 network) agree with the gradient on 120 random weights and biases', () => {
    const spec = SPECS[0]![1];
    const ac = randomNet(spec, 3);
    const rng = SeededRandom.fromSeed(5);
    const batch = 20;
    const obs = randomArray(batch * spec.obsDim, rng);
    const dDist = randomArray(batch * spec.outDim, rng);
    const dValue = randomArray(batch, rng);
    const grad = ac.forwardTrain(obs, batch).backward(dDist, dValue);
    const p = Float64Array.from(ac.params);
    const loss = (q: Float64Array): number => {
      const y = reference(ac, obs, batch, q);
      let s = 0;
      for (let r = 0; r < batch; r++) {
        for (let j = 0; j < spec.outDim; j++) s += dDist[r * spec.outDim + j]! * y[r * (spec.outDim + 1) + j]!;
        s += dValue[r]! * y[r * (spec.outDim + 1) + spec.outDim]!;
      }
      return s;
    };
    const logStd = ac.entry('log_std').offset;
    let worst = 0;
    for (let t = 0; t < 120; t++) {
      const i = Math.floor(rng.uniform() * logStd);
      const h = 1e-5;
      const up = Float64Array.from(p);
      const dn = Float64Array.from(p);
      up[i] = p[i]! + h;
      dn[i] = p[i]! - h;
      const fd = (loss(up) - loss(dn)) / (2 * h);
      worst = Math.max(worst, Math.abs(fd - grad[i]!) / (1e-3 + Math.abs(fd)));
    }
    console.log(`finite differences on 120 parameters: worst relative error ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(1e-3);
  });

  it('refuses a backward after another forward, or a second backward; follows parameter changes; same bits on a second engine', () => {
    const spec = SPECS[0]![1];
    const ac = randomNet(spec, 9);
    const obs = new Float32Array([0.1, -0.2, 0.3, 0.5, 0.1, -1]);
    const pass = ac.forwardTrain(obs, 2);
    ac.predict(obs, 2);
    expect(() => pass.backward(new Float32Array(4), new Float32Array(2))).toThrow(/another forward pass ran between/);
    const p2 = ac.forwardTrain(obs, 2);
    p2.backward(new Float32Array(4), new Float32Array(2));
    expect(() => p2.backward(new Float32Array(4), new Float32Array(2))).toThrow(/already used or disposed/);

    const before = ac.predict(obs, 2);
    ac.view('critic/value_net/bias')[0]! += 1;
    ac.markDirty();
    const after = ac.predict(obs, 2);
    expect(after[2]! - before[2]!).toBeCloseTo(1, 5);
    expect(Array.from(ac.clone().predict(obs, 2))).toEqual(Array.from(after));
  });
});
