/**
 * OHLCV candles: `open_time, open, high, low, close, volume[, taker_buy_base_asset_volume]`
 * (Binance klines spelling; `time`/`timestamp` also accepted; ISO-8601 or seconds/ms numbers).
 * A bar violating low <= min(open, close) <= max(open, close) <= high is skipped.
 */
import { CsvRows, num, type RowSchema } from './csv-rows.js';
import { parseTime } from './l1.js';

export interface Candle {
  /** Bar open time, seconds since the Unix epoch (numbers above 1e11 are read as ms). */
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  /** Aggressive-buy part of the volume; NaN when the file has no such column. */
  readonly takerBuyVolume: number;
}

const CANDLES: RowSchema<Candle> = {
  name: 'OHLCV candles',
  header: 'required',
  columns: [
    { name: 'open_time', aliases: ['time', 'timestamp', 'date', 'datetime'] },
    { name: 'open', aliases: ['o'] },
    { name: 'high', aliases: ['h'] },
    { name: 'low', aliases: ['l'] },
    { name: 'close', aliases: ['c'] },
    { name: 'volume', aliases: ['v', 'vol'] },
    { name: 'taker_buy_base_asset_volume', aliases: ['taker_buy_volume', 'buy_volume'], optional: true },
  ],
  parse(f) {
    let time = parseTime(f[0]);
    const o = num(f[1]);
    const h = num(f[2]);
    const l = num(f[3]);
    const c = num(f[4]);
    const v = num(f[5]);
    if (time === undefined) return 'bad time';
    if (time > 1e11) time /= 1000;
    if (o === undefined || h === undefined || l === undefined || c === undefined) return 'bad price';
    if (!(l <= Math.min(o, c) && Math.max(o, c) <= h)) return 'inconsistent bar (need low <= open, close <= high)';
    if (v === undefined || v < 0) return 'bad volume';
    const tb = f[6] === undefined ? NaN : num(f[6]);
    if (tb === undefined || tb < 0 || tb > v * (1 + 1e-9)) return 'bad taker-buy volume (need 0 <= value <= volume)';
    return { time, open: o, high: h, low: l, close: c, volume: v, takerBuyVolume: tb };
  },
  time: (r) => r.time,
};

export const readCandles = (path: string): CsvRows<Candle> => new CsvRows(path, CANDLES);
