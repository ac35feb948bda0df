/**
 * The Poisson likelihood on a ladder of depths shared by the intensity fits (exponential in
 * intensity.ts, power law in power-law-intensity.ts).
 *
 * Designs:
 * - 'independent': N_j fills over exposure E_j at depth delta_j, independent across j:
 *   N_j ~ Poisson(E_j lambda(delta_j)).
 * - 'nested': N_j = orders that reached at least delta_j over one exposure E (N_0 >= N_1 >= ...).
 *   The likelihood is written on the disjoint bins [delta_j, delta_{j+1}):
 *   n_j = N_j - N_{j+1} ~ Poisson(E (lambda(delta_j) - lambda(delta_{j+1}))), independent.
 *   tail 'open' (default): the last bin [delta_{J-1}, inf) is in the likelihood (n = N_{J-1}).
 *   tail 'closed': the ladder ends at delta_{J-1}; the N_{J-1} orders beyond it are left out
 *   (a right-truncated fit on [delta_0, delta_{J-1}): J - 1 bins).
 * Orders below delta_0 are never in the likelihood (N_0 counts from delta_0 on).
 */

export interface LadderCounts {
  /** Depths delta_j (price units), increasing, >= 0. */
  readonly depths: readonly number[];
  /** N_j: fills (independent) or orders reaching >= delta_j (nested). */
  readonly counts: readonly number[];
  /** E_j: exposure time at each depth (time units); one value = the same for all. */
  readonly exposures: readonly number[];
  readonly design: 'independent' | 'nested';
  /** Nested design: is the bin beyond the last depth in the likelihood? @defaultValue 'open' */
  readonly tail?: 'open' | 'closed';
}

/** Number of likelihood bins. */
export function binTotal(c: LadderCounts): number {
  return c.design === 'nested' && c.tail === 'closed' ? c.depths.length - 1 : c.depths.length;
}

export function exposureAt(c: LadderCounts, j: number): number {
  return (c.exposures.length === 1 ? c.exposures[0] : c.exposures[j]) as number;
}

/** Observed counts per likelihood bin. */
export function binCounts(c: LadderCounts): number[] {
  const N = c.counts;
  if (c.design === 'independent') return [...N];
  return N.slice(0, binTotal(c)).map((n, j) => n - (j + 1 < N.length ? (N[j + 1] as number) : 0));
}

/**
 * Bin weights w_j (mu_j = A E_j w_j) from a survival shape s(delta) = lambda(delta) / A and its
 * parameter derivatives ds(delta) (one array per parameter): w_j = s(d_j) - s(d_{j+1}) for
 * nested bins below the last depth, s(d_j) otherwise.
 */
export function binWeights(c: LadderCounts, s: (d: number) => number, ds: (d: number) => number[]): { w: number[]; dw: number[][] } {
  const d = c.depths;
  const B = binTotal(c);
  const w: number[] = [];
  const dw: number[][] = [];
  for (let j = 0; j < B; j++) {
    const dj = d[j] as number;
    const g0 = ds(dj);
    if (c.design === 'independent' || j === d.length - 1) {
      w.push(s(dj));
      dw.push(g0);
    } else {
      const dn = d[j + 1] as number;
      const g1 = ds(dn);
      w.push(s(dj) - s(dn));
      dw.push(g0.map((g, i) => g - (g1[i] as number)));
    }
  }
  return { w, dw };
}

/**
 * Checks shared by the fits; errors name the field, the allowed range and the value.
 * `params` = number of fitted parameters (a fit needs bins > params for its dof).
 */
export function validateLadder(c: LadderCounts, params = 2): void {
  const J = c.depths.length;
  const minDepths = c.design === 'nested' && c.tail === 'closed' ? params + 2 : params + 1;
  if (J < minDepths) throw new RangeError(`need at least ${minDepths} depths on the ladder (${params} parameters + 1 dof${minDepths > params + 1 ? '; a closed tail has one bin fewer than depths' : ''}), got ${J}`);
  if (c.counts.length !== J) throw new RangeError(`counts must have ${J} entries (one per depth), got ${c.counts.length}`);
  if (c.exposures.length !== 1 && c.exposures.length !== J) throw new RangeError(`exposures must have 1 or ${J} entries, got ${c.exposures.length}`);
  if (c.tail !== undefined && c.tail !== 'open' && c.tail !== 'closed') throw new RangeError(`tail must be 'open' or 'closed', got ${JSON.stringify(c.tail)}`);
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
  if (binCounts(c).every((n) => n === 0)) throw new RangeError(c.design === 'nested' && c.tail === 'closed' ? 'all bin counts are 0: no orders inside the ladder to fit' : 'all counts are 0: no fills to fit');
}

/** Log-likelihood, deviance 2 sum [n log(n/mu) - (n - mu)] and Pearson sum (n - mu)^2 / mu of Poisson bins. */
export function poissonBinStats(n: readonly number[], mu: readonly number[]): { logLikelihood: number; deviance: number; pearsonChi2: number } {
  let ll = 0;
  let dev = 0;
  let pearson = 0;
  for (let j = 0; j < n.length; j++) {
    const nj = n[j] as number;
    const m = mu[j] as number;
    if (m > 0) pearson += (nj - m) ** 2 / m;
    ll += (nj > 0 ? nj * Math.log(m) : 0) - m - logFactorial(nj);
    dev += 2 * ((nj > 0 ? nj * Math.log(nj / m) : 0) - (nj - m));
  }
  return { logLikelihood: ll, deviance: dev, pearsonChi2: pearson };
}

/** Inverse of a small symmetric positive-definite matrix (Gauss-Jordan); NaNs if singular. */
export function invertSymmetric(m: readonly (readonly number[])[]): number[][] {
  const n = m.length;
  const a = m.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let col = 0; col < n; col++) {
    let piv = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[piv]![col]!)) piv = r;
    if (!(Math.abs(a[piv]![col]!) > 0)) return m.map((row) => row.map(() => NaN));
    [a[col], a[piv]] = [a[piv]!, a[col]!];
    const p = a[col]![col]!;
    for (let j = 0; j < 2 * n; j++) a[col]![j]! /= p;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = a[r]![col]!;
      if (f !== 0) for (let j = 0; j < 2 * n; j++) a[r]![j]! -= f * a[col]![j]!;
    }
  }
  return a.map((row) => row.slice(n));
}

/** log(n!) for n >= 0 (exact sum to 20, Stirling series beyond; non-integers by the same formulas). */
export function logFactorial(n: number): number {
  if (n < 2) return 0;
  if (n <= 20) {
    let s = 0;
    for (let i = 2; i <= n; i++) s += Math.log(i);
    return s;
  }
  const x = n + 1;
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x ** 3);
}
