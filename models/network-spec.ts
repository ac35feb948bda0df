/**
 * The actor-critic network's shape, without tfjs: its config (SB3 `net_arch`, `activation_fn`,
 * `log_std_init`, `ortho_init`), the spec and the flat parameter layout that the network
 * (actor-critic.ts), the wasm engine (mlp-engine.ts) and the saved policy files share.
 */
export type Activation = 'tanh' | 'relu';

/**
 * 'categorical' = one softmax over all n actions; 'multi-categorical' = one softmax per factor of a
 * product action space (SB3's MultiCategoricalDistribution over MultiDiscrete(nvec)): the joint
 * index i = mixed radix over nvec (the first factor most significant), p(i) = prod_f p_f(i_f).
 */
export type DistributionKind = 'diag-gaussian' | 'categorical' | 'multi-categorical';

/** Network shape (SB3 `net_arch`, `activation_fn`, `log_std_init`, `ortho_init`). */
export interface NetConfig {
  /** Hidden layer widths, shared shape for actor and critic (separate weights). @defaultValue [64, 64] */
  hidden: number[];
  /** Hidden activation. @defaultValue 'tanh' */
  activation: Activation;
  /** Initial log standard deviation of the Gaussian policy. @defaultValue 0 */
  logStdInit: number;
  /** Orthogonal init (else Glorot-uniform-like scaled Gaussian). @defaultValue true */
  orthoInit: boolean;
}

export const DEFAULT_NET_CONFIG: Readonly<NetConfig> = Object.freeze({
  hidden: Object.freeze([64, 64]) as unknown as number[],
  activation: 'tanh',
  logStdInit: 0,
  orthoInit: true,
});

export interface ActorCriticSpec {
  readonly obsDim: number;
  /** Action dimensions (Gaussian), number of categories (categorical), or sum(nvec) (multi-categorical). */
  readonly outDim: number;
  readonly distribution: DistributionKind;
  /** multi-categorical only: the number of categories of each factor (joint actions: their product). */
  readonly nvec?: readonly number[];
  readonly net: NetConfig;
}

/** One named parameter tensor inside the flat vector. */
export interface ParamEntry {
  readonly name: string;
  readonly shape: readonly number[];
  readonly offset: number;
  readonly size: number;
}

/** Parameter layout: actor layers, critic layers, then log_std (Gaussian only). */
export function paramLayout(spec: ActorCriticSpec): ParamEntry[] {
  const entries: ParamEntry[] = [];
  let offset = 0;
  const add = (name: string, shape: number[]): void => {
    const size = shape.reduce((a, b) => a * b, 1);
    entries.push({ name, shape, offset, size });
    offset += size;
  };
  for (const [branch, head, outDim] of [
    ['actor', 'action_net', spec.outDim],
    ['critic', 'value_net', 1],
  ] as const) {
    let inDim = spec.obsDim;
    spec.net.hidden.forEach((h, i) => {
      add(`${branch}/dense_${i}/kernel`, [inDim, h]);
      add(`${branch}/dense_${i}/bias`, [h]);
      inDim = h;
    });
    add(`${branch}/${head}/kernel`, [inDim, outDim]);
    add(`${branch}/${head}/bias`, [outDim]);
  }
  if (spec.distribution === 'diag-gaussian') add('log_std', [spec.outDim]);
  return entries;
}

export function validateSpec(spec: ActorCriticSpec): void {
  const intAtLeast = (v: number, min: number, name: string): void => {
    if (!Number.isInteger(v) || v < min) throw new RangeError(`${name} must be an integer >= ${min}, got ${v}`);
  };
  intAtLeast(spec.obsDim, 1, 'obsDim');
  intAtLeast(spec.outDim, spec.distribution === 'diag-gaussian' ? 1 : 2, 'outDim');
  if (spec.distribution === 'multi-categorical') {
    const nvec = spec.nvec;
    if (nvec === undefined || nvec.length < 1) throw new RangeError(`nvec must list the categories of each factor for a multi-categorical distribution, got ${JSON.stringify(nvec)}`);
    nvec.forEach((k, i) => intAtLeast(k, 2, `nvec[${i}]`));
    const sum = nvec.reduce((a, b) => a + b, 0);
    if (sum !== spec.outDim) throw new RangeError(`outDim must equal sum(nvec) = ${sum} for a multi-categorical distribution, got ${spec.outDim}`);
  } else if (spec.nvec !== undefined) {
    throw new RangeError(`nvec is only for a multi-categorical distribution, got nvec ${JSON.stringify(spec.nvec)} with '${spec.distribution}'`);
  }
  if (spec.net.hidden.length < 1) throw new RangeError(`net.hidden must list at least one layer width, got []`);
  spec.net.hidden.forEach((h, i) => intAtLeast(h, 1, `net.hidden[${i}]`));
  if (spec.net.activation !== 'tanh' && spec.net.activation !== 'relu') {
    throw new RangeError(`net.activation must be 'tanh' | 'relu', got '${String(spec.net.activation)}'`);
  }
  if (!Number.isFinite(spec.net.logStdInit)) throw new RangeError(`net.logStdInit must be finite, got ${spec.net.logStdInit}`);
}

