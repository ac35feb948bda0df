/** OHLCV candles: ms/s/ISO times, the bar consistency rule, volumes, aliases, and the shipped Binance USD-M sample. */
import { describe, expect, it } from 'vitest';
import { readCandles } from './ohlcv.js';
import { csvFiles } from '../test-utils/csv-files.js';

const file = csvFiles('mmgym-ohlcv-');

describe('readCandles', () => {
  it('times: seconds, milliseconds (above 1e11) and ISO dates all give seconds', () => {
    const rows = [...readCandles(file(['timestamp,o,h,l,c,vol', '1749246000,10,12,9,11,5', '1749246060000,11,12,10,11,4', '2025-06-06T21:42:00Z,11,11,11,11,0']))];
    expect(rows.map((r) => r.time)).toEqual([1749246000, 1749246060, Date.parse('2025-06-06T21:42:00Z') / 1000]);
    expect(rows[0]).toEqual({ time: 1749246000, open: 10, high: 12, low: 9, close: 11, volume: 5, takerBuyVolume: NaN });
  });
  it('skips inconsistent bars, bad volumes and taker-buy volumes outside [0, volume]', () => {
    const r = readCandles(
      file([
        'open_time,open,high,low,close,volume,taker_buy_volume',
        '1,10,12,9,11,5,2',
        '2,10,12,10.5,11,5,2', // low above open
        '3,10,10.5,9,11,5,2', // close above high
        '4,10,12,9,11,-1,0',
        '5,10,12,9,11,5,6',
        '6,10,12,9,11,5,-1',
        '7,10,x,9,11,5,1',
        ',10,12,9,11,5,1',
        '8,10,12,9,11,5,5',
      ]),
    );
    const rows = [...r];
    expect(rows.map((x) => [x.time, x.takerBuyVolume])).toEqual([[1, 2], [8, 5]]);
    expect(r.report.skipped).toEqual({
      'inconsistent bar (need low <= open, close <= high)': 2,
      'bad volume': 1,
      'bad taker-buy volume (need 0 <= value <= volume)': 2,
      'bad price': 1,
      'bad time': 1,
    });
  });
  it('the shipped BTCUSDT 1m sample: consecutive minutes, consistent bars', () => {
    const r = readCandles('data/binance-usdm-ohlcv-1m-2025-06/BTCUSDT_1m.csv');
    const rows = [...r];
    expect(rows[0]).toEqual({ time: Date.parse('2025-06-06T21:41:00Z') / 1000, open: 104367.5, high: 104397.6, low: 104332.4, close: 104361.5, volume: 63.017, takerBuyVolume: 20.1 });
    expect(r.report.rowsOk).toBe(rows.length);
    expect(r.report.rowsOk).toBe(r.report.rowsRead);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.time - rows[i - 1]!.time).toBeGreaterThan(0);
  });
});
