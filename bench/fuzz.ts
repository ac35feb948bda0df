/**
 * `npm run fuzz -- [--cases N] [--seed S] [--model-cases M] [--tape-cases T]`: the bad-input fuzzer
 * of util/fuzz.ts at length: N random config + action cases (default 5,000), T corruptions of the
 * tape formats' samples (default 500), and M corruptions of a saved policy
 * (default 500, of a freshly saved small PPO policy). Prints the
 * counts of each outcome; exits 1 if any case ended other than in finite outputs or a named error.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PPO } from '../agents/ppo.js';
import { TargetEnv } from '../agents/test-utils/target-env.js';
import { fuzzEnvs, fuzzSavedModel, type FuzzOutcome } from '../util/fuzz.js';
import { fuzzTapes, TAPE_FORMATS } from '../util/fuzz-tapes.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const cases = arg('cases', 5000);
const seed = arg('seed', 1);
const modelCases = arg('model-cases', 500);
const tapeCases = arg('tape-cases', 500);

function report(what: string, r: FuzzOutcome, secs: number): void {
  process.stdout.write(`${what}: ${r.cases} cases in ${secs.toFixed(1)} s: ${r.finite} finite, named errors ${JSON.stringify(r.named)}, ${r.failures.length} failures\n`);
  for (const f of r.failures.slice(0, 20)) process.stdout.write(`  FAIL ${f.case}: ${f.what}\n`);
}

let t0 = performance.now();
const envs = fuzzEnvs(cases, seed);
report('configs + actions', envs, (performance.now() - t0) / 1000);

const dir = join(mkdtempSync(join(tmpdir(), 'mmgym-fuzz-')), 'policy');
const agent = new PPO(new TargetEnv({ numEnvs: 2 }), { nSteps: 16, batchSize: 16, seed });
await agent.save(dir);
agent.dispose();
t0 = performance.now();
const models = await fuzzSavedModel(dir, modelCases, seed);
report('saved-model corruptions', models, (performance.now() - t0) / 1000);
rmSync(dir, { recursive: true, force: true });
t0 = performance.now();
const tapes = await fuzzTapes(TAPE_FORMATS, tapeCases, seed);
report('tape corruptions', tapes, (performance.now() - t0) / 1000);
process.exitCode = envs.failures.length + models.failures.length + tapes.failures.length > 0 ? 1 : 0;
