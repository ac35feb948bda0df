/**
 * The four Binance (hftbacktest collector) schemas: field conversion (ns receive time -> s,
 * is_buyer_maker -> aggressor), every skip reason, header aliases, and the first rows of the
 * shipped sample read as documented.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CsvRows } from './csv-rows.js';
import { readBinanceBbo, readBinanceDepthSnapshot, readBinanceDepthUpdates, readBinanceTrades } from './binance.js';

const dir = mkdtempSync(join(tmpdir(), 'mmgym-binance-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function load<T>(reader: (p: string) => CsvRows<T>, lines: string[]): { rows: T[]; rows_: CsvRows<T> } {
  const p = join(dir, `f${n++}.csv`);
  writeFileSync(p, `${lines.join('\n')}\n`);
  const r = reader(p);
  return { rows: [...r], rows_: r };
}

/** The first row of a file by the streaming path (a .gz is not decompressed whole). */
async function firstRow<T>(rows: CsvRows<T>): Promise<T> {
  for await (const r of rows) return r;
  throw new Error('empty');
}

describe('readBinanceTrades', () => {
  it('converts receive ns to s and is_buyer_maker to the aggressor; extra columns ignored; quantity alias', () => {
    const { rows, rows_ } = load(readBinanceTrades, [
      'local_ts_ns,event_time_ms,trade_time_ms,trade_id,price,quantity,is_buyer_maker',
      '1723161254087896568,1,1723161255342,10,61837.63,0.02,true',
      '1723161254500000000,1,1723161255400,11,61837.64,0.5,FALSE',
      '1723161254600000000,1,1723161255500,12,61837.64,0.5,1',
    ]);
    expect(rows).toEqual([
      { localTime: 1723161254087896568 / 1e9, tradeTimeMs: 1723161255342, tradeId: 10, price: 61837.63, qty: 0.02, aggressor: -1 },
      { localTime: 1723161254.5, tradeTimeMs: 1723161255400, tradeId: 11, price: 61837.64, qty: 0.5, aggressor: 1 },
      { localTime: 1723161254.6, tradeTimeMs: 1723161255500, tradeId: 12, price: 61837.64, qty: 0.5, aggressor: -1 },
    ]);
    expect([rows_.report.rowsRead, rows_.report.rowsOk, rows_.report.schema]).toEqual([3, 3, 'Binance trades']);
  });
  it('skips bad rows by reason, duplicates and out-of-order rows included', () => {
    const { rows, rows_ } = load(readBinanceTrades, [
      'local_ts_ns,trade_time_ms,trade_id,price,qty,is_buyer_maker',
      '2000000000,5,1,100,1,true',
      '0,5,2,100,1,true',
      '3000000000,x,3,100,1,true',
      '3000000000,5,,100,1,true',
      '3000000000,5,4,-1,1,true',
      '3000000000,5,5,100,0,true',
      '3000000000,5,6,100,1,maybe',
      '3000000000,5,1,100,1,true', // id not above the last kept (1)
      '1000000000,5,9,100,1,true', // earlier than the last kept
      '4000000000,5,10,100,1,false',
    ]);
    expect(rows.map((r) => r.tradeId)).toEqual([1, 10]);
    expect(rows_.report.skipped).toEqual({
      'bad local_ts_ns': 1,
      'bad trade_time_ms': 1,
      'bad trade_id': 1,
      'bad price': 1,
      'bad qty': 1,
      'bad is_buyer_maker (allowed true/false)': 1,
      "duplicate or out-of-order id (not above the previous row's)": 1,
      'out of time order (earlier than the previous row)': 1,
    });
    expect(rows_.report.firstSkipped.map((s) => s.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
  });
  it('the shipped sample\'s first trade', () => {
    const r = readBinanceTrades('data/binance-spot-btcusdt-2024-08-08/BTCUSDT_trades.csv');
    const first = r[Symbol.iterator]().next().value!;
    expect(first).toEqual({ localTime: 1723161254087896568 / 1e9, tradeTimeMs: 1723161255342, tradeId: 3735683259, price: 61837.63, qty: 0.02, aggressor: -1 });
  });
});

describe('readBinanceBbo', () => {
  it('reads quotes, skips bad and crossed ones (a locked book is kept)', () => {
    const { rows, rows_ } = load(readBinanceBbo, [
      'local_ts_ns,update_id,bid_price,bid_qty,ask_price,ask_qty',
      '1000000000,1,100,2,100.5,3',
      '1100000000,,100,2,100.5,3',
      '1200000000,3,0,2,100.5,3',
      '1300000000,4,100,2,100.5,-1',
      '1400000000,5,101,2,100.5,3',
      '1500000000,6,100,0,100,0',
      '-5,7,100,2,100.5,3',
    ]);
    expect(rows).toEqual([
      { localTime: 1, updateId: 1, bidPrice: 100, bidQty: 2, askPrice: 100.5, askQty: 3 },
      { localTime: 1.5, updateId: 6, bidPrice: 100, bidQty: 0, askPrice: 100, askQty: 0 },
    ]);
    expect(rows_.report.skipped).toEqual({ 'bad update_id': 1, 'bad bid': 1, 'bad ask': 1, 'crossed quote (ask < bid)': 1, 'bad local_ts_ns': 1 });
  });
  it('the shipped gzipped sample reads (first row, streamed)', async () => {
    const first = await firstRow(readBinanceBbo('data/binance-spot-btcusdt-2024-08-08/BTCUSDT_bbo.csv.gz'));
    expect(first).toEqual({ localTime: 1723161254087891268 / 1e9, updateId: 50093239212, bidPrice: 61837.63, bidQty: 3.78826, askPrice: 61837.64, askQty: 1.54698 });
  });
});

describe('readBinanceDepthSnapshot / readBinanceDepthUpdates', () => {
  it('snapshot: sides bid/ask (buy/sell accepted, any case), a zero quantity kept, bad rows skipped', () => {
    const { rows, rows_ } = load(readBinanceDepthSnapshot, [
      'local_ts_ns,last_update_id,side,level,price,qty',
      '2000000000,50,BID,0,100,1.5',
      '2000000000,50,sell,0,101,0',
      '2000000000,50,mid,0,101,1',
      '2000000000,50,ask,0,0,1',
      'x,50,ask,0,101,1',
    ]);
    expect(rows).toEqual([
      { localTime: 2, lastUpdateId: 50, side: 'bid', price: 100, qty: 1.5 },
      { localTime: 2, lastUpdateId: 50, side: 'ask', price: 101, qty: 0 },
    ]);
    expect(rows_.report.skipped).toEqual({ 'bad side (allowed bid/ask)': 1, 'bad price or qty': 1, 'bad timestamp or update id': 1 });
  });
  it('updates: U <= u required; the first rows of the shipped sample', async () => {
    const { rows, rows_ } = load(readBinanceDepthUpdates, [
      'local_ts_ns,event_time_ms,first_update_id,final_update_id,side,price,qty',
      '1000000000,7,10,12,ask,100,0',
      '1000000000,7,13,12,ask,100,1',
      '1000000000,7,13,14,bid,100,-2',
      '1000000000,,13,14,bid,100,2',
    ]);
    expect(rows).toEqual([{ localTime: 1, eventTimeMs: 7, firstUpdateId: 10, finalUpdateId: 12, side: 'ask', price: 100, qty: 0 }]);
    expect(rows_.report.skipped).toEqual({ 'bad update ids': 1, 'bad price or qty': 1, 'bad timestamp': 1 });
    expect(await firstRow(readBinanceDepthUpdates('data/binance-spot-btcusdt-2024-08-08/BTCUSDT_depth_updates.csv.gz'))).toEqual({ localTime: 1723161253937085768 / 1e9, eventTimeMs: 1723161255208, firstUpdateId: 50093239189, finalUpdateId: 50093239202, side: 'bid', price: 61737.63, qty: 0 });
  });
});
