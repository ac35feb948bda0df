/**
 * The order book of a Tardis `incremental_book_L2` file: each row sets a level's absolute size
 * (0 removes it); a snapshot that follows updates replaces the whole book (docs.tardis.dev,
 * incremental_book_L2: "if is_snapshot is true and the previous row was not a snapshot, it is a
 * new snapshot: reset the book"). Rows sharing a local_timestamp are one feed message; the top
 * of book is read after the whole message, so a message that moves a level never shows a
 * transient crossed book.
 */
import type { TardisBookRow } from '../loaders/tardis.js';
import { BookSide } from './book-side.js';

export interface TopOfBook {
  readonly bid: number;
  readonly ask: number;
  readonly bidSize: number;
  readonly askSize: number;
}

export class TardisBook {
  readonly bids = new BookSide('bid');
  readonly asks = new BookSide('ask');
  private inSnapshot = false;
  /** Snapshots applied (the first one included): more than one = the recorder reconnected. */
  snapshots = 0;

  apply(r: TardisBookRow): void {
    if (r.isSnapshot && !this.inSnapshot) {
      this.bids.clear();
      this.asks.clear();
      this.snapshots++;
    }
    this.inSnapshot = r.isSnapshot;
    (r.side === 'bid' ? this.bids : this.asks).set(r.price, r.amount);
  }

  /** Best bid and ask with their sizes, or null while a side is empty. */
  top(): TopOfBook | null {
    if (this.bids.depth === 0 || this.asks.depth === 0) return null;
    return { bid: this.bids.priceAt(0), ask: this.asks.priceAt(0), bidSize: this.bids.sizeAt(0), askSize: this.asks.sizeAt(0) };
  }
}
