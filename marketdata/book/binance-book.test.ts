import { describe, expect, it } from 'vitest';
import { readBinanceBbo, readBinanceDepthSnapshot, readBinanceDepthUpdates } from '../loaders/binance.js';
import { BinanceDepthBook, collectSnapshots, groupDepthEvents, type DepthEvent, type DepthSnapshot } from './binance-book.js';

const D = 'data/binance-spot-btcusdt-2024-08-08/BTCUSDT_';

describe('Binance snapshot + diff-depth book', () => {
  it('replayed best bid/ask equals the bookTicker row at the same update id (BTCUSDT: 1,072 / 1,072)', async () => {
    const bbo = new Map<number, { bidPrice: number; bidQty: number; askPrice: number; askQty: number }>();
    for await (const r of readBinanceBbo(`${D}bbo.csv.gz`)) bbo.set(r.updateId, r);
    const book = new BinanceDepthBook(await collectSnapshots(readBinanceDepthSnapshot(`${D}depth_snapshot.csv`)));
    let compared = 0;
    let equal = 0;
    for await (const ev of groupDepthEvents(readBinanceDepthUpdates(`${D}depth_updates.csv.gz`))) {
      if (!book.apply(ev)) continue;
      const b = bbo.get(ev.finalUpdateId);
      if (b === undefined) continue;
      compared++;
      if (b.bidPrice === book.bids.priceAt(0) && b.bidQty === book.bids.sizeAt(0) && b.askPrice === book.asks.priceAt(0) && b.askQty === book.asks.sizeAt(0)) equal++;
    }
    console.log('BTCUSDT depth replay', book.stats, `bbo matches ${equal}/${compared}`);
    expect(book.stats).toMatchObject({ events: 6495, skippedBeforeSnapshot: 2, applied: 6493, gaps: 0, crossedBooks: 0 });
    expect(compared).toBe(1072);
    expect(equal).toBe(1072);
  });

  it('detects a sequence gap, drops events while out of sync, and resyncs from the next snapshot', () => {
    const ev = (U: number, u: number, price: number, qty: number): DepthEvent => ({ localTime: 0, firstUpdateId: U, finalUpdateId: u, changes: [{ side: 'bid', price, qty }] });
    const snap = (id: number, bid: number): DepthSnapshot => ({ lastUpdateId: id, localTime: 0, levels: [{ side: 'bid', price: bid, qty: 1 }, { side: 'ask', price: 200, qty: 1 }] });
    const book = new BinanceDepthBook([snap(10, 100), snap(25, 105)]);
    expect(book.apply(ev(5, 9, 1, 1))).toBe(false); // before the snapshot
    expect(book.apply(ev(9, 12, 101, 2))).toBe(true); // straddles lastUpdateId + 1
    expect(book.apply(ev(13, 15, 102, 2))).toBe(true);
    expect(book.apply(ev(17, 18, 103, 2))).toBe(false); // 16 missing: gap
    expect(book.state).toBe('waiting-snapshot');
    expect(book.apply(ev(19, 20, 104, 2))).toBe(false); // dropped, no snapshot covers it
    expect(book.apply(ev(21, 26, 106, 3))).toBe(true); // snapshot 25 covers U <= 26 <= u: resync
    expect(book.bids.priceAt(0)).toBe(106);
    expect(book.bids.sizeAtPrice(102)).toBe(0); // old book discarded
    expect(book.stats).toMatchObject({ gaps: 1, resyncs: 1, droppedOutOfSync: 2, skippedBeforeSnapshot: 1, applied: 3 });
  });
});
