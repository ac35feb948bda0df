/**
 * The Tardis book on real data: the Binance BTCUSDT sample's snapshot and diff-depth events (as
 * the Binance book applies them) written as Tardis incremental_book_L2 rows, with its trades as
 * Tardis trades; loading the folder as `tardis` must give, at every quote, the top of book the
 * Binance book had after the last event of that instant (and the Binance sample's market orders).
 */
import { describe, expect, it } from 'vitest';
import { loadTapeSync } from '../tape/load-tape.js';
import { writeTardisSample } from '../test-utils/tardis-sample.js';

describe('TardisBook on the Binance BTCUSDT sample written as Tardis files', () => {
  it('quotes the same top of book as the Binance snapshot + diff book', async () => {
    const sample = await writeTardisSample();
    const { tape, reports } = loadTapeSync(sample.dir);
    expect(reports.map((r) => r.rowsOk)).toEqual([sample.trades, sample.bookRows]);
    // every quote is the Binance book's top after the last event of its instant (repeats dropped)
    let checked = 0;
    for (let i = 0; i < tape.quoteTime.length; i++) {
      const e = sample.expectedTop.get(Math.round(tape.quoteTime[i]! * 1e6));
      expect(e, `quote ${i} at ${tape.quoteTime[i]}`).toBeDefined();
      expect([tape.bid[i], tape.ask[i]]).toEqual([e!.bid, e!.ask]);
      checked++;
    }
    const binance = loadTapeSync('data/binance-spot-btcusdt-2024-08-08').tape;
    console.log(`Tardis-format BTCUSDT: ${sample.bookRows} book rows, ${checked} quotes checked against the Binance book, ${tape.orderTime.length} market orders (Binance loader: ${binance.orderTime.length})`);
    expect(checked).toBeGreaterThan(700); // 745: the diff stream comes in 100 ms batches
    expect(tape.dropped?.crossedQuotes).toBe(0);
    // the same trades grouped by exchange time: about the Binance loader's market orders (its window starts at its first bbo)
    expect(Math.abs(tape.orderTime.length - binance.orderTime.length) / binance.orderTime.length).toBeLessThan(0.1);
  });
});
