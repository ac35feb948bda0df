/**
 * `mmgym train --seeds 0-7`: the same run once per seed, into <out>/seed-<s>/, then one table
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
import { aggregate, seedSummary, type SeedSummary } from './seed-summary.js';
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
  if (seeds.length === 0) throw new ConfigError('--seeds lists no seed');
  if (base.resume !== null) throw new ConfigError('--seeds and --resume do not combine: resume each seed directory on its own');
  const log = ctx.log ?? (() => undefined);
  const rows: SeedSummary[] = [];
  const all = seeds.map((s) => seedOptions(base, s));
  // refuse before anything runs if a seed directory holds a run (unless --force)
  for (const o of all) prepareRunDir(o.out, base.force);
  if (ctx.queue === undefined) {
    for (const o of all) {
      log(`seed ${o.seed}: training into ${o.out}`);
      rows.push(seedSummary(await train(o, ctx)));
      if (ctx.signal?.aborted === true) break;
    }
  } else {
    if (base.init !== null && base.init !== undefined) throw new ConfigError(`--init with --queue: the policy ${base.init} would have to be on every worker's disk; train without --queue, or give each worker the same path`);
    await runOnQueue<TrainJobResult>(
      all.map((o) => ({ id: seedJobId(o), kind: 'train', payload: { options: o }, label: `seed ${o.seed}` })),
      {
        url: ctx.queue.url,
        ...(ctx.queue.name !== undefined ? { name: ctx.queue.name } : {}),
        log,
        ...(ctx.signal !== undefined ? { signal: ctx.signal } : {}),
        onResult: (i, r) => {
          const o = all[i] as TrainOptions;
          unpackDir(o.out, r.files);
          rows.push(r.summary);
          log(`seed ${o.seed}: run received into ${o.out} (${r.files.length} files)`);
        },
      },
    );
  }
  const file = join(base.out, SEEDS_FILE);
  const vStar = rows.map((s) => (s.bestExactReturn !== null && s.exactOptimum !== null ? s.bestExactReturn / s.exactOptimum : null));
  writeJsonAtomic(file, {
    command: base.command,
    seeds: rows.map((r) => r.seed),
    rows,
    aggregate: {
      bestExactReturn: aggregate(rows.map((r) => r.bestExactReturn)),
      pctOfVStar: aggregate(vStar),
      testMeanReturn: aggregate(rows.map((r) => r.test?.meanReturn ?? null)),
      testPctOfHjb: aggregate(rows.map((r) => r.test?.pctOfHjb ?? null)),
      testDiffVsHjb: aggregate(rows.map((r) => r.test?.diffVsHjb ?? null)),
    },
  });
  return { rows, file };
}
