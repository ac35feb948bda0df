/**
 * `npm run bench:eval`: wall time of runEpisodes for 1,000 episodes of the default env
 * (targets: HJB policy < 1 s; a saved tfjs policy < 10 s), and of the full `mmgym eval`
 * pipeline pieces. Prints figures; asserts nothing.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveEnvConfig } from '../env/resolve-config.js';
import type { Policy } from '../env/types.js';
import { makeBaselinePolicy } from '../baselines/registry.js';
import { selectBackend } from '../models/backend.js';
import { loadPolicy } from '../models/save-load.js';
import { isPolicyDir, policyDirOf } from '../models/policy-dir.js';
import { comparePolicies } from '../evals/compare.js';
import { runEpisodes } from '../evals/run-episodes.js';
import { writeFreshSavedPolicy } from '../evals/test-utils/fresh-saved-policy.js';

const EPISODES = 1000;
const config = resolveEnvConfig('default');

function time(label: string, policy: Policy, record: 'summary' | 'full', repeats: number, target?: number): number {
  const times: number[] = [];
  let mean = 0;
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    const r = runEpisodes(policy, config, { episodes: EPISODES, seed: 0, record });
    times.push((performance.now() - t0) / 1000);
    mean = r.returns.reduce((a, b) => a + b, 0) / EPISODES;
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] as number;
  const steps = EPISODES * Math.round(config.horizon / config.dt);
  console.log(
    `${label.padEnd(44)} median ${median.toFixed(3)} s  min ${(times[0] as number).toFixed(3)} s  ` +
      `${(steps / median / 1e6).toFixed(2)} M env-steps/s  mean return ${mean.toFixed(3)}` +
      (target !== undefined ? `  target < ${target} s: ${median < target ? 'met' : 'NOT met'}` : ''),
  );
  return median;
}

console.log(`runEpisodes, ${EPISODES} episodes x ${Math.round(config.horizon / config.dt)} steps of the default env (AS 2008), seed 0`);
let t0 = performance.now();
const hjb = makeBaselinePolicy('hjb', config);
console.log(`HJB policy construction (matrix-exponential solve)  ${((performance.now() - t0) / 1000).toFixed(3)} s`);
time('HJB, summary record', hjb, 'summary', 5, 1);
time('HJB, full record (per-step trajectories)', hjb, 'full', 3);
time('AS, summary record', makeBaselinePolicy('as', config), 'summary', 3);

const backend = await selectBackend();
console.log(`tfjs backend: ${backend.name} (${backend.reason})`);
const shipped = 'saved-models/ppo-as-default';
// A run directory (best/ and final/) or a flat policy directory; policyDirOf picks best/.
let dir = shipped;
if (!isPolicyDir(policyDirOf(shipped).dir)) {
  dir = join(mkdtempSync(join(tmpdir(), 'mmgym-bench-')), 'fresh-ppo');
  await writeFreshSavedPolicy(dir, config, 0);
  console.log(`${shipped} not found: using a freshly initialised saved policy (64x64 tanh MLP) in ${dir}`);
}
t0 = performance.now();
const saved = await loadPolicy(dir);
console.log(`loadPolicy(${dir})  ${((performance.now() - t0) / 1000).toFixed(3)} s`);
time(`saved PPO policy (${saved.name}), summary`, saved, 'summary', 3, 10);

t0 = performance.now();
const a = runEpisodes(saved, config, { episodes: EPISODES, seed: 0, record: 'full' });
const b = runEpisodes(hjb, config, { episodes: EPISODES, seed: 0, record: 'full' });
const t1 = performance.now();
const c = comparePolicies([a], [b], { referenceName: 'hjb' });
console.log(
  `metrics + paired comparison (t and 2,000-resample bootstrap) of 2 x ${EPISODES} episodes: ${((performance.now() - t1) / 1000).toFixed(3)} s ` +
    `(episodes ${((t1 - t0) / 1000).toFixed(3)} s); ${saved.name} at ${(100 * (c.policies[0]?.pctOfReference ?? Number.NaN)).toFixed(2)}% of HJB`,
);
saved.dispose();
