/**
 * `mmgym train --seeds 0-7 [--env a,b]`: the same run once per seed (and env), into <out>/seed-<s>/, then one table
 * across seeds (training/seed-summary.ts) written to <out>/seeds.json. Seeds run one after the
 * other in this process, or as queue jobs (`queue`: one BullMQ job per seed, any `mmgym worker`
 * takes them; the run comes back through Redis, training/train-job.ts). A seed's job id is the
 * hash of its options and mmgym's version, so a re-submission enqueues nothing already done.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { canonicalJson } from '../util/canonical-json.js';
import { writeJsonAtomic } from '../util/atomic-write.js';
import { ConfigError } from '../util/errors.js';
import { unpackDir } from '../util/pack-dir.js';
import { packageVersion } from '../util/package-root.js';
import { runOnQueue } from '../queue/run-on-queue.js';
import { prepareRunDir } from './run-dir.js';
import { aggregateSeeds, seedSummary, type SeedSummary } from './seed-summary.js';
import { train, type TrainContext } from './train.js';
import type { TrainJobResult } from './train-job.js';
import type { TrainOptions } from './train-options.js';

export const SEEDS_FILE = 'seeds.json';
const MAX_SEEDS = 1000;

/** "0-7", "0,3,5", "0-3,10": distinct non-negative integers in the order given. */
export function parseSeeds(spec: string): number[] {
  const out: number[] = [];
  for (const part of spec.split(',')) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (m === null) throw new ConfigError(`--seeds must be integers and ranges like 0-7 or 0,3,5, got ${JSON.stringify(spec)}`);
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (b < a) throw new ConfigError(`--seeds range ${part.trim()} runs backwards (in ${JSON.stringify(spec)})`);
    for (let s = a; s <= b; s++) {
      if (out.includes(s)) throw new ConfigError(`--seeds lists seed ${s} twice (in ${JSON.stringify(spec)})`);
      out.push(s);
      if (out.length > MAX_SEEDS) throw new ConfigError(`--seeds must list at most ${MAX_SEEDS} seeds, got more in ${JSON.stringify(spec)}`);
    }
  }
  return out;
}

export interface SeedsResult {
  rows: SeedSummary[];
  file: string;
}

export interface TrainSeedsContext extends TrainContext {
  queue?: { url: string; name?: string };
  log?: (message: string) => void;
}

/** The seed's own options: its seed, its directory under the base run directory. */
export function seedOptions(base: TrainOptions, seed: number): TrainOptions {
  return { ...base, seed, out: join(base.out, `seed-${seed}`) };
}

/** The job id of a seed: what determines its run (not where it is written, nor how it reports progress). */
export function seedJobId(o: TrainOptions, version = packageVersion()): string {
  const { out: _out, command: _command, force: _force, progress: _progress, ...rest } = o;
  return `train-${createHash('sha256').update(canonicalJson({ version, options: rest })).digest('hex').slice(0, 16)}`;
}

export async function trainSeeds(base: TrainOptions, seeds: readonly number[], ctx: TrainSeedsContext = {}): Promise<SeedsResult> {
  return (await trainConfigsSeeds([base], seeds, ctx))[0] as SeedsResult;
}

/**
 * Several configurations (e.g. one per env of `--env a,b`) x the seeds: with a queue all their
 * jobs are submitted at once, so workers spread over every configuration; one table (and one
 * seeds.json in each configuration's directory) per configuration.
 */
export async function trainConfigsSeeds(bases: readonly TrainOptions[], seeds: readonly number[], ctx: TrainSeedsContext = {}): Promise<SeedsResult[]> {
  if (seeds.length === 0) throw new ConfigError('--seeds lists no seed');
  if (bases.length === 0) throw new ConfigError('no configuration to train');
  const outs = new Set(bases.map((b) => b.out));
  if (outs.size !== bases.length) throw new ConfigError(`two configurations would train into the same directory (${bases.map((b) => b.out).join(', ')}): give each its own --out`);
  for (const b of bases) {
    if (b.resume !== null) throw new ConfigError('--seeds and --resume do not combine: resume each seed directory on its own');
  }
  const log = ctx.log ?? (() => undefined);
  const rows: SeedSummary[][] = bases.map(() => []);
  const all = bases.flatMap((b, bi) => seeds.map((s) => ({ bi, o: seedOptions(b, s) })));
  const what = (x: (typeof all)[number]): string => `${bases.length > 1 ? `${x.o.env} ` : ''}seed ${x.o.seed}`;
  // refuse before anything runs if a seed directory holds a run (unless --force)
  for (const x of all) prepareRunDir(x.o.out, x.o.force);
  if (ctx.queue === undefined) {
    for (const x of all) {
      log(`${what(x)}: training into ${x.o.out}`);
      (rows[x.bi] as SeedSummary[]).push(seedSummary(await train(x.o, ctx)));
      if (ctx.signal?.aborted === true) break;
    }
  } else {
    for (const b of bases) {
      if (b.init !== null && b.init !== undefined) throw new ConfigError(`--init with --queue: the policy ${b.init} would have to be on every worker's disk; train without --queue, or give each worker the same path`);
    }
    await runOnQueue<TrainJobResult>(
      all.map((x) => ({ id: seedJobId(x.o), kind: 'train', payload: { options: x.o }, label: what(x) })),
      {
        url: ctx.queue.url,
        ...(ctx.queue.name !== undefined ? { name: ctx.queue.name } : {}),
        log,
        ...(ctx.signal !== undefined ? { signal: ctx.signal } : {}),
        onResult: (i, r) => {
          const x = all[i] as (typeof all)[number];
          unpackDir(x.o.out, r.files);
          (rows[x.bi] as SeedSummary[]).push(r.summary);
          log(`${what(x)}: run received into ${x.o.out} (${r.files.length} files)`);
        },
      },
    );
  }
  return bases.map((base, bi) => {
    const mine = rows[bi] as SeedSummary[];
    const file = join(base.out, SEEDS_FILE);
    writeJsonAtomic(file, { command: base.command, env: base.env, seeds: mine.map((r) => r.seed), rows: mine, aggregate: aggregateSeeds(mine) });
    return { rows: mine, file };
  });
}
