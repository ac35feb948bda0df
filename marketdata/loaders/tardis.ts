/**
 * Tardis.dev downloadable CSV files (docs.tardis.dev, "Downloadable CSV files / Data types"):
 * - `incremental_book_L2`: exchange, symbol, timestamp, local_timestamp, is_snapshot, side
 *   (bid | ask), price, amount — one row per changed level; `amount` is the level's new absolute
 *   size (0 removes it); rows of one feed message share `local_timestamp`; a run of
 *   `is_snapshot = true` rows after non-snapshot rows is a new full snapshot (the book resets).
 * - `trades`: exchange, symbol, timestamp, local_timestamp, id, side (buy | sell | unknown: the
 *   aggressor), price, amount.
 * Times are microseconds since the Unix epoch (UTC), converted to seconds. Both files are read on
 * `local_timestamp` (the recorder's clock, one clock for both feeds; the exchange's `timestamp`
 * is per venue and may be missing). Headers required; `.gz` files are read as they are
 * downloaded.
 */
import { CsvRows, num, type RowSchema } from './csv-rows.js';

const US_PER_S = 1e6;

export interface TardisBookRow {
  /** local_timestamp in seconds since the epoch. */
  readonly time: number;
  readonly isSnapshot: boolean;
  readonly side: 'bid' | 'ask';
  readonly price: number;
  /** New absolute size of the level (0 = removed). */
  readonly amount: number;
}

export interface TardisTrade {
  readonly time: number;
  readonly price: number;
  readonly amount: number;
  /** +1 buyer-initiated (side buy), -1 seller-initiated (side sell). */
  readonly aggressor: 1 | -1;
  /** The venue's trade id as text (ids are not numeric on every venue). */
  readonly id: string;
  /**
   * What groups the trades of one aggressive order: the exchange `timestamp` (one matching
   * event), or the local one where the exchange's is absent.
   */
  readonly orderKey: string;
}

function bool(s: string | undefined): boolean | undefined {
  const l = s?.toLowerCase();
  return l === 'true' || l === '1' ? true : l === 'false' || l === '0' ? false : undefined;
}

const BOOK: RowSchema<TardisBookRow> = {
  name: 'Tardis incremental_book_L2',
  header: 'required',
  columns: [{ name: 'local_timestamp' }, { name: 'is_snapshot' }, { name: 'side' }, { name: 'price' }, { name: 'amount' }],
  parse(f) {
    const ts = num(f[0]);
    const snap = bool(f[1]);
    const side = f[2]?.toLowerCase();
    const price = num(f[3]);
    const amount = num(f[4]);
    if (ts === undefined || ts <= 0) return 'bad local_timestamp';
    if (snap === undefined) return 'bad is_snapshot (allowed true/false)';
    if (side !== 'bid' && side !== 'ask') return 'bad side (allowed bid/ask)';
    if (price === undefined || price <= 0) return 'bad price';
    if (amount === undefined || amount < 0) return 'bad amount';
    return { time: ts / US_PER_S, isSnapshot: snap, side, price, amount };
  },
  time: (r) => r.time,
};

const TRADES: RowSchema<TardisTrade> = {
  name: 'Tardis trades',
  header: 'required',
  columns: [{ name: 'local_timestamp' }, { name: 'id' }, { name: 'side' }, { name: 'price' }, { name: 'amount' }, { name: 'timestamp', optional: true }],
  parse(f) {
    const ts = num(f[0]);
    const exchangeTs = num(f[5]);
    const side = f[2]?.toLowerCase();
    const price = num(f[3]);
    const amount = num(f[4]);
    if (ts === undefined || ts <= 0) return 'bad local_timestamp';
    if (side === 'unknown') return 'aggressor side unknown';
    if (side !== 'buy' && side !== 'sell') return 'bad side (allowed buy/sell/unknown)';
    if (price === undefined || price <= 0) return 'bad price';
    if (amount === undefined || amount <= 0) return 'bad amount';
    return { time: ts / US_PER_S, price, amount, aggressor: side === 'buy' ? 1 : -1, id: f[1] ?? '', orderKey: String(exchangeTs ?? ts) };
  },
  time: (r) => r.time,
};

export const readTardisBook = (path: string): CsvRows<TardisBookRow> => new CsvRows(path, BOOK);
export const readTardisTrades = (path: string): CsvRows<TardisTrade> => new CsvRows(path, TRADES);
