/**
 * `npm run bench:train-suite`: trains every suite market's agent with `mmgym train` as
 * SUITE_TRAINING (evals/suite.ts) says, two at a time (one per core), into
 * saved-models/<algo>-<market> (checkpoints removed afterwards; the run's logs and comparison stay
 * beside the policy, and policy.json records the command and seed; the console output goes to
 * runs/train-suite/<algo>-<market>.log). `--recipes scratch,warm,residual-hjb` trains the other
 * recipes of SUITE_RECIPES instead (or beside: `best` is the shipped one) into
 * saved-models/<algo>-<market>-<recipe>, keeping their best/ only. Then `npm run bench:suite`
 * reports them on fresh seeds.
 *   npm run bench:train-suite -- [--markets trend,maker-fees] [--recipes best,scratch,warm,residual-hjb] [--parallel 2] [--into saved-models]
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SUITE_MARKETS } from '../env/presets.js';
import { SUITE_RECIPE_NAMES, SUITE_RECIPES, SUITE_TRAINING, type SuiteRecipe, suiteEntryName } from '../evals/suite.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? (process.argv[i + 1] as string) : fallback;
}

const markets = arg('markets', '') === '' ? [...SUITE_MARKETS] : arg('markets', '').split(',');
const parallel = Number(arg('parallel', '2'));
const into = arg('into', 'saved-models');
const recipes = arg('recipes', 'best').split(',');
for (const r of recipes) {
  if (r !== 'best' && !(SUITE_RECIPE_NAMES as readonly string[]).includes(r)) throw new RangeError(`--recipes: each must be one of best, ${SUITE_RECIPE_NAMES.join(', ')}; got ${JSON.stringify(r)}`);
}

interface Job {
  market: string;
  recipe: SuiteRecipe | undefined;
  entry: { algo: 'ppo' | 'a2c'; args: readonly string[] };
}

function jobsOf(market: string): Job[] {
  const out: Job[] = [];
  for (const r of recipes) {
    if (r === 'best') {
      const entry = SUITE_TRAINING[market];
      if (entry === undefined) throw new RangeError(`no SUITE_TRAINING entry for market ${JSON.stringify(market)}`);
      out.push({ market, recipe: undefined, entry });
    } else {
      const entry = SUITE_RECIPES[market]?.[r as SuiteRecipe];
      if (entry !== undefined) out.push({ market, recipe: r as SuiteRecipe, entry });
    }
  }
  return out;
}

function trainOne({ market, recipe, entry }: Job): Promise<void> {
  const name = suiteEntryName(entry.algo, market, recipe);
  const out = join(into, name);
  rmSync(out, { recursive: true, force: true });
  const args = ['bin/mmgym.js', 'train', '--agent', entry.algo, '--env', market, ...entry.args, '--out', out, '--progress', 'lines'];
  const t0 = performance.now();
  console.log(`start ${name}: node ${args.join(' ')}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    mkdirSync('runs/train-suite', { recursive: true });
    const logPath = join('runs/train-suite', `${name}.log`);
    const log = createWriteStream(logPath);
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    child.on('exit', (code) => {
      rmSync(join(out, 'checkpoints'), { recursive: true, force: true });
      // the other recipes ship their best/ and the run's evaluations only
      if (recipe !== undefined) for (const f of ['final', 'updates.jsonl', 'evals.jsonl']) rmSync(join(out, f), { recursive: true, force: true });
      console.log(`done  ${name}: exit ${code} in ${((performance.now() - t0) / 1000).toFixed(0)} s (log ${logPath})`);
      if (code === 0) resolve();
      else reject(new Error(`training ${name} exited with ${code}`));
    });
  });
}

const queue = markets.flatMap(jobsOf);
await Promise.all(
  Array.from({ length: Math.max(1, parallel) }, async () => {
    for (let j = queue.shift(); j !== undefined; j = queue.shift()) await trainOne(j);
  }),
);
