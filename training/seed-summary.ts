/**
 * One training seed in a line, and the table across seeds (`mmgym train --seeds`): per seed the
 * best policy's exact value where the market has one (as % of V*) and its test-seed figures (% of
 * HJB, paired difference to HJB with its 95% interval); across seeds the mean, its standard
 * error (sample s.d. / sqrt(n)) and the worst seed — what a user needs to see that a recipe is
 * not one lucky seed.
 */
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

/** Mean, standard error and minimum of the finite values (null if there are none). */
export function aggregate(values: readonly (number | null)[]): Aggregate | null {
  const v = values.filter((x): x is number => x !== null && Number.isFinite(x));
  if (v.length === 0) return null;
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const sd = v.length > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1)) : Number.NaN;
  return { n: v.length, mean, se: sd / Math.sqrt(v.length), worst: Math.min(...v) };
}

const pct = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? '-' : `${(100 * x).toFixed(2)}%`);
const num = (x: number | null | undefined, d = 4): string => (x === null || x === undefined || !Number.isFinite(x) ? '-' : x.toFixed(d));

/** A text table: one row per seed, then mean ± s.e. and the worst seed per column. */
export function formatSeedTable(rows: readonly SeedSummary[]): string {
  const vStar = (s: SeedSummary): number | null => (s.bestExactReturn !== null && s.exactOptimum !== null ? s.bestExactReturn / s.exactOptimum : null);
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
  const cols: ((s: SeedSummary) => number | null)[] = [(s) => s.bestExactReturn, vStar, (s) => s.test?.meanReturn ?? null, (s) => s.test?.pctOfHjb ?? null, (s) => s.test?.diffVsHjb ?? null];
  const fmt = [num, pct, num, pct, num] as const;
  const aggs = cols.map((f) => aggregate(rows.map(f)));
  const meanRow = ['mean ± s.e.', ...aggs.map((a, i) => (a === null ? '-' : `${(fmt[i] as (x: number) => string)(a.mean)} ± ${(fmt[i] as (x: number) => string)(a.se)}`)), '', ''];
  const worstRow = ['worst', ...aggs.map((a, i) => (a === null ? '-' : (fmt[i] as (x: number) => string)(a.worst))), '', ''];
  const table = [header, ...body, meanRow, worstRow];
  const widths = header.map((_, j) => Math.max(...table.map((r) => (r[j] ?? '').length)));
  return table.map((r) => r.map((c, j) => c.padEnd(widths[j] as number)).join('  ').trimEnd()).join('\n');
}
