/**
 * Binance's snapshot + diff-depth book ("How to manage a local order book correctly", Binance
 * spot API docs): start from a REST snapshot with `lastUpdateId`; drop events with
 * u <= lastUpdateId; the first applied event must have U <= lastUpdateId + 1 <= u; each later
 * event must have U == previous u + 1. Each change sets the absolute quantity of a level
 * (0 removes it). A broken sequence is a gap: the book is marked out of sync and waits for
 * the next snapshot that covers the stream (resync), dropping events until then.
 */
import type { BinanceDepthLevel, BinanceDepthUpdate } from '../loaders/binance.js';
import { BookSide } from './book-side.js';

export interface DepthEvent {
  readonly localTime: number;
  readonly firstUpdateId: number;
  readonly finalUpdateId: number;
  readonly changes: readonly { side: 'bid' | 'ask'; price: number; qty: number }[];
}

/** Group the per-level rows of the diff stream into events (rows of one event share U and u). */
export async function* groupDepthEvents(rows: AsyncIterable<BinanceDepthUpdate>): AsyncGenerator<DepthEvent> {
  let cur: { localTime: number; firstUpdateId: number; finalUpdateId: number; changes: DepthEvent['changes'][number][] } | null = null;
  for await (const r of rows) {
    if (cur !== null && (cur.firstUpdateId !== r.firstUpdateId || cur.finalUpdateId !== r.finalUpdateId)) {
      yield cur;
      cur = null;
    }
    cur ??= { localTime: r.localTime, firstUpdateId: r.firstUpdateId, finalUpdateId: r.finalUpdateId, changes: [] };
    cur.changes.push({ side: r.side, price: r.price, qty: r.qty });
  }
  if (cur !== null) yield cur;
}

/** A snapshot: its levels, all with the same `lastUpdateId`. */
export interface DepthSnapshot {
  readonly lastUpdateId: number;
  readonly localTime: number;
  readonly levels: readonly { side: 'bid' | 'ask'; price: number; qty: number }[];
}

/** Collect snapshot rows (possibly several snapshots, by lastUpdateId) in file order. */
export async function collectSnapshots(rows: AsyncIterable<BinanceDepthLevel>): Promise<DepthSnapshot[]> {
  const out: { lastUpdateId: number; localTime: number; levels: DepthSnapshot['levels'][number][] }[] = [];
  for await (const r of rows) {
    let s = out[out.length - 1];
    if (s === undefined || s.lastUpdateId !== r.lastUpdateId) {
      s = { lastUpdateId: r.lastUpdateId, localTime: r.localTime, levels: [] };
      out.push(s);
    }
    s.levels.push({ side: r.side, price: r.price, qty: r.qty });
  }
  return out;
}

export type SyncState = 'waiting-snapshot' | 'synced';

export interface DepthReplayStats {
  events: number;
  /** Events older than the snapshot (u <= lastUpdateId), dropped. */
  skippedBeforeSnapshot: number;
  applied: number;
  /** Sequence breaks detected. */
  gaps: number;
  /** Resyncs from a later snapshot. */
  resyncs: number;
  /** Events dropped while out of sync. */
  droppedOutOfSync: number;
  /** Applied events after which best bid >= best ask. */
  crossedBooks: number;
}

/** The local book kept in sync with the diff stream. */
export class BinanceDepthBook {
  readonly bids = new BookSide('bid');
  readonly asks = new BookSide('ask');
  state: SyncState = 'waiting-snapshot';
  /** Final update id of the last applied event (or the snapshot's lastUpdateId). */
  lastUpdateId = -1;
  private fresh = false;
  private readonly snapshots: DepthSnapshot[];
  readonly stats: DepthReplayStats = { events: 0, skippedBeforeSnapshot: 0, applied: 0, gaps: 0, resyncs: 0, droppedOutOfSync: 0, crossedBooks: 0 };

  /** `snapshots` in time order; the first is used at once, later ones for resyncs. */
  constructor(snapshots: readonly DepthSnapshot[]) {
    this.snapshots = [...snapshots];
    this.loadNextSnapshot(-Infinity);
  }

  private loadNextSnapshot(minLastUpdateId: number): boolean {
    while (this.snapshots.length > 0) {
      const s = this.snapshots.shift() as DepthSnapshot;
      if (s.lastUpdateId < minLastUpdateId) continue;
      this.bids.clear();
      this.asks.clear();
      for (const l of s.levels) (l.side === 'bid' ? this.bids : this.asks).set(l.price, l.qty);
      this.lastUpdateId = s.lastUpdateId;
      this.state = 'synced';
      this.fresh = true;
      return true;
    }
    this.state = 'waiting-snapshot';
    return false;
  }

  /** Apply one event; returns whether it changed the book. */
  apply(ev: DepthEvent): boolean {
    this.stats.events++;
    if (this.state === 'waiting-snapshot') {
      // a later snapshot that covers this event's range lets us resume
      const next = this.snapshots[0];
      if (next !== undefined && next.lastUpdateId + 1 >= ev.firstUpdateId && next.lastUpdateId < ev.finalUpdateId) {
        this.loadNextSnapshot(-Infinity);
        this.stats.resyncs++;
      } else {
        this.stats.droppedOutOfSync++;
        return false;
      }
    }
    if (ev.finalUpdateId <= this.lastUpdateId) {
      this.stats.skippedBeforeSnapshot++;
      return false;
    }
    const ok = this.fresh
      ? ev.firstUpdateId <= this.lastUpdateId + 1 && this.lastUpdateId + 1 <= ev.finalUpdateId
      : ev.firstUpdateId === this.lastUpdateId + 1;
    if (!ok) {
      this.stats.gaps++;
      this.state = 'waiting-snapshot';
      this.stats.droppedOutOfSync++;
      return false;
    }
    for (const c of ev.changes) (c.side === 'bid' ? this.bids : this.asks).set(c.price, c.qty);
    this.lastUpdateId = ev.finalUpdateId;
    this.fresh = false;
    this.stats.applied++;
    if (this.bids.depth > 0 && this.asks.depth > 0 && this.bids.priceAt(0) >= this.asks.priceAt(0)) this.stats.crossedBooks++;
    return true;
  }
}
