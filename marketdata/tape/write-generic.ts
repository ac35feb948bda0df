/**
 * Write a tape in the generic level-1 format (marketdata/loaders/l1.ts): a folder with
 * `quotes.csv` (time, bid, ask[, bid_size, ask_size]) and `trades.csv` (time, price, size, side,
 * mid_before),
 * so any tape mmgym reads (LOBSTER, Binance, Tardis) becomes a tape anyone can read back, edit or
 * produce with other tools (`mmgym data convert`).
 *
 * What is written is the tape, not the raw files: one quote row per change of the best bid or
 * ask (or, where the tape has sizes, of a best price or size: `MarketTape.depth`), and one trade
 * row per market order (the recorded trades of one aggressive order merged:
 * its total size at its furthest price, with the mid it met). Reading the folder back gives the
 * same quotes and the same market orders with the same reference mids (tested), except that two
 * orders on one side at the same instant merge, and a quote that repeats the one before it
 * (the builder can leave one where two updates shared an instant) is not repeated.
 * Prices and times are written with enough digits to read back exactly (shortest round-trip
 * decimal). `tape.json` keeps what CSV columns cannot: the name, the source, the trading session
 * (for annualising) and the tick. Every file is written atomically.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '../../util/atomic-write.js';
import type { MarketTape, TradingSession } from './market-tape.js';

/** The optional `tape.json` beside the two CSVs: what the CSVs cannot say (all fields optional when read). */
export const TAPE_META_FILE = 'tape.json';

export interface GenericTapeMeta {
  /** e.g. 'LOBSTER AMZN level 1'. */
  readonly name: string;
  /** Where the tape came from. */
  readonly source: string;
  /** Trading hours for annualising: 'equity' (6.5 h, 252 days) or 'continuous' (24/7). */
  readonly session: TradingSession;
  /** The price grid (0 = none). */
  readonly tickSize: number;
  readonly orderSource: 'trades' | 'candles';
}

export interface GenericTapeFiles {
  readonly quotes: string;
  readonly trades: string;
  readonly meta: string;
  readonly quoteRows: number;
  readonly tradeRows: number;
}

export function writeGenericTape(tape: MarketTape, dir: string): GenericTapeFiles {
  mkdirSync(dir, { recursive: true });
  // with sizes, one quote row per depth entry (a change of a best price or size): read back, the
  // sizes give the same depth and the price changes among them the same quotes
  const d = tape.depth;
  const q: string[] = [d !== null ? 'time,bid,ask,bid_size,ask_size' : 'time,bid,ask'];
  if (d !== null) for (let i = 0; i < d.time.length; i++) q.push(`${d.time[i]},${d.bid[i]},${d.ask[i]},${d.bidSize[i]},${d.askSize[i]}`);
  else for (let i = 0; i < tape.quoteTime.length; i++) q.push(`${tape.quoteTime[i]},${tape.bid[i]},${tape.ask[i]}`);
  const tr: string[] = ['time,price,size,side,mid_before'];
  for (let i = 0; i < tape.orderTime.length; i++) {
    tr.push(`${tape.orderTime[i]},${tape.orderPrice[i]},${tape.orderSize[i]},${tape.orderSide[i] === 1 ? 'buy' : 'sell'},${tape.orderMidBefore[i]}`);
  }
  const quotes = join(dir, 'quotes.csv');
  const trades = join(dir, 'trades.csv');
  writeFileAtomic(quotes, `${q.join('\n')}\n`);
  writeFileAtomic(trades, `${tr.join('\n')}\n`);
  const meta = join(dir, TAPE_META_FILE);
  const m: GenericTapeMeta = { name: tape.name, source: tape.source, session: tape.session, tickSize: tape.tickSize, orderSource: tape.orderSource };
  writeJsonAtomic(meta, m);
  return { quotes, trades, meta, quoteRows: q.length - 1, tradeRows: tr.length - 1 };
}
