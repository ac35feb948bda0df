/**
 * The actor-critic network, as Stable-Baselines3's `ActorCriticPolicy` with its defaults
 * (`common/policies.py`): separate actor and critic MLPs (64 x 64, tanh), orthogonal init with
 * gains sqrt(2) (hidden), 0.01 (policy head), 1 (value head), zero biases, and for Gaussian
 * actions a state-independent log-std vector initialised at `logStdInit` (0).
 *
 * The parameters live in one Float32Array (the master copy the optimizers update in place); tfjs
 * tensors are views uploaded on demand and cached until the parameters change.
 */
import * as tf from '@tensorflow/tfjs';
import { MlpEngine, type TrainPass } from './mlp-engine.js';
import { orthogonalMatrix } from './orthogonal.js';
import { SeededRandom } from './random.js';
import { type ActorCriticSpec, type ParamEntry, paramLayout, validateSpec } from './network-spec.js';

export { type Activation, type ActorCriticSpec, DEFAULT_NET_CONFIG, type DistributionKind, type NetConfig, type ParamEntry, paramLayout, validateSpec } from './network-spec.js';

/**
 * Dense layer x W + b with a hand-written gradient. tfjs's own MatMul gradient uses transposed
 * matmuls (transposeA / transposeB), which the wasm backend runs an order of magnitude slower than
 * an explicit transpose followed by a plain matmul; the bias gradient as 1^T dy is a plain matmul
 * too (faster than a reduction over the batch axis). Same values as the autodiff gradient.
 */
export const denseLayer = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, w, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
  save([x, w]);
  return {
    value: tf.fused.matMul({ a: x, b: w, bias: b }) as tf.Tensor,
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, ws] = saved as [tf.Tensor2D, tf.Tensor2D];
      const d = dy as tf.Tensor2D;
      return [tf.matMul(d, tf.transpose(ws)), tf.matMul(tf.transpose(xs), d), tf.reshape(tf.matMul(tf.ones([1, xs.shape[0]]), d), [-1])];
    },
  };
}) as (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor2D;

/** tanh(z) = 2 sigmoid(2z) - 1: the wasm backend's tanh kernel is far slower than its sigmoid. */
export function fastTanh(z: tf.Tensor2D): tf.Tensor2D {
  return tf.sub(tf.mul(2, tf.sigmoid(tf.mul(2, z))), 1);
}
export interface InitOptions {
  /** Seed of the initialiser. */
  seed: number;
  /** Start the policy head at exactly zero (residual policies: correction 0 at the start). */
  zeroPolicyHead?: boolean;
}

export class ActorCritic {
  readonly spec: ActorCriticSpec;
  readonly layout: readonly ParamEntry[];
  /** The master parameters (mutated in place by optimizers; call `markDirty()` afterwards). */
  readonly params: Float32Array;
  private cached: tf.Tensor[] | null = null;
  private engine: MlpEngine | null = null;

  constructor(spec: ActorCriticSpec, params?: Float32Array) {
    validateSpec(spec);
    this.spec = spec;
    this.layout = paramLayout(spec);
    const last = this.layout[this.layout.length - 1]!;
    const n = last.offset + last.size;
    if (params !== undefined && params.length !== n) {
      throw new RangeError(`ActorCritic: parameter vector has ${params.length} values, the network needs ${n}`);
    }
    this.params = params ?? new Float32Array(n);
  }

  /** A freshly initialised network (SB3 init). */
  static create(spec: ActorCriticSpec, opts: InitOptions): ActorCritic {
    const ac = new ActorCritic(spec);
    const rng = SeededRandom.fromSeed(opts.seed);
    for (const e of ac.layout) {
      const view = ac.params.subarray(e.offset, e.offset + e.size);
      if (e.name === 'log_std') view.fill(spec.net.logStdInit);
      else if (e.name.endsWith('/bias')) view.fill(0);
      else {
        const [rows, cols] = e.shape as [number, number];
        const gain = e.name.includes('action_net') ? (opts.zeroPolicyHead === true ? 0 : 0.01) : e.name.includes('value_net') ? 1 : Math.SQRT2;
        if (spec.net.orthoInit) view.set(orthogonalMatrix(rows, cols, gain, rng));
        else {
          const scale = Math.sqrt(2 / (rows + cols)) * (gain === 0 ? 0 : 1);
          for (let i = 0; i < view.length; i++) view[i] = scale * rng.normal();
        }
      }
    }
    return ac;
  }

  get numParams(): number {
    return this.params.length;
  }

  entry(name: string): ParamEntry {
    const e = this.layout.find((x) => x.name === name);
    if (e === undefined) throw new RangeError(`ActorCritic: no parameter named '${name}'`);
    return e;
  }

  view(name: string): Float32Array {
    const e = this.entry(name);
    return this.params.subarray(e.offset, e.offset + e.size);
  }

  /** Signal that `params` changed (drops the cached tensors). */
  markDirty(): void {
    if (this.cached !== null) for (const t of this.cached) t.dispose();
    this.cached = null;
    this.engine?.invalidate();
  }

  private fast(): MlpEngine {
    this.engine ??= new MlpEngine(this);
    return this.engine;
  }

  /**
   * Forward pass for training: outputs per row [dist params..., value] and a `backward` that
   * returns the parameter gradient for given output gradients (see mlp-engine.ts).
   */
  forwardTrain(obs: Float32Array, batch: number): TrainPass {
    const d = this.spec.obsDim;
    if (obs.length < batch * d) throw new RangeError(`forwardTrain: obs has ${obs.length} values, expected batch ${batch} x obsDim ${d}`);
    return this.fast().forwardTrain(obs.length === batch * d ? obs : obs.subarray(0, batch * d), batch);
  }

  /** The parameters as tensors (layout order), cached until `markDirty()`. Owned by this object. */
  tensors(): tf.Tensor[] {
    if (this.cached === null) {
      this.cached = this.layout.map((e) => tf.tensor(this.params.subarray(e.offset, e.offset + e.size), e.shape as number[], 'float32'));
    }
    return this.cached;
  }

  /**
   * Forward pass as a pure function of the parameter tensors (so tf.grads can differentiate it):
   * `dist` = Gaussian mean or categorical logits [B, outDim], `value` [B].
   */
  forward(p: readonly tf.Tensor[], obs: tf.Tensor2D): { dist: tf.Tensor2D; value: tf.Tensor1D; logStd: tf.Tensor1D | null } {
    const nh = this.spec.net.hidden.length;
    const act = this.spec.net.activation;
    const mlp = (start: number): tf.Tensor2D => {
      let h: tf.Tensor2D = obs;
      for (let i = 0; i <= nh; i++) {
        h = denseLayer(h, p[start + 2 * i] as tf.Tensor2D, p[start + 2 * i + 1] as tf.Tensor1D);
        if (i < nh) h = act === 'tanh' ? fastTanh(h) : tf.relu(h);
      }
      return h;
    };
    const perBranch = 2 * (nh + 1);
    const dist = mlp(0);
    const value = tf.reshape(mlp(perBranch), [-1]) as tf.Tensor1D;
    const logStd = this.spec.distribution === 'diag-gaussian' ? (p[2 * perBranch] as tf.Tensor1D) : null;
    return { dist, value, logStd };
  }

  /**
   * One batched forward pass (the wasm kernels of mlp-engine.ts), copied out at
   * once: row i of the result holds `outDim` distribution parameters then the value.
   */
  predict(obs: Float32Array, batch: number): Float32Array {
    const d = this.spec.obsDim;
    if (obs.length !== batch * d) throw new RangeError(`predict: obs has ${obs.length} values, expected batch ${batch} x obsDim ${d}`);
    return this.fast().predict(obs, batch);
  }

  /** An independent copy (own parameters, no cached tensors). */
  clone(): ActorCritic {
    return new ActorCritic(this.spec, Float32Array.from(this.params));
  }

  dispose(): void {
    this.markDirty();
  }
}
