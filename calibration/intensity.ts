/**
 * Fit of the fill intensity lambda(delta) = A exp(-k delta) (Avellaneda & Stoikov 2008, eq. 2.11;
 * Gueant, Lehalle & Fernandez-Tapia 2013) to counts over a ladder of depths, by Poisson
 * maximum likelihood, with the log-linear least-squares fit for comparison.
 *
 * Two designs:
 * - 'independent': count N_j over exposure E_j at depth delta_j, independent across j (e.g. one
 *   simulated quote per depth): N_j ~ Poisson(E_j A exp(-k delta_j)).
 * - 'nested': N_j = number of market orders that reached at least delta_j over the same exposure
 *   E (so N_0 >= N_1 >= ...; one order counts at every depth it reached). The counts are
 *   cumulative, so the likelihood is written on the disjoint bins [delta_j, delta_{j+1}) (last
 *   bin open): n_j ~ Poisson(E A (exp(-k delta_j) - exp(-k delta_{j+1}))), independent.
 *   With tail 'closed' the orders beyond the last depth are left out (a fit restricted to the
 *   ladder's range; ladder-bins.ts).
 *
 * MLE: for fixed k, A_hat(k) = sum n_j / sum E_j w_j(k); k maximises the profile likelihood
 * (log-grid search, then golden section). Standard errors: inverse Fisher information in
 * (log A, k), I = sum_j grad mu_j grad mu_j^T / mu_j, with SE(A) = A SE(log A) (delta method).
 */

import { binCounts, binTotal, binWeights, exposureAt, poissonBinStats, validateLadder, type LadderCounts } from './ladder-bins.js';

export type { LadderCounts } from './ladder-bins.js';

export interface IntensityFit {
  /** Baseline intensity A (per time unit) and decay k (per price unit). */
  readonly A: number;
  readonly k: number;
  readonly seA: number;
  readonly seK: number;
  /** Correlation of the (log A, k) estimates. */
  readonly corrLogAK: number;
  readonly logLikelihood: number;
  /** Poisson deviance 2 sum [n log(n/mu) - (n - mu)] and degrees of freedom (bins - 2). */
  readonly deviance: number;
  readonly dof: number;
  /** Pearson chi-square sum (n - mu)^2 / mu. */
  readonly pearsonChi2: number;
  /** R^2 of log(empirical rate) against log(fitted rate) over depths with N_j > 0. */
  readonly r2LogRate: number;
  /** Empirical rates N_j / E_j at each depth (exceedance rates for 'nested'). */
  readonly empiricalRate: number[];
  readonly fittedRate: number[];
  /** Ordinary least squares of log(N_j / E_j) on delta_j (depths with N_j > 0). */
  readonly logLinear: { A: number; k: number; seA: number; seK: number; r2: number; points: number };
}

/** Bin weights w_j(k) (mu_j = A E_j w_j) and their derivatives in k. */
function weights(c: LadderCounts, k: number): { w: number[]; dw: number[] } {
  const r = binWeights(
    c,
    (d) => Math.exp(-k * d),
    (d) => [-d * Math.exp(-k * d)],
  );
  return { w: r.w, dw: r.dw.map((g) => g[0] as number) };
}

/** Expected counts per likelihood bin at (A, k), e.g. to score another side's counts (symmetry test). */
export function exponentialBinMeans(c: LadderCounts, A: number, k: number): number[] {
  const { w } = weights(c, k);
  return w.map((wj, j) => A * exposureAt(c, j) * wj);
}

export function fitExponentialIntensity(c: LadderCounts): IntensityFit {
  validateLadder(c, 2);
  const J = c.depths.length;
  const B = binTotal(c);
  const n = binCounts(c);
  const E = Array.from({ length: J }, (_, j) => exposureAt(c, j));
  const total = n.reduce((a, b) => a + b, 0);

  // profile log-likelihood in k (A profiled out)
  const profile = (k: number): number => {
    const { w } = weights(c, k);
    let sEw = 0;
    let ll = 0;
    for (let j = 0; j < B; j++) {
      const m = (E[j] as number) * (w[j] as number);
      sEw += m;
      if ((n[j] as number) > 0) ll += (n[j] as number) * Math.log(m > 0 ? m : 1e-300);
    }
    return ll - total * Math.log(sEw);
  };
  const span = (c.depths[J - 1] as number) - (c.depths[0] as number);
  const step = Math.min(...c.depths.slice(1).map((d, j) => d - (c.depths[j] as number)));
  const lo = Math.log(1e-3 / span);
  const hi = Math.log(50 / step);
  const G = 400;
  let best = 0;
  let bestLl = -Infinity;
  for (let i = 0; i <= G; i++) {
    const ll = profile(Math.exp(lo + ((hi - lo) * i) / G));
    if (ll > bestLl) {
      bestLl = ll;
      best = i;
    }
  }
  let a = lo + ((hi - lo) * Math.max(0, best - 1)) / G;
  let b = lo + ((hi - lo) * Math.min(G, best + 1)) / G;
  const phi = (Math.sqrt(5) - 1) / 2;
  for (let it = 0; it < 200 && b - a > 1e-12; it++) {
    const x1 = b - phi * (b - a);
    const x2 = a + phi * (b - a);
    if (profile(Math.exp(x1)) >= profile(Math.exp(x2))) b = x2;
    else a = x1;
  }
  const k = Math.exp((a + b) / 2);
  const { w, dw } = weights(c, k);
  let sEw = 0;
  for (let j = 0; j < B; j++) sEw += (E[j] as number) * (w[j] as number);
  const A = total / sEw;

  // Fisher information in (log A, k)
  let iaa = 0;
  let iak = 0;
  let ikk = 0;
  const mus: number[] = [];
  for (let j = 0; j < B; j++) {
    const mu = A * (E[j] as number) * (w[j] as number);
    mus.push(mu);
    const ga = mu;
    const gk = A * (E[j] as number) * (dw[j] as number);
    if (mu > 0) {
      iaa += (ga * ga) / mu;
      iak += (ga * gk) / mu;
      ikk += (gk * gk) / mu;
    }
  }
  const stats = poissonBinStats(n, mus);
  const det = iaa * ikk - iak * iak;
  const vaa = ikk / det;
  const vkk = iaa / det;
  const vak = -iak / det;

  // empirical vs fitted rates at each depth (exceedance for nested)
  const empiricalRate = c.counts.map((N, j) => N / (E[j] as number));
  const fittedRate = c.depths.map((d) => A * Math.exp(-k * d));
  const xs: number[] = [];
  const ys: number[] = [];
  const fs: number[] = [];
  empiricalRate.forEach((r, j) => {
    if (r > 0) {
      xs.push(c.depths[j] as number);
      ys.push(Math.log(r));
      fs.push(Math.log(fittedRate[j] as number));
    }
  });
  const yMean = ys.reduce((s, y) => s + y, 0) / ys.length;
  let ssRes = 0;
  let ssTot = 0;
  ys.forEach((y, i) => {
    ssRes += (y - (fs[i] as number)) ** 2;
    ssTot += (y - yMean) ** 2;
  });
  return {
    A,
    k,
    seA: A * Math.sqrt(vaa),
    seK: Math.sqrt(vkk),
    corrLogAK: vak / Math.sqrt(vaa * vkk),
    logLikelihood: stats.logLikelihood,
    deviance: stats.deviance,
    dof: B - 2,
    pearsonChi2: stats.pearsonChi2,
    r2LogRate: ssTot > 0 ? 1 - ssRes / ssTot : 1,
    empiricalRate,
    fittedRate,
    logLinear: ols(xs, ys),
  };
}

/** OLS of y = a + b x: A = exp(a), k = -b, with the usual standard errors. */
function ols(xs: number[], ys: number[]): IntensityFit['logLinear'] {
  const m = xs.length;
  if (m < 3) return { A: NaN, k: NaN, seA: NaN, seK: NaN, r2: NaN, points: m };
  const xm = xs.reduce((s, x) => s + x, 0) / m;
  const ym = ys.reduce((s, y) => s + y, 0) / m;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < m; i++) {
    const dx = (xs[i] as number) - xm;
    const dy = (ys[i] as number) - ym;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  const slope = sxy / sxx;
  const icpt = ym - slope * xm;
  const sse = Math.max(0, syy - slope * sxy);
  const s2 = sse / (m - 2);
  const seSlope = Math.sqrt(s2 / sxx);
  const seIcpt = Math.sqrt(s2 * (1 / m + (xm * xm) / sxx));
  const A = Math.exp(icpt);
  return { A, k: -slope, seA: A * seIcpt, seK: seSlope, r2: syy > 0 ? 1 - sse / syy : 1, points: m };
}
