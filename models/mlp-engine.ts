/**
 * The actor-critic's forward and backward passes with few tfjs calls (the wasm backend's cost
 * is mostly per-op overhead at these sizes). Two identities do the work:
 *  - tanh(z) = 2 sigmoid(2z) - 1, so with reparametrised weights each tanh layer is ONE fused
 *    matmul + bias + sigmoid on the previous layer's sigmoid output s:
 *      layer 0:        s0 = sigmoid(x (2 W0) + 2 b0)
 *      hidden i >= 1:  si = sigmoid(s_{i-1} (4 Wi) + (2 bi - 2 1^T Wi))
 *      output:         y  = s (2 W) + (b - 1^T W)
 *    (relu layers need no reparametrisation);
 *  - the backward pass is written out (dA = s^T du, dc = 1^T du, ds = du A^T,
 *    du = ds * s (1 - s)) with plain matmuls only (tfjs's transposed matmuls and its transpose
 *    kernel are slow on wasm; s^T comes from a transposed forward pass instead),
 *    and the gradient with respect to the reparametrised (A, c) is mapped back to (W, b) in plain
 *    arrays: dW0 = 2 dA0, db0 = 2 dc0; dWi = 4 dAi - 2 1 dci^T, dbi = 2 dci; dW = 2 dA - 1 dc^T, db = dc.
 * The loss gradient with respect to the outputs comes from the caller (closed forms in
 * agents/losses.ts). Checked against tfjs autodiff of the plain network in mlp-engine.test.ts.
 */
import * as tf from '@tensorflow/tfjs';
import type { ActorCritic } from './actor-critic.js';

interface Branch {
  /** Parameter-entry indices of (kernel, bias) per layer. */
  layers: { kernel: number; bias: number; inDim: number; outDim: number }[];
}

/** Reparametrised weights as tensors: per branch, per layer A, c and A^T. */
interface Uploaded {
  A: tf.Tensor2D[][];
  c: tf.Tensor1D[][];
  At: tf.Tensor2D[][];
}

export interface TrainPass {
  /** [B, outDim + 1]: distribution parameters then the value, per row. */
  readonly out: Float32Array;
  /**
   * Backpropagate dL/d(dist params) [B * outDim] and dL/dV [B]; returns the gradient in the
   * network's flat parameter layout (log_std slot left at 0 for the caller) and frees the pass.
   */
  backward(dDist: Float32Array, dValue: Float32Array): Float32Array;
  /** Free the pass without a backward. */
  dispose(): void;
}

export class MlpEngine {
  private readonly ac: ActorCritic;
  private readonly branches: Branch[];
  private readonly tanh: boolean;
  private uploaded: Uploaded | null = null;

  constructor(ac: ActorCritic) {
    this.ac = ac;
    this.tanh = ac.spec.net.activation === 'tanh';
    const idx = new Map(ac.layout.map((e, i) => [e.name, i]));
    const nh = ac.spec.net.hidden.length;
    this.branches = (['actor', 'critic'] as const).map((b) => ({
      layers: Array.from({ length: nh + 1 }, (_, i) => {
        const name = i < nh ? `${b}/dense_${i}` : b === 'actor' ? 'actor/action_net' : 'critic/value_net';
        const k = idx.get(`${name}/kernel`)!;
        const shape = ac.layout[k]!.shape as [number, number];
        return { kernel: k, bias: idx.get(`${name}/bias`)!, inDim: shape[0], outDim: shape[1] };
      }),
    }));
  }

  /** Drop the uploaded weights (call when the parameters change). */
  invalidate(): void {
    if (this.uploaded !== null) tf.dispose([...this.uploaded.A.flat(), ...this.uploaded.c.flat(), ...this.uploaded.At.flat()]);
    this.uploaded = null;
  }

  private upload(): Uploaded {
    if (this.uploaded !== null) return this.uploaded;
    const p = this.ac.params;
    const lay = this.ac.layout;
    const up: Uploaded = { A: [], c: [], At: [] };
    for (const br of this.branches) {
      const As: tf.Tensor2D[] = [];
      const cs: tf.Tensor1D[] = [];
      const Ats: tf.Tensor2D[] = [];
      br.layers.forEach((l, i) => {
        const W = p.subarray(lay[l.kernel]!.offset, lay[l.kernel]!.offset + l.inDim * l.outDim);
        const b = p.subarray(lay[l.bias]!.offset, lay[l.bias]!.offset + l.outDim);
        const last = i === br.layers.length - 1;
        const [sa, sb, sc] = !this.tanh ? [1, 1, 0] : i === 0 ? (last ? [1, 1, 0] : [2, 2, 0]) : last ? [2, 1, -1] : [4, 2, -2];
        const A = new Float32Array(l.inDim * l.outDim);
        const At = new Float32Array(l.inDim * l.outDim);
        const c = new Float32Array(l.outDim);
        for (let o = 0; o < l.outDim; o++) c[o] = sb * b[o]!;
        for (let r = 0; r < l.inDim; r++) {
          for (let o = 0; o < l.outDim; o++) {
            const w = W[r * l.outDim + o]!;
            A[r * l.outDim + o] = sa * w;
            At[o * l.inDim + r] = sa * w;
            c[o] = c[o]! + sc * w;
          }
        }
        // Kept: the cache outlives any tf.tidy the first use happens in.
        As.push(tf.keep(tf.tensor2d(A, [l.inDim, l.outDim])));
        Ats.push(tf.keep(tf.tensor2d(At, [l.outDim, l.inDim])));
        cs.push(tf.keep(tf.tensor1d(c)));
      });
      up.A.push(As);
      up.c.push(cs);
      up.At.push(Ats);
    }
    this.uploaded = up;
    return up;
  }

  /** Activations of every layer for both branches ([branch][layer]; last = output). */
  private forwardTensors(x: tf.Tensor2D): tf.Tensor2D[][] {
    const up = this.upload();
    return this.branches.map((br, b) => {
      const acts: tf.Tensor2D[] = [];
      let h = x;
      br.layers.forEach((_, i) => {
        const last = i === br.layers.length - 1;
        h = tf.fused.matMul({ a: h, b: up.A[b]![i]!, bias: up.c[b]![i]!, activation: last ? 'linear' : this.tanh ? 'sigmoid' : 'relu' }) as tf.Tensor2D;
        acts.push(h);
      });
      return acts;
    });
  }

  /** One batched forward pass: rows of [dist params..., value]. */
  predict(obs: Float32Array, batch: number): Float32Array {
    const out = tf.tidy(() => {
      const acts = this.forwardTensors(tf.tensor2d(obs, [batch, this.ac.spec.obsDim]));
      return tf.concat([acts[0]![acts[0]!.length - 1]!, acts[1]![acts[1]!.length - 1]!], 1);
    });
    const data = out.dataSync() as Float32Array;
    out.dispose();
    return data;
  }

  /**
   * Forward pass that keeps its activations for one `backward`. The hidden activations are also
   * computed transposed (s^T = act(A^T s_prev^T + c)), because the backward pass needs s^T and
   * wasm's transpose kernel is slower than this extra matmul.
   */
  forwardTrain(obs: Float32Array, batch: number): TrainPass {
    const od = this.ac.spec.obsDim;
    const x = tf.tensor2d(obs, [batch, od]);
    const xtData = new Float32Array(batch * od);
    for (let i = 0; i < batch; i++) for (let j = 0; j < od; j++) xtData[j * batch + i] = obs[i * od + j]!;
    const xt = tf.tensor2d(xtData, [od, batch]);
    const up = this.upload();
    const acts = tf.tidy(() => this.forwardTensors(x));
    const actsT = tf.tidy(() =>
      this.branches.map((br, b) => {
        const out: tf.Tensor2D[] = [];
        let h: tf.Tensor2D = xt;
        for (let i = 0; i < br.layers.length - 1; i++) {
          const z = tf.add(tf.matMul(up.At[b]![i]!, h), tf.reshape(up.c[b]![i]!, [-1, 1]));
          h = (this.tanh ? tf.sigmoid(z) : tf.relu(z)) as tf.Tensor2D;
          out.push(h);
        }
        return out;
      }),
    );
    const out = tf.tidy(() => tf.concat([acts[0]![acts[0]!.length - 1]!, acts[1]![acts[1]!.length - 1]!], 1));
    const data = Float32Array.from(out.dataSync() as Float32Array);
    out.dispose();
    const free = (): void => {
      tf.dispose([x, xt, ...acts.flat(), ...actsT.flat()]);
    };
    return {
      out: data,
      dispose: free,
      backward: (dDist: Float32Array, dValue: Float32Array): Float32Array => {
        const grad = new Float32Array(this.ac.numParams);
        const up = this.upload();
        const lay = this.ac.layout;
        tf.tidy(() => {
          const ones = tf.ones([1, batch]) as tf.Tensor2D;
          this.branches.forEach((br, b) => {
            const L = br.layers.length;
            let g = (b === 0 ? tf.tensor2d(dDist, [batch, br.layers[L - 1]!.outDim]) : tf.tensor2d(dValue, [batch, 1])) as tf.Tensor2D;
            for (let i = L - 1; i >= 0; i--) {
              const l = br.layers[i]!;
              const inputT = i === 0 ? xt : actsT[b]![i - 1]!;
              const dA = tf.matMul(inputT, g).dataSync() as Float32Array;
              const dc = tf.matMul(ones, g).dataSync() as Float32Array;
              const [sa, sb, sc] = !this.tanh ? [1, 1, 0] : i === 0 ? (i === L - 1 ? [1, 1, 0] : [2, 2, 0]) : i === L - 1 ? [2, 1, -1] : [4, 2, -2];
              const kOff = lay[l.kernel]!.offset;
              const bOff = lay[l.bias]!.offset;
              for (let o = 0; o < l.outDim; o++) grad[bOff + o] = sb * dc[o]!;
              for (let r = 0; r < l.inDim; r++) for (let o = 0; o < l.outDim; o++) grad[kOff + r * l.outDim + o] = sa * dA[r * l.outDim + o]! + sc * dc[o]!;
              if (i > 0) {
                const ds = tf.matMul(g, up.At[b]![i]!);
                const s = acts[b]![i - 1]!;
                g = (this.tanh ? tf.mul(ds, tf.mul(s, tf.sub(1, s))) : tf.mul(ds, tf.step(s))) as tf.Tensor2D;
              }
            }
          });
        });
        free();
        return grad;
      },
    };
  }

  dispose(): void {
    this.invalidate();
  }
}
