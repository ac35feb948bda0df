/**
 * Paired comparison of two policies played on the same episodes (common random numbers):
 * d_j = a_j - b_j. Mean difference with a 95% paired-t interval mean(d) +- t_{0.975, n-1} sd(d)/sqrt(n)
 * (Student 1908) and a seeded percentile-bootstrap interval, plus the win rate of a over b.
 */
import { bootstrapMeanCI } from './bootstrap.js';
import { describe } from './describe.js';
import { studentTQuantile } from './student-t.js';

export interface PairedDifference {
  n: number;
  meanDiff: number;
  sdDiff: number;
  seDiff: number;
  level: number;
  /** Paired-t confidence interval of the mean difference. */
  tInterval: [number, number];
  /** Percentile-bootstrap confidence interval of the mean difference. */
  bootstrapInterval: [number, number];
  wins: number;
  losses: number;
  ties: number;
  /** (wins + ties / 2) / n. */
  winRate: number;
}

export interface PairedOptions {
  level?: number;
  resamples?: number;
  seed: number;
}

export function pairedDifference(a: ArrayLike<number>, b: ArrayLike<number>, options: PairedOptions): PairedDifference {
  if (a.length !== b.length) {
    throw new RangeError(`paired samples must have the same length, got ${a.length} and ${b.length}`);
  }
  const n = a.length;
  if (n < 2) throw new RangeError(`paired comparison needs at least 2 episodes, got ${n}`);
  const level = options.level ?? 0.95;
  const d = new Float64Array(n);
  let wins = 0;
  let losses = 0;
  for (let i = 0; i < n; i++) {
    const x = (a[i] as number) - (b[i] as number);
    d[i] = x;
    if (x > 0) wins++;
    else if (x < 0) losses++;
  }
  const ties = n - wins - losses;
  const { mean, std, se } = describe(d);
  const t = studentTQuantile((1 + level) / 2, n - 1);
  return {
    n,
    meanDiff: mean,
    sdDiff: std,
    seDiff: se,
    level,
    tInterval: [mean - t * se, mean + t * se],
    bootstrapInterval: bootstrapMeanCI(d, {
      level,
      seed: options.seed,
      ...(options.resamples !== undefined ? { resamples: options.resamples } : {}),
    }),
    wins,
    losses,
    ties,
    winRate: (wins + ties / 2) / n,
  };
}
