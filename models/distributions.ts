/**
 * Action distributions (Stable-Baselines3 `common/distributions.py`), each in two forms: tfjs ops
 * for the differentiable loss, and plain-array routines for rollouts (sampling with the agent's
 * seeded generator, no tensor per env).
 *
 * DiagGaussian, mean mu, state-independent log-std s (sigma = e^s), d dimensions:
 *   log p(a) = sum_j [ -(a_j - mu_j)^2 / (2 sigma_j^2) - s_j - log(2 pi)/2 ]
 *   H        = sum_j [ s_j + (1 + log(2 pi)) / 2 ]
 * Categorical with logits l over n classes, p = softmax(l):
 *   log p(k) = l_k - logsumexp(l),   H = -sum_k p_k log p_k
 * MultiCategorical (SB3 MultiCategoricalDistribution, MultiDiscrete(nvec)): logits split into one
 * block per factor f of n_f classes; a joint index i = mixed radix (i_0 ... i_{F-1}) over nvec,
 * the first factor most significant; the factors are independent:
 *   log p(i) = sum_f log p_f(i_f),   H = sum_f H_f
 */
import * as tf from '@tensorflow/tfjs';
import type { SeededRandom } from './random.js';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

export const DiagGaussian = {
  /** log p(actions) per row: mean [B, d], logStd [d], actions [B, d] -> [B]. */
  logProb(mean: tf.Tensor2D, logStd: tf.Tensor1D, actions: tf.Tensor2D): tf.Tensor1D {
    const z = tf.div(tf.sub(actions, mean), tf.exp(logStd));
    return tf.sub(tf.mul(-0.5, tf.sum(tf.square(z), 1)), tf.add(tf.sum(logStd), HALF_LOG_2PI * mean.shape[1])) as tf.Tensor1D;
  },
  /** Entropy (the same for every row, since the std does not depend on the state): scalar. */
  entropy(logStd: tf.Tensor1D): tf.Scalar {
    return tf.add(tf.sum(logStd), (0.5 + HALF_LOG_2PI) * logStd.shape[0]) as tf.Scalar;
  },
  /**
   * Draw one action per row into `out` (mean + sigma * z) and return log-probs (exact, from z).
   * `mean` has stride `stride` (rows may carry extra columns such as the value).
   */
  sample(mean: Float32Array, stride: number, batch: number, logStd: Float32Array, rng: SeededRandom, out: Float32Array, logProbOut: Float32Array): void {
    const d = logStd.length;
    let constTerm = 0;
    for (let j = 0; j < d; j++) constTerm += logStd[j]! + HALF_LOG_2PI;
    for (let i = 0; i < batch; i++) {
      let ss = 0;
      for (let j = 0; j < d; j++) {
        const z = rng.normal();
        const a = Math.fround(mean[i * stride + j]! + Math.exp(logStd[j]!) * z);
        out[i * d + j] = a;
        const zz = (a - mean[i * stride + j]!) / Math.exp(logStd[j]!);
        ss += zz * zz;
      }
      logProbOut[i] = -0.5 * ss - constTerm;
    }
  },
  logProbJs(mean: ArrayLike<number>, logStd: ArrayLike<number>, action: ArrayLike<number>): number {
    let lp = 0;
    for (let j = 0; j < logStd.length; j++) {
      const z = (action[j]! - mean[j]!) / Math.exp(logStd[j]!);
      lp += -0.5 * z * z - logStd[j]! - HALF_LOG_2PI;
    }
    return lp;
  },
  entropyJs(logStd: ArrayLike<number>): number {
    let h = 0;
    for (let j = 0; j < logStd.length; j++) h += logStd[j]! + 0.5 + HALF_LOG_2PI;
    return h;
  },
};

export const Categorical = {
  /** log p(actions) per row: logits [B, n], actions [B] (class indices as floats) -> [B]. */
  logProb(logits: tf.Tensor2D, actions: tf.Tensor1D): tf.Tensor1D {
    const n = logits.shape[1];
    const oneHot = tf.oneHot(tf.cast(actions, 'int32'), n);
    return tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), 1) as tf.Tensor1D;
  },
  /** Entropy per row: [B]. */
  entropy(logits: tf.Tensor2D): tf.Tensor1D {
    const logp = tf.logSoftmax(logits);
    return tf.neg(tf.sum(tf.mul(tf.exp(logp), logp), 1)) as tf.Tensor1D;
  },
  /** Log-softmax of one row of logits (stable). */
  logSoftmaxJs(logits: ArrayLike<number>, offset: number, n: number, out: Float64Array): void {
    let m = -Infinity;
    for (let k = 0; k < n; k++) m = Math.max(m, logits[offset + k]!);
    let s = 0;
    for (let k = 0; k < n; k++) s += Math.exp(logits[offset + k]! - m);
    const lse = m + Math.log(s);
    for (let k = 0; k < n; k++) out[k] = logits[offset + k]! - lse;
  },
  /** Draw one class per row by inverse CDF; writes indices to `out` and log-probs to `logProbOut`. */
  sample(logits: Float32Array, stride: number, batch: number, n: number, rng: SeededRandom, out: Float32Array, logProbOut: Float32Array): void {
    const lp = new Float64Array(n);
    for (let i = 0; i < batch; i++) {
      Categorical.logSoftmaxJs(logits, i * stride, n, lp);
      const u = rng.uniform();
      let c = 0;
      let k = 0;
      for (; k < n - 1; k++) {
        c += Math.exp(lp[k]!);
        if (u < c) break;
      }
      out[i] = k;
      logProbOut[i] = lp[k]!;
    }
  },
  /** Index of the largest logit of each row. */
  argmax(logits: Float32Array, stride: number, batch: number, n: number, out: Float32Array): void {
    for (let i = 0; i < batch; i++) {
      let best = 0;
      for (let k = 1; k < n; k++) if (logits[i * stride + k]! > logits[i * stride + best]!) best = k;
      out[i] = best;
    }
  },
};

/** Factor indices of the joint index `i` over `nvec` (mixed radix, first factor most significant), into out[0..F). */
export function splitIndex(i: number, nvec: readonly number[], out: Int32Array): void {
  let rest = i;
  for (let f = nvec.length - 1; f >= 0; f--) {
    const n = nvec[f]!;
    out[f] = rest % n;
    rest = Math.floor(rest / n);
  }
}

export const MultiCategorical = {
  /** log p(actions) per row: logits [B, sum nvec], joint actions [B] -> [B]. */
  logProb(logits: tf.Tensor2D, actions: tf.Tensor1D, nvec: readonly number[]): tf.Tensor1D {
    return tf.tidy(() => {
      const idx = tf.cast(actions, 'int32');
      const blocks = tf.split(logits, [...nvec], 1);
      let radix = 1;
      const parts: tf.Tensor1D[] = [];
      for (let f = nvec.length - 1; f >= 0; f--) {
        const n = nvec[f]!;
        const digit = tf.mod(tf.floorDiv(idx, tf.scalar(radix, 'int32')), tf.scalar(n, 'int32')) as tf.Tensor1D;
        parts.push(Categorical.logProb(blocks[f] as tf.Tensor2D, digit));
        radix *= n;
      }
      return tf.addN(parts) as tf.Tensor1D;
    });
  },
  /** Entropy per row (sum over the factors): [B]. */
  entropy(logits: tf.Tensor2D, nvec: readonly number[]): tf.Tensor1D {
    return tf.tidy(() => tf.addN(tf.split(logits, [...nvec], 1).map((b) => Categorical.entropy(b as tf.Tensor2D))) as tf.Tensor1D);
  },
  /** log p of the joint index `a` from one row of logits at `offset` (each factor's log-softmax into `lp`, sum nvec long). */
  logSoftmaxJs(logits: ArrayLike<number>, offset: number, nvec: readonly number[], lp: Float64Array): void {
    let o = 0;
    for (const n of nvec) {
      Categorical.logSoftmaxJs(logits, offset + o, n, lp.subarray(o, o + n));
      o += n;
    }
  },
  /** Draw each factor by inverse CDF (factor order, one uniform each); writes joint indices and log-probs. */
  sample(logits: Float32Array, stride: number, batch: number, nvec: readonly number[], rng: SeededRandom, out: Float32Array, logProbOut: Float32Array): void {
    const total = nvec.reduce((a, b) => a + b, 0);
    const lp = new Float64Array(total);
    for (let i = 0; i < batch; i++) {
      MultiCategorical.logSoftmaxJs(logits, i * stride, nvec, lp);
      let joint = 0;
      let logp = 0;
      let o = 0;
      for (const n of nvec) {
        const u = rng.uniform();
        let c = 0;
        let k = 0;
        for (; k < n - 1; k++) {
          c += Math.exp(lp[o + k]!);
          if (u < c) break;
        }
        joint = joint * n + k;
        logp += lp[o + k]!;
        o += n;
      }
      out[i] = joint;
      logProbOut[i] = logp;
    }
  },
  /** The joint index of each factor's largest logit (the product distribution's mode). */
  argmax(logits: Float32Array, stride: number, batch: number, nvec: readonly number[], out: Float32Array): void {
    for (let i = 0; i < batch; i++) {
      let joint = 0;
      let o = i * stride;
      for (const n of nvec) {
        let best = 0;
        for (let k = 1; k < n; k++) if (logits[o + k]! > logits[o + best]!) best = k;
        joint = joint * n + best;
        o += n;
      }
      out[i] = joint;
    }
  },
};
