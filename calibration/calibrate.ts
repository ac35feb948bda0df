/**
 * Calibrate the simulator to a tape: mid volatility (realized variance on a grid of dt seconds),
 * fill intensity (Poisson MLE over a ladder of depths), and the env preset they make.
 *
 * Fill intensity: fitted on the near-touch range (fill-ladder.ts nearTouchLadder: [0, top) in
 * half-tick steps, top = the first half tick above the 0.99 quantile of the reach of the orders
 * that reached the mid, cut to 70 ticks; the orders beyond are left out of the likelihood),
 * both as A exp(-k delta) (intensity.ts) and as A (1 + delta/delta0)^(-alpha)
 * (power-law-intensity.ts); AIC on the same bins names the preferred family
 * (intensity-choice.ts). The preset uses the exponential unless `intensityModel` says
 * otherwise: the HJB / AS baselines, hjb-toxic and the replay 'poisson' / 'hybrid' fill models
 * need A and k, and replay ids without params= build their config here. Also reported: the
 * old full-range fit (defaultLadder, open tail), per-side fits and a likelihood-ratio test of
 * equal sides (side-symmetry.ts; the preset stays symmetric: the simulator has one A, k).
 *
 * The preset's time unit is the second: horizon and dt in seconds, sigma per sqrt(second), A per
 * second, k per price unit. Scale-free choices for the parts data cannot give: gamma = k / 15
 * and maxDepth = 7.5 / k keep AS 2008's gamma/k = 0.1/1.5 and maxDepth*k = 5*1.5 (a price
 * rescaling S -> cS maps k -> k/c, gamma -> gamma/c, depths -> c depths); override with options.
 * With power-law arrivals k is k_eff = alpha/delta0, the decay rate at delta = 0.
 */
import { DEFAULT_ENV_CONFIG, type EnvConfig } from '../env/config.js';
import { validateConfig } from '../env/validate-config.js';
import type { LoadReport } from '../marketdata/loaders/load-report.js';
import { midAt, SESSION_SECONDS_PER_YEAR, sliceTape, type MarketTape } from '../marketdata/tape/market-tape.js';
import { exponentialBinMeans, fitExponentialIntensity, type IntensityFit } from './intensity.js';
import { defaultLadder, nearTouchLadder, tapeLadder } from './fill-ladder.js';
import { binCounts, poissonBinStats } from './ladder-bins.js';
import { fitPowerLawIntensity, type PowerLawFit } from './power-law-intensity.js';
import { chooseIntensityModel, INTENSITY_MODELS, type IntensityChoice, type IntensityModelOption } from './intensity-choice.js';
import { sideSymmetryTest, type SymmetryTest } from './side-symmetry.js';
import { tapeVolatility, type VolatilityEstimate } from './volatility.js';

export interface CalibrationOptions {
  /** Env step (s), > 0. @defaultValue 1 */
  dt: number;
  /** Episode length (s), > dt. @defaultValue 300 */
  horizon: number;
  /** Fraction of the tape's time range to calibrate on: [from, to]. @defaultValue [0, 1] */
  from: number;
  to: number;
  /**
   * Ladder depths of the fit (price units; the range is [ladder[0], last depth), orders beyond
   * left out); undefined = `nearTouchLadder` from reachQuantile and maxTicks.
   */
  ladder?: number[];
  /** Share of the orders reaching the mid that the fitted range holds, in (0, 1]. @defaultValue 0.99 */
  reachQuantile: number;
  /** Cap of the fitted range in ticks, > 0. @defaultValue 70 */
  maxTicks: number;
  /** Levels of the full-range ladder (`defaultLadder`, reported for comparison; also the near-touch levels on a tape without a tick). @defaultValue 16 */
  ladderLevels: number;
  /** Family of the preset's arrivals: 'auto' = lower AIC. @defaultValue 'exponential' (the A, k the baselines and replay fill models read) */
  intensityModel: IntensityModelOption;
  /** Risk aversion; undefined = k / 15. */
  gamma?: number;
  /** Inventory bound in lots (orders of `orderSize`): the preset's maxInventory is maxInventory x orderSize. @defaultValue 25 */
  maxInventory: number;
  /**
   * Units per order, the lot (e.g. 0.001 for a BTC tape: one fill is 0.001 BTC, not 1); > 0. The
   * baselines price a lot Delta as the unit market with gamma Delta (baselines/hjb-model.ts header),
   * so a small lot is a small risk per fill at the same gamma. @defaultValue 1
   */
  orderSize: number;
  /** Maker fee in basis points (negative = rebate). @defaultValue 0 */
  makerFeeBps: number;
}

export const DEFAULT_CALIBRATION_OPTIONS: Readonly<CalibrationOptions> = Object.freeze({
  dt: 1,
  horizon: 300,
  from: 0,
  to: 1,
  reachQuantile: 0.99,
  maxTicks: 70,
  ladderLevels: 16,
  intensityModel: 'exponential',
  maxInventory: 25,
  orderSize: 1,
  makerFeeBps: 0,
});

export interface CalibrationResult {
  readonly data: {
    name: string;
    source: string;
    orderSource: 'trades' | 'candles';
    from: number;
    to: number;
    startTime: number;
    endTime: number;
    seconds: number;
    quoteUpdates: number;
    marketOrders: number;
    tickSize: number;
    loadReports: LoadReport[];
  };
  readonly volatility: {
    /** The estimate used: grid = dt. */
    readonly primary: VolatilityEstimate;
    /** sigma * sqrt(dt): the mid's standard deviation over one env step. */
    readonly perStep: number;
    /** The same estimator at coarser grids (microstructure-noise signature). */
    readonly byGrid: VolatilityEstimate[];
  };
  readonly intensity: {
    readonly method: string;
    /** The fitted depth range and how many of the orders fall inside it. */
    readonly range: {
      readonly rule: string;
      readonly from: number;
      /** Exclusive: orders reaching `to` or beyond are left out. */
      readonly to: number;
      readonly step: number;
      readonly ticks: number;
      /** Orders that reached the mid (reach >= 0), inside [from, to), at or beyond `to`. */
      readonly ordersReachingMid: number;
      readonly ordersInside: number;
      readonly ordersBeyond: number;
    };
    readonly ladder: number[];
    readonly counts: number[];
    readonly exposureSeconds: number;
    /** Exponential fit on the range. */
    readonly fit: IntensityFit;
    /** Power-law fit on the same bins (null if it failed). */
    readonly powerLaw: PowerLawFit | null;
    readonly choice: IntensityChoice;
    readonly bidOnly: SideFit;
    readonly askOnly: SideFit;
    /** Likelihood-ratio test of equal (A, k) on both sides (null if a side could not be fitted). */
    readonly symmetry: SymmetryTest | null;
    /** The former fit for comparison: defaultLadder (0 to the 99th percentile, ladderLevels depths), tail open. */
    readonly fullRange: {
      readonly ladder: number[];
      readonly counts: number[];
      readonly fit: IntensityFit;
      readonly powerLaw: PowerLawFit | null;
      /** The full-range (A, k) scored on the range's bins (dof as the range's exponential fit). */
      readonly onRange: { readonly deviance: number; readonly dof: number };
    };
  };
  readonly config: EnvConfig;
  readonly warnings: string[];
}

export type SideFit = Pick<IntensityFit, 'A' | 'k' | 'seA' | 'seK' | 'deviance' | 'dof'>;

function tryFit<T>(f: () => T): T | null {
  try {
    return f();
  } catch {
    return null;
  }
}

export function calibrateTape(full: MarketTape, options: Partial<CalibrationOptions> = {}, loadReports: LoadReport[] = []): CalibrationResult {
  const o: CalibrationOptions = { ...DEFAULT_CALIBRATION_OPTIONS, ...options };
  if (!(o.dt > 0)) throw new RangeError(`dt must be > 0 seconds, got ${o.dt}`);
  if (!(o.horizon > o.dt)) throw new RangeError(`horizon must be > dt (${o.dt} s), got ${o.horizon}`);
  if (!(o.reachQuantile > 0 && o.reachQuantile <= 1)) throw new RangeError(`reachQuantile must be in (0, 1], got ${o.reachQuantile}`);
  if (!(o.maxTicks > 0)) throw new RangeError(`maxTicks must be > 0 ticks, got ${o.maxTicks}`);
  if (!(o.orderSize > 0 && o.orderSize < Infinity)) throw new RangeError(`orderSize must be a number > 0 (units per order, the lot), got ${o.orderSize}`);
  if (!(o.maxInventory >= 1 && o.maxInventory < Infinity)) throw new RangeError(`maxInventory must be a number >= 1 (lots of orderSize), got ${o.maxInventory}`);
  if (!(INTENSITY_MODELS as readonly string[]).includes(o.intensityModel)) throw new RangeError(`intensityModel must be one of ${INTENSITY_MODELS.join(', ')}, got ${JSON.stringify(o.intensityModel)}`);
  const tape = o.from === 0 && o.to === 1 ? full : sliceTape(full, o.from, o.to);
  const seconds = tape.endTime - tape.startTime;
  const warnings: string[] = [];

  const primary = tapeVolatility(tape, o.dt);
  const byGrid = [10, 60].map((m) => o.dt * m).filter((g) => seconds / g >= 30).map((g) => tapeVolatility(tape, g));
  if (tape.orderSource === 'candles') warnings.push('candles: the mid is only known at bar opens and closes, so use a dt of at least one bar for the volatility');

  const near = o.ladder === undefined ? nearTouchLadder(tape, o.reachQuantile, o.maxTicks, o.ladderLevels) : null;
  const ladder = near?.depths ?? o.ladder ?? [];
  const counts = tapeLadder(tape, ladder, 'both', 'closed');
  const fit = fitExponentialIntensity(counts);
  const powerLaw = tryFit(() => fitPowerLawIntensity(counts));
  const choice = chooseIntensityModel(fit, powerLaw, o.intensityModel);
  const sideCounts = (s: 'bid' | 'ask') => tapeLadder(tape, ladder, s, 'closed');
  const side = (s: 'bid' | 'ask'): SideFit => {
    const f = tryFit(() => fitExponentialIntensity(sideCounts(s)));
    return f === null ? { A: NaN, k: NaN, seA: NaN, seK: NaN, deviance: NaN, dof: NaN } : { A: f.A, k: f.k, seA: f.seA, seK: f.seK, deviance: f.deviance, dof: f.dof };
  };
  const symmetry = tryFit(() => sideSymmetryTest(sideCounts('bid'), sideCounts('ask')));
  const fullLadder = defaultLadder(tape, o.ladderLevels);
  const fullCounts = tapeLadder(tape, fullLadder, 'both');
  const fullFit = fitExponentialIntensity(fullCounts);
  const reachingMid = tapeLadder(tape, [0], 'both').counts[0] as number; // same slack as the ladder
  // the former (A, k) scored on the range's bins: a like-for-like comparison (deviance/dof across different binnings is not)
  const fullOnRange = poissonBinStats(binCounts(counts), exponentialBinMeans(counts, fullFit.A, fullFit.k));
  const top = ladder[ladder.length - 1] as number;
  const range = {
    rule: near?.rule ?? `given ladder: [${ladder[0]}, ${top})`,
    from: ladder[0] as number,
    to: top,
    step: near?.step ?? NaN,
    ticks: tape.tickSize > 0 ? top / tape.tickSize : NaN,
    ordersReachingMid: reachingMid,
    ordersInside: (counts.counts[0] as number) - (counts.counts[ladder.length - 1] as number),
    ordersBeyond: counts.counts[ladder.length - 1] as number,
  };

  const usePower = choice.used === 'power-law' && powerLaw !== null;
  const A = usePower ? powerLaw.A : fit.A;
  const k = choice.k;
  if (A * o.dt > 0.5) {
    warnings.push(`A*dt = ${(A * o.dt).toFixed(3)} > 0.5: the simulator's one-fill-per-side-per-step cap binds near the mid; use a smaller dt`);
  }
  const used = usePower ? powerLaw : fit;
  if (used.deviance / Math.max(1, used.dof) > 5) {
    warnings.push(`poor ${choice.used} fit on [${range.from}, ${top}): deviance/dof = ${(used.deviance / Math.max(1, used.dof)).toFixed(1)} (see empirical vs fitted rates)`);
  }
  // Burnham & Anderson (2002): an AIC difference > 10 leaves the worse model essentially no support
  if (choice.preferred !== choice.used && Math.abs(choice.deltaAic) > 10) warnings.push(`AIC prefers the ${choice.preferred} intensity (${choice.deltaAic.toFixed(1)}); the preset uses ${choice.used} (intensityModel ${o.intensityModel})`);

  const sigma = primary.sigmaPerSqrtSecond;
  const gamma = o.gamma ?? k / 15;
  const config = validateConfig({
    ...structuredClone(DEFAULT_ENV_CONFIG as EnvConfig),
    s0: midAt(tape, tape.startTime),
    horizon: o.horizon,
    dt: o.dt,
    price: { kind: 'brownian', sigma, mu: 0, binomial: false },
    arrivals: usePower ? { kind: 'power-law', A: powerLaw.A, alpha: powerLaw.alpha, delta0: powerLaw.delta0 } : { kind: 'exponential', A: fit.A, k: fit.k },
    fees: { makerPerUnit: 0, makerBps: o.makerFeeBps },
    tickSize: tape.tickSize,
    maxInventory: o.orderSize === 1 ? o.maxInventory : o.maxInventory * o.orderSize,
    orderSize: o.orderSize,
    gamma,
    action: { mode: 'normalized-depths', maxDepth: 7.5 / k },
    timeUnit: { name: 'second', perYear: SESSION_SECONDS_PER_YEAR[tape.session] },
  });

  return {
    data: {
      name: tape.name,
      source: tape.source,
      orderSource: tape.orderSource,
      from: o.from,
      to: o.to,
      startTime: tape.startTime,
      endTime: tape.endTime,
      seconds,
      quoteUpdates: tape.quoteTime.length,
      marketOrders: tape.orderTime.length,
      tickSize: tape.tickSize,
      loadReports,
    },
    volatility: { primary, perStep: sigma * Math.sqrt(o.dt), byGrid },
    intensity: {
      method: "Poisson maximum likelihood on disjoint depth bins of the market orders' reach (nested ladder) over the near-touch range, orders beyond it left out: A exp(-k delta) and A (1 + delta/delta0)^(-alpha), AIC to compare; log-linear OLS for comparison",
      range,
      ladder: [...ladder],
      counts: [...counts.counts],
      exposureSeconds: counts.exposures[0] as number,
      fit,
      powerLaw,
      choice,
      bidOnly: side('bid'),
      askOnly: side('ask'),
      symmetry,
      fullRange: { ladder: fullLadder, counts: [...fullCounts.counts], fit: fullFit, powerLaw: tryFit(() => fitPowerLawIntensity(fullCounts)), onRange: { deviance: fullOnRange.deviance, dof: fit.dof } },
    },
    config,
    warnings,
  };
}
