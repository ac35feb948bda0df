/**
 * `npm run bench:train-suite`: trains every suite market's agent with `mmgym train` as
 * SUITE_TRAINING (evals/suite.ts) says, two at a time (one per core), into
 * saved-models/<algo>-<market> (checkpoints removed afterwards; the run's logs and comparison stay
 * beside the policy, and policy.json records the command and seed; the console output goes to
 * runs/train-suite/<algo>-<market>.log). Then `npm run bench:suite`
 * reports them on fresh seeds.
 *   npm run bench:train-suite -- [--markets trend,maker-fees] [--parallel 2] [--into saved-models]
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SUITE_MARKETS } from '../env/presets.js';
import { SUITE_TRAINING } from '../evals/suite.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? (process.argv[i + 1] as string) : fallback;
}

const markets = arg('markets', '') === '' ? [...SUITE_MARKETS] : arg('markets', '').split(',');
const parallel = Number(arg('parallel', '2'));
const into = arg('into', 'saved-models');

function trainOne(market: string): Promise<void> {
  const entry = SUITE_TRAINING[market];
  if (entry === undefined) throw new RangeError(`no SUITE_TRAINING entry for market ${JSON.stringify(market)}`);
  const out = join(into, `${entry.algo}-${market}`);
  rmSync(out, { recursive: true, force: true });
  const args = ['bin/mmgym.js', 'train', '--agent', entry.algo, '--env', market, ...entry.args, '--out', out, '--progress', 'lines'];
  const t0 = performance.now();
  console.log(`start ${market}: node ${args.join(' ')}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    mkdirSync('runs/train-suite', { recursive: true });
    const logPath = join('runs/train-suite', `${entry.algo}-${market}.log`);
    const log = createWriteStream(logPath);
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    child.on('exit', (code) => {
      rmSync(join(out, 'checkpoints'), { recursive: true, force: true });
      console.log(`done  ${market}: exit ${code} in ${((performance.now() - t0) / 1000).toFixed(0)} s (log ${logPath})`);
      if (code === 0) resolve();
      else reject(new Error(`training ${market} exited with ${code}`));
    });
  });
}

const queue = [...markets];
await Promise.all(
  Array.from({ length: Math.max(1, parallel) }, async () => {
    for (let m = queue.shift(); m !== undefined; m = queue.shift()) await trainOne(m);
  }),
);
