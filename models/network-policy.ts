/**
 * A trained network as a `Policy`: raw observations in, env actions out. It applies its own
 * observation normalisation (the statistics it was trained with), takes the Gaussian mean or the
 * categorical argmax by default (`deterministic: false` samples with its own seeded generator),
 * adds a base policy's action for residual policies, and clips to the action space.
 */
import { assertFiniteObservations } from '../util/finite-obs.js';
import type { EnvConfig } from '../env/config.js';
import type { Policy } from '../env/types.js';
import type { ActorCritic } from './actor-critic.js';
import { Categorical, DiagGaussian, MultiCategorical } from './distributions.js';
import { SeededRandom } from './random.js';

/** A policy's action space; a discrete one with `nvec` is a product of Discrete(nvec[f]) (a multi-categorical policy, models/network-spec.ts). */
export type ActionSpaceSpec = { kind: 'box'; low: number[]; high: number[] } | { kind: 'discrete'; n: number; nvec?: number[] };

/** The observation normalisation a policy applies (VecNormalize's obs statistics). */
export interface ObsNormSpec {
  mean: number[];
  var: number[];
  clip: number;
  epsilon: number;
}

export interface NetworkPolicyOptions {
  name: string;
  ac: ActorCritic;
  actionSpace: ActionSpaceSpec;
  obsNorm: ObsNormSpec | null;
  spec?: EnvConfig;
  /** Residual policies: the base policy whose action the network corrects. */
  residualBase?: Policy | null;
  /** Seed of the generator used when acting stochastically. @defaultValue 0 */
  seed?: number;
}

/** Clip action rows to a box in place. */
export function clipToBox(a: Float32Array, batch: number, low: ArrayLike<number>, high: ArrayLike<number>): void {
  const d = low.length;
  for (let i = 0; i < batch; i++) {
    for (let j = 0; j < d; j++) {
      const v = a[i * d + j]!;
      a[i * d + j] = v < low[j]! ? low[j]! : v > high[j]! ? high[j]! : v;
    }
  }
}

export class NetworkPolicy implements Policy {
  readonly name: string;
  readonly spec?: EnvConfig;
  readonly ac: ActorCritic;
  readonly actionSpace: ActionSpaceSpec;
  readonly obsNorm: ObsNormSpec | null;
  readonly residualBase: Policy | null;
  private readonly rng: SeededRandom;

  constructor(o: NetworkPolicyOptions) {
    this.name = o.name;
    if (o.spec !== undefined) this.spec = o.spec;
    this.ac = o.ac;
    this.actionSpace = o.actionSpace;
    this.obsNorm = o.obsNorm;
    this.residualBase = o.residualBase ?? null;
    this.rng = SeededRandom.fromSeed(o.seed ?? 0);
    const od = o.ac.spec.obsDim;
    if (o.obsNorm !== null && (o.obsNorm.mean.length !== od || o.obsNorm.var.length !== od)) {
      throw new RangeError(`NetworkPolicy: normalisation has ${o.obsNorm.mean.length} dims, network obsDim is ${od}`);
    }
    if (this.residualBase !== null && o.actionSpace.kind !== 'box') throw new RangeError('NetworkPolicy: residual policies need a Box action space');
  }

  get obsDim(): number {
    return this.ac.spec.obsDim;
  }

  get actDim(): number {
    return this.actionSpace.kind === 'box' ? this.actionSpace.low.length : 1;
  }

  /** Normalised observations as the network sees them. */
  normalize(obs: Float32Array, batch: number): Float32Array {
    const d = this.obsDim;
    if (this.obsNorm === null) return obs;
    const { mean, var: v, clip, epsilon } = this.obsNorm;
    const out = new Float32Array(batch * d);
    for (let i = 0; i < batch; i++) {
      for (let j = 0; j < d; j++) {
        const z = (obs[i * d + j]! - mean[j]!) / Math.sqrt(v[j]! + epsilon);
        out[i * d + j] = z > clip ? clip : z < -clip ? -clip : z;
      }
    }
    return out;
  }

  act(obs: Float32Array, batch: number, opts?: { deterministic?: boolean }): Float32Array {
    const d = this.obsDim;
    if (!Number.isInteger(batch) || batch < 1) throw new RangeError(`${this.name}.act: batch must be an integer >= 1, got ${batch}`);
    if (obs.length !== batch * d) throw new RangeError(`${this.name}.act: obs has ${obs.length} values, expected batch ${batch} x obsDim ${d}`);
    assertFiniteObservations(this.name, obs, d);
    const deterministic = opts?.deterministic ?? true;
    const out = this.ac.predict(this.normalize(obs, batch), batch);
    const stride = this.ac.spec.outDim + 1;
    const space = this.actionSpace;
    if (space.kind === 'discrete') {
      const a = new Float32Array(batch);
      const nvec = this.ac.spec.nvec;
      if (nvec !== undefined) {
        if (deterministic) MultiCategorical.argmax(out, stride, batch, nvec, a);
        else MultiCategorical.sample(out, stride, batch, nvec, this.rng, a, new Float32Array(batch));
      } else if (deterministic) Categorical.argmax(out, stride, batch, space.n, a);
      else Categorical.sample(out, stride, batch, space.n, this.rng, a, new Float32Array(batch));
      return a;
    }
    const ad = space.low.length;
    const a = new Float32Array(batch * ad);
    if (deterministic) {
      for (let i = 0; i < batch; i++) for (let j = 0; j < ad; j++) a[i * ad + j] = out[i * stride + j]!;
    } else {
      DiagGaussian.sample(out, stride, batch, this.ac.view('log_std'), this.rng, a, new Float32Array(batch));
    }
    if (this.residualBase !== null) {
      const base = this.residualBase.act(obs, batch, { deterministic: true });
      for (let i = 0; i < a.length; i++) a[i] = a[i]! + base[i]!;
    }
    clipToBox(a, batch, space.low, space.high);
    return a;
  }

  dispose(): void {
    this.ac.dispose();
  }
}
