/**
 * A generic level-1 format, for data from anywhere: a quotes CSV
 * (`time, bid, ask[, bid_size, ask_size]`) and a trades CSV (`time, price, size, side[, mid_before]`;
 * `mid_before`, the mid the order met, is written by `mmgym data convert` so a converted tape
 * keeps its loader's reference mids),
 * headers required (common spellings accepted). `time` is seconds (any origin) or an ISO-8601
 * date; `side` is the aggressor: buy/b/1 = buyer-initiated, sell/s/-1 = seller-initiated.
 */
import { CsvRows, num, type RowSchema } from './csv-rows.js';

export interface L1Quote {
  /** Seconds. */
  readonly time: number;
  readonly bid: number;
  readonly ask: number;
  /** Size at the best bid / ask (NaN when the file has no size columns). */
  readonly bidSize: number;
  readonly askSize: number;
}

export interface L1Trade {
  readonly time: number;
  readonly price: number;
  readonly size: number;
  /** +1 buyer-initiated, -1 seller-initiated. */
  readonly aggressor: 1 | -1;
  /** The mid just before the trade, where the file records it (optional column `mid_before`). */
  readonly midBefore?: number;
}

/** Seconds from a number or an ISO date string (then seconds since the Unix epoch). */
export function parseTime(s: string | undefined): number | undefined {
  const v = num(s);
  if (v !== undefined) return v;
  if (s === undefined || s === '') return undefined;
  const ms = Date.parse(s);
  return Number.isFinite(ms) ? ms / 1000 : undefined;
}

const QUOTES: RowSchema<L1Quote> = {
  name: 'L1 quotes',
  header: 'required',
  columns: [
    { name: 'time', aliases: ['timestamp', 'ts', 't'] },
    { name: 'bid', aliases: ['bid_price', 'best_bid', 'bidprice'] },
    { name: 'ask', aliases: ['ask_price', 'best_ask', 'askprice'] },
    { name: 'bid_size', aliases: ['bid_qty', 'bidsize', 'bid_volume'], optional: true },
    { name: 'ask_size', aliases: ['ask_qty', 'asksize', 'ask_volume'], optional: true },
  ],
  parse(f) {
    const time = parseTime(f[0]);
    const bid = num(f[1]);
    const ask = num(f[2]);
    if (time === undefined) return 'bad time';
    if (bid === undefined || ask === undefined) return 'bad bid or ask';
    if (ask < bid) return 'crossed quote (ask < bid)';
    // no size columns: NaN (the tape then has no depth); one column without the other is refused
    if ((f[3] === undefined) !== (f[4] === undefined)) return 'only one of the size columns bid_size, ask_size (give both or neither)';
    const bidSize = f[3] === undefined ? NaN : num(f[3]);
    const askSize = f[4] === undefined ? NaN : num(f[4]);
    if (bidSize === undefined || askSize === undefined || bidSize < 0 || askSize < 0) return 'bad size';
    return { time, bid, ask, bidSize, askSize };
  },
  time: (r) => r.time,
};

function aggressor(s: string | undefined): 1 | -1 | undefined {
  const l = s?.trim().toLowerCase();
  if (l === 'buy' || l === 'b' || l === '1' || l === '+1') return 1;
  if (l === 'sell' || l === 's' || l === '-1') return -1;
  return undefined;
}

const TRADES: RowSchema<L1Trade> = {
  name: 'L1 trades',
  header: 'required',
  columns: [
    { name: 'time', aliases: ['timestamp', 'ts', 't'] },
    { name: 'price', aliases: ['px'] },
    { name: 'size', aliases: ['qty', 'quantity', 'volume', 'amount'] },
    { name: 'side', aliases: ['aggressor', 'direction'] },
    { name: 'mid_before', aliases: ['mid'], optional: true },
  ],
  parse(f) {
    const time = parseTime(f[0]);
    const price = num(f[1]);
    const size = num(f[2]);
    const ag = aggressor(f[3]);
    const mid = f[4] === undefined ? undefined : num(f[4]);
    if (f[4] !== undefined && (mid === undefined || mid <= 0)) return 'bad mid_before';
    if (time === undefined) return 'bad time';
    if (price === undefined || price <= 0) return 'bad price';
    if (size === undefined || size <= 0) return 'bad size';
    if (ag === undefined) return 'bad side (allowed buy/sell, b/s, 1/-1)';
    return mid === undefined ? { time, price, size, aggressor: ag } : { time, price, size, aggressor: ag, midBefore: mid };
  },
  time: (r) => r.time,
};

export const readL1Quotes = (path: string): CsvRows<L1Quote> => new CsvRows(path, QUOTES);
export const readL1Trades = (path: string): CsvRows<L1Trade> => new CsvRows(path, TRADES);
