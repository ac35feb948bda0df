/**
 * A saved policy directory `saved-models/NAME/`:
 *   model.json + weights.bin  the actor-critic as a tfjs LayersModel (see layers-model.ts)
 *   policy.json               format version, env spec, action mapping, observation
 *                             normalisation statistics, network shape and log-std,
 *                             hyperparameters, versions, training summary
 *   agent-state.json          (checkpoints only) optimizer and generator state for resuming
 * Writes are atomic (whole directory via a temporary sibling). `loadPolicy(dir)` returns a
 * `Policy` that takes raw observations; every inconsistency fails with a `PolicyLoadError`
 * naming the file and what is wrong.
 */
import { jsonErrorMessage } from '../util/json-error.js';
import { showValue } from '../util/describe-value.js';
import * as tf from '@tensorflow/tfjs';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeBaselinePolicy } from '../baselines/registry.js';
import { specDifferences } from '../baselines/policy-support.js';
import type { EnvConfig } from '../env/config.js';
import { completeSpec } from '../env/resolve-config.js';
import { validateConfig } from '../env/validate-config.js';
import { writeJsonAtomic } from '../util/atomic-write.js';
import type { Policy } from '../env/types.js';
import { ActorCritic, type Activation, type ActorCriticSpec, type DistributionKind } from './actor-critic.js';
import { writeDirAtomic } from './atomic-dir.js';
import { policyDirOf, type RunPolicyChoice } from './policy-dir.js';
import { digestProblem, integrityOf, META_FIELDS, metaDigest, type Integrity } from './integrity.js';
import { deserializeLayersModel, serializeLayersModel } from './layers-model.js';
import { NetworkPolicy, type ActionSpaceSpec, type ObsNormSpec } from './network-policy.js';
import { resolvePolicyPath } from './saved-models.js';
import { PolicyError } from '../util/errors.js';

export const POLICY_FORMAT = 'mmgym-policy';
export const POLICY_FORMAT_VERSION = 1;

/** Contents of policy.json. */
export interface PolicyFile {
  format: typeof POLICY_FORMAT;
  formatVersion: number;
  name: string;
  /** 'ppo' | 'a2c' | ... */
  algorithm: string;
  createdAt: string;
  /** The env spec the policy was trained on. */
  envSpec: EnvConfig | null;
  observation: { dim: number; normalization: (ObsNormSpec & { count: number }) | null };
  action: {
    space: ActionSpaceSpec;
    distribution: DistributionKind;
    /** The env's action mapping (how actions become quotes). */
    mapping: EnvConfig['action'] | null;
    /** Residual policies: name of the base policy (e.g. 'hjb') whose action the network corrects. */
    residual: string | null;
  };
  network: { hidden: number[]; activation: Activation; logStd: number[] | null; numParams: number };
  hyperparameters: Record<string, unknown>;
  versions: { mmgym: string; tfjs: string; node: string; backend: string };
  /** Training summary (steps, wall time, final % of optimal, command, seed, ...). */
  training: Record<string, unknown>;
  /** SHA-256 of the other files and of the model-defining fields (models/integrity.ts); absent in older policies. */
  integrity?: Integrity;
}

export class PolicyLoadError extends PolicyError {
  constructor(dir: string, file: string, why: string) {
    super(`cannot load policy '${dir}' (${file}): ${why}`);
    this.name = 'PolicyLoadError';
  }
}

/** The package version, read from the nearest package.json named mmgym. */
export function mmgymVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const p = join(dir, 'package.json');
    if (existsSync(p)) {
      const pkg = JSON.parse(readFileSync(p, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'mmgym') return pkg.version ?? 'unknown';
    }
    dir = dirname(dir);
  }
  return 'unknown';
}

export function currentVersions(): PolicyFile['versions'] {
  return { mmgym: mmgymVersion(), tfjs: tf.version.tfjs, node: process.version, backend: tf.getBackend() };
}

/** Write model.json, weights.bin, policy.json (and any extra files) atomically into `dir`. */
export async function savePolicyDir(dir: string, ac: ActorCritic, meta: Omit<PolicyFile, 'format' | 'formatVersion' | 'network' | 'versions'> & { versions?: PolicyFile['versions'] }, extraFiles: Record<string, string> = {}): Promise<void> {
  const { modelJson, weights } = await serializeLayersModel(ac);
  const file: PolicyFile = {
    format: POLICY_FORMAT,
    formatVersion: POLICY_FORMAT_VERSION,
    ...meta,
    network: {
      hidden: [...ac.spec.net.hidden],
      activation: ac.spec.net.activation,
      logStd: ac.spec.distribution === 'diag-gaussian' ? Array.from(ac.view('log_std')) : null,
      numParams: ac.numParams,
    },
    versions: meta.versions ?? currentVersions(),
  };
  const others: Record<string, string | Uint8Array> = { 'model.json': modelJson, 'weights.bin': weights, ...extraFiles };
  file.integrity = integrityOf(file as unknown as Record<string, unknown>, others);
  await writeDirAtomic(dir, { ...others, 'policy.json': JSON.stringify(file, null, 2) });
}

/** Atomically merge `patch` into policy.json's top-level fields (e.g. a final training summary). */
export async function updatePolicyFile(dir: string, patch: Partial<Omit<PolicyFile, 'format' | 'formatVersion'>>): Promise<PolicyFile> {
  const file: PolicyFile = { ...(await readPolicyFile(dir)), ...patch };
  // A sanctioned change of the defining fields re-signs them (the file digests stay).
  if (file.integrity !== undefined) file.integrity = { ...file.integrity, meta: metaDigest(file as unknown as Record<string, unknown>) };
  writeJsonAtomic(join(resolve(dir), 'policy.json'), file);
  return file;
}

async function readText(dir: string, name: string): Promise<string> {
  try {
    return await readFile(join(dir, name), 'utf8');
  } catch (e) {
    throw new PolicyLoadError(dir, name, `file missing or unreadable (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}

function parseJson(dir: string, name: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new PolicyLoadError(dir, name, `not valid JSON (${jsonErrorMessage(e)})`);
  }
}

/** Read and check policy.json (format, version, required fields). */
export async function readPolicyFile(dir: string): Promise<PolicyFile> {
  const f = parseJson(dir, 'policy.json', await readText(dir, 'policy.json')) as Partial<PolicyFile>;
  const bad = (why: string): never => {
    throw new PolicyLoadError(dir, 'policy.json', why);
  };
  if (f.format !== POLICY_FORMAT) bad(`format must be '${POLICY_FORMAT}', got ${JSON.stringify(f.format)}`);
  if (f.formatVersion !== POLICY_FORMAT_VERSION) bad(`unknown formatVersion ${JSON.stringify(f.formatVersion)} (this mmgym reads version ${POLICY_FORMAT_VERSION})`);
  if (typeof f.observation?.dim !== 'number' || !Number.isInteger(f.observation.dim) || f.observation.dim < 1) bad(`observation.dim must be an integer >= 1, got ${JSON.stringify(f.observation?.dim)}`);
  const space = f.action?.space;
  if (space?.kind === 'box') {
    if (!Array.isArray(space.low) || !Array.isArray(space.high) || space.low.length !== space.high.length || space.low.length < 1) bad('action.space: box needs low and high arrays of equal, non-zero length');
  } else if (space?.kind === 'discrete') {
    if (!Number.isInteger(space.n) || space.n < 2) bad(`action.space.n must be an integer >= 2, got ${JSON.stringify(space.n)}`);
    if (space.nvec !== undefined) {
      if (!Array.isArray(space.nvec) || space.nvec.length < 1 || !space.nvec.every((k) => Number.isInteger(k) && k >= 2)) bad(`action.space.nvec must be a non-empty array of integers >= 2, got ${JSON.stringify(space.nvec)}`);
      const prod = space.nvec.reduce((a, b) => a * b, 1);
      if (prod !== space.n) bad(`action.space.nvec must multiply to action.space.n = ${space.n}, got ${JSON.stringify(space.nvec)} (product ${prod})`);
    }
    const dist = f.action?.distribution;
    if ((dist === 'multi-categorical') !== (space.nvec !== undefined)) bad(`action.distribution ${JSON.stringify(dist)} and action.space.nvec ${JSON.stringify(space.nvec)} disagree: a multi-categorical policy needs nvec, a categorical one has none`);
  } else bad(`action.space.kind must be 'box' | 'discrete', got ${JSON.stringify((space as { kind?: unknown } | undefined)?.kind)}`);
  if (!Array.isArray(f.network?.hidden) || f.network.hidden.length < 1) bad('network.hidden must be a non-empty array of layer widths');
  validateFields(f as PolicyFile, bad);
  if (f.integrity !== undefined) {
    const i = f.integrity as Partial<Integrity>;
    if (i.algorithm !== 'sha256' || typeof i.meta !== 'string' || i.files === null || typeof i.files !== 'object') bad('integrity must be { algorithm: "sha256", files, meta }');
    const got = metaDigest(f as unknown as Record<string, unknown>);
    if (got !== i.meta) bad(`its model-defining fields (${META_FIELDS.join(', ')}) were changed after saving: SHA-256 ${got.slice(0, 16)}... vs ${String(i.meta).slice(0, 16)}... recorded`);
  }
  // a spec written before a field existed gets that field at its (behaviour-keeping) default
  if (f.envSpec !== null && typeof f.envSpec === 'object') {
    f.envSpec = completeSpec(f.envSpec);
    try {
      validateConfig(f.envSpec);
    } catch (e) {
      bad(`envSpec: ${(e as Error).message}`);
    }
  } else if (f.envSpec !== null) bad(`envSpec must be an env config or null, got ${JSON.stringify(f.envSpec)}`);
  return f as PolicyFile;
}

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** Field checks of policy.json beyond its shape (each names the field, the rule and the value). */
function validateFields(f: PolicyFile, bad: (why: string) => never): void {
  if (!f.network.hidden.every((h) => Number.isInteger(h) && h >= 1)) bad(`network.hidden must hold integers >= 1, got ${showValue(f.network.hidden)}`);
  if (f.network.activation !== 'tanh' && f.network.activation !== 'relu') bad(`network.activation must be "tanh" or "relu", got ${showValue(f.network.activation)}`);
  const space = f.action.space;
  if (space.kind === 'box') {
    space.low.forEach((lo, i) => {
      const hi = space.high[i];
      if (!finite(lo) || !finite(hi) || !(lo < hi)) bad(`action.space: low[${i}] < high[${i}] must be finite numbers, got ${showValue(lo)} and ${showValue(hi)}`);
    });
  }
  const residual = f.action.residual;
  if (residual !== null && residual !== undefined && typeof residual !== 'string') bad(`action.residual must be a baseline name or null, got ${showValue(residual)}`);
  const norm = f.observation.normalization;
  if (norm !== null && norm !== undefined) {
    if (!Array.isArray(norm.mean) || !norm.mean.every(finite)) bad(`observation.normalization.mean must be an array of finite numbers, got ${showValue(norm.mean)}`);
    if (!Array.isArray(norm.var) || !norm.var.every((v) => finite(v) && v >= 0)) bad(`observation.normalization.var must be an array of finite numbers >= 0, got ${showValue(norm.var)}`);
    if (!(finite(norm.clip) && norm.clip > 0)) bad(`observation.normalization.clip must be a number > 0, got ${showValue(norm.clip)}`);
    if (!(finite(norm.epsilon) && norm.epsilon > 0)) bad(`observation.normalization.epsilon must be a number > 0, got ${showValue(norm.epsilon)}`);
  }
  if (f.network.logStd !== null && (!Array.isArray(f.network.logStd) || !f.network.logStd.every(finite))) bad(`network.logStd must be null or an array of finite numbers, got ${showValue(f.network.logStd)}`);
}

/** The network spec described by a policy file. */
export function specOfPolicyFile(f: PolicyFile): ActorCriticSpec {
  const space = f.action.space;
  const net = { hidden: f.network.hidden, activation: f.network.activation, logStdInit: 0, orthoInit: true };
  if (space.kind === 'discrete' && space.nvec !== undefined) {
    return { obsDim: f.observation.dim, outDim: space.nvec.reduce((a, b) => a + b, 0), distribution: 'multi-categorical', nvec: [...space.nvec], net };
  }
  const box = space.kind === 'box';
  return {
    obsDim: f.observation.dim,
    outDim: space.kind === 'box' ? space.low.length : space.n,
    distribution: box ? 'diag-gaussian' : 'categorical',
    net,
  };
}

/** Read the whole directory: policy.json and the network's parameters. */
export async function readPolicyDir(dir: string): Promise<{ file: PolicyFile; ac: ActorCritic }> {
  const file = await readPolicyFile(dir);
  const modelText = await readText(dir, 'model.json');
  const modelJson = parseJson(dir, 'model.json', modelText);
  let weights: Uint8Array;
  try {
    weights = new Uint8Array(await readFile(join(dir, 'weights.bin')));
  } catch (e) {
    throw new PolicyLoadError(dir, 'weights.bin', `file missing or unreadable (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  if (file.integrity !== undefined) {
    for (const [name, data] of [['model.json', modelText], ['weights.bin', weights]] as const) {
      const why = digestProblem(file.integrity, name, data);
      if (why !== null) throw new PolicyLoadError(dir, name, why);
    }
  }
  let spec: ActorCriticSpec;
  try {
    spec = specOfPolicyFile(file);
    const ac = await deserializeLayersModel(spec, modelJson, weights, file.network.logStd);
    return { file, ac };
  } catch (e) {
    if (e instanceof PolicyLoadError) throw e;
    throw new PolicyLoadError(dir, 'model.json / weights.bin', (e as Error).message);
  }
}

export interface LoadPolicyOptions {
  /** Fail unless the policy was trained on this env spec (differences are listed). */
  expectedSpec?: EnvConfig;
  /** Base policy of a residual policy (default: rebuilt from the saved env spec by name). */
  residualBase?: Policy;
  /** Seed of the generator used by `act(..., { deterministic: false })`. @defaultValue 0 */
  seed?: number;
  /** Display name. @defaultValue policy.json's name */
  name?: string;
  /** For a training run's directory: its best/ policy (default) or its final/ one (models/policy-dir.ts). */
  which?: RunPolicyChoice;
  /** Receives the note saying which policy of a run directory was loaded. @defaultValue a line on stderr */
  onChoice?: (note: string) => void;
}

/**
 * Load a saved policy: `const policy = await loadPolicy('saved-models/ppo-as-default')` (or a
 * shipped policy by name from anywhere: `loadPolicy('ppo-as-default')`, models/saved-models.ts), then
 * `policy.act(rawObs, batch)` (deterministic by default). Call `selectBackend()` first. A
 * training run's directory loads its best/ policy (or final/ with `which: 'final'`) and says so.
 */
export async function loadPolicy(path: string, opts: LoadPolicyOptions = {}): Promise<NetworkPolicy> {
  const choice = policyDirOf(resolvePolicyPath(path), opts.which);
  if (choice.note !== null) (opts.onChoice ?? ((n: string) => void process.stderr.write(`${n}\n`)))(choice.note);
  const dir = choice.dir;
  const { file, ac } = await readPolicyDir(dir);
  if (opts.expectedSpec !== undefined) {
    if (file.envSpec === null) throw new PolicyLoadError(dir, 'policy.json', 'it records no envSpec, so it cannot be checked against the expected one');
    const diffs = specDifferences(file.envSpec, opts.expectedSpec);
    if (diffs.length > 0) {
      ac.dispose();
      throw new PolicyLoadError(dir, 'policy.json', `env spec mismatch (saved vs expected): ${diffs.join('; ')}`);
    }
  }
  const norm = file.observation.normalization;
  if (norm !== null && (norm.mean.length !== file.observation.dim || norm.var.length !== file.observation.dim)) {
    throw new PolicyLoadError(dir, 'policy.json', `observation.normalization has ${norm.mean.length} dims, observation.dim is ${file.observation.dim}`);
  }
  let residualBase: Policy | null = null;
  if (file.action.residual !== null) {
    if (opts.residualBase !== undefined) residualBase = opts.residualBase;
    else {
      if (file.envSpec === null) throw new PolicyLoadError(dir, 'policy.json', `residual policy on '${file.action.residual}' needs envSpec to rebuild its base`);
      try {
        residualBase = makeBaselinePolicy(file.action.residual, file.envSpec);
      } catch (e) {
        throw new PolicyLoadError(dir, 'policy.json', `residual base '${file.action.residual}' cannot be rebuilt (${(e as Error).message}); pass opts.residualBase`);
      }
    }
  }
  return new NetworkPolicy({
    name: opts.name ?? file.name,
    ac,
    actionSpace: file.action.space,
    obsNorm: norm === null ? null : { mean: norm.mean, var: norm.var, clip: norm.clip, epsilon: norm.epsilon },
    ...(file.envSpec === null ? {} : { spec: file.envSpec }),
    residualBase,
    seed: opts.seed ?? 0,
  });
}
