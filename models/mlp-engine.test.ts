/**
 * The engine's forward pass against a float64 network and tfjs, its hand-written backward pass
 * against tfjs autodiff and central finite differences (on small and odd shapes, and on the
 * default 64 x 64 actor-critic through the PPO loss training backpropagates), and its pass hygiene.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fastLossAndGrad } from '../agents/grad.js';
import { ppoLoss, ppoTerms, type PpoLossOptions } from '../agents/losses.js';
import { RolloutBuffer, type Minibatch } from '../agents/rollout-buffer.js';
import { ppoLossReference } from '../agents/test-utils/reference-losses.js';
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

/** The default actor-critic (64 x 64 tanh) on the shapes training builds: as2008 (Box(2)) and coarse-ticks (Discrete(100)). */
const DEFAULT_SPECS: [string, ActorCriticSpec, number][] = [
  ['diag-gaussian (as2008)', { obsDim: 2, outDim: 2, distribution: 'diag-gaussian', net: DEFAULT_NET_CONFIG }, 2],
  ['categorical (coarse-ticks)', { obsDim: 2, outDim: 100, distribution: 'categorical', net: DEFAULT_NET_CONFIG }, 1],
];

/** log pi(a_i | s_i) in float64 from the network outputs `out` (rows of outDim + 1). */
function logProbs(ac: ActorCritic, out: Float32Array, actions: Float32Array, batch: number): Float64Array {
  const d = ac.spec.outDim;
  const stride = d + 1;
  return Float64Array.from({ length: batch }, (_, i) => {
    if (ac.spec.distribution === 'categorical') {
      const row = Array.from(out.subarray(i * stride, i * stride + d));
      const m = Math.max(...row);
      return row[actions[i]!]! - m - Math.log(row.reduce((s, x) => s + Math.exp(x - m), 0));
    }
    const logStd = ac.view('log_std');
    let lp = 0;
    for (let j = 0; j < d; j++) lp += -0.5 * ((actions[i * d + j]! - out[i * stride + j]!) / Math.exp(logStd[j]!)) ** 2 - logStd[j]! - 0.5 * Math.log(2 * Math.PI);
    return lp;
  });
}

/**
 * A PPO minibatch with old log-probs 0.25 N(0, 1) from the current ones, so that a good share of
 * the ratios (about a third) fall outside the clip range, and old values 0.3 N(0, 1) from the
 * current ones (some value clips active).
 */
function ppoMinibatch(ac: ActorCritic, B: number, actDim: number, rng: SeededRandom): Minibatch {
  const mb = new RolloutBuffer(B, 1, ac.spec.obsDim, actDim).allocMinibatch(B);
  mb.obs.set(randomArray(mb.obs.length, rng));
  const out = ac.predict(mb.obs, B);
  const stride = ac.spec.outDim + 1;
  for (let i = 0; i < B; i++) {
    for (let j = 0; j < actDim; j++) mb.actions[i * actDim + j] = ac.spec.distribution === 'categorical' ? rng.int(ac.spec.outDim) : out[i * stride + j]! + 0.5 * rng.normal();
  }
  const logp = logProbs(ac, out, mb.actions, B);
  for (let i = 0; i < B; i++) {
    mb.oldLogProbs[i] = logp[i]! + 0.25 * rng.normal();
    mb.advantages[i] = rng.normal();
    mb.returns[i] = rng.normal();
    mb.oldValues[i] = out[i * stride + stride - 1]! + 0.3 * rng.normal();
  }
  return mb;
}

/** The PPO loss's log-std argument: the view for a Gaussian head, null for a categorical one. */
function logStdOf(ac: ActorCritic): Float32Array | null {
  return ac.spec.distribution === 'diag-gaussian' ? ac.view('log_std') : null;
}

/** `n` distinct parameter indices: up to 8 from every tensor of the layout (log_std included), the rest uniform over all. */
function sampleParams(ac: ActorCritic, n: number, rng: SeededRandom): number[] {
  const picked = new Set<number>();
  for (const e of ac.layout) {
    const want = Math.min(8, e.size);
    const mine = new Set<number>();
    while (mine.size < want) mine.add(e.offset + rng.int(e.size));
    mine.forEach((i) => picked.add(i));
  }
  while (picked.size < n) picked.add(rng.int(ac.numParams));
  return [...picked];
}

describe('MlpEngine backward pass on the default 64x64 actor-critic, through the PPO loss', () => {
  const o: PpoLossOptions = { clipRange: 0.2, clipRangeVf: 0.1, entCoef: 0.01, vfCoef: 0.5 };
  for (const [label, spec, actDim] of DEFAULT_SPECS) {
    // The engine runs in float32 (and its tanh is within 5e-7 of Math.tanh), the differences in
    // float64: tolerance 1e-5 of the gradient's scale (measured ~1e-7), and 1e-4 relative on the
    // entries above 1% of it (measured ~2e-6).
    it(`${label}: central finite differences (float64 network) on 200 seeded parameters of all tensors, to 1e-5 of scale`, () => {
      const ac = randomNet(spec, 21);
      if (spec.distribution === 'diag-gaussian') ac.view('log_std').fill(-0.3);
      ac.markDirty();
      const rng = SeededRandom.fromSeed(22);
      const batch = 32;
      const mb = ppoMinibatch(ac, batch, actDim, rng);
      // The backward pass is linear in the output gradient: backpropagating PPO's (dDist, dValue)
      // at theta_0 is the gradient of L(theta) = sum dDist . dist(theta) + sum dValue . value(theta),
      // which the float64 network differentiates by central differences (error ~ h^2, h = 1e-5).
      const pass = ac.forwardTrain(mb.obs, batch);
      const { dDist, dValue } = ppoLoss(pass.out, spec.outDim, mb, logStdOf(ac), o);
      const grad = pass.backward(dDist, dValue);
      const stride = spec.outDim + 1;
      const linear = (q: Float64Array): number => {
        const y = reference(ac, mb.obs, batch, q);
        let s = 0;
        for (let r = 0; r < batch; r++) {
          for (let j = 0; j < spec.outDim; j++) s += dDist[r * spec.outDim + j]! * y[r * stride + j]!;
          s += dValue[r]! * y[r * stride + spec.outDim]!;
        }
        return s;
      };
      const p = Float64Array.from(ac.params);
      const h = 1e-5;
      const sample = sampleParams(ac, 200, rng);
      const fd = sample.map((i) => {
        const up = Float64Array.from(p);
        const dn = Float64Array.from(p);
        up[i] = p[i]! + h;
        dn[i] = p[i]! - h;
        return (linear(up) - linear(dn)) / (2 * h);
      });
      const scale = Math.max(...fd.map(Math.abs));
      let worstAbs = 0;
      let worstRel = 0;
      sample.forEach((i, t) => {
        const err = Math.abs(grad[i]! - fd[t]!);
        worstAbs = Math.max(worstAbs, err / scale);
        if (Math.abs(fd[t]!) > 1e-2 * scale) worstRel = Math.max(worstRel, err / Math.abs(fd[t]!));
      });
      const logStdAt = ac.layout.find((e) => e.name === 'log_std')?.offset ?? ac.numParams;
      const logStdSampled = sample.filter((i) => i >= logStdAt);
      console.log(`${label}: ${sample.length} parameters (${logStdSampled.length} log_std); |g - fd| / max|fd| <= ${worstAbs.toExponential(2)}, relative (|fd| > 1% of max) <= ${worstRel.toExponential(2)}`);
      // log_std is no input of the network: the engine leaves its slot 0, the differences are 0.
      for (const i of logStdSampled) expect(grad[i]).toBe(0);
      expect(worstAbs).toBeLessThan(1e-5);
      expect(worstRel).toBeLessThan(1e-4);
      ac.dispose();
    });

    // Both sides float32 (tfjs on wasm): tolerance 1e-5 of the gradient's scale (measured ~1e-6).
    it(`${label}: the whole PPO gradient (log_std included) equals the tfjs autodiff reference on every parameter, to 1e-5 of scale`, () => {
      const ac = randomNet(spec, 31);
      if (spec.distribution === 'diag-gaussian') ac.view('log_std').fill(-0.3);
      ac.markDirty();
      const mb = ppoMinibatch(ac, 64, actDim, SeededRandom.fromSeed(32));
      const fast = fastLossAndGrad(ac, mb.obs, mb.size, (out) => ppoLoss(out, spec.outDim, mb, logStdOf(ac), o));
      const ref = ppoLossReference(ac, mb, o, actDim);
      const terms = ppoTerms(fast.result.metrics);
      expect(ref.grad).toHaveLength(ac.numParams);
      const scale = Math.max(...ref.grad.map(Math.abs));
      let worst = 0;
      for (let i = 0; i < ac.numParams; i++) worst = Math.max(worst, Math.abs(fast.grad[i]! - ref.grad[i]!) / scale);
      console.log(`${label}: clip fraction ${terms.clip_fraction.toFixed(3)}; max |fast - autodiff| / max|autodiff| over ${ac.numParams} parameters ${worst.toExponential(2)}`);
      expect(terms.clip_fraction).toBeGreaterThan(0); // clipped and unclipped ratios both present
      expect(terms.clip_fraction).toBeLessThan(1);
      expect(worst).toBeLessThan(1e-5);
      ac.dispose();
    });
  }
});
