/**
 * Calibrate the simulator to a tape: mid volatility (realized variance), fill intensity
 * A exp(-k delta) (Poisson MLE over a ladder of depths), and the env preset they make.
 *
 * The preset's time unit is the second: horizon and dt in seconds, sigma per sqrt(second), A per
 * second, k per price unit. Scale-free choices for the parts data cannot give: gamma = k / 15
 * and maxDepth = 7.5 / k keep AS 2008's gamma/k = 0.1/1.5 and maxDepth*k = 5*1.5 (a price
 * rescaling S -> cS maps k -> k/c, gamma -> gamma/c, depths -> c depths); override with options.
 */
import { DEFAULT_ENV_CONFIG, type EnvConfig } from '../../config.js';
import { validateConfig } from '../../validate-config.js';
import type { LoadReport } from '../loaders/load-report.js';
import { midAt, SESSION_SECONDS_PER_YEAR, sliceTape, type MarketTape } from '../tape/market-tape.js';
import { fitExponentialIntensity, type IntensityFit } from './intensity.js';
import { defaultLadder, tapeLadder } from './fill-ladder.js';
import { tapeVolatility, type VolatilityEstimate } from './volatility.js';

export interface CalibrationOptions {
  /** Env step (s), > 0. @defaultValue 1 */
  dt: number;
  /** Episode length (s), > dt. @defaultValue 300 */
  horizon: number;
  /** Fraction of the tape's time range to calibrate on: [from, to]. @defaultValue [0, 1] */
  from: number;
  to: number;
  /** Ladder depths (price units); undefined = `defaultLadder` with `ladderLevels` levels. */
  ladder?: number[];
  /** @defaultValue 16 */
  ladderLevels: number;
  /** Risk aversion; undefined = k / 15. */
  gamma?: number;
  /** @defaultValue 25 */
  maxInventory: number;
  /** Maker fee in basis points (negative = rebate). @defaultValue 0 */
  makerFeeBps: number;
}

export const DEFAULT_CALIBRATION_OPTIONS: Readonly<CalibrationOptions> = Object.freeze({
  dt: 1,
  horizon: 300,
  from: 0,
  to: 1,
  ladderLevels: 16,
  maxInventory: 25,
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
    readonly ladder: number[];
    readonly counts: number[];
    readonly exposureSeconds: number;
    readonly fit: IntensityFit;
    readonly bidOnly: Pick<IntensityFit, 'A' | 'k' | 'seA' | 'seK'>;
    readonly askOnly: Pick<IntensityFit, 'A' | 'k' | 'seA' | 'seK'>;
  };
  readonly config: EnvConfig;
  readonly warnings: string[];
}

export function calibrateTape(full: MarketTape, options: Partial<CalibrationOptions> = {}, loadReports: LoadReport[] = []): CalibrationResult {
  const o: CalibrationOptions = { ...DEFAULT_CALIBRATION_OPTIONS, ...options };
  if (!(o.dt > 0)) throw new RangeError(`dt must be > 0 seconds, got ${o.dt}`);
  if (!(o.horizon > o.dt)) throw new RangeError(`horizon must be > dt (${o.dt} s), got ${o.horizon}`);
  const tape = o.from === 0 && o.to === 1 ? full : sliceTape(full, o.from, o.to);
  const seconds = tape.endTime - tape.startTime;
  const warnings: string[] = [];

  const primary = tapeVolatility(tape, o.dt);
  const byGrid = [10, 60].map((m) => o.dt * m).filter((g) => seconds / g >= 30).map((g) => tapeVolatility(tape, g));
  if (tape.orderSource === 'candles') warnings.push('candles: the mid is only known at bar opens and closes, so use a dt of at least one bar for the volatility');

  const ladder = o.ladder ?? defaultLadder(tape, o.ladderLevels);
  const counts = tapeLadder(tape, ladder, 'both');
  const fit = fitExponentialIntensity(counts);
  const side = (s: 'bid' | 'ask') => {
    try {
      const f = fitExponentialIntensity(tapeLadder(tape, ladder, s));
      return { A: f.A, k: f.k, seA: f.seA, seK: f.seK };
    } catch {
      return { A: NaN, k: NaN, seA: NaN, seK: NaN };
    }
  };
  if (fit.A * o.dt > 0.5) {
    warnings.push(`A*dt = ${(fit.A * o.dt).toFixed(3)} > 0.5: the simulator's one-fill-per-side-per-step cap binds near the mid; use a smaller dt`);
  }
  if (fit.deviance / Math.max(1, fit.dof) > 5) {
    warnings.push(`poor exponential fit: deviance/dof = ${(fit.deviance / Math.max(1, fit.dof)).toFixed(1)} (see empirical vs fitted rates)`);
  }

  const sigma = primary.sigmaPerSqrtSecond;
  const gamma = o.gamma ?? fit.k / 15;
  const config = validateConfig({
    ...structuredClone(DEFAULT_ENV_CONFIG as EnvConfig),
    s0: midAt(tape, tape.startTime),
    horizon: o.horizon,
    dt: o.dt,
    price: { kind: 'brownian', sigma, mu: 0, binomial: false },
    arrivals: { kind: 'exponential', A: fit.A, k: fit.k },
    fees: { makerPerUnit: 0, makerBps: o.makerFeeBps },
    tickSize: tape.tickSize,
    maxInventory: o.maxInventory,
    gamma,
    action: { mode: 'normalized-depths', maxDepth: 7.5 / fit.k },
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
      method: 'Poisson maximum likelihood on disjoint depth bins of the market orders\' reach (nested ladder); log-linear OLS for comparison',
      ladder,
      counts: [...counts.counts],
      exposureSeconds: counts.exposures[0] as number,
      fit,
      bidOnly: side('bid'),
      askOnly: side('ask'),
    },
    config,
    warnings,
  };
}
