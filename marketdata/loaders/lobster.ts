/**
 * LOBSTER files (lobsterdata.com; Huang & Polak 2011): the message file (one event per row)
 * and the orderbook file (the book after each event, `levels` price levels per side), with or
 * without a header row, any number of time decimals (the AMZN sample is rounded to 10 us).
 *
 * Prices are kept in LOBSTER's integer units (dollars x 10,000) so book arithmetic is exact.
 */
import { CsvRows, num, type RowSchema } from './csv-rows.js';

/** LOBSTER event types. */
export const LobsterEventType = {
  Submission: 1,
  Cancellation: 2,
  Deletion: 3,
  ExecutionVisible: 4,
  ExecutionHidden: 5,
  CrossTrade: 6,
  TradingHalt: 7,
} as const;

export interface LobsterMessage {
  /** Seconds after midnight (exchange local time). */
  readonly time: number;
  /** 1..7, see `LobsterEventType`. */
  readonly type: number;
  readonly orderId: number;
  /** Shares. */
  readonly size: number;
  /** Dollars x 10,000 (for type 7: -1 halt, 0 quote resumption, 1 trade resumption). */
  readonly price: number;
  /** Side of the limit order: 1 buy, -1 sell (for executions, -1 = buyer-initiated trade). */
  readonly direction: 1 | -1;
}

/** Dollars x 10,000 per dollar. */
export const LOBSTER_PRICE_SCALE = 10_000;
/** LOBSTER's placeholder prices for an empty level. */
export const LOBSTER_EMPTY_ASK = 9_999_999_999;
export const LOBSTER_EMPTY_BID = -9_999_999_999;

const MESSAGE_SCHEMA: RowSchema<LobsterMessage> = {
  name: 'LOBSTER message',
  header: 'optional',
  columns: [
    { name: 'time' },
    { name: 'type' },
    { name: 'order_id', aliases: ['orderid', 'id'] },
    { name: 'size' },
    { name: 'price' },
    { name: 'direction', aliases: ['side'] },
  ],
  parse(f) {
    const time = num(f[0]);
    const type = num(f[1]);
    const orderId = num(f[2]);
    const size = num(f[3]);
    const price = num(f[4]);
    const direction = num(f[5]);
    if (time === undefined || time < 0) return 'bad time';
    if (type === undefined || !Number.isInteger(type) || type < 1 || type > 7) return 'bad event type (allowed 1..7)';
    if (orderId === undefined || !Number.isInteger(orderId) || orderId < 0) return 'bad order id';
    if (size === undefined || size < 0) return 'bad size';
    if (price === undefined) return 'bad price';
    if (direction !== 1 && direction !== -1) return 'bad direction (allowed 1 or -1)';
    return { time, type, orderId, size, price, direction };
  },
  time: (r) => r.time,
};

/** Stream a LOBSTER message file. */
export function readLobsterMessages(path: string): CsvRows<LobsterMessage> {
  return new CsvRows(path, MESSAGE_SCHEMA);
}

/** One orderbook row: `levels` entries per side, best first; empty levels have size 0. */
export interface LobsterBookRow {
  readonly askPrice: Float64Array;
  readonly askSize: Float64Array;
  readonly bidPrice: Float64Array;
  readonly bidSize: Float64Array;
}

function orderbookSchema(levels: number): RowSchema<LobsterBookRow> {
  const columns = [];
  for (let k = 1; k <= levels; k++) {
    columns.push({ name: `ask_price_${k}` }, { name: `ask_size_${k}` }, { name: `bid_price_${k}` }, { name: `bid_size_${k}` });
  }
  return {
    name: `LOBSTER orderbook (${levels} level${levels > 1 ? 's' : ''})`,
    header: 'optional',
    positionalHeader: true,
    columns,
    parse(f) {
      const row: LobsterBookRow = {
        askPrice: new Float64Array(levels),
        askSize: new Float64Array(levels),
        bidPrice: new Float64Array(levels),
        bidSize: new Float64Array(levels),
      };
      for (let k = 0; k < levels; k++) {
        const ap = num(f[4 * k]);
        const as = num(f[4 * k + 1]);
        const bp = num(f[4 * k + 2]);
        const bs = num(f[4 * k + 3]);
        if (ap === undefined || as === undefined || bp === undefined || bs === undefined) return `bad number at level ${k + 1}`;
        if (as < 0 || bs < 0) return `negative size at level ${k + 1}`;
        row.askPrice[k] = ap;
        row.askSize[k] = as;
        row.bidPrice[k] = bp;
        row.bidSize[k] = bs;
      }
      return row;
    },
  };
}

/** Stream a LOBSTER orderbook file with `levels` levels per side (4 * levels columns). */
export function readLobsterOrderbook(path: string, levels: number): CsvRows<LobsterBookRow> {
  if (!Number.isInteger(levels) || levels < 1) {
    throw new RangeError(`levels must be an integer >= 1, got ${levels}`);
  }
  return new CsvRows(path, orderbookSchema(levels));
}

/** The level count in a LOBSTER file name (`..._orderbook_10.csv` -> 10), or undefined. */
export function lobsterLevelsFromName(path: string): number | undefined {
  const m = /_(?:orderbook|message)_(\d+)\.csv(?:\.gz)?$/.exec(path);
  return m?.[1] === undefined ? undefined : Number(m[1]);
}
