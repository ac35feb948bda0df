/**
 * Rebuild LOBSTER's level-L book from its message file, checked row by row against LOBSTER's
 * orderbook file.
 *
 * Rules (LOBSTER ReadMe): type 1 adds `size` at `price` on the side of `direction` (1 = bid);
 * types 2 (partial cancel), 3 (delete) and 4 (visible execution) remove `size` there; type 5
 * (hidden execution), 6 (cross trade) and 7 (halt) leave the visible book unchanged.
 *
 * What a level-L message file can and cannot determine: it holds only the events inside the
 * top L levels. So when a level inside the window empties, the level that slides into view at
 * position L was never described by a message; it is *revealed*: taken from the orderbook row
 * (counted separately). Every level that messages do determine is compared exactly. The book
 * before the first message is not in the files, so the rebuild starts from orderbook row 1
 * and checks rows 2..N.
 */
import type { LobsterBookRow, LobsterMessage } from '../loaders/lobster.js';
import { LOBSTER_EMPTY_ASK, LOBSTER_EMPTY_BID } from '../loaders/lobster.js';
import { BookSide } from './book-side.js';

export interface LobsterCheck {
  /** Rows compared (all rows but the first). */
  rowsChecked: number;
  /** Rows where every level (both sides) equals the file. */
  rowsExact: number;
  /** Rows where a level slid into the window from beyond level L and was taken from the file. */
  rowsWithRevealedLevel: number;
  /** Rows where a level the messages determine differs from the file. */
  rowsMismatched: number;
  /** First few mismatching rows (1-based data row numbers) with a description. */
  firstMismatches: { row: number; detail: string }[];
  /** Messages acting on a price level the book does not hold (cancel/execution of an unseen level). */
  unknownLevelMessages: number;
}

/** A level-L book driven by LOBSTER messages. Prices in LOBSTER units (dollars x 10,000). */
export class LobsterBook {
  readonly bids = new BookSide('bid');
  readonly asks = new BookSide('ask');
  /** Levels per side that messages have determined (the rest must be revealed). */
  knownBid: number;
  knownAsk: number;
  unknownLevelMessages = 0;

  constructor(readonly levels: number) {
    this.knownBid = 0;
    this.knownAsk = 0;
  }

  /** Reset the book to an orderbook row (all L levels known). */
  loadRow(row: LobsterBookRow): void {
    this.bids.clear();
    this.asks.clear();
    for (let k = 0; k < this.levels; k++) {
      const ap = row.askPrice[k] as number;
      const bp = row.bidPrice[k] as number;
      if (ap !== LOBSTER_EMPTY_ASK && (row.askSize[k] as number) > 0) this.asks.set(ap, row.askSize[k] as number);
      if (bp !== LOBSTER_EMPTY_BID && (row.bidSize[k] as number) > 0) this.bids.set(bp, row.bidSize[k] as number);
    }
    this.knownBid = this.levels;
    this.knownAsk = this.levels;
  }

  /** Apply one message. */
  apply(m: LobsterMessage): void {
    if (m.type > 4) return; // hidden execution, cross trade, halt: no visible change
    const buy = m.direction === 1;
    const side = buy ? this.bids : this.asks;
    if (m.type === 1) {
      const existed = side.sizeAtPrice(m.price) > 0;
      const i = side.position(m.price);
      if (!existed && i >= this.levels) return; // beyond the window: not ours to track
      side.add(m.price, m.size);
      if (!existed && side.depth > this.levels) side.truncate(this.levels); // level L slides out
      return;
    }
    if (side.sizeAtPrice(m.price) <= 0) {
      this.unknownLevelMessages++;
      return;
    }
    const left = side.add(m.price, -m.size);
    if (left <= 0) {
      // a level inside the window emptied: the next one beyond L is unknown until revealed
      if (buy) this.knownBid = Math.min(this.knownBid, this.levels - 1);
      else this.knownAsk = Math.min(this.knownAsk, this.levels - 1);
    }
  }

  /**
   * Compare with the orderbook row after this message: the first known levels must match; the
   * unknown ones are adopted from the row. Returns a mismatch description or '' and whether a
   * level was revealed.
   */
  checkAndReveal(row: LobsterBookRow): { mismatch: string; revealed: boolean } {
    let mismatch = '';
    let revealed = false;
    for (const [side, known, prices, sizes, empty] of [
      [this.asks, this.knownAsk, row.askPrice, row.askSize, LOBSTER_EMPTY_ASK],
      [this.bids, this.knownBid, row.bidPrice, row.bidSize, LOBSTER_EMPTY_BID],
    ] as const) {
      for (let k = 0; k < this.levels; k++) {
        const fileEmpty = prices[k] === empty || sizes[k] === 0;
        const fp = fileEmpty ? NaN : (prices[k] as number);
        const fs = fileEmpty ? 0 : (sizes[k] as number);
        if (k < known) {
          const bp = side.priceAt(k);
          const bs = side.sizeAt(k);
          const same = fileEmpty ? side.depth <= k : bp === fp && bs === fs;
          if (!same && mismatch === '') {
            mismatch = `${side.side} level ${k + 1}: rebuilt ${bp}x${bs}, file ${fp}x${fs}`;
          }
        } else if (!fileEmpty) {
          side.set(fp, fs);
          revealed = true;
        }
      }
    }
    this.knownAsk = this.levels;
    this.knownBid = this.levels;
    return { mismatch, revealed };
  }
}

/** Replay aligned message and orderbook rows and compare every row. */
export async function checkLobsterReconstruction(
  messages: AsyncIterable<LobsterMessage>,
  books: AsyncIterable<LobsterBookRow>,
  levels: number,
): Promise<LobsterCheck> {
  const out: LobsterCheck = {
    rowsChecked: 0,
    rowsExact: 0,
    rowsWithRevealedLevel: 0,
    rowsMismatched: 0,
    firstMismatches: [],
    unknownLevelMessages: 0,
  };
  const book = new LobsterBook(levels);
  const bookIt = books[Symbol.asyncIterator]();
  let row = 0;
  for await (const m of messages) {
    const next = await bookIt.next();
    if (next.done === true) throw new Error(`orderbook file ended before message row ${row + 1}: files are not aligned`);
    row++;
    if (row === 1) {
      book.loadRow(next.value);
      continue;
    }
    book.apply(m);
    const { mismatch, revealed } = book.checkAndReveal(next.value);
    out.rowsChecked++;
    if (mismatch !== '') {
      out.rowsMismatched++;
      if (out.firstMismatches.length < 10) out.firstMismatches.push({ row, detail: mismatch });
      book.loadRow(next.value); // resync so one error is counted once
    } else if (revealed) out.rowsWithRevealedLevel++;
    else out.rowsExact++;
  }
  if ((await bookIt.next()).done !== true) throw new Error(`orderbook file has more rows than the message file (${row})`);
  out.unknownLevelMessages = book.unknownLevelMessages;
  return out;
}
