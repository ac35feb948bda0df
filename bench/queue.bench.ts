/**
 * `npm run bench:queue`: one sweep of `--tasks` tasks (default 24: hjb and fixed x a gamma grid,
 * `--episodes` 20000 each on the default env) run four ways — the embedded pool with 1 and 2
 * threads, and as BullMQ jobs with 1 and 2 `mmgym worker` processes (built CLI, concurrency 1
 * each; every way through the built CLI, start-up included) — then the per-job overhead of the queue (a sweep of tiny tasks, queue minus embedded,
 * per task) and, from these, a projection of a 1,000-task sweep of the same tasks on N machines
 * of this kind. Needs a Redis (`--queue`, default redis://127.0.0.1:6379) and `npm run build`.
 * Prints the load average. Asserts nothing; the CSVs of every way are checked to be identical.
 *   npm run bench:queue -- [--tasks 24] [--episodes 20000] [--queue redis://127.0.0.1:6379]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { connectionOf, probeRedis } from '../queue/connect.js';
import { QUEUE_PREFIX } from '../queue/job-kinds.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? (process.argv[i + 1] as string) : fallback;
}
const tasks = Number(arg('tasks', '24'));
const episodes = Number(arg('episodes', '20000'));
const url = arg('queue', 'redis://127.0.0.1:6379');
const load = (): string => loadavg().map((x) => x.toFixed(2)).join(' ');

const dir = mkdtempSync(join(tmpdir(), 'mmgym-bench-queue-'));
function config(csv: string, n: number, eps: number, extra: Record<string, unknown> = {}): string {
  const gammas = Array.from({ length: Math.ceil(n / 2) }, (_, i) => 0.02 + 0.01 * i);
  const path = join(dir, `${csv}.json`);
  writeFileSync(path, JSON.stringify({ name: csv, experiments: `${csv}.csv`, policies: ['hjb', 'fixed'], grid: { 'env.gamma': gammas }, episodes: eps, seed: 11, ...extra }));
  return path;
}

function startWorkers(name: string, k: number): Promise<ChildProcess[]> {
  return Promise.all(
    Array.from({ length: k }, () =>
      new Promise<ChildProcess>((resolve, reject) => {
        const c = spawn(process.execPath, ['bin/mmgym.js', 'worker', '--queue', url, '--name', name], { stdio: ['ignore', 'ignore', 'pipe'] });
        let text = '';
        c.stderr?.on('data', (b: Buffer) => {
          text += b.toString();
          if (text.includes('stalled jobs re-run')) resolve(c);
        });
        c.once('exit', (code) => reject(new Error(`worker exited (${code}): ${text}`)));
      }),
    ),
  );
}

/** `mmgym sweep` through the built CLI (start-up included), as a user runs it. */
async function sweepCli(configPath: string, extra: string[]): Promise<void> {
  await promisify(execFile)(process.execPath, ['bin/mmgym.js', 'sweep', '--config', configPath, '--no-figures', ...extra], { maxBuffer: 1 << 26 });
}

async function drop(name: string): Promise<void> {
  const q = new Queue(name, { connection: connectionOf(await probeRedis(url)), prefix: QUEUE_PREFIX });
  await q.obliterate({ force: true });
  await q.close();
}

async function timed(label: string, f: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await f();
  const s = (performance.now() - t0) / 1000;
  console.log(`  ${label.padEnd(34)}${s.toFixed(2).padStart(8)} s   load ${load()}`);
  return s;
}

async function viaQueue(csv: string, n: number, eps: number, k: number): Promise<number> {
  const name = `bench-${process.pid}-${csv}`;
  const workers = await startWorkers(name, k);
  try {
    return await timed(`queue, ${k} worker process(es)`, () => sweepCli(config(csv, n, eps), ['--queue', url, '--name', name]));
  } finally {
    for (const w of workers) w.kill('SIGTERM');
    await drop(name);
  }
}

await probeRedis(url);
console.log(`bench:queue: ${tasks} sweep tasks of ${episodes} episodes (default env); Redis ${url}; ${cpus().length} cores, load average ${load()}`);
const e1 = await timed('embedded pool, 1 thread', () => sweepCli(config('e1', tasks, episodes), ['--workers', '1']));
const e2 = await timed('embedded pool, 2 threads', () => sweepCli(config('e2', tasks, episodes), ['--workers', '2']));
const q1 = await viaQueue('q1', tasks, episodes, 1);
const q2 = await viaQueue('q2', tasks, episodes, 2);
const rows = (f: string): string => readFileSync(join(dir, `${f}.csv`), 'utf8').split('\n').slice(1).map((l) => l.split(',').slice(3).join(',')).join('\n');
const same = ['e2', 'q1', 'q2'].every((f) => rows(f) === rows('e1'));
console.log(`  rows identical in all four ways (sweep name aside): ${same ? 'yes' : 'NO'}`);

const tiny = 40;
console.log(`per-job overhead: ${tiny} tasks of 2 episodes`);
const te = await timed('embedded pool, 1 thread', () => sweepCli(config('te', tiny, 2), ['--workers', '1']));
const tq = await viaQueue('tq', tiny, 2, 1);
const overhead = (tq - te) / tiny;
console.log(`  queue overhead per job: ${(1000 * overhead).toFixed(1)} ms`);

const perTask = e1 / tasks;
console.log(`throughput: embedded ${(tasks / e1).toFixed(2)} / ${(tasks / e2).toFixed(2)} tasks/s (1 / 2 threads); queue ${(tasks / q1).toFixed(2)} / ${(tasks / q2).toFixed(2)} tasks/s (1 / 2 workers)`);
console.log(`projection, 1,000 tasks like these (${perTask.toFixed(2)} s each on one core, + ${(1000 * overhead).toFixed(0)} ms per job), 2 workers per machine (scaling measured here: ${(q1 / q2).toFixed(2)}x from 1 to 2):`);
const scale2 = q1 / q2;
for (const n of [1, 2, 4, 8, 16]) {
  const s = (1000 * (perTask + overhead)) / (n * scale2);
  console.log(`  ${String(n).padStart(2)} machine(s): ${(s / 60).toFixed(1)} min`);
}
console.log(`load average after: ${load()}`);
