/**
 * The PPO and A2C losses and their gradients with respect to the network outputs, in closed form
 * on plain arrays (the network part of backpropagation is models/mlp-engine.ts). Formulas:
 *  Gaussian (mean mu, log-std s, sigma = e^s, z = (a - mu) / sigma):
 *    log p = sum_j (-z_j^2 / 2 - s_j - log(2 pi) / 2);  d log p / d mu_j = z_j / sigma_j;
 *    d log p / d s_j = z_j^2 - 1;  H = sum_j (s_j + (1 + log 2 pi) / 2), dH / ds_j = 1.
 *  Categorical (logits l, p = softmax l): d log p(a) / d l_k = [k = a] - p_k;
 *    H = -sum p_k log p_k, dH / d l_k = -p_k (log p_k + H).
 *  Multi-categorical (one softmax per factor f, joint action (a_0 .. a_{F-1})): log p = sum_f
 *    log p_f(a_f), so each factor's block is the categorical's; H = sum_f H_f, dH / d l_{f,k} =
 *    -p_{f,k} (log p_{f,k} + H_f).
 *  PPO (Schulman et al. 2017, eq. 7): r = exp(log p - log p_old),
 *    L_pg = -mean(min(A r, A clip(r, 1 - eps, 1 + eps))), dL_pg / dr = -A / B where the
 *    unclipped term is the minimum (else 0); L_vf = mean((R - V')^2) with V' optionally clipped
 *    around V_old (gradient 0 where the clip is active); L = L_pg - entCoef mean H + vfCoef L_vf.
 *  A2C: L_pg = -mean(A log p).
 * Checked against tfjs autodiff of the same losses in losses.test.ts.
 */
import { splitIndex } from '../models/distributions.js';
import type { Minibatch } from './rollout-buffer.js';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

export interface OutputGrad {
  /** dL / d(dist params), B x outDim. */
  dDist: Float32Array;
  /** dL / dV, B. */
  dValue: Float32Array;
  /** dL / d log_std (Gaussian only). */
  dLogStd: Float32Array | null;
}

/** Per-row log-probs and their derivatives, and the entropy, for the network outputs of a batch. */
interface PolicyEval {
  logp: Float64Array;
  /** d log p_i / d dist_ij (B x outDim). */
  dlogp: Float64Array;
  /** Gaussian: z_ij^2 - 1 (d log p_i / d s_j). */
  dlogpDs: Float64Array | null;
  /** Mean entropy. */
  entropy: number;
  /** Categorical: p (B x outDim) and the entropy per row and factor (B x F), for the entropy gradient. */
  probs: Float64Array | null;
  rowEntropy: Float64Array | null;
}

function evalPolicy(out: Float32Array, stride: number, outDim: number, batch: number, actions: Float32Array, logStd: Float32Array | null, nvec: readonly number[] | undefined): PolicyEval {
  const logp = new Float64Array(batch);
  const dlogp = new Float64Array(batch * outDim);
  if (logStd !== null) {
    const d = outDim;
    const dlogpDs = new Float64Array(batch * d);
    let sumS = 0;
    for (let j = 0; j < d; j++) sumS += logStd[j]!;
    for (let i = 0; i < batch; i++) {
      let lp = -sumS - HALF_LOG_2PI * d;
      for (let j = 0; j < d; j++) {
        const sigma = Math.exp(logStd[j]!);
        const z = (actions[i * d + j]! - out[i * stride + j]!) / sigma;
        lp -= 0.5 * z * z;
        dlogp[i * d + j] = z / sigma;
        dlogpDs[i * d + j] = z * z - 1;
      }
      logp[i] = lp;
    }
    return { logp, dlogp, dlogpDs, entropy: sumS + (0.5 + HALF_LOG_2PI) * d, probs: null, rowEntropy: null };
  }
  // one softmax per factor (a plain categorical is the one factor nvec = [outDim])
  const factors = nvec ?? [outDim];
  const F = factors.length;
  const probs = new Float64Array(batch * outDim);
  const rowEntropy = new Float64Array(batch * F);
  const digits = new Int32Array(F);
  let entSum = 0;
  for (let i = 0; i < batch; i++) {
    splitIndex(actions[i]!, factors, digits);
    let lpSum = 0;
    let o = 0;
    for (let f = 0; f < F; f++) {
      const n = factors[f]!;
      const row = i * stride + o;
      let m = -Infinity;
      for (let k = 0; k < n; k++) m = Math.max(m, out[row + k]!);
      let s = 0;
      for (let k = 0; k < n; k++) s += Math.exp(out[row + k]! - m);
      const lse = m + Math.log(s);
      const a = digits[f]!;
      let h = 0;
      for (let k = 0; k < n; k++) {
        const lpk = out[row + k]! - lse;
        const pk = Math.exp(lpk);
        probs[i * outDim + o + k] = pk;
        h -= pk * lpk;
        dlogp[i * outDim + o + k] = (k === a ? 1 : 0) - pk;
      }
      lpSum = f === 0 ? out[row + a]! - lse : lpSum + (out[row + a]! - lse);
      rowEntropy[i * F + f] = h;
      entSum += h;
      o += n;
    }
    logp[i] = lpSum;
  }
  return { logp, dlogp, dlogpDs: null, entropy: entSum / batch, probs, rowEntropy };
}

/** Chain dL/dlog p_i (and the entropy coefficient) into the output gradient. */
function assemble(pe: PolicyEval, dLdLogp: Float64Array, outDim: number, batch: number, entCoef: number, logStd: Float32Array | null, nvec: readonly number[] | undefined): Pick<OutputGrad, 'dDist' | 'dLogStd'> {
  const dDist = new Float32Array(batch * outDim);
  for (let i = 0; i < batch; i++) for (let k = 0; k < outDim; k++) dDist[i * outDim + k] = dLdLogp[i]! * pe.dlogp[i * outDim + k]!;
  if (logStd !== null) {
    const dLogStd = new Float32Array(outDim);
    for (let j = 0; j < outDim; j++) {
      let s = -entCoef; // d(-entCoef * H)/ds_j
      for (let i = 0; i < batch; i++) s += dLdLogp[i]! * pe.dlogpDs![i * outDim + j]!;
      dLogStd[j] = s;
    }
    return { dDist, dLogStd };
  }
  if (entCoef !== 0) {
    const factors = nvec ?? [outDim];
    const F = factors.length;
    for (let i = 0; i < batch; i++) {
      let o = 0;
      for (let f = 0; f < F; f++) {
        const h = pe.rowEntropy![i * F + f]!;
        for (let k = o; k < o + factors[f]!; k++) {
          const pk = pe.probs![i * outDim + k]!;
          dDist[i * outDim + k] = dDist[i * outDim + k]! + ((entCoef / batch) * pk * (Math.log(Math.max(pk, 1e-30)) + h));
        }
        o += factors[f]!;
      }
    }
  }
  return { dDist, dLogStd: null };
}

export interface PpoLossOptions {
  clipRange: number;
  clipRangeVf: number | null;
  entCoef: number;
  vfCoef: number;
  /** Multi-categorical policies: the categories per factor (models/network-spec.ts); absent otherwise. */
  nvec?: readonly number[] | undefined;
}

/**
 * The named loss terms of a PPO minibatch (SB3's `train/*` keys), in the order of the flat
 * `metrics` vector the gradient workers pass through shared memory: read it with `PPO_TERMS.x`
 * or `ppoTerms(metrics)`, never by a bare index.
 */
export const PPO_TERMS = Object.freeze({ policy_gradient_loss: 0, value_loss: 1, entropy_loss: 2, approx_kl: 3, clip_fraction: 4, loss: 5 } as const);
export type PpoTermName = keyof typeof PPO_TERMS;
export const PPO_TERM_NAMES = Object.freeze(Object.keys(PPO_TERMS) as PpoTermName[]);

/** The named A2C loss terms, in the order of its metrics vector (read with `A2C_TERMS.x` or `a2cTerms(metrics)`). */
export const A2C_TERMS = Object.freeze({ policy_gradient_loss: 0, value_loss: 1, entropy_loss: 2, loss: 3 } as const);
export type A2cTermName = keyof typeof A2C_TERMS;
export const A2C_TERM_NAMES = Object.freeze(Object.keys(A2C_TERMS) as A2cTermName[]);

/** A metrics vector as its named record. */
export function ppoTerms(metrics: ArrayLike<number>): Record<PpoTermName, number> {
  return Object.fromEntries(PPO_TERM_NAMES.map((k) => [k, metrics[PPO_TERMS[k]]!])) as Record<PpoTermName, number>;
}

/** An A2C metrics vector as its named record. */
export function a2cTerms(metrics: ArrayLike<number>): Record<A2cTermName, number> {
  return Object.fromEntries(A2C_TERM_NAMES.map((k) => [k, metrics[A2C_TERMS[k]]!])) as Record<A2cTermName, number>;
}

export interface PpoLossResult extends OutputGrad {
  /** The loss terms, indexed by PPO_TERMS. */
  metrics: Float64Array;
}

/** PPO loss of a minibatch given the network outputs (rows of stride outDim + 1, value last). */
export function ppoLoss(out: Float32Array, outDim: number, mb: Minibatch, logStd: Float32Array | null, o: PpoLossOptions): PpoLossResult {
  const B = mb.size;
  const stride = outDim + 1;
  const pe = evalPolicy(out, stride, outDim, B, mb.actions, logStd, o.nvec);
  const dLdLogp = new Float64Array(B);
  const dValue = new Float32Array(B);
  const eps = o.clipRange;
  let pg = 0;
  let kl = 0;
  let clipped = 0;
  let vl = 0;
  for (let i = 0; i < B; i++) {
    const logRatio = pe.logp[i]! - mb.oldLogProbs[i]!;
    const r = Math.exp(logRatio);
    const A = mb.advantages[i]!;
    const rc = r < 1 - eps ? 1 - eps : r > 1 + eps ? 1 + eps : r;
    const t1 = A * r;
    const t2 = A * rc;
    pg -= Math.min(t1, t2);
    if (t1 <= t2) dLdLogp[i] = (-A / B) * r;
    kl += r - 1 - logRatio;
    if (Math.abs(r - 1) > eps) clipped++;
    const v = out[i * stride + outDim]!;
    let vPred = v;
    let pass = 1;
    if (o.clipRangeVf !== null) {
      const dv = v - mb.oldValues[i]!;
      const c = o.clipRangeVf;
      if (dv > c || dv < -c) pass = 0;
      vPred = mb.oldValues[i]! + (dv > c ? c : dv < -c ? -c : dv);
    }
    const err = vPred - mb.returns[i]!;
    vl += err * err;
    dValue[i] = ((o.vfCoef * 2 * err) / B) * pass;
  }
  pg /= B;
  vl /= B;
  const entropyLoss = -pe.entropy;
  const { dDist, dLogStd } = assemble(pe, dLdLogp, outDim, B, o.entCoef, logStd, o.nvec);
  const loss = pg + o.entCoef * entropyLoss + o.vfCoef * vl;
  return { dDist, dValue, dLogStd, metrics: Float64Array.of(pg, vl, entropyLoss, kl / B, clipped / B, loss) };
}

export interface A2cLossResult extends OutputGrad {
  /** The loss terms, indexed by A2C_TERMS. */
  metrics: Float64Array;
}

/** A2C loss of a batch given the network outputs. */
export function a2cLoss(out: Float32Array, outDim: number, mb: Minibatch, logStd: Float32Array | null, o: { entCoef: number; vfCoef: number; nvec?: readonly number[] | undefined }): A2cLossResult {
  const B = mb.size;
  const stride = outDim + 1;
  const pe = evalPolicy(out, stride, outDim, B, mb.actions, logStd, o.nvec);
  const dLdLogp = new Float64Array(B);
  const dValue = new Float32Array(B);
  let pg = 0;
  let vl = 0;
  for (let i = 0; i < B; i++) {
    const A = mb.advantages[i]!;
    pg -= A * pe.logp[i]!;
    dLdLogp[i] = -A / B;
    const err = out[i * stride + outDim]! - mb.returns[i]!;
    vl += err * err;
    dValue[i] = (o.vfCoef * 2 * err) / B;
  }
  pg /= B;
  vl /= B;
  const entropyLoss = -pe.entropy;
  const { dDist, dLogStd } = assemble(pe, dLdLogp, outDim, B, o.entCoef, logStd, o.nvec);
  return { dDist, dValue, dLogStd, metrics: Float64Array.of(pg, vl, entropyLoss, pg + o.entCoef * entropyLoss + o.vfCoef * vl) };
}
