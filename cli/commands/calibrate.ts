/**
 * `mmgym calibrate --data <file or dir> --out params.json`: calibrate the simulator to a real
 * tape (mid volatility, fill intensity A exp(-k delta)) and write an env preset that
 * `--env calibrated:params.json` accepts. `--from/--to` calibrate on a fraction of the time range
 * (e.g. the first 60%, keeping the rest for `--env replay:...?from=0.6`).
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { calibrateTape } from '../../env/data/calibration/calibrate.js';
import { writeCalibratedConfig } from '../../env/data/calibration/calibrated-config.js';
import { formatReport } from '../../env/data/loaders/load-report.js';
import { loadTape, TAPE_FORMATS, type LoadTapeOptions, type TapeFormat } from '../../env/data/tape/load-tape.js';
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
  'maker-fee-bps': number;
  'ladder-levels': number;
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
    .option('max-inventory', { type: 'number', default: 25, describe: 'inventory bound Q of the preset' })
    .option('maker-fee-bps', { type: 'number', default: 0, describe: 'maker fee in basis points (negative = rebate)' })
    .option('ladder-levels', { type: 'number', default: 16, describe: 'depths on the fill ladder' })
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
      maxInventory: a['max-inventory'],
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
  const fit = r.intensity.fit;
  const ll = fit.logLinear;
  const v = r.volatility;
  const lines = [
    ...reports.map((rep) => `loaded  ${formatReport(rep)}`),
    `data    ${r.data.name}: ${f(r.data.seconds, 1)} s, ${r.data.quoteUpdates} quote changes, ${r.data.marketOrders} market orders, tick ${r.data.tickSize}`,
    `sigma   ${f(v.primary.sigmaPerSqrtSecond, 5)} +- ${f(v.primary.se, 5)} per sqrt(s); ${f(v.perStep, 5)} per ${r.config.dt}-s step  [${v.primary.estimator}]`,
    ...v.byGrid.map((g) => `        at a ${g.gridSeconds}-s grid: ${f(g.sigmaPerSqrtSecond, 5)} +- ${f(g.se, 5)}`),
    `fills   A = ${f(fit.A)} +- ${f(fit.seA)} per s per side, k = ${f(fit.k)} +- ${f(fit.seK)} per price unit  [Poisson MLE, ${r.intensity.ladder.length} depths]`,
    `        deviance ${f(fit.deviance, 1)} on ${fit.dof} dof, Pearson chi2 ${f(fit.pearsonChi2, 1)}, R^2(log rate) ${f(fit.r2LogRate, 3)}`,
    `        log-linear OLS: A = ${f(ll.A)} +- ${f(ll.seA)}, k = ${f(ll.k)} +- ${f(ll.seK)}, R^2 ${f(ll.r2, 3)}`,
    `        bid side only: A = ${f(r.intensity.bidOnly.A)}, k = ${f(r.intensity.bidOnly.k)}; ask side only: A = ${f(r.intensity.askOnly.A)}, k = ${f(r.intensity.askOnly.k)}`,
    '        depth     orders  rate/s  fitted/s',
    ...r.intensity.ladder.map((d, j) => `        ${f(d).padStart(8)} ${String(r.intensity.counts[j]).padStart(8)}  ${f(fit.empiricalRate[j] as number).padStart(7)} ${f(fit.fittedRate[j] as number).padStart(9)}`),
    `preset  s0 ${f(r.config.s0)}, T ${r.config.horizon} s, dt ${r.config.dt} s, gamma ${f(r.config.gamma)}, maxDepth ${f(r.config.action.mode === 'discrete' ? NaN : r.config.action.maxDepth)}, tick ${r.config.tickSize}`,
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
