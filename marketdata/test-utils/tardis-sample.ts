/**
 * The Binance BTCUSDT sample written as Tardis.dev files (a tape format no shipped example uses):
 * its depth snapshot and the diff events the Binance book applies as incremental_book_L2 rows, its
 * trades as Tardis trades. Returns the folder and, per local timestamp (us), the Binance book's top
 * after the last event of that instant.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBinanceDepthSnapshot, readBinanceDepthUpdates, readBinanceTrades } from '../loaders/binance.js';
import { BinanceDepthBook, collectSnapshots, groupDepthEvents } from '../book/binance-book.js';

const D = 'data/binance-spot-btcusdt-2024-08-08/BTCUSDT_';
const us = (s: number): number => Math.round(s * 1e6);

export interface TardisSample {
  dir: string;
  bookRows: number;
  trades: number;
  expectedTop: Map<number, { bid: number; ask: number }>;
}

export async function writeTardisSample(): Promise<TardisSample> {
  const snapshots = await collectSnapshots(readBinanceDepthSnapshot(`${D}depth_snapshot.csv`));
  const book = new BinanceDepthBook(snapshots);
  const first = snapshots[0]!;
  const t0 = us(first.localTime);
  const rows = ['exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount'];
  for (const l of first.levels) rows.push(`binance,BTCUSDT,${t0},${t0},true,${l.side},${l.price},${l.qty}`);
  const expectedTop = new Map<number, { bid: number; ask: number }>([[t0, { bid: book.bids.priceAt(0), ask: book.asks.priceAt(0) }]]);
  for await (const ev of groupDepthEvents(readBinanceDepthUpdates(`${D}depth_updates.csv.gz`))) {
    if (!book.apply(ev)) continue;
    const t = Math.max(t0, us(ev.localTime));
    for (const c of ev.changes) rows.push(`binance,BTCUSDT,${t},${t},false,${c.side},${c.price},${c.qty}`);
    expectedTop.set(t, { bid: book.bids.priceAt(0), ask: book.asks.priceAt(0) });
  }
  const trades = ['exchange,symbol,timestamp,local_timestamp,id,side,price,amount'];
  for await (const tr of readBinanceTrades(`${D}trades.csv`)) {
    trades.push(`binance,BTCUSDT,${tr.tradeTimeMs * 1000},${us(tr.localTime)},${tr.tradeId},${tr.aggressor === 1 ? 'buy' : 'sell'},${tr.price},${tr.qty}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'mmgym-tardis-real-'));
  writeFileSync(join(dir, 'binance_incremental_book_L2_2024-08-08_BTCUSDT.csv'), `${rows.join('\n')}\n`);
  writeFileSync(join(dir, 'binance_trades_2024-08-08_BTCUSDT.csv'), `${trades.join('\n')}\n`);
  return { dir, bookRows: rows.length - 1, trades: trades.length - 1, expectedTop };
}
