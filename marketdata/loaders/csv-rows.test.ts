import { mkdtempSync, writeFileSync, createWriteStream, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { readLobsterMessages, readLobsterOrderbook } from './lobster.js';
import { readBinanceTrades } from './binance.js';
import { readCandles } from './ohlcv.js';
import { readL1Quotes, readL1Trades } from './l1.js';
import { DataSchemaError, formatReport } from './load-report.js';

const dir = mkdtempSync(join(tmpdir(), 'mmgym-csv-'));
function file(name: string, text: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
async function drain<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('CSV loaders', () => {
  it('skips and counts malformed rows with their line numbers', async () => {
    const p = file(
      'm.csv',
      ['Time,Type,OrderId,Size,Price,Direction', '34200.1,1,5,10,2238100,1', '34200.2,9,5,10,2238100,1', '34200.3,1,5,10', 'x,1,5,10,2238100,1', '34200.4,3,5,10,2238100,-1'].join('\n'),
    );
    const rows = readLobsterMessages(p);
    const got = await drain(rows);
    expect(got.map((r) => r.time)).toEqual([34200.1, 34200.4]);
    expect(rows.report.hasHeader).toBe(true);
    expect(rows.report.rowsRead).toBe(5);
    expect(rows.report.skipped).toEqual({ 'bad event type (allowed 1..7)': 1, 'wrong column count (expected 6)': 1, 'bad time': 1 });
    expect(rows.report.firstSkipped.map((s) => s.line)).toEqual([3, 4, 5]);
    expect(formatReport(rows.report)).toContain('3 skipped');
  });

  it('reads headerless LOBSTER files and orderbooks of any level', async () => {
    const p = file('ob.csv', '5859400,200,5853300,18,5859800,200,5853000,150\n5859400,100,5853300,18,5859800,200,5853000,150');
    const rows = await drain(readLobsterOrderbook(p, 2));
    expect(rows).toHaveLength(2);
    expect(rows[1]?.askSize[0]).toBe(100);
    expect(rows[0]?.bidPrice[1]).toBe(5853000);
  });

  it('rejects a file of the wrong schema at once, naming the missing columns', async () => {
    const p = file('t.csv', 'local_ts_ns,price,qty\n1,2,3\n');
    await expect(drain(readBinanceTrades(p))).rejects.toThrow(/missing column\(s\) trade_time_ms, trade_id, is_buyer_maker/);
    const ob = file('ob4.csv', '1,2,3,4\n');
    await expect(drain(readLobsterMessages(ob))).rejects.toThrow(DataSchemaError);
    await expect(drain(readLobsterMessages(ob))).rejects.toThrow(/expected 6 columns .* got 4 on line 1/);
    await expect(drain(readLobsterOrderbook(ob, 10))).rejects.toThrow(/expected 40 columns/);
  });

  it('rejects a file where no row parses instead of loading nothing silently', async () => {
    const lines = ['time,bid,ask'];
    for (let i = 0; i < 150; i++) lines.push(`${i},abc,def`);
    await expect(drain(readL1Quotes(file('q.csv', lines.join('\n'))))).rejects.toThrow(/none of the first 100 rows parses/);
  });

  it('reads gzipped files, ISO times and the generic L1 and candle formats', async () => {
    const q = file('q.csv.gz', gzipSync('timestamp,best_bid,best_ask\n2024-01-01T00:00:00Z,99.5,100.5\n1704067201,99,101\n'));
    const quotes = await drain(readL1Quotes(q));
    expect(quotes).toEqual([
      { time: 1704067200, bid: 99.5, ask: 100.5, bidSize: NaN, askSize: NaN },
      { time: 1704067201, bid: 99, ask: 101, bidSize: NaN, askSize: NaN },
    ]);
    const t = await drain(readL1Trades(file('tr.csv', 'time,price,qty,side\n1,100,2,buy\n2,99,1,S\n3,99,1,?\n')));
    expect(t.map((x) => x.aggressor)).toEqual([1, -1]);
    const c = readCandles(file('c.csv', 'open_time,open,high,low,close,volume\n2025-06-06 21:41:00+00:00,10,12,9,11,5\n2025-06-06 21:42:00+00:00,10,9,9,11,5\n'));
    const candles = await drain(c);
    expect(candles).toHaveLength(1);
    expect(candles[0]?.time).toBe(Date.parse('2025-06-06T21:41:00Z') / 1000);
    expect(Number.isNaN(candles[0]?.takerBuyVolume)).toBe(true);
    expect(c.report.skipped).toEqual({ 'inconsistent bar (need low <= open, close <= high)': 1 });
  });

  it('streams: a large file is iterated without materialising it (heap stays bounded)', async () => {
    // ~10 MB, 250k rows, parsed one at a time; the heap growth stays far below the file's parsed size.
    const p = join(dir, 'big.csv');
    const ws = createWriteStream(p);
    const ROWS = 250_000;
    for (let i = 0; i < ROWS; i += 1000) {
      let chunk = '';
      for (let j = i; j < i + 1000; j++) chunk += `${34200 + j * 1e-3},1,${j},100,2238100,1\n`;
      if (!ws.write(chunk)) await once(ws, 'drain');
    }
    ws.end();
    await once(ws, 'finish');
    const base = process.memoryUsage().heapUsed;
    let peak = 0;
    let n = 0;
    const rows = readLobsterMessages(p);
    for await (const r of rows) {
      n++;
      if ((n & 16383) === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - base);
      if (r.size !== 100) throw new Error('bad row');
    }
    expect(n).toBe(ROWS);
    console.log(`streamed ${ROWS} rows, peak heap growth ${(peak / 2 ** 20).toFixed(1)} MB (bound 96 MB)`);
    expect(peak).toBeLessThan(96 * 2 ** 20);
    // lazy: a consumer that stops early has made the parser read only a small window of the file
    const size = statSync(p).size;
    const head = readLobsterMessages(p);
    let k = 0;
    for await (const _ of head) if (++k === 10) break;
    expect(head.report.rowsRead).toBe(10);
    console.log(`stopped after 10 rows: ${head.report.bytesParsed} of ${size} bytes parsed`);
    expect(head.report.bytesParsed).toBeLessThan(size / 10);
    const sync = readLobsterMessages(p);
    let j = 0;
    for (const _ of sync) if (++j === 10) break;
    expect(sync.report.bytesParsed).toBeLessThanOrEqual(2 ** 20 + 100); // one 1 MB chunk
  });
});
