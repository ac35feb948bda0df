/**
 * The optimizers SB3 uses, with PyTorch's exact update rules, on the flat parameter vector:
 *  - Adam (Kingma & Ba 2015, Alg. 1; torch.optim.Adam): m <- b1 m + (1-b1) g, v <- b2 v + (1-b2) g^2,
 *    p <- p - lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps). SB3's PPO passes eps = 1e-5
 *    (tfjs's default would be 1e-7).
 *  - RMSprop (Hinton 2012; torch.optim.RMSprop, not centred): v <- a v + (1-a) g^2,
 *    p <- p - lr * g / (sqrt(v) + eps). SB3's A2C: alpha 0.99, eps 1e-5.
 *  - Global gradient-norm clipping (torch `clip_grad_norm_`): g <- g * min(1, c / (||g|| + 1e-6)).
 * The state is plain arrays, saved in checkpoints so a resumed run continues exactly.
 */

export interface OptimizerState {
  kind: 'adam' | 'rmsprop';
  step: number;
  /** Adam's first moment (absent for RMSprop). */
  m?: number[];
  /** Second-moment estimate (Adam's v, RMSprop's square_avg). */
  v: number[];
}

export interface Optimizer {
  readonly kind: 'adam' | 'rmsprop';
  /** In-place update of `params` with gradient `grad` at learning rate `lr`. */
  step(params: Float32Array, grad: Float32Array, lr: number): void;
  state(): OptimizerState;
  loadState(s: OptimizerState): void;
}

export class Adam implements Optimizer {
  readonly kind = 'adam' as const;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  private readonly m: Float32Array;
  private readonly v: Float32Array;
  private t = 0;

  constructor(numParams: number, opts: { beta1?: number; beta2?: number; eps?: number } = {}) {
    this.beta1 = opts.beta1 ?? 0.9;
    this.beta2 = opts.beta2 ?? 0.999;
    this.eps = opts.eps ?? 1e-8;
    this.m = new Float32Array(numParams);
    this.v = new Float32Array(numParams);
  }

  step(params: Float32Array, grad: Float32Array, lr: number): void {
    this.t++;
    const { beta1: b1, beta2: b2, eps } = this;
    const stepSize = lr / (1 - b1 ** this.t);
    const bc2Sqrt = Math.sqrt(1 - b2 ** this.t);
    const m = this.m;
    const v = this.v;
    for (let i = 0; i < params.length; i++) {
      const g = grad[i]!;
      const mi = (m[i] = m[i]! + (1 - b1) * (g - m[i]!));
      const vi = (v[i] = b2 * v[i]! + (1 - b2) * g * g);
      params[i] = params[i]! - (stepSize * mi) / (Math.sqrt(vi) / bc2Sqrt + eps);
    }
  }

  state(): OptimizerState {
    return { kind: 'adam', step: this.t, m: Array.from(this.m), v: Array.from(this.v) };
  }

  loadState(s: OptimizerState): void {
    if (s.kind !== 'adam' || s.m === undefined || s.m.length !== this.m.length || s.v.length !== this.v.length) {
      throw new RangeError(`optimizer state: expected adam with ${this.m.length} moments, got ${s.kind} with ${s.m?.length ?? 0}/${s.v.length}`);
    }
    if (!(Number.isInteger(s.step) && s.step >= 0)) throw new RangeError(`optimizer state step must be an integer >= 0, got ${String(s.step)}`);
    if (!s.m.every(Number.isFinite) || !s.v.every((x) => Number.isFinite(x) && x >= 0)) throw new RangeError('optimizer state: moments must be finite (second moments >= 0)');
    this.t = s.step;
    this.m.set(s.m);
    this.v.set(s.v);
  }
}

export class RMSprop implements Optimizer {
  readonly kind = 'rmsprop' as const;
  readonly alpha: number;
  readonly eps: number;
  private readonly v: Float32Array;
  private t = 0;

  constructor(numParams: number, opts: { alpha?: number; eps?: number } = {}) {
    this.alpha = opts.alpha ?? 0.99;
    this.eps = opts.eps ?? 1e-8;
    this.v = new Float32Array(numParams);
  }

  step(params: Float32Array, grad: Float32Array, lr: number): void {
    this.t++;
    const { alpha, eps } = this;
    const v = this.v;
    for (let i = 0; i < params.length; i++) {
      const g = grad[i]!;
      const vi = (v[i] = alpha * v[i]! + (1 - alpha) * g * g);
      params[i] = params[i]! - (lr * g) / (Math.sqrt(vi) + eps);
    }
  }

  state(): OptimizerState {
    return { kind: 'rmsprop', step: this.t, v: Array.from(this.v) };
  }

  loadState(s: OptimizerState): void {
    if (s.kind !== 'rmsprop' || s.v.length !== this.v.length) {
      throw new RangeError(`optimizer state: expected rmsprop with ${this.v.length} values, got ${s.kind} with ${s.v.length}`);
    }
    this.t = s.step;
    this.v.set(s.v);
  }
}

/** Scale `grad` in place so its L2 norm is at most `maxNorm`; returns the norm before clipping. */
export function clipGradNorm(grad: Float32Array, maxNorm: number): number {
  let ss = 0;
  for (let i = 0; i < grad.length; i++) ss += grad[i]! * grad[i]!;
  const norm = Math.sqrt(ss);
  const coef = maxNorm / (norm + 1e-6);
  if (coef < 1) for (let i = 0; i < grad.length; i++) grad[i] = grad[i]! * coef;
  return norm;
}
