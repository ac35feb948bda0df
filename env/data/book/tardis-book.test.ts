/**
 * The Tardis book on real data: the Binance BTCUSDT sample's snapshot and diff-depth events (as
 * the Binance book applies them) written as Tardis incremental_book_L2 rows, with its trades as
 * Tardis trades; loading the folder as `tardis` must give, at every quote, the top of book the
 * Binance book had after the last event of that instant (and the Binance sample's market orders).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBinanceDepthSnapshot, readBinanceDepthUpdates, readBinanceTrades } from '../loaders/binance.js';
import { loadTapeSync } from '../tape/load-tape.js';
import { BinanceDepthBook, collectSnapshots, groupDepthEvents } from './binance-book.js';

const D = 'data/binance-spot-btcusdt-2024-08-08/BTCUSDT_';
const us = (s: number): number => Math.round(s * 1e6);

describe('TardisBook on the Binance BTCUSDT sample written as Tardis files', () => {
  it('quotes the same top of book as the Binance snapshot + diff book', async () => {
    const snapshots = await collectSnapshots(readBinanceDepthSnapshot(`${D}depth_snapshot.csv`));
    const book = new BinanceDepthBook(snapshots);
    const first = snapshots[0]!;
    const t0 = us(first.localTime);
    const rows = ['exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount'];
    for (const l of first.levels) rows.push(`binance,BTCUSDT,${t0},${t0},true,${l.side},${l.price},${l.qty}`);
    const expected = new Map<number, { bid: number; ask: number }>([[t0, { bid: book.bids.priceAt(0), ask: book.asks.priceAt(0) }]]);
    for await (const ev of groupDepthEvents(readBinanceDepthUpdates(`${D}depth_updates.csv.gz`))) {
      if (!book.apply(ev)) continue;
      const t = Math.max(t0, us(ev.localTime));
      for (const c of ev.changes) rows.push(`binance,BTCUSDT,${t},${t},false,${c.side},${c.price},${c.qty}`);
      expected.set(t, { bid: book.bids.priceAt(0), ask: book.asks.priceAt(0) });
    }
    const trades = ['exchange,symbol,timestamp,local_timestamp,id,side,price,amount'];
    let nTrades = 0;
    for await (const tr of readBinanceTrades(`${D}trades.csv`)) {
      trades.push(`binance,BTCUSDT,${tr.tradeTimeMs * 1000},${us(tr.localTime)},${tr.tradeId},${tr.aggressor === 1 ? 'buy' : 'sell'},${tr.price},${tr.qty}`);
      nTrades++;
    }
    const dir = mkdtempSync(join(tmpdir(), 'mmgym-tardis-real-'));
    writeFileSync(join(dir, 'binance_incremental_book_L2_2024-08-08_BTCUSDT.csv'), `${rows.join('\n')}\n`);
    writeFileSync(join(dir, 'binance_trades_2024-08-08_BTCUSDT.csv'), `${trades.join('\n')}\n`);

    const { tape, reports } = loadTapeSync(dir);
    expect(reports.map((r) => r.rowsOk)).toEqual([nTrades, rows.length - 1]);
    // every quote is the Binance book's top after the last event of its instant (repeats dropped)
    let checked = 0;
    for (let i = 0; i < tape.quoteTime.length; i++) {
      const e = expected.get(Math.round(tape.quoteTime[i]! * 1e6));
      expect(e, `quote ${i} at ${tape.quoteTime[i]}`).toBeDefined();
      expect([tape.bid[i], tape.ask[i]]).toEqual([e!.bid, e!.ask]);
      checked++;
    }
    const binance = loadTapeSync('data/binance-spot-btcusdt-2024-08-08').tape;
    console.log(`Tardis-format BTCUSDT: ${rows.length - 1} book rows, ${checked} quotes checked against the Binance book, ${tape.orderTime.length} market orders (Binance loader: ${binance.orderTime.length})`);
    expect(checked).toBeGreaterThan(700); // 745: the diff stream comes in 100 ms batches
    expect(tape.dropped?.crossedQuotes).toBe(0);
    // the same trades grouped by exchange time: about the Binance loader's market orders (its window starts at its first bbo)
    expect(Math.abs(tape.orderTime.length - binance.orderTime.length) / binance.orderTime.length).toBeLessThan(0.1);
  });
});
