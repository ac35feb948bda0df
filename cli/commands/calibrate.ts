/**
 * `mmgym calibrate --data <file or dir> --out params.json`: calibrate the simulator to a real
 * tape (mid volatility on a dt-second grid; fill intensity on the near-touch depth range,
 * exponential A exp(-k delta) and power law A (1 + delta/delta0)^-alpha compared by AIC, per-side
 * fits and a symmetry test; the former full-range fit for comparison) and write an env preset that
 * `--env calibrated:params.json` accepts. `--from/--to` calibrate on a fraction of the time range
 * (e.g. the first 60%, keeping the rest for `--env replay:...?from=0.6`).
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { calibrateTape } from '../../calibration/calibrate.js';
import { INTENSITY_MODELS, type IntensityModelOption } from '../../calibration/intensity-choice.js';
import { writeCalibratedConfig } from '../../calibration/calibrated-config.js';
import { formatReport } from '../../marketdata/loaders/load-report.js';
import { loadTape, TAPE_FORMATS, type LoadTapeOptions, type TapeFormat } from '../../marketdata/tape/load-tape.js';
import { commandEntry } from './index.js';

interface CalibrateArgs {
  data: string;
  format?: string;
  levels?: number;
  symbol?: string;
  out: string;
  dt: number;
  horizon: number;
  from: number;
  to: number;
  gamma?: number;
  'max-inventory': number;
  'order-size': number;
  'maker-fee-bps': number;
  'ladder-levels': number;
  'reach-quantile': number;
  'max-ticks': number;
  'intensity-model': string;
  json: boolean;
}

function builder(y: Argv): Argv<CalibrateArgs> {
  return y
    .option('data', { type: 'string', demandOption: true, describe: 'data file or folder (LOBSTER, Binance, generic L1, OHLCV candles; see data/README.md)' })
    .option('format', { type: 'string', choices: [...TAPE_FORMATS], describe: 'data format (default: detected from the file names)' })
    .option('levels', { type: 'number', describe: 'LOBSTER levels (default: from the file name)' })
    .option('symbol', { type: 'string', describe: 'symbol to pick in a folder with several (e.g. BTCUSDT)' })
    .option('out', { type: 'string', default: 'params.json', describe: 'output env preset (JSON, written atomically)' })
    .option('dt', { type: 'number', default: 1, describe: 'env step in seconds (also the volatility sampling grid)' })
    .option('horizon', { type: 'number', default: 300, describe: 'episode length in seconds' })
    .option('from', { type: 'number', default: 0, describe: 'start of the calibration window, as a fraction of the time range' })
    .option('to', { type: 'number', default: 1, describe: 'end of the calibration window, as a fraction (e.g. 0.6 = first 60%)' })
    .option('gamma', { type: 'number', describe: 'risk aversion of the preset (default k / 15, AS 2008\'s gamma/k)' })
    .option('max-inventory', { type: 'number', default: 25, describe: 'inventory bound of the preset, in lots (orders of --order-size)' })
    .option('order-size', { type: 'number', default: 1, describe: 'units per order, the lot (e.g. 0.001 BTC): fills are of this size, Q = max-inventory x order-size' })
    .option('maker-fee-bps', { type: 'number', default: 0, describe: 'maker fee in basis points (negative = rebate)' })
    .option('ladder-levels', { type: 'number', default: 16, describe: 'depths on the full-range comparison ladder (and on the fitted range of a tape without a tick)' })
    .option('reach-quantile', { type: 'number', default: 0.99, describe: 'share of the orders reaching the mid that the fitted depth range holds' })
    .option('max-ticks', { type: 'number', default: 70, describe: 'cap of the fitted depth range, in ticks' })
    .option('intensity-model', { type: 'string', choices: [...INTENSITY_MODELS], default: 'exponential', describe: "family of the preset's arrivals: auto = lower AIC (power-law presets do not run the HJB/AS baselines or the replay poisson/hybrid fill models)" })
    .option('json', { type: 'boolean', default: false, describe: 'print the whole calibration as JSON' })
    .example('$0 calibrate --data data/lobster-amzn-2012-06-21-l1 --to 0.6 --out amzn.json', 'calibrate on the first 60% of the AMZN day')
    .example('$0 calibrate --data data/binance-spot-btcusdt-2024-08-08 --dt 0.05 --horizon 15 --out btc.json', 'Binance BTCUSDT, 50 ms steps') as unknown as Argv<CalibrateArgs>;
}

const f = (x: number, d = 4): string => (Number.isFinite(x) ? (Math.abs(x) >= 1e7 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(d - 1) : x.toFixed(d)) : String(x));

async function handler(a: ArgumentsCamelCase<CalibrateArgs>): Promise<void> {
  const opts: LoadTapeOptions = {};
  if (a.format !== undefined) opts.format = a.format as TapeFormat;
  if (a.levels !== undefined) opts.levels = a.levels;
  if (a.symbol !== undefined) opts.symbol = a.symbol;
  const { tape, reports } = await loadTape(a.data, opts);
  const r = calibrateTape(
    tape,
    {
      dt: a.dt,
      horizon: a.horizon,
      from: a.from,
      to: a.to,
      ladderLevels: a['ladder-levels'],
      reachQuantile: a['reach-quantile'] ?? 0.99,
      maxTicks: a['max-ticks'] ?? 70,
      intensityModel: (a['intensity-model'] ?? 'exponential') as IntensityModelOption,
      maxInventory: a['max-inventory'],
      orderSize: a['order-size'] ?? 1,
      makerFeeBps: a['maker-fee-bps'],
      ...(a.gamma === undefined ? {} : { gamma: a.gamma }),
    },
    reports,
  );
  writeCalibratedConfig(a.out, r);
  if (a.json) {
    process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
    return;
  }
  const I = r.intensity;
  const fit = I.fit;
  const pl = I.powerLaw;
  const full = I.fullRange;
  const ll = fit.logLinear;
  const v = r.volatility;
  const g = I.range;
  const perDof = (dev: number, dof: number): string => `deviance/dof ${f(dev / dof, 1)} (${f(dev, 1)} on ${dof})`;
  const sideLine = (name: string, s: typeof I.bidOnly): string => `${name} A = ${f(s.A)} +- ${f(s.seA)}, k = ${f(s.k)} +- ${f(s.seK)}, ${perDof(s.deviance, s.dof)}`;
  const rowEvery = Math.ceil(I.ladder.length / 40); // at most ~40 rows of the depth table
  const lines = [
    ...reports.map((rep) => `loaded  ${formatReport(rep)}`),
    `data    ${r.data.name}: ${f(r.data.seconds, 1)} s, ${r.data.quoteUpdates} quote changes, ${r.data.marketOrders} market orders, tick ${r.data.tickSize}`,
    `sigma   ${f(v.primary.sigmaPerSqrtSecond, 5)} +- ${f(v.primary.se, 5)} per sqrt(s) on a ${v.primary.gridSeconds}-s grid (${v.primary.n} increments); ${f(v.perStep, 5)} per ${r.config.dt}-s step  [${v.primary.estimator}]`,
    ...v.byGrid.map((x) => `        at a ${x.gridSeconds}-s grid: ${f(x.sigmaPerSqrtSecond, 5)} +- ${f(x.se, 5)}`),
    `range   depths [${f(g.from)}, ${f(g.to)})${Number.isFinite(g.ticks) ? ` = ${f(g.ticks, 1)} ticks` : ''}, ${I.ladder.length} depths; ${g.ordersInside} of the ${g.ordersReachingMid} orders reaching the mid inside, ${g.ordersBeyond} beyond (left out)`,
    `        rule: ${g.rule}`,
    `fills   A = ${f(fit.A)} +- ${f(fit.seA)} per s per side, k = ${f(fit.k)} +- ${f(fit.seK)} per price unit  [exponential, Poisson MLE on the range]`,
    `        ${perDof(fit.deviance, fit.dof)}, Pearson chi2 ${f(fit.pearsonChi2, 1)}, AIC ${f(I.choice.aic.exponential, 1)}`,
    pl === null
      ? '        power law: fit failed'
      : pl.atBound
        ? `        power law A = ${f(pl.A)}, alpha = ${f(pl.alpha)}, delta0 = ${f(pl.delta0)}, k_eff = alpha/delta0 = ${f(pl.kEff)}  (at the search bound${pl.alpha > 100 ? ': the exponential limit' : ''}; SEs not meaningful)`
        : `        power law A = ${f(pl.A)} +- ${f(pl.seA)}, alpha = ${f(pl.alpha)} +- ${f(pl.seAlpha)}, delta0 = ${f(pl.delta0)} +- ${f(pl.seDelta0)}, k_eff = alpha/delta0 = ${f(pl.kEff)} +- ${f(pl.seKEff)}`,
    ...(pl === null ? [] : [`        ${perDof(pl.deviance, pl.dof)}, AIC ${f(I.choice.aic.powerLaw, 1)}`]),
    `choice  ${I.choice.text}`,
    `        log-linear OLS: A = ${f(ll.A)} +- ${f(ll.seA)}, k = ${f(ll.k)} +- ${f(ll.seK)}, R^2 ${f(ll.r2, 3)}`,
    `        full range [0, ${f(full.ladder[full.ladder.length - 1] as number)}], ${full.ladder.length} depths, tail open (former fit): A = ${f(full.fit.A)}, k = ${f(full.fit.k)}, ${perDof(full.fit.deviance, full.fit.dof)}${full.powerLaw === null ? '' : `; power law ${perDof(full.powerLaw.deviance, full.powerLaw.dof)}`}`,
    `        the former A, k on the range's bins: ${perDof(full.onRange.deviance, full.onRange.dof)} (like for like with the range's fit)`,
    `sides   ${sideLine('bid:', I.bidOnly)}`,
    `        ${sideLine('ask:', I.askOnly)}`,
    I.symmetry === null ? '        symmetry test: not available' : `        symmetry: LR ${f(I.symmetry.statistic, 2)} on ${I.symmetry.dof} dof, p = ${f(I.symmetry.pValue)}  [${I.symmetry.hypothesis}; the preset stays symmetric]`,
    `        depth     orders  rate/s  fitted/s  power/s${rowEvery > 1 ? `  (every ${rowEvery}th depth)` : ''}`,
    ...I.ladder.flatMap((d, j) =>
      j % rowEvery !== 0 && j !== I.ladder.length - 1
        ? []
        : [`        ${f(d).padStart(8)} ${String(I.counts[j]).padStart(8)}  ${f(fit.empiricalRate[j] as number).padStart(7)} ${f(fit.fittedRate[j] as number).padStart(9)} ${(pl === null ? '' : f(pl.fittedRate[j] as number)).padStart(8)}`],
    ),
    `preset  s0 ${f(r.config.s0)}, T ${r.config.horizon} s, dt ${r.config.dt} s, arrivals ${r.config.arrivals.kind}, gamma ${f(r.config.gamma)}, maxDepth ${f(r.config.action.mode === 'discrete' ? NaN : r.config.action.maxDepth)}, tick ${r.config.tickSize}`,
    ...r.warnings.map((w) => `warning ${w}`),
    `wrote   ${a.out}  (use: --env calibrated:${a.out})`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

export const calibrateCommand: CommandModule<object, CalibrateArgs> = {
  command: commandEntry('calibrate').command,
  describe: commandEntry('calibrate').describe,
  builder,
  handler,
};
