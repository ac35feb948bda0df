import { describe, expect, it } from 'vitest';
import { LOBSTER_PRICE_SCALE, readLobsterMessages, readLobsterOrderbook } from '../loaders/lobster.js';
import { loadTapeSync } from '../tape/load-tape.js';
import { depthIndexAt } from '../tape/market-tape.js';
import { LobsterBook, checkLobsterReconstruction } from './lobster-book.js';
import type { LobsterBookRow, LobsterMessage } from '../loaders/lobster.js';

function row(asks: [number, number][], bids: [number, number][]): LobsterBookRow {
  return {
    askPrice: Float64Array.from(asks.map((x) => x[0])),
    askSize: Float64Array.from(asks.map((x) => x[1])),
    bidPrice: Float64Array.from(bids.map((x) => x[0])),
    bidSize: Float64Array.from(bids.map((x) => x[1])),
  };
}
const msg = (type: number, size: number, price: number, direction: 1 | -1): LobsterMessage => ({ time: 0, type, orderId: 1, size, price, direction });

const AAPL = 'data/lobster-aapl-2012-06-21-l10-head/AAPL_2012-06-21_34200000_57600000_';
const AMZN = 'data/lobster-amzn-2012-06-21-l1/AMZN_2012-06-21_34200000_57600000_';

describe('LOBSTER book reconstruction', () => {
  it('AAPL level 10: every message-determined level equals the orderbook file on all rows', async () => {
    const r = await checkLobsterReconstruction(readLobsterMessages(`${AAPL}message_10.csv`), readLobsterOrderbook(`${AAPL}orderbook_10.csv`, 10), 10);
    console.log('AAPL L10', r);
    expect(r.rowsChecked).toBe(998);
    expect(r.rowsMismatched).toBe(0);
    expect(r.unknownLevelMessages).toBe(0);
    // rows where level 10 was refilled from beyond the window (not describable by a level-10 message file)
    expect(r.rowsExact + r.rowsWithRevealedLevel).toBe(998);
  });

  it('AMZN level 1 (full day): best quotes rebuilt from messages, a new best revealed only when a level empties', async () => {
    const r = await checkLobsterReconstruction(readLobsterMessages(`${AMZN}message_1.csv`), readLobsterOrderbook(`${AMZN}orderbook_1.csv`, 1), 1);
    console.log('AMZN L1', r);
    expect(r.rowsChecked).toBe(57_514);
    expect(r.rowsMismatched).toBe(0);
    expect(r.unknownLevelMessages).toBe(0);
  });

  it("AMZN: the tape's best-level sizes are the book rebuilt from the messages, at every instant", async () => {
    const { tape } = loadTapeSync('data/lobster-amzn-2012-06-21-l1');
    const depth = tape.depth!;
    const book = new LobsterBook(1);
    const rows = readLobsterOrderbook(`${AMZN}orderbook_1.csv`, 1)[Symbol.asyncIterator]();
    const tops = new Map<number, string>(); // time -> best levels after its last message
    let first = true;
    for await (const m of readLobsterMessages(`${AMZN}message_1.csv`)) {
      const row = (await rows.next()).value as LobsterBookRow;
      if (first) book.loadRow(row);
      else {
        book.apply(m);
        book.checkAndReveal(row); // adopts a level revealed from beyond level 1 (an emptied best)
      }
      first = false;
      if (book.bids.depth > 0 && book.asks.depth > 0) {
        const s = LOBSTER_PRICE_SCALE;
        tops.set(m.time, `${book.bids.priceAt(0) / s}x${book.bids.sizeAt(0)} ${book.asks.priceAt(0) / s}x${book.asks.sizeAt(0)}`);
      }
    }
    let equal = 0;
    for (const [t, top] of tops) {
      const k = depthIndexAt(tape, t);
      if (`${depth.bid[k]}x${depth.bidSize[k]} ${depth.ask[k]}x${depth.askSize[k]}` === top) equal++;
    }
    console.log(`AMZN depth vs rebuilt book: ${equal}/${tops.size} instants equal`);
    expect(equal).toBe(tops.size);
  });

  it('applies every message type by its rule (unit book, 2 levels)', () => {
    const book = new LobsterBook(2);
    book.loadRow(row([[101, 10], [102, 20]], [[99, 5], [98, 7]]));
    book.apply(msg(1, 3, 100, 1)); // new bid inside the spread: level 2 (98) slides out
    expect([book.bids.priceAt(0), book.bids.priceAt(1), book.bids.depth]).toEqual([100, 99, 2]);
    book.apply(msg(2, 4, 101, -1)); // partial cancel on the ask
    expect(book.asks.sizeAt(0)).toBe(6);
    book.apply(msg(4, 6, 101, -1)); // execution empties the best ask: level 2 must be revealed
    expect(book.knownAsk).toBe(1);
    expect(book.checkAndReveal(row([[102, 20], [103, 1]], [[100, 3], [99, 5]]))).toEqual({ mismatch: '', revealed: true });
    expect(book.asks.priceAt(1)).toBe(103);
    book.apply(msg(5, 50, 100.5, 1)); // hidden execution: no visible change
    book.apply(msg(6, 50, 100.5, 1)); // cross trade
    book.apply(msg(7, 0, -1, -1)); // halt
    book.apply(msg(3, 3, 100, 1)); // full deletion of our inside bid
    expect(book.bids.priceAt(0)).toBe(99);
    book.apply(msg(3, 1, 97, 1)); // deletion at a level the book does not hold
    expect(book.unknownLevelMessages).toBe(1);
  });

  it('detects a corrupted orderbook row', async () => {
    async function* corrupt() {
      let i = 0;
      for await (const row of readLobsterOrderbook(`${AAPL}orderbook_10.csv`, 10)) {
        if (++i === 500) row.bidSize[3] = (row.bidSize[3] as number) + 1;
        yield row;
      }
    }
    const r = await checkLobsterReconstruction(readLobsterMessages(`${AAPL}message_10.csv`), corrupt(), 10);
    expect(r.rowsMismatched).toBeGreaterThanOrEqual(1);
    expect(r.firstMismatches[0]?.row).toBe(500);
  });
});
