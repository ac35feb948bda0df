/**
 * Load any supported sample into a `MarketTape`, streaming each file once:
 * - `lobster`: a LOBSTER message file (its orderbook file is found beside it), or a folder;
 * - `binance`: a folder (or one of its files) with `<SYM>_trades.csv` and `<SYM>_bbo.csv[.gz]`;
 * - `l1`: a folder with `quotes.csv[.gz]` and `trades.csv[.gz]` (generic format, loaders/l1.ts);
 * - `candles`: an OHLCV csv; each bar gives a quote at its open and close and two market
 *   orders reaching its high (buyer-initiated) and low (seller-initiated) at mid-bar.
 * The format is detected from the file names unless given.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { CsvRows } from '../loaders/csv-rows.js';
import type { LoadReport } from '../loaders/load-report.js';
import { LOBSTER_EMPTY_ASK, LOBSTER_EMPTY_BID, LOBSTER_PRICE_SCALE, lobsterLevelsFromName, readLobsterMessages, readLobsterOrderbook } from '../loaders/lobster.js';
import { readBinanceBbo, readBinanceTrades } from '../loaders/binance.js';
import { readL1Quotes, readL1Trades } from '../loaders/l1.js';
import { readCandles, type Candle } from '../loaders/ohlcv.js';
import { TapeBuilder, type MarketTape } from './market-tape.js';

export const TAPE_FORMATS = ['lobster', 'binance', 'l1', 'candles'] as const;
export type TapeFormat = (typeof TAPE_FORMATS)[number];

export interface LoadTapeOptions {
  format?: TapeFormat;
  /** LOBSTER levels (default: from the file name). */
  levels?: number;
  /** Symbol to pick in a folder with several (Binance: `BTCUSDT`). */
  symbol?: string;
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
  if (!isDir && /\.csv(\.gz)?$/.test(path)) return 'candles';
  if (isDir && names.some((f) => /_1m\.csv$|ohlcv|candles/i.test(f))) return 'candles';
  throw new Error(`${path}: cannot tell the data format from the file names; pass a format (${TAPE_FORMATS.join(', ')})`);
}

/**
 * Load a tape synchronously (what `make('replay:...')` needs). Plain files are read in chunks;
 * the tape holds only best-quote changes and merged market orders (far smaller than the files).
 */
export function loadTapeSync(path: string, opts: LoadTapeOptions = {}): LoadedTape {
  if (!existsSync(path)) throw new Error(`data path ${path} does not exist (give a data file or folder, e.g. data/lobster-amzn-2012-06-21-l1)`);
  if (opts.format !== undefined && !TAPE_FORMATS.includes(opts.format)) throw new Error(`format must be one of ${TAPE_FORMATS.join(', ')}, got ${String(opts.format)}`);
  const format = opts.format ?? detectFormat(path);
  switch (format) {
    case 'lobster':
      return loadLobster(path, opts);
    case 'binance':
      return loadBinance(path, opts);
    case 'l1':
      return loadL1(path);
    case 'candles':
      return loadCandleTape(path, opts);
  }
}

/** `loadTapeSync` as a promise, for async callers. */
export async function loadTape(path: string, opts: LoadTapeOptions = {}): Promise<LoadedTape> {
  return loadTapeSync(path, opts);
}

function loadLobster(path: string, opts: LoadTapeOptions): LoadedTape {
  const msgPath = statSync(path).isDirectory() ? pick(path, /_message_\d+\.csv$/, 'LOBSTER message', opts.symbol) : path;
  const obPath = msgPath.replace(/_message_(\d+)\.csv$/, '_orderbook_$1.csv');
  const levels = opts.levels ?? lobsterLevelsFromName(msgPath);
  if (levels === undefined) throw new Error(`${msgPath}: cannot tell the LOBSTER level from the name; pass levels`);
  const messages = readLobsterMessages(msgPath);
  const books = readLobsterOrderbook(obPath, levels);
  const b = new TapeBuilder();
  const it = books[Symbol.iterator]();
  for (const m of messages) {
    const row = it.next();
    if (row.done === true) throw new Error(`${obPath} has fewer rows than ${msgPath}: files not aligned`);
    if (m.type === 4 || m.type === 5) {
      // direction is the resting order's side: a sell limit order executed = buyer-initiated
      b.trade(m.time, m.price / LOBSTER_PRICE_SCALE, m.size, m.direction === -1 ? 1 : -1, String(m.time));
    }
    const ask = row.value.askPrice[0] as number;
    const bid = row.value.bidPrice[0] as number;
    if (ask !== LOBSTER_EMPTY_ASK && bid !== LOBSTER_EMPTY_BID) b.quote(m.time, bid / LOBSTER_PRICE_SCALE, ask / LOBSTER_PRICE_SCALE);
  }
  const tape = b.build({ name: `LOBSTER ${basename(msgPath).split('_')[0] ?? ''} level ${levels}`, source: msgPath, orderSource: 'trades' });
  return { tape, reports: [messages.report, books.report] };
}

/** Merge two time-sorted streams; on ties the first stream goes first. */
function merge<A, B>(a: Iterable<A>, ta: (x: A) => number, fa: (x: A) => void, b: Iterable<B>, tb: (x: B) => number, fb: (x: B) => void): void {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  let na = ia.next();
  let nb = ib.next();
  while (na.done !== true || nb.done !== true) {
    if (nb.done === true || (na.done !== true && ta(na.value) <= tb(nb.value))) {
      fa(na.value as A);
      na = ia.next();
    } else {
      fb(nb.value);
      nb = ib.next();
    }
  }
}

/** How far back a Binance trade may look for the quote it traded against (feeds' receive skew). */
const BINANCE_LOOKBACK_S = 1;

function loadBinance(path: string, opts: LoadTapeOptions): LoadedTape {
  const dir = statSync(path).isDirectory() ? path : dirname(path);
  const symbol = opts.symbol ?? (statSync(path).isDirectory() ? undefined : basename(path).split('_')[0]);
  const trades = readBinanceTrades(pick(dir, /_trades\.csv(\.gz)?$/, 'trades', symbol));
  const bbo = readBinanceBbo(pick(dir, /_bbo\.csv(\.gz)?$/, 'bbo', symbol));
  const b = new TapeBuilder();
  // one clock: the recorder's receive time for both streams (the exchange clock differs by ~1.27 s)
  merge(
    trades,
    (t) => t.localTime,
    (t) => b.trade(t.localTime, t.price, t.qty, t.aggressor, String(t.tradeTimeMs), BINANCE_LOOKBACK_S),
    bbo,
    (q) => q.localTime,
    (q) => b.quote(q.localTime, q.bidPrice, q.askPrice),
  );
  const tape = b.build({ name: `Binance ${symbol ?? basename(trades.path).split('_')[0] ?? ''}`, source: dir, orderSource: 'trades' });
  return { tape, reports: [trades.report, bbo.report] };
}

function loadL1(dir: string): LoadedTape {
  const quotes = readL1Quotes(pick(dir, /^quotes\.csv(\.gz)?$/, 'quotes'));
  const trades = readL1Trades(pick(dir, /^trades\.csv(\.gz)?$/, 'trades'));
  const b = new TapeBuilder();
  merge(
    trades,
    (t) => t.time,
    (t) => b.trade(t.time, t.price, t.size, t.aggressor, String(t.time)),
    quotes,
    (q) => q.time,
    (q) => b.quote(q.time, q.bid, q.ask),
  );
  return { tape: b.build({ name: `L1 ${basename(dir)}`, source: dir, orderSource: 'trades' }), reports: [quotes.report, trades.report] };
}

function loadCandleTape(path: string, opts: LoadTapeOptions): LoadedTape {
  const file = statSync(path).isDirectory() ? pick(path, /\.csv(\.gz)?$/, 'candles', opts.symbol) : path;
  const candles: CsvRows<Candle> = readCandles(file);
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
  for (const c of candles) {
    if (Number.isNaN(bar) && Number.isFinite(prevTime)) {
      bar = c.time - prevTime;
      if (pending !== null) emit(pending, bar);
    }
    if (Number.isFinite(bar)) emit(c, bar);
    else pending = c;
    prevTime = c.time;
  }
  if (!Number.isFinite(bar)) throw new Error(`${file}: need at least 2 candles`);
  return { tape: b.build({ name: `candles ${basename(file)}`, source: file, orderSource: 'candles', endTime: prevTime + bar }), reports: [candles.report] };
}
