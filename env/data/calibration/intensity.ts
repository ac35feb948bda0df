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
 *
 * MLE: for fixed k, A_hat(k) = sum n_j / sum E_j w_j(k); k maximises the profile likelihood
 * (log-grid search, then golden section). Standard errors: inverse Fisher information in
 * (log A, k), I = sum_j grad mu_j grad mu_j^T / mu_j, with SE(A) = A SE(log A) (delta method).
 */

export interface LadderCounts {
  /** Depths delta_j (price units), increasing, >= 0. */
  readonly depths: readonly number[];
  /** N_j: fills (independent) or orders reaching >= delta_j (nested). */
  readonly counts: readonly number[];
  /** E_j: exposure time at each depth (time units); one value = the same for all. */
  readonly exposures: readonly number[];
  readonly design: 'independent' | 'nested';
}

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

function exposureAt(c: LadderCounts, j: number): number {
  return (c.exposures.length === 1 ? c.exposures[0] : c.exposures[j]) as number;
}

/** Weights w_j(k) and their derivatives in k, per bin. */
function weights(c: LadderCounts, k: number, w: Float64Array, dw: Float64Array): void {
  const d = c.depths;
  const J = d.length;
  for (let j = 0; j < J; j++) {
    const dj = d[j] as number;
    const e0 = Math.exp(-k * dj);
    if (c.design === 'independent' || j === J - 1) {
      w[j] = e0;
      dw[j] = -dj * e0;
    } else {
      const dn = d[j + 1] as number;
      const e1 = Math.exp(-k * dn);
      w[j] = e0 - e1;
      dw[j] = -dj * e0 + dn * e1;
    }
  }
}

/** Observed counts per likelihood bin. */
function binCounts(c: LadderCounts): number[] {
  const N = c.counts;
  if (c.design === 'independent') return [...N];
  return N.map((n, j) => n - (j + 1 < N.length ? (N[j + 1] as number) : 0));
}

function validate(c: LadderCounts): void {
  const J = c.depths.length;
  if (J < 3) throw new RangeError(`need at least 3 depths on the ladder, got ${J}`);
  if (c.counts.length !== J) throw new RangeError(`counts must have ${J} entries (one per depth), got ${c.counts.length}`);
  if (c.exposures.length !== 1 && c.exposures.length !== J) throw new RangeError(`exposures must have 1 or ${J} entries, got ${c.exposures.length}`);
  for (let j = 0; j < J; j++) {
    const d = c.depths[j] as number;
    if (!(d >= 0) || (j > 0 && !(d > (c.depths[j - 1] as number)))) throw new RangeError(`depths must be >= 0 and increasing; depths[${j}] = ${d}`);
    const n = c.counts[j] as number;
    if (!(n >= 0)) throw new RangeError(`counts[${j}] must be >= 0, got ${n}`);
    if (!(exposureAt(c, j) > 0)) throw new RangeError(`exposure at depth ${j} must be > 0, got ${exposureAt(c, j)}`);
  }
  if (c.design === 'nested') {
    for (let j = 1; j < J; j++) {
      if ((c.counts[j] as number) > (c.counts[j - 1] as number)) throw new RangeError(`nested counts must not increase with depth: counts[${j}] = ${c.counts[j]} > counts[${j - 1}] = ${c.counts[j - 1]}`);
    }
  }
  if (c.counts.every((n) => n === 0)) throw new RangeError('all counts are 0: no fills to fit');
}

export function fitExponentialIntensity(c: LadderCounts): IntensityFit {
  validate(c);
  const J = c.depths.length;
  const n = binCounts(c);
  const E = Array.from({ length: J }, (_, j) => exposureAt(c, j));
  const w = new Float64Array(J);
  const dw = new Float64Array(J);
  const total = n.reduce((a, b) => a + b, 0);

  // profile log-likelihood in k (A profiled out)
  const profile = (k: number): number => {
    weights(c, k, w, dw);
    let sEw = 0;
    let ll = 0;
    for (let j = 0; j < J; j++) {
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
  weights(c, k, w, dw);
  let sEw = 0;
  for (let j = 0; j < J; j++) sEw += (E[j] as number) * (w[j] as number);
  const A = total / sEw;

  // Fisher information in (log A, k)
  let iaa = 0;
  let iak = 0;
  let ikk = 0;
  let ll = 0;
  let dev = 0;
  let pearson = 0;
  for (let j = 0; j < J; j++) {
    const mu = A * (E[j] as number) * (w[j] as number);
    const ga = mu;
    const gk = A * (E[j] as number) * (dw[j] as number);
    if (mu > 0) {
      iaa += (ga * ga) / mu;
      iak += (ga * gk) / mu;
      ikk += (gk * gk) / mu;
      pearson += ((n[j] as number) - mu) ** 2 / mu;
    }
    const nj = n[j] as number;
    ll += (nj > 0 ? nj * Math.log(mu) : 0) - mu - lgammaInt(nj);
    dev += 2 * ((nj > 0 ? nj * Math.log(nj / mu) : 0) - (nj - mu));
  }
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
    logLikelihood: ll,
    deviance: dev,
    dof: J - 2,
    pearsonChi2: pearson,
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

/** log(n!) for integer n >= 0 (Stirling series beyond 20). */
function lgammaInt(n: number): number {
  if (n < 2) return 0;
  if (n <= 20) {
    let s = 0;
    for (let i = 2; i <= n; i++) s += Math.log(i);
    return s;
  }
  const x = n + 1;
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x ** 3);
}
