/**
 * `mmgym data check <path>`: what a tape contains and what is wrong with it, before it is
 * calibrated on or replayed — per file the rows loaded and skipped (by reason, first lines), the
 * verdict against the skip limit `replay:` and calibration apply (1% of a file's rows), and the
 * tape: time span, quote updates, market orders, tick, mid range, spreads, and what the builder
 * dropped (crossed quotes, trades before the first quote). Exit code 1 when the tape would be
 * refused. `--json` prints the same as one object.
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { formatReport, totalSkipped } from '../../marketdata/loaders/load-report.js';
import { DEFAULT_MAX_SKIPPED_FRACTION, detectFormat, loadTapeSync, TAPE_FORMATS, type TapeFormat } from '../../marketdata/tape/load-tape.js';
import { writeGenericTape } from '../../marketdata/tape/write-generic.js';
import { ConfigError } from '../../util/errors.js';
import { commandEntry } from './index.js';

interface DataArgs {
  action: string;
  path: string;
  out?: string;
  format?: string;
  levels?: number;
  symbol?: string;
  json: boolean;
}

function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** The check as data (what --json prints) and whether the tape passes. */
export function checkTape(path: string, opts: { format?: TapeFormat; levels?: number; symbol?: string } = {}): { ok: boolean; summary: Record<string, unknown>; lines: string[] } {
  const format = opts.format ?? detectFormat(path);
  const { tape, reports } = loadTapeSync(path, { ...opts, format, maxSkippedFraction: 1 });
  const limit = DEFAULT_MAX_SKIPPED_FRACTION;
  const files = reports.map((r) => {
    const skipped = totalSkipped(r);
    const fraction = r.rowsRead === 0 ? 0 : skipped / r.rowsRead;
    return { file: r.file, schema: r.schema, rowsRead: r.rowsRead, rowsOk: r.rowsOk, skipped: r.skipped, firstSkipped: r.firstSkipped, skippedFraction: fraction, ok: fraction <= limit, line: formatReport(r) };
  });
  const spreads = Float64Array.from(tape.bid, (b, i) => tape.ask[i]! - b).sort();
  const mids = Float64Array.from(tape.bid, (b, i) => (b + tape.ask[i]!) / 2).sort();
  const ok = files.every((f) => f.ok);
  const summary = {
    path,
    format,
    name: tape.name,
    ok,
    maxSkippedFraction: limit,
    files: files.map(({ line: _line, ...f }) => f),
    startTime: tape.startTime,
    endTime: tape.endTime,
    seconds: tape.endTime - tape.startTime,
    quoteUpdates: tape.quoteTime.length,
    marketOrders: tape.orderTime.length,
    orderSource: tape.orderSource,
    tickSize: tape.tickSize,
    mid: { min: mids[0], median: quantile(mids, 0.5), max: mids[mids.length - 1] },
    spread: { median: quantile(spreads, 0.5), p90: quantile(spreads, 0.9), zero: spreads.filter((x) => x === 0).length },
    dropped: tape.dropped ?? null,
  };
  const f = (x: number | undefined, d = 4): string => (x === undefined || !Number.isFinite(x) ? '-' : x.toFixed(d));
  const lines = [
    `${path}: ${tape.name} (${format})`,
    ...files.map((x) => `  ${x.ok ? 'ok  ' : 'BAD '} ${x.line}${x.ok ? '' : `  <- more than ${100 * limit}% of its rows skipped: replay and calibration refuse this tape`}`),
    `  span ${f(tape.startTime, 3)} .. ${f(tape.endTime, 3)} s (${f(summary.seconds, 1)} s); ${summary.quoteUpdates} quote updates, ${summary.marketOrders} market orders (${tape.orderSource}); tick ${tape.tickSize}`,
    `  mid ${f(summary.mid.min)} .. ${f(summary.mid.max)} (median ${f(summary.mid.median)}); spread median ${f(summary.spread.median)}, 90% ${f(summary.spread.p90)}, locked (0) ${summary.spread.zero}`,
    `  dropped by the tape builder: ${tape.dropped === undefined ? '-' : `${tape.dropped.crossedQuotes} crossed quotes (ask < bid), ${tape.dropped.tradesBeforeFirstQuote} trades before the first quote`}`,
    ok ? '  verdict: usable' : `  verdict: refused by replay and calibration (more than ${100 * limit}% of a file's rows skipped; a replay id's maxSkipped=<fraction> overrides)`,
  ];
  return { ok, summary, lines };
}

function builder(y: Argv): Argv<DataArgs> {
  return y
    .positional('action', { choices: ['check', 'convert'], describe: 'check: what the tape holds and what is wrong with it; convert: write it in the generic level-1 format (--out)' })
    .positional('path', { type: 'string', describe: 'a data file or folder (LOBSTER, Binance, Tardis, generic L1, candles)' })
    .option('format', { choices: TAPE_FORMATS, describe: 'the tape format (default: from the file names)' })
    .option('levels', { type: 'number', describe: 'LOBSTER levels (default: from the file name)' })
    .option('symbol', { type: 'string', describe: 'the symbol to pick in a folder with several' })
    .option('out', { type: 'string', describe: 'convert: the folder to write quotes.csv, trades.csv and tape.json to' })
    .option('json', { type: 'boolean', default: false, describe: 'print the check (or what convert wrote) as one JSON object' })
    .example('$0 data check data/lobster-amzn-2012-06-21-l1', 'rows loaded and skipped per file, the tape, the verdict')
    .example('$0 data convert data/lobster-amzn-2012-06-21-l1 --out runs/amzn-l1', 'the same tape as quotes.csv + trades.csv (+ tape.json), read back by format l1') as unknown as Argv<DataArgs>;
}

async function handler(a: ArgumentsCamelCase<DataArgs>): Promise<void> {
  const opts = {
    ...(a.format === undefined ? {} : { format: a.format as TapeFormat }),
    ...(a.levels === undefined ? {} : { levels: a.levels }),
    ...(a.symbol === undefined ? {} : { symbol: a.symbol }),
  };
  if (a.action === 'convert') {
    if (a.out === undefined) throw new ConfigError('data convert: --out must name the folder to write the generic tape to (quotes.csv, trades.csv, tape.json), got nothing');
    const { tape, reports } = loadTapeSync(a.path, opts);
    const w = writeGenericTape(tape, a.out);
    const skipped = reports.reduce((s, r) => s + totalSkipped(r), 0);
    const summary = { path: a.path, name: tape.name, out: a.out, ...w, skippedRows: skipped };
    process.stdout.write(
      a.json
        ? `${JSON.stringify(summary, null, 2)}\n`
        : `${a.path}: ${tape.name} -> ${a.out}: ${w.quoteRows} quote rows (${w.quotes}), ${w.tradeRows} market orders (${w.trades}), tape.json; ${skipped} source rows skipped on loading (mmgym data check ${a.path} lists them)\n`,
    );
    return;
  }
  const r = checkTape(a.path, opts);
  process.stdout.write(a.json ? `${JSON.stringify(r.summary, null, 2)}\n` : `${r.lines.join('\n')}\n`);
  if (!r.ok) process.exitCode = 1;
}

export const dataCommand: CommandModule<object, DataArgs> = {
  command: commandEntry('data').command,
  describe: commandEntry('data').describe,
  builder,
  handler,
};
