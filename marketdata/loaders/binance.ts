/**
 * Binance spot samples as recorded by hftbacktest's collector (see data/README.md): trades,
 * best bid/offer (bookTicker), REST depth snapshot, diff-depth updates. Headers required.
 * `local_ts_ns` (recorder receive time, ns) is converted to seconds (float; sub-us precision
 * is lost above 2^53 ns, irrelevant here). Exchange times stay in ms.
 */
import { CsvRows, num, type RowSchema } from './csv-rows.js';

const NS_PER_S = 1e9;

export interface BinanceTrade {
  /** Receive time, seconds since the Unix epoch. */
  readonly localTime: number;
  /** Exchange trade time (ms since epoch). */
  readonly tradeTimeMs: number;
  readonly tradeId: number;
  readonly price: number;
  readonly qty: number;
  /** +1 buyer-initiated (aggressive buy), -1 seller-initiated (is_buyer_maker = true). */
  readonly aggressor: 1 | -1;
}

function bool(s: string | undefined): boolean | undefined {
  if (s === undefined) return undefined;
  const l = s.toLowerCase();
  return l === 'true' || l === '1' ? true : l === 'false' || l === '0' ? false : undefined;
}

const TRADES: RowSchema<BinanceTrade> = {
  name: 'Binance trades',
  header: 'required',
  columns: [
    { name: 'local_ts_ns' },
    { name: 'trade_time_ms' },
    { name: 'trade_id' },
    { name: 'price' },
    { name: 'qty', aliases: ['quantity'] },
    { name: 'is_buyer_maker' },
  ],
  parse(f) {
    const ts = num(f[0]);
    const tt = num(f[1]);
    const id = num(f[2]);
    const price = num(f[3]);
    const qty = num(f[4]);
    const bm = bool(f[5]);
    if (ts === undefined || ts <= 0) return 'bad local_ts_ns';
    if (tt === undefined) return 'bad trade_time_ms';
    if (id === undefined) return 'bad trade_id';
    if (price === undefined || price <= 0) return 'bad price';
    if (qty === undefined || qty <= 0) return 'bad qty';
    if (bm === undefined) return 'bad is_buyer_maker (allowed true/false)';
    return { localTime: ts / NS_PER_S, tradeTimeMs: tt, tradeId: id, price, qty, aggressor: bm ? -1 : 1 };
  },
  time: (r) => r.localTime,
  sequence: (r) => r.tradeId,
};

export interface BinanceBbo {
  readonly localTime: number;
  readonly updateId: number;
  readonly bidPrice: number;
  readonly bidQty: number;
  readonly askPrice: number;
  readonly askQty: number;
}

const BBO: RowSchema<BinanceBbo> = {
  name: 'Binance bbo',
  header: 'required',
  columns: [
    { name: 'local_ts_ns' },
    { name: 'update_id' },
    { name: 'bid_price' },
    { name: 'bid_qty' },
    { name: 'ask_price' },
    { name: 'ask_qty' },
  ],
  parse(f) {
    const ts = num(f[0]);
    const u = num(f[1]);
    const bp = num(f[2]);
    const bq = num(f[3]);
    const ap = num(f[4]);
    const aq = num(f[5]);
    if (ts === undefined || ts <= 0) return 'bad local_ts_ns';
    if (u === undefined) return 'bad update_id';
    if (bp === undefined || bp <= 0 || bq === undefined || bq < 0) return 'bad bid';
    if (ap === undefined || ap <= 0 || aq === undefined || aq < 0) return 'bad ask';
    if (ap < bp) return 'crossed quote (ask < bid)';
    return { localTime: ts / NS_PER_S, updateId: u, bidPrice: bp, bidQty: bq, askPrice: ap, askQty: aq };
  },
  time: (r) => r.localTime,
};

export interface BinanceDepthLevel {
  readonly localTime: number;
  readonly lastUpdateId: number;
  readonly side: 'bid' | 'ask';
  readonly price: number;
  readonly qty: number;
}

function side(s: string | undefined): 'bid' | 'ask' | undefined {
  const l = s?.toLowerCase();
  return l === 'bid' || l === 'buy' ? 'bid' : l === 'ask' || l === 'sell' ? 'ask' : undefined;
}

const SNAPSHOT: RowSchema<BinanceDepthLevel> = {
  name: 'Binance depth snapshot',
  header: 'required',
  columns: [{ name: 'local_ts_ns' }, { name: 'last_update_id' }, { name: 'side' }, { name: 'price' }, { name: 'qty' }],
  parse(f) {
    const ts = num(f[0]);
    const u = num(f[1]);
    const sd = side(f[2]);
    const price = num(f[3]);
    const qty = num(f[4]);
    if (ts === undefined || u === undefined) return 'bad timestamp or update id';
    if (sd === undefined) return 'bad side (allowed bid/ask)';
    if (price === undefined || price <= 0 || qty === undefined || qty < 0) return 'bad price or qty';
    return { localTime: ts / NS_PER_S, lastUpdateId: u, side: sd, price, qty };
  },
};

/** One changed level of a diff-depth event (rows of one event share U and u). */
export interface BinanceDepthUpdate {
  readonly localTime: number;
  readonly eventTimeMs: number;
  readonly firstUpdateId: number;
  readonly finalUpdateId: number;
  readonly side: 'bid' | 'ask';
  readonly price: number;
  /** New absolute quantity; 0 removes the level. */
  readonly qty: number;
}

const UPDATES: RowSchema<BinanceDepthUpdate> = {
  name: 'Binance depth updates',
  header: 'required',
  columns: [
    { name: 'local_ts_ns' },
    { name: 'event_time_ms' },
    { name: 'first_update_id' },
    { name: 'final_update_id' },
    { name: 'side' },
    { name: 'price' },
    { name: 'qty' },
  ],
  parse(f) {
    const ts = num(f[0]);
    const e = num(f[1]);
    const U = num(f[2]);
    const u = num(f[3]);
    const sd = side(f[4]);
    const price = num(f[5]);
    const qty = num(f[6]);
    if (ts === undefined || e === undefined) return 'bad timestamp';
    if (U === undefined || u === undefined || u < U) return 'bad update ids';
    if (sd === undefined) return 'bad side (allowed bid/ask)';
    if (price === undefined || price <= 0 || qty === undefined || qty < 0) return 'bad price or qty';
    return { localTime: ts / NS_PER_S, eventTimeMs: e, firstUpdateId: U, finalUpdateId: u, side: sd, price, qty };
  },
  time: (r) => r.localTime,
};

export const readBinanceTrades = (path: string): CsvRows<BinanceTrade> => new CsvRows(path, TRADES);
export const readBinanceBbo = (path: string): CsvRows<BinanceBbo> => new CsvRows(path, BBO);
export const readBinanceDepthSnapshot = (path: string): CsvRows<BinanceDepthLevel> => new CsvRows(path, SNAPSHOT);
export const readBinanceDepthUpdates = (path: string): CsvRows<BinanceDepthUpdate> => new CsvRows(path, UPDATES);
