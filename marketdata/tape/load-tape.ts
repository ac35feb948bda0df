/**
 * Load any supported sample into a `MarketTape`, streaming each file once:
 * - `lobster`: a LOBSTER message file (its orderbook file is found beside it), or a folder;
 * - `binance`: a folder (or one of its files) with `<SYM>_trades.csv` and `<SYM>_bbo.csv[.gz]`;
 * - `l1`: a folder with `quotes.csv[.gz]` and `trades.csv[.gz]` (generic format, loaders/l1.ts),
 *   and optionally `tape.json` (name, source, session, tick: tape/write-generic.ts);
 * - `tardis`: a folder with Tardis.dev `*incremental_book_L2*.csv[.gz]` and `*trades*.csv[.gz]`
 *   (loaders/tardis.ts; the book rebuilt level by level, book/tardis-book.ts);
 * - `candles`: an OHLCV csv; each bar gives a quote at its open and close and two market
 *   orders reaching its high (buyer-initiated) and low (seller-initiated) at mid-bar.
 * LOBSTER, Binance, Tardis and L1 files with size columns also give the best-level sizes
 * (`MarketTape.depth`, what the replay's queue fill models need); candles do not (depth null).
 * The format is detected from the file names unless given. One tape-building program per
 * format runs over either the async streams (`loadTape`) or the sync ones (`loadTapeSync`).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { CsvRows } from '../loaders/csv-rows.js';
import { formatReport, totalSkipped, type LoadReport } from '../loaders/load-report.js';
import { LOBSTER_EMPTY_ASK, LOBSTER_EMPTY_BID, LOBSTER_PRICE_SCALE, lobsterLevelsFromName, readLobsterMessages, readLobsterOrderbook, type LobsterBookRow, type LobsterMessage } from '../loaders/lobster.js';
import { readBinanceBbo, readBinanceTrades, type BinanceBbo, type BinanceTrade } from '../loaders/binance.js';
import { readL1Quotes, readL1Trades, type L1Quote, type L1Trade } from '../loaders/l1.js';
import { readCandles, type Candle } from '../loaders/ohlcv.js';
import { readTardisBook, readTardisTrades, type TardisBookRow, type TardisTrade } from '../loaders/tardis.js';
import { TardisBook } from '../book/tardis-book.js';
import { readTapeMeta } from './tape-meta.js';
import { TapeBuilder, type MarketTape } from './market-tape.js';
import { DataError } from '../../util/errors.js';

export const TAPE_FORMATS = ['lobster', 'binance', 'l1', 'tardis', 'candles'] as const;
export type TapeFormat = (typeof TAPE_FORMATS)[number];

export interface LoadTapeOptions {
  format?: TapeFormat;
  /** LOBSTER levels (default: from the file name). */
  levels?: number;
  /** Symbol to pick in a folder with several (Binance: `BTCUSDT`). */
  symbol?: string;
  /**
   * Refuse the tape when more than this fraction of any file's data rows was skipped (malformed,
   * out of time order, duplicated, unpaired): past it the file is not the market it claims to be.
   * @defaultValue 0.01 (DEFAULT_MAX_SKIPPED_FRACTION)
   */
  maxSkippedFraction?: number;
}

export const DEFAULT_MAX_SKIPPED_FRACTION = 0.01;

/** A tape whose files lost too many rows to be used (see `LoadTapeOptions.maxSkippedFraction`). */
export class TapeQualityError extends DataError {
  constructor(readonly report: LoadReport, readonly limit: number) {
    super(`${formatReport(report)}: ${(100 * totalSkipped(report) / report.rowsRead).toFixed(2)}% of its ${report.rowsRead} data rows skipped, more than the ${100 * limit}% allowed (maxSkippedFraction; a replay id takes maxSkipped=<fraction>): fix or re-export the file`);
    this.name = 'TapeQualityError';
  }
}

/** Throws `TapeQualityError` for the first report past the limit; returns the tape otherwise. */
function checkQuality(t: LoadedTape, opts: LoadTapeOptions): LoadedTape {
  const limit = opts.maxSkippedFraction ?? DEFAULT_MAX_SKIPPED_FRACTION;
  if (!(limit >= 0 && limit <= 1)) throw new RangeError(`maxSkippedFraction must be in [0, 1], got ${limit}`);
  for (const r of t.reports) if (r.rowsRead > 0 && totalSkipped(r) > limit * r.rowsRead) throw new TapeQualityError(r, limit);
  return t;
}

export interface LoadedTape {
  readonly tape: MarketTape;
  /** One report per file read (rows kept and skipped). */
  readonly reports: LoadReport[];
}

function list(dir: string): string[] {
  return readdirSync(dir).sort();
}

function pick(dir: string, re: RegExp, what: string, symbol?: string): string {
  const hits = list(dir).filter((f) => re.test(f) && (symbol === undefined || f.startsWith(symbol)));
  if (hits.length === 0) throw new Error(`${dir}: no ${what} file found`);
  if (hits.length > 1) throw new Error(`${dir}: several ${what} files (${hits.join(', ')}); choose one with the symbol option`);
  return join(dir, hits[0] as string);
}

/** Which format a path holds, from file names. */
export function detectFormat(path: string): TapeFormat {
  const isDir = statSync(path).isDirectory();
  const names = isDir ? list(path) : [basename(path)];
  if (names.some((f) => /_message_\d+\.csv$/.test(f))) return 'lobster';
  if (names.some((f) => /_(trades|bbo)\.csv(\.gz)?$/.test(f))) return 'binance';
  if (isDir && names.some((f) => /^quotes\.csv(\.gz)?$/.test(f))) return 'l1';
  if (names.some((f) => /incremental_book_L2.*\.csv(\.gz)?$/.test(f))) return 'tardis';
  if (!isDir && /\.csv(\.gz)?$/.test(path)) return 'candles';
  if (isDir && names.some((f) => /_1m\.csv$|ohlcv|candles/i.test(f))) return 'candles';
  throw new Error(`${path}: cannot tell the data format from the file names; pass a format (${TAPE_FORMATS.join(', ')})`);
}

/**
 * A tape-building program: yields which source (0 or 1) it wants next and receives that
 * source's next result, so one program runs over synchronous or asynchronous streams.
 */
type Program = Generator<number, void, IteratorResult<unknown>>;

interface Plan {
  readonly sources: readonly CsvRows<unknown>[];
  readonly program: Program;
  finish(): LoadedTape;
}

function plan(path: string, opts: LoadTapeOptions): Plan {
  if (!existsSync(path)) throw new Error(`data path ${path} does not exist (give a data file or folder, e.g. data/lobster-amzn-2012-06-21-l1)`);
  if (opts.format !== undefined && !TAPE_FORMATS.includes(opts.format)) throw new Error(`format must be one of ${TAPE_FORMATS.join(', ')}, got ${String(opts.format)}`);
  const format = opts.format ?? detectFormat(path);
  switch (format) {
    case 'lobster':
      return planLobster(path, opts);
    case 'binance':
      return planBinance(path, opts);
    case 'l1':
      return planL1(path);
    case 'tardis':
      return planTardis(path, opts);
    case 'candles':
      return planCandles(path, opts);
  }
}

/**
 * Load a tape synchronously (what `make('replay:...')` needs): plain files are read in 1 MB
 * chunks, `.gz` files are decompressed whole (use `loadTape` for big gzip files). The tape
 * holds only best-quote changes and merged market orders (far smaller than the files).
 */
export function loadTapeSync(path: string, opts: LoadTapeOptions = {}): LoadedTape {
  const p = plan(path, opts);
  const its = p.sources.map((s) => s[Symbol.iterator]());
  let r = p.program.next();
  while (r.done !== true) r = p.program.next((its[r.value] as Iterator<unknown>).next());
  return checkQuality(p.finish(), opts);
}

/** Load a tape streaming every file (plain or gzip): memory grows with the tape, not the files. */
export async function loadTape(path: string, opts: LoadTapeOptions = {}): Promise<LoadedTape> {
  const p = plan(path, opts);
  const its = p.sources.map((s) => s[Symbol.asyncIterator]());
  try {
    let r = p.program.next();
    while (r.done !== true) r = p.program.next(await (its[r.value] as AsyncIterator<unknown>).next());
  } finally {
    for (const it of its) await it.return?.();
  }
  return checkQuality(p.finish(), opts);
}

/**
 * Rows of two sources paired by data-row ordinal (LOBSTER: message i produced orderbook row i).
 * A row whose partner was skipped as malformed is dropped too and counted in its own file's
 * report (`unpaired`), so one bad row costs one event, not the file; rows left over when one file
 * ends are counted the same way.
 */
function* pairRows<A, B>(a: CsvRows<A>, b: CsvRows<B>, onPair: (x: A, y: B) => void): Program {
  let x = (yield 0) as IteratorResult<A>;
  let y = (yield 1) as IteratorResult<B>;
  for (;;) {
    if (x.done === true && y.done === true) return;
    if (x.done !== true && y.done !== true && a.lastOrdinal === b.lastOrdinal) {
      onPair(x.value, y.value);
      x = (yield 0) as IteratorResult<A>;
      y = (yield 1) as IteratorResult<B>;
    } else if (y.done === true || (x.done !== true && a.lastOrdinal < b.lastOrdinal)) {
      a.dropLast(`its row ${a.lastOrdinal} in ${basename(b.path)} was skipped or missing (the files pair row by row)`);
      x = (yield 0) as IteratorResult<A>;
    } else {
      b.dropLast(`its row ${b.lastOrdinal} in ${basename(a.path)} was skipped or missing (the files pair row by row)`);
      y = (yield 1) as IteratorResult<B>;
    }
  }
}

/** Merge two time-sorted sources; on ties source 0 goes first. */
function* merge<A, B>(ta: (x: A) => number, fa: (x: A) => void, tb: (x: B) => number, fb: (x: B) => void): Program {
  let x = (yield 0) as IteratorResult<A>;
  let y = (yield 1) as IteratorResult<B>;
  while (x.done !== true || y.done !== true) {
    if (y.done === true || (x.done !== true && ta(x.value) <= tb(y.value))) {
      fa(x.value as A);
      x = (yield 0) as IteratorResult<A>;
    } else {
      fb(y.value);
      y = (yield 1) as IteratorResult<B>;
    }
  }
}

/** Every row of one source. */
function* each<A>(f: (x: A) => void): Program {
  for (;;) {
    const x = (yield 0) as IteratorResult<A>;
    if (x.done === true) return;
    f(x.value);
  }
}

function planLobster(path: string, opts: LoadTapeOptions): Plan {
  const msgPath = statSync(path).isDirectory() ? pick(path, /_message_\d+\.csv$/, 'LOBSTER message', opts.symbol) : path;
  const obPath = msgPath.replace(/_message_(\d+)\.csv$/, '_orderbook_$1.csv');
  const levels = opts.levels ?? lobsterLevelsFromName(msgPath);
  if (levels === undefined) throw new Error(`${msgPath}: cannot tell the LOBSTER level from the name; pass levels`);
  const messages = readLobsterMessages(msgPath);
  const books = readLobsterOrderbook(obPath, levels);
  const b = new TapeBuilder();
  const program = pairRows<LobsterMessage, LobsterBookRow>(messages, books, (m, row) => {
    if (m.type === 4 || m.type === 5) {
      // direction is the resting order's side: a sell limit order executed = buyer-initiated
      b.trade(m.time, m.price / LOBSTER_PRICE_SCALE, m.size, m.direction === -1 ? 1 : -1, String(m.time));
    }
    const ask = row.askPrice[0] as number;
    const bid = row.bidPrice[0] as number;
    if (ask !== LOBSTER_EMPTY_ASK && bid !== LOBSTER_EMPTY_BID) b.quote(m.time, bid / LOBSTER_PRICE_SCALE, ask / LOBSTER_PRICE_SCALE, row.bidSize[0] as number, row.askSize[0] as number);
  });
  return {
    sources: [messages, books] as CsvRows<unknown>[],
    program,
    finish: () => ({
      tape: b.build({ name: `LOBSTER ${basename(msgPath).split('_')[0] ?? ''} level ${levels}`, source: msgPath, orderSource: 'trades', session: 'equity' }),
      reports: [messages.report, books.report],
    }),
  };
}

/** How far back a Binance trade may look for the quote it traded against (feeds' receive skew). */
const BINANCE_LOOKBACK_S = 1;

function planBinance(path: string, opts: LoadTapeOptions): Plan {
  const dir = statSync(path).isDirectory() ? path : dirname(path);
  const symbol = opts.symbol ?? (statSync(path).isDirectory() ? undefined : basename(path).split('_')[0]);
  const trades = readBinanceTrades(pick(dir, /_trades\.csv(\.gz)?$/, 'trades', symbol));
  const bbo = readBinanceBbo(pick(dir, /_bbo\.csv(\.gz)?$/, 'bbo', symbol));
  const b = new TapeBuilder();
  // one clock: the recorder's receive time for both streams (the exchange clock differs by ~1.27 s)
  const program = merge<BinanceTrade, BinanceBbo>(
    (t) => t.localTime,
    (t) => b.trade(t.localTime, t.price, t.qty, t.aggressor, String(t.tradeTimeMs), BINANCE_LOOKBACK_S),
    (q) => q.localTime,
    (q) => b.quote(q.localTime, q.bidPrice, q.askPrice, q.bidQty, q.askQty),
  );
  return {
    sources: [trades, bbo] as CsvRows<unknown>[],
    program,
    finish: () => ({
      tape: b.build({ name: `Binance ${symbol ?? basename(trades.path).split('_')[0] ?? ''}`, source: dir, orderSource: 'trades', session: 'continuous' }),
      reports: [trades.report, bbo.report],
    }),
  };
}

function planL1(dir: string): Plan {
  const quotes = readL1Quotes(pick(dir, /^quotes\.csv(\.gz)?$/, 'quotes'));
  const trades = readL1Trades(pick(dir, /^trades\.csv(\.gz)?$/, 'trades'));
  const b = new TapeBuilder();
  const program = merge<L1Trade, L1Quote>(
    (t) => t.time,
    (t) => b.trade(t.time, t.price, t.size, t.aggressor, String(t.time), 0, t.midBefore),
    (q) => q.time,
    (q) => (Number.isNaN(q.bidSize) ? b.quote(q.time, q.bid, q.ask) : b.quote(q.time, q.bid, q.ask, q.bidSize, q.askSize)),
  );
  return {
    sources: [trades, quotes] as CsvRows<unknown>[],
    program,
    finish: () => {
      const meta = readTapeMeta(dir);
      const tape = b.build({ name: meta?.name ?? `L1 ${basename(dir)}`, source: dir, orderSource: meta?.orderSource ?? 'trades', ...(meta?.session === undefined ? {} : { session: meta.session }), ...(meta?.tickSize === undefined ? {} : { tickSize: meta.tickSize }) });
      return { tape, reports: [quotes.report, trades.report] };
    },
  };
}

/** How far back a Tardis trade may look for the quote it traded against (two feeds on one receive clock). */
const TARDIS_LOOKBACK_S = 1;

/**
 * Tardis: trades and book messages merged on local_timestamp (trades first on ties: a trade comes
 * before the book update it caused); the rows of one book message (one local_timestamp) are
 * applied together, then the top of book is quoted.
 */
function planTardis(path: string, opts: LoadTapeOptions): Plan {
  const dir = statSync(path).isDirectory() ? path : dirname(path);
  const symbol = opts.symbol;
  const hits = (re: RegExp): string[] => list(dir).filter((f) => re.test(f) && (symbol === undefined || f.includes(symbol)));
  const one = (re: RegExp, what: string): string => {
    const h = hits(re);
    if (h.length === 0) throw new DataError(`${dir}: no Tardis ${what} file found (expected a name containing ${what}, .csv or .csv.gz)`);
    if (h.length > 1) throw new DataError(`${dir}: several Tardis ${what} files (${h.join(', ')}); choose one with the symbol option`);
    return join(dir, h[0] as string);
  };
  const bookPath = one(/incremental_book_L2.*\.csv(\.gz)?$/, 'incremental_book_L2');
  const tradesPath = one(/trades.*\.csv(\.gz)?$/, 'trades');
  const trades = readTardisTrades(tradesPath);
  const rows = readTardisBook(bookPath);
  const book = new TardisBook();
  const b = new TapeBuilder();
  function* program(): Program {
    let t = (yield 0) as IteratorResult<TardisTrade>;
    let r = (yield 1) as IteratorResult<TardisBookRow>;
    while (t.done !== true || r.done !== true) {
      if (r.done === true || (t.done !== true && t.value.time <= r.value.time)) {
        const x = t.value as TardisTrade;
        b.trade(x.time, x.price, x.amount, x.aggressor, x.orderKey, TARDIS_LOOKBACK_S);
        t = (yield 0) as IteratorResult<TardisTrade>;
      } else {
        const time = r.value.time;
        while (r.done !== true && r.value.time === time) {
          book.apply(r.value);
          r = (yield 1) as IteratorResult<TardisBookRow>;
        }
        const top = book.top();
        if (top !== null) b.quote(time, top.bid, top.ask, top.bidSize, top.askSize);
      }
    }
  }
  return {
    sources: [trades, rows] as CsvRows<unknown>[],
    program: program(),
    finish: () => ({
      tape: b.build({ name: `Tardis ${basename(bookPath).replace(/\.csv(\.gz)?$/, '')}`, source: dir, orderSource: 'trades', session: 'continuous' }),
      reports: [trades.report, rows.report],
    }),
  };
}

function planCandles(path: string, opts: LoadTapeOptions): Plan {
  const file = statSync(path).isDirectory() ? pick(path, /\.csv(\.gz)?$/, 'candles', opts.symbol) : path;
  const candles = readCandles(file);
  const b = new TapeBuilder();
  let prevTime = NaN;
  let bar = NaN;
  let pending: Candle | null = null;
  const emit = (c: Candle, dur: number): void => {
    b.quote(c.time, c.open, c.open);
    b.trade(c.time + dur / 2, c.high, c.volume / 2, 1, `${c.time}h`);
    b.trade(c.time + dur / 2, c.low, c.volume / 2, -1, `${c.time}l`);
    b.quote(c.time + dur * 0.999, c.close, c.close);
  };
  const program = each<Candle>((c) => {
    if (Number.isNaN(bar) && Number.isFinite(prevTime)) {
      bar = c.time - prevTime;
      if (pending !== null) emit(pending, bar);
    }
    if (Number.isFinite(bar)) emit(c, bar);
    else pending = c;
    prevTime = c.time;
  });
  return {
    sources: [candles] as CsvRows<unknown>[],
    program,
    finish: () => {
      if (!Number.isFinite(bar)) throw new Error(`${file}: need at least 2 candles`);
      return { tape: b.build({ name: `candles ${basename(file)}`, source: file, orderSource: 'candles', endTime: prevTime + bar }), reports: [candles.report] };
    },
  };
}
