/**
 * Fit of the power-law fill intensity lambda(delta) = A (1 + delta/delta0)^(-alpha)
 * (Avellaneda & Stoikov 2008, sec. 2.3: a power-law distribution of market-order sizes with a
 * power-law price impact; the simulator's 'power-law' arrivals, env/config.ts) by Poisson maximum
 * likelihood on the same ladder bins as the exponential fit (ladder-bins.ts: nested exceedance
 * counts written on disjoint bins, tail open or closed): mu_j = A E_j w_j(alpha, delta0) with
 * w_j = s(d_j) - s(d_{j+1}), s(d) = (1 + d/delta0)^(-alpha).
 *
 * Method: A is profiled out in closed form, A_hat = sum n_j / sum E_j w_j (computed as the rate
 * at the first depth, shape relative to it, so a ladder starting above 0 cannot underflow); the profile
 * log-likelihood in (log alpha, log delta0) is maximised by a 41 x 41 log-grid search, then
 * Nelder-Mead from the best grid point, then Fisher scoring on (log A, log alpha, log delta0).
 * Standard errors: inverse Fisher information I = sum_j grad mu_j grad mu_j^T / mu_j (delta
 * method for A, alpha, delta0 and k_eff). The exponential A exp(-k delta) is the limit
 * alpha, delta0 -> inf with alpha/delta0 = k: a fit at the grid's upper bounds (atBound) is that
 * limit, and its SEs are not meaningful (the information is near singular).
 *
 * k_eff = alpha / delta0 = -d log lambda / d delta at delta = 0: the local exponential decay
 * at the mid, for the k-based parts of a preset (gamma = k/15, maxDepth = 7.5/k).
 */
import { binCounts, binTotal, binWeights, exposureAt, invertSymmetric, poissonBinStats, validateLadder, type LadderCounts } from './ladder-bins.js';

export interface PowerLawFit {
  readonly A: number;
  /** Tail exponent alpha (> 0) and scale delta0 (price units, > 0). */
  readonly alpha: number;
  readonly delta0: number;
  readonly seA: number;
  readonly seAlpha: number;
  readonly seDelta0: number;
  /** Local decay at delta = 0: alpha / delta0 (per price unit), and its SE. */
  readonly kEff: number;
  readonly seKEff: number;
  /** Correlation of the (log alpha, log delta0) estimates. */
  readonly corrLogAlphaLogDelta0: number;
  /** The optimum sits on the search box's edge (alpha or delta0 at a bound: the exponential limit if both are at their upper bounds). */
  readonly atBound: boolean;
  readonly logLikelihood: number;
  /** Poisson deviance and degrees of freedom (bins - 3). */
  readonly deviance: number;
  readonly dof: number;
  readonly pearsonChi2: number;
  /** Empirical and fitted rates at each depth (exceedance rates for 'nested'). */
  readonly empiricalRate: number[];
  readonly fittedRate: number[];
}

/**
 * Shape relative to the first depth d0 (no underflow when the ladder starts above 0):
 * s(d) = ((delta0 + d) / (delta0 + d0))^-alpha = lambda(d) / lambda(d0), and its derivatives
 * in (log alpha, log delta0).
 */
function shape(alpha: number, delta0: number, d0: number): { s: (d: number) => number; ds: (d: number) => number[] } {
  const s = (d: number): number => Math.pow((delta0 + d) / (delta0 + d0), -alpha);
  const ds = (d: number): number[] => {
    const v = s(d);
    return [-alpha * Math.log((delta0 + d) / (delta0 + d0)) * v, -alpha * delta0 * (1 / (delta0 + d) - 1 / (delta0 + d0)) * v];
  };
  return { s, ds };
}

/** Nelder-Mead minimiser (standard coefficients 1, 2, 0.5, 0.5). */
function nelderMead(f: (x: number[]) => number, x0: number[], step: number, tol: number, maxIter: number): number[] {
  const n = x0.length;
  let pts = [x0, ...x0.map((_, i) => x0.map((v, j) => (i === j ? v + step : v)))];
  let vals = pts.map(f);
  for (let it = 0; it < maxIter; it++) {
    const order = vals.map((_, i) => i).sort((a, b) => (vals[a] as number) - (vals[b] as number));
    pts = order.map((i) => pts[i] as number[]);
    vals = order.map((i) => vals[i] as number);
    const size = Math.max(...pts.slice(1).map((p) => Math.max(...p.map((v, j) => Math.abs(v - (pts[0]![j] as number))))));
    if (size < tol) break;
    const c = Array.from({ length: n }, (_, j) => pts.slice(0, n).reduce((s, p) => s + (p[j] as number), 0) / n);
    const worst = pts[n] as number[];
    const at = (t: number): number[] => c.map((cj, j) => cj + t * (cj - (worst[j] as number)));
    const xr = at(1);
    const fr = f(xr);
    if (fr < (vals[0] as number)) {
      const xe = at(2);
      const fe = f(xe);
      [pts[n], vals[n]] = fe < fr ? [xe, fe] : [xr, fr];
    } else if (fr < (vals[n - 1] as number)) {
      [pts[n], vals[n]] = [xr, fr];
    } else {
      const xc = fr < (vals[n] as number) ? at(0.5) : at(-0.5);
      const fc = f(xc);
      if (fc < Math.min(fr, vals[n] as number)) [pts[n], vals[n]] = [xc, fc];
      else {
        const best = pts[0] as number[];
        pts = pts.map((p, i) => (i === 0 ? p : p.map((v, j) => (best[j] as number) + 0.5 * (v - (best[j] as number)))));
        vals = pts.map((p, i) => (i === 0 ? (vals[0] as number) : f(p)));
      }
    }
  }
  const iBest = vals.indexOf(Math.min(...vals));
  return pts[iBest] as number[];
}

export function fitPowerLawIntensity(c: LadderCounts): PowerLawFit {
  validateLadder(c, 3);
  const J = c.depths.length;
  const B = binTotal(c);
  const n = binCounts(c);
  const E = Array.from({ length: B }, (_, j) => exposureAt(c, j));
  const d0 = c.depths[0] as number;
  const total = n.reduce((a, b) => a + b, 0);

  const profile = (x: number[]): number => {
    const { s } = shape(Math.exp(x[0] as number), Math.exp(x[1] as number), d0);
    const { w } = binWeights(c, s, () => []);
    let sEw = 0;
    let ll = 0;
    for (let j = 0; j < B; j++) {
      const m = (E[j] as number) * (w[j] as number);
      sEw += m;
      if ((n[j] as number) > 0) ll += (n[j] as number) * Math.log(m > 0 ? m : 1e-300);
    }
    return sEw > 0 ? ll - total * Math.log(sEw) : -Infinity;
  };

  // search box in (log alpha, log delta0)
  const span = (c.depths[J - 1] as number) - (c.depths[0] as number);
  const step = Math.min(...c.depths.slice(1).map((d, j) => d - (c.depths[j] as number)));
  const box = [
    [Math.log(0.01), Math.log(1e4)],
    [Math.log(step / 100), Math.log(1e3 * span)],
  ] as const;
  const G = 40;
  let best = [0, 0];
  let bestLl = -Infinity;
  for (let i = 0; i <= G; i++) {
    for (let j = 0; j <= G; j++) {
      const x = [box[0][0] + ((box[0][1] - box[0][0]) * i) / G, box[1][0] + ((box[1][1] - box[1][0]) * j) / G];
      const ll = profile(x);
      if (ll > bestLl) {
        bestLl = ll;
        best = x;
      }
    }
  }
  const clamp = (x: number[]): number[] => x.map((v, i) => Math.min(box[i]![1], Math.max(box[i]![0], v)));
  const cell = (box[0][1] - box[0][0]) / G;
  let x = clamp(nelderMead((y) => -profile(clamp(y)), best, cell / 2, 1e-10, 2000));

  // Fisher scoring on (log A_d0, log alpha, log delta0), A_d0 = lambda(d0), from the Nelder-Mead point
  const evalAt = (xa: number[], logA: number) => {
    const alpha = Math.exp(xa[0] as number);
    const delta0 = Math.exp(xa[1] as number);
    const { s, ds } = shape(alpha, delta0, d0);
    const { w, dw } = binWeights(c, s, ds);
    const A = Math.exp(logA);
    const mu = w.map((wj, j) => A * (E[j] as number) * wj);
    const grad = mu.map((m, j) => [m, A * (E[j] as number) * (dw[j]![0] as number), A * (E[j] as number) * (dw[j]![1] as number)]);
    return { mu, grad, ll: poissonBinStats(n, mu).logLikelihood, s };
  };
  const profileA = (xa: number[]): number => {
    const { s } = shape(Math.exp(xa[0] as number), Math.exp(xa[1] as number), d0);
    const { w } = binWeights(c, s, () => []);
    return Math.log(total / w.reduce((acc, wj, j) => acc + (E[j] as number) * wj, 0));
  };
  let logA = profileA(x);
  let cur = evalAt(x, logA);
  for (let it = 0; it < 50; it++) {
    const I = [0, 1, 2].map((a) => [0, 1, 2].map((b) => cur.grad.reduce((acc, g, j) => acc + ((cur.mu[j] as number) > 0 ? ((g[a] as number) * (g[b] as number)) / (cur.mu[j] as number) : 0), 0)));
    const U = [0, 1, 2].map((a) => cur.grad.reduce((acc, g, j) => acc + ((cur.mu[j] as number) > 0 ? ((n[j] as number) / (cur.mu[j] as number) - 1) * (g[a] as number) : 0), 0));
    const V = invertSymmetric(I);
    const delta = V.map((row) => row.reduce((acc, v, b) => acc + v * (U[b] as number), 0));
    if (delta.some((d) => !Number.isFinite(d))) break;
    let t = 1;
    let moved = false;
    for (let h = 0; h < 30; h++, t /= 2) {
      const xn = clamp([(x[0] as number) + t * (delta[1] as number), (x[1] as number) + t * (delta[2] as number)]);
      const lan = logA + t * (delta[0] as number);
      const next = evalAt(xn, lan);
      if (next.ll >= cur.ll - 1e-12 * Math.abs(cur.ll)) {
        x = xn;
        logA = lan;
        cur = next;
        moved = true;
        break;
      }
    }
    if (!moved || Math.max(...delta.map((d) => Math.abs(d * t))) < 1e-12) break;
  }
  // A_d0 at its closed form for the final shape (the MLE identity sum mu = sum n)
  logA = profileA(x);
  cur = evalAt(x, logA);
  const alpha = Math.exp(x[0] as number);
  const delta0 = Math.exp(x[1] as number);
  // A = lambda(0) = A_d0 (1 + d0/delta0)^alpha; gradient of log A in (log A_d0, log alpha, log delta0)
  const L = Math.log1p(d0 / delta0);
  const A = Math.exp(logA + alpha * L);
  const gA = [1, alpha * L, (-alpha * d0) / (delta0 + d0)];
  const I = [0, 1, 2].map((a) => [0, 1, 2].map((b) => cur.grad.reduce((acc, g, j) => acc + ((cur.mu[j] as number) > 0 ? ((g[a] as number) * (g[b] as number)) / (cur.mu[j] as number) : 0), 0)));
  const V = invertSymmetric(I);
  const v = (a: number, b: number): number => V[a]![b] as number;
  const stats = poissonBinStats(n, cur.mu);
  const eps = 1e-6;
  const atBound = x.some((xi, i) => xi <= box[i]![0] + eps || xi >= box[i]![1] - eps);
  const kEff = alpha / delta0;
  return {
    A,
    alpha,
    delta0,
    seA: A * Math.sqrt(Math.max(0, gA.reduce((acc, ga, a) => acc + gA.reduce((acc2, gb, b) => acc2 + ga * gb * v(a, b), 0), 0))),
    seAlpha: alpha * Math.sqrt(v(1, 1)),
    seDelta0: delta0 * Math.sqrt(v(2, 2)),
    kEff,
    seKEff: kEff * Math.sqrt(Math.max(0, v(1, 1) + v(2, 2) - 2 * v(1, 2))),
    corrLogAlphaLogDelta0: v(1, 2) / Math.sqrt(v(1, 1) * v(2, 2)),
    atBound,
    logLikelihood: stats.logLikelihood,
    deviance: stats.deviance,
    dof: B - 3,
    pearsonChi2: stats.pearsonChi2,
    empiricalRate: c.counts.map((N, j) => N / exposureAt(c, j)),
    fittedRate: c.depths.map((d) => Math.exp(logA) * cur.s(d)),
  };
}
