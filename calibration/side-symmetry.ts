/**
 * Likelihood-ratio test of equal fill intensity on the two sides of the book:
 * H0: (A_bid, k_bid) = (A_ask, k_ask) against free (A, k) per side, on the same ladder bins.
 *
 * LR = 2 [ll_bid(A_b, k_b) + ll_ask(A_a, k_a) - ll_bid(A_0, k_0) - ll_ask(A_0, k_0)], with
 * (A_0, k_0) the pooled MLE (the summed counts over the summed exposure are sufficient under H0).
 * Under H0 LR ~ chi-square with 2 dof (Wilks 1938), whose survival function is exactly
 * P(X > x) = exp(-x/2). With thousands of orders the test has power against small asymmetries:
 * read the per-side estimates and their SEs with it, not the p-value alone.
 */
import { fitExponentialIntensity, exponentialBinMeans } from './intensity.js';
import { binCounts, poissonBinStats, type LadderCounts } from './ladder-bins.js';

export interface SymmetryTest {
  readonly hypothesis: string;
  readonly statistic: number;
  readonly dof: 2;
  readonly pValue: number;
  /** The pooled (H0) estimate. */
  readonly pooled: { readonly A: number; readonly k: number };
}

/** Survival function of the chi-square distribution with 2 dof: exp(-x/2), x >= 0. */
export function chiSquare2Survival(x: number): number {
  if (!(x >= 0)) throw new RangeError(`chi-square statistic must be >= 0, got ${x}`);
  return Math.exp(-x / 2);
}

function same(a: LadderCounts, b: LadderCounts): void {
  const J = a.depths.length;
  if (b.depths.length !== J || a.depths.some((d, j) => d !== b.depths[j])) throw new RangeError('bid and ask ladders must have the same depths');
  if (a.design !== b.design || (a.tail ?? 'open') !== (b.tail ?? 'open')) throw new RangeError(`bid and ask ladders must have the same design and tail, got ${a.design}/${a.tail ?? 'open'} and ${b.design}/${b.tail ?? 'open'}`);
  if (a.exposures.length !== b.exposures.length) throw new RangeError(`bid and ask exposures must have the same length, got ${a.exposures.length} and ${b.exposures.length}`);
}

export function sideSymmetryTest(bid: LadderCounts, ask: LadderCounts): SymmetryTest {
  same(bid, ask);
  const fb = fitExponentialIntensity(bid);
  const fa = fitExponentialIntensity(ask);
  const pooledCounts: LadderCounts = {
    ...bid,
    counts: bid.counts.map((n, j) => n + (ask.counts[j] as number)),
    exposures: bid.exposures.map((e, j) => e + (ask.exposures[j] as number)),
  };
  const f0 = fitExponentialIntensity(pooledCounts);
  const ll0 = poissonBinStats(binCounts(bid), exponentialBinMeans(bid, f0.A, f0.k)).logLikelihood + poissonBinStats(binCounts(ask), exponentialBinMeans(ask, f0.A, f0.k)).logLikelihood;
  // the free fit can only be better; clamp rounding below 0
  const statistic = Math.max(0, 2 * (fb.logLikelihood + fa.logLikelihood - ll0));
  return {
    hypothesis: 'equal (A, k) on the bid and ask sides (likelihood ratio, chi-square 2 dof)',
    statistic,
    dof: 2,
    pValue: chiSquare2Survival(statistic),
    pooled: { A: f0.A, k: f0.k },
  };
}
