/**
 * One training seed in a line, and the table across seeds (`mmgym train --seeds`): per seed the
 * best policy's exact value where the market has one (as % of V*) and its test-seed figures (% of
 * HJB, paired difference to HJB with its 95% interval); across seeds the mean, its standard
 * error (sample s.d. / sqrt(n)) and the worst seed — what a user needs to see that a recipe is
 * not one lucky seed.
 */
import { describe } from '../evals/stats/describe.js';
import type { TrainResult } from './train.js';

export interface SeedSummary {
  seed: number;
  timesteps: number;
  wallSeconds: number;
  backend: string;
  /** The best policy's exact expected return (null where the market has no exact optimum). */
  bestExactReturn: number | null;
  /** V* of the market (null where it has none). */
  exactOptimum: number | null;
  /** The test seeds' figures of the best (else the final) policy; null without a closing table. */
  test: { episodes: number; seed: number; meanReturn: number; pctOfHjb: number | null; diffVsHjb: number | null; ci: [number, number] | null } | null;
}

export function seedSummary(r: TrainResult): SeedSummary {
  const c = r.comparison;
  const row = c?.policies.find((p) => p.role === 'candidate') ?? null;
  const pair = c !== null && row !== null ? c.pairs.find((p) => p.policy === row.name && p.baseline === c.referenceName) ?? null : null;
  return {
    seed: r.options.seed,
    timesteps: r.timesteps,
    wallSeconds: r.wallSeconds,
    backend: r.backend,
    bestExactReturn: r.bestExactReturn,
    exactOptimum: r.lastEval?.exactOptimum ?? null,
    test:
      c === null || row === null
        ? null
        : {
            episodes: c.episodes,
            seed: c.seed,
            meanReturn: row.metrics.return.mean,
            pctOfHjb: row.pctOfReference,
            diffVsHjb: pair?.returns.meanDiff ?? null,
            ci: pair?.returns.tInterval ?? null,
          },
  };
}

export interface Aggregate {
  n: number;
  mean: number;
  se: number;
  worst: number;
}

/** Mean, standard error and minimum of the finite values (null if there are none; the s.e. of one value is NaN, not 0). */
export function aggregate(values: readonly (number | null)[]): Aggregate | null {
  const v = values.filter((x): x is number => x !== null && Number.isFinite(x));
  if (v.length === 0) return null;
  const d = describe(v);
  return { n: d.n, mean: d.mean, se: d.n > 1 ? d.se : Number.NaN, worst: Math.min(...v) };
}

const pct = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? '-' : `${(100 * x).toFixed(2)}%`);
const num = (x: number | null | undefined, d = 4): string => (x === null || x === undefined || !Number.isFinite(x) ? '-' : x.toFixed(d));

const vStar = (s: SeedSummary): number | null => (s.bestExactReturn !== null && s.exactOptimum !== null ? s.bestExactReturn / s.exactOptimum : null);

/** The figures aggregated across seeds: their key in seeds.json, how to read one seed, how to print it. */
const SEED_METRICS = [
  { key: 'bestExactReturn', get: (s: SeedSummary) => s.bestExactReturn, fmt: num },
  { key: 'pctOfVStar', get: vStar, fmt: pct },
  { key: 'testMeanReturn', get: (s: SeedSummary) => s.test?.meanReturn ?? null, fmt: num },
  { key: 'testPctOfHjb', get: (s: SeedSummary) => s.test?.pctOfHjb ?? null, fmt: pct },
  { key: 'testDiffVsHjb', get: (s: SeedSummary) => s.test?.diffVsHjb ?? null, fmt: num },
] as const;

/** Mean, s.e. and worst seed of each figure (seeds.json's `aggregate`). */
export function aggregateSeeds(rows: readonly SeedSummary[]): Record<(typeof SEED_METRICS)[number]['key'], Aggregate | null> {
  return Object.fromEntries(SEED_METRICS.map((m) => [m.key, aggregate(rows.map(m.get))])) as Record<(typeof SEED_METRICS)[number]['key'], Aggregate | null>;
}

/** A text table: one row per seed, then mean ± s.e. and the worst seed per column. */
export function formatSeedTable(rows: readonly SeedSummary[]): string {
  const header = ['seed', 'best: exact value', '% of V*', 'test: mean return', '% of HJB', 'diff to HJB [95% CI]', 'steps', 'wall s'];
  const body = rows.map((s) => [
    String(s.seed),
    num(s.bestExactReturn),
    pct(vStar(s)),
    num(s.test?.meanReturn),
    pct(s.test?.pctOfHjb),
    s.test?.diffVsHjb == null ? '-' : `${num(s.test.diffVsHjb)} [${num(s.test.ci?.[0])}, ${num(s.test.ci?.[1])}]`,
    String(s.timesteps),
    s.wallSeconds.toFixed(1),
  ]);
  const aggs = aggregateSeeds(rows);
  const meanRow = ['mean ± s.e.', ...SEED_METRICS.map((m) => (aggs[m.key] === null ? '-' : `${m.fmt(aggs[m.key]?.mean)} ± ${m.fmt(aggs[m.key]?.se)}`)), '', ''];
  const worstRow = ['worst', ...SEED_METRICS.map((m) => (aggs[m.key] === null ? '-' : m.fmt(aggs[m.key]?.worst))), '', ''];
  const table = [header, ...body, meanRow, worstRow];
  const widths = header.map((_, j) => Math.max(...table.map((r) => (r[j] ?? '').length)));
  return table.map((r) => r.map((c, j) => c.padEnd(widths[j] as number)).join('  ').trimEnd()).join('\n');
}
