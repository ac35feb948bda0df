/**
 * `mmgym train --init <policy dir>`: start a new run from a saved policy's network and observation
 * statistics (e.g. a policy trained on the calibrated simulator, fine-tuned on the tape it was
 * calibrated from). Only the policy is taken: optimizer moments, schedules, counters and the
 * reward statistics start afresh, as in a new run. The network must have the agent's shape and
 * action space, and a residual policy needs the same residual base (the network's outputs are
 * corrections to it); every mismatch is refused naming the field.
 */
import { policyDirOf } from '../models/policy-dir.js';
import { PolicyLoadError, readPolicyDir } from '../models/save-load.js';
import type { OnPolicyAlgorithm } from './on-policy.js';

export interface InitResult {
  /** The policy directory read (a run directory resolves to its best/). */
  dir: string;
  /** One line for the run's start-up log. */
  note: string;
}

export async function initFromPolicy(agent: OnPolicyAlgorithm, path: string, residual: string | null): Promise<InitResult> {
  const { dir } = policyDirOf(path);
  const { file, ac } = await readPolicyDir(dir);
  try {
    const want = agent.ac.spec;
    const got = ac.spec;
    const diffs: string[] = [];
    if (got.distribution !== want.distribution) diffs.push(`distribution ${got.distribution} (the agent's: ${want.distribution})`);
    if (got.obsDim !== want.obsDim) diffs.push(`obsDim ${got.obsDim} (the env's: ${want.obsDim})`);
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
    agent.ac.params.set(ac.params);
    agent.ac.markDirty();
    if (norm !== null) agent.vecNormalize.loadState({ ...vn, obsRms: { mean: [...norm.mean], var: [...norm.var], count: norm.count } });
    const from = file.envSpec === null ? 'an unrecorded env' : `an env with ${file.envSpec.arrivals.kind} arrivals, price ${file.envSpec.price.kind}`;
    return { dir, note: `init from ${dir}: its network and observation statistics (trained on ${from}); optimizer, schedules and reward statistics start afresh` };
  } finally {
    ac.dispose();
  }
}
