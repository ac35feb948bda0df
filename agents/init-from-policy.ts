/**
 * `mmgym train --init <policy dir>`: start a new run from a saved policy's network and observation
 * statistics (e.g. a policy trained on the calibrated simulator, fine-tuned on the tape it was
 * calibrated from). Only the policy is taken: optimizer moments, schedules, counters and the
 * reward statistics start afresh, as in a new run. The network must have the agent's shape and
 * action space, and a residual policy needs the same residual base (the network's outputs are
 * corrections to it); every mismatch is refused naming the field.
 *
 * The run may observe more than the policy did (its observation.features a superset of the
 * policy's, each shared feature of the same width): the policy's input columns go to their
 * features' places, the added features' columns of both first layers start at zero weight, so the
 * new network computes exactly the saved one's actions and values until training moves those
 * weights (Net2Net's function-preserving widening, Chen, Goodfellow & Shlens 2016, applied to the
 * inputs). The added columns' observation
 * statistics start at their exact values where the feature is a function of the step alone
 * (final-steps: bit j is 1 at one of the N steps of an episode, mean 1/N, variance (1/N)(1 - 1/N)),
 * so the normalised inputs, and with them the size of the first updates, are those of a run that
 * observed the feature from the start; any other added feature starts at mean 0, variance 1.
 */
import type { EnvConfig, ObservationFeature } from '../env/config.js';
import { episodeSteps } from '../env/config.js';
import { featureWidth, observationLayout, type LayoutConfig } from '../env/observation.js';
import type { ActorCritic } from '../models/actor-critic.js';
import { policyDirOf } from '../models/policy-dir.js';
import { PolicyLoadError, readPolicyDir } from '../models/save-load.js';
import type { OnPolicyAlgorithm } from './on-policy.js';

export interface InitResult {
  /** The policy directory read (a run directory resolves to its best/). */
  dir: string;
  /** One line for the run's start-up log. */
  note: string;
}

/** Mean and variance of each column of an added feature over an episode's N observations, where exact (see the header). */
export function addedFeatureMoments(config: LayoutConfig & Pick<EnvConfig, 'horizon' | 'dt'>, f: ObservationFeature): { mean: number; var: number }[] {
  const width = featureWidth(config, f);
  if (f !== 'final-steps') return Array.from({ length: width }, () => ({ mean: 0, var: 1 }));
  const p = 1 / episodeSteps(config);
  return Array.from({ length: width }, () => ({ mean: p, var: p * (1 - p) }));
}

/**
 * Where each of the saved policy's input columns goes in the run's observation (the run adds
 * features), or a reason it cannot; null when the layouts are the same.
 */
export function inputColumnMap(from: LayoutConfig, to: LayoutConfig): { map: number[]; added: ObservationFeature[] } | string | null {
  const a = observationLayout(from);
  const b = observationLayout(to);
  const fa = from.observation.features;
  const fb = to.observation.features;
  if (a.dim === b.dim && fa.length === fb.length && fa.every((f, i) => f === fb[i] && a.width[f] === b.width[f])) return null;
  const map = new Array<number>(a.dim);
  for (const f of fa) {
    if (b.index[f] === undefined) return `the policy observes "${f}", the run does not (observation.features ${JSON.stringify(fb)})`;
    if (a.width[f] !== b.width[f]) return `"${f}" is ${a.width[f]} wide in the policy's observation, ${b.width[f]} in the run's`;
    for (let j = 0; j < a.width[f]!; j++) map[a.index[f]! + j] = b.index[f]! + j;
  }
  return { map, added: fb.filter((f) => !fa.includes(f)) };
}

export async function initFromPolicy(agent: OnPolicyAlgorithm, path: string, residual: string | null): Promise<InitResult> {
  const { dir } = policyDirOf(path);
  const { file, ac } = await readPolicyDir(dir);
  try {
    const want = agent.ac.spec;
    const got = ac.spec;
    const diffs: string[] = [];
    const cols = file.envSpec === null ? null : inputColumnMap(file.envSpec, agent.env.config);
    if (typeof cols === 'string') throw new PolicyLoadError(dir, 'policy.json', `--init: the run's observation does not extend the policy's: ${cols}`);
    if (got.distribution !== want.distribution) diffs.push(`distribution ${got.distribution} (the agent's: ${want.distribution})`);
    if (got.obsDim !== want.obsDim && cols === null) diffs.push(`obsDim ${got.obsDim} (the env's: ${want.obsDim})`);
    if (got.outDim !== want.outDim) diffs.push(`outDim ${got.outDim} (the agent's: ${want.outDim})`);
    if (got.net.hidden.join('x') !== want.net.hidden.join('x')) diffs.push(`net.hidden ${got.net.hidden.join('x')} (the agent's: ${want.net.hidden.join('x')})`);
    if (got.net.activation !== want.net.activation) diffs.push(`net.activation ${got.net.activation} (the agent's: ${want.net.activation})`);
    if (diffs.length > 0) throw new PolicyLoadError(dir, 'model.json', `--init: the network does not fit this agent: ${diffs.join('; ')}`);
    const base = file.action.residual ?? null;
    if (base !== residual) {
      throw new PolicyLoadError(dir, 'policy.json', `--init: the policy is ${base === null ? 'not a residual policy' : `residual on ${base}`}, the run ${residual === null ? 'is not residual' : `is residual on ${residual}`} (they must agree)`);
    }
    const norm = file.observation.normalization;
    const vn = agent.vecNormalize.state();
    if ((norm !== null) !== vn.config.obs) {
      throw new PolicyLoadError(dir, 'policy.json', `--init: the policy ${norm !== null ? 'normalises' : 'does not normalise'} its observations and the run ${vn.config.obs ? 'does' : 'does not'} (set normalize.obs to match)`);
    }
    if (cols === null) agent.ac.params.set(ac.params);
    else copyWidened(ac, agent.ac, cols.map);
    agent.ac.markDirty();
    if (norm !== null) {
      const prior = cols === null ? [] : agent.env.config.observation.features.flatMap((f) => addedFeatureMoments(agent.env.config, f));
      const mean = cols === null ? [...norm.mean] : widen(norm.mean, cols.map, prior.map((m) => m.mean));
      const variance = cols === null ? [...norm.var] : widen(norm.var, cols.map, prior.map((m) => m.var));
      agent.vecNormalize.loadState({ ...vn, obsRms: { mean, var: variance, count: norm.count } });
    }
    const from = file.envSpec === null ? 'an unrecorded env' : `an env with ${file.envSpec.arrivals.kind} arrivals, price ${file.envSpec.price.kind}`;
    const added = cols === null ? '' : `; the added inputs ${JSON.stringify(cols.added)} start at zero weight (the same actions and values)`;
    return { dir, note: `init from ${dir}: its network and observation statistics (trained on ${from})${added}; optimizer, schedules and reward statistics start afresh` };
  } finally {
    ac.dispose();
  }
}

/** The run's layout with values[i] at map[i] and `fill` (the prior moments of the run's every column) elsewhere. */
function widen(values: readonly number[], map: readonly number[], fill: readonly number[]): number[] {
  const out = [...fill];
  map.forEach((to, i) => (out[to] = values[i]!));
  return out;
}


/** Copy `src`'s parameters into `dst`, whose first layers take more inputs: row i of each input kernel to row map[i], the other rows 0. */
function copyWidened(src: ActorCritic, dst: ActorCritic, map: readonly number[]): void {
  for (const e of dst.layout) {
    const to = dst.view(e.name);
    const from = src.view(e.name);
    if (!e.name.endsWith('/dense_0/kernel') && !(e.name.endsWith('_net/kernel') && dst.spec.net.hidden.length === 0)) {
      to.set(from);
      continue;
    }
    const cols = e.shape[1]!;
    to.fill(0);
    map.forEach((row, i) => to.set(from.subarray(i * cols, (i + 1) * cols), row * cols));
  }
}
