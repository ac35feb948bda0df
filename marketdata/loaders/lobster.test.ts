/**
 * LOBSTER message and orderbook schemas: fields, every skip reason, optional headers, level
 * counts, the level count read from a file name, and the shipped AMZN sample's first rows.
 */
import { describe, expect, it } from 'vitest';
import { DataSchemaError } from './load-report.js';
import { LOBSTER_EMPTY_ASK, LOBSTER_EMPTY_BID, LOBSTER_PRICE_SCALE, LobsterEventType, lobsterLevelsFromName, readLobsterMessages, readLobsterOrderbook } from './lobster.js';
import { csvFiles } from '../test-utils/csv-files.js';

const file = csvFiles('mmgym-lobster-');
const AMZN = 'data/lobster-amzn-2012-06-21-l1/AMZN_2012-06-21_34200000_57600000';

describe('readLobsterMessages', () => {
  it('reads the six fields; skips each kind of bad row with its reason', () => {
    const r = readLobsterMessages(
      file([
        '34200.5,1,11,100,2238100,1',
        '34200.6,4,11,50,2238100,-1',
        '-1,1,11,100,2238100,1',
        '34200.7,1.5,11,100,2238100,1',
        '34200.7,1,-3,100,2238100,1',
        '34200.7,1,11,-100,2238100,1',
        '34200.7,1,11,100,,1',
        '34200.7,1,11,100,2238100,0',
        '34200.1,1,11,100,2238100,1',
        '34200.8,7,0,0,-1,-1',
      ]),
    );
    const rows = [...r];
    expect(rows).toEqual([
      { time: 34200.5, type: 1, orderId: 11, size: 100, price: 2238100, direction: 1 },
      { time: 34200.6, type: 4, orderId: 11, size: 50, price: 2238100, direction: -1 },
      { time: 34200.8, type: 7, orderId: 0, size: 0, price: -1, direction: -1 },
    ]);
    expect(r.report.hasHeader).toBe(false);
    expect(r.report.skipped).toEqual({
      'bad time': 1,
      'bad event type (allowed 1..7)': 1,
      'bad order id': 1,
      'bad size': 1,
      'bad price': 1,
      'bad direction (allowed 1 or -1)': 1,
      'out of time order (earlier than the previous row)': 1,
    });
  });
  it('constants: event types 1..7, prices in dollars x 10,000, empty-level placeholders', () => {
    expect(Object.values(LobsterEventType)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect([LOBSTER_PRICE_SCALE, LOBSTER_EMPTY_ASK, LOBSTER_EMPTY_BID]).toEqual([10_000, 9_999_999_999, -9_999_999_999]);
  });
  it('the AMZN sample: a header row (named columns), first event a hidden execution at $223.82', () => {
    const r = readLobsterMessages(`${AMZN}_message_1.csv`);
    const first = r[Symbol.iterator]().next().value!;
    expect(first).toEqual({ time: 34200.01746, type: LobsterEventType.ExecutionHidden, orderId: 0, size: 1, price: 2238200, direction: -1 });
    expect(first.price / LOBSTER_PRICE_SCALE).toBe(223.82);
    expect(r.report.hasHeader).toBe(true);
  });
});

describe('readLobsterOrderbook', () => {
  it('levels x (ask price, ask size, bid price, bid size), best first; bad rows by level', () => {
    const r = readLobsterOrderbook(file(['101,5,99,7,102,1,98,2', '101,5,99,7,102,x,98,2', '101,5,99,-7,102,1,98,2', `${LOBSTER_EMPTY_ASK},0,99,7,${LOBSTER_EMPTY_ASK},0,${LOBSTER_EMPTY_BID},0`]), 2);
    const rows = [...r];
    expect(rows.map((x) => [Array.from(x.askPrice), Array.from(x.askSize), Array.from(x.bidPrice), Array.from(x.bidSize)])).toEqual([
      [[101, 102], [5, 1], [99, 98], [7, 2]],
      [[LOBSTER_EMPTY_ASK, LOBSTER_EMPTY_ASK], [0, 0], [99, LOBSTER_EMPTY_BID], [7, 0]],
    ]);
    expect(r.report.skipped).toEqual({ 'bad number at level 2': 1, 'negative size at level 1': 1 });
    expect(r.report.schema).toBe('LOBSTER orderbook (2 levels)');
  });
  it('the AMZN sample\'s header is positional; the wrong level count is refused; levels must be >= 1', () => {
    const r = readLobsterOrderbook(`${AMZN}_orderbook_1.csv`, 1);
    const first = r[Symbol.iterator]().next().value!;
    expect([first.askPrice[0], first.askSize[0], first.bidPrice[0], first.bidSize[0]]).toEqual([2239500, 100, 2231800, 100]);
    expect(r.report.hasHeader).toBe(true);
    expect(r.report.schema).toBe('LOBSTER orderbook (1 level)');
    expect(() => [...readLobsterOrderbook(`${AMZN}_orderbook_1.csv`, 2)]).toThrow(DataSchemaError);
    expect(() => readLobsterOrderbook('x', 0)).toThrow('levels must be an integer >= 1, got 0');
    expect(() => readLobsterOrderbook('x', 1.5)).toThrow('levels must be an integer >= 1, got 1.5');
  });
});

describe('lobsterLevelsFromName', () => {
  it('reads the level count of message and orderbook names (also .gz); undefined otherwise', () => {
    expect(lobsterLevelsFromName(`${AMZN}_orderbook_1.csv`)).toBe(1);
    expect(lobsterLevelsFromName('AAPL_2012-06-21_34200000_57600000_message_10.csv.gz')).toBe(10);
    expect(lobsterLevelsFromName('AAPL_orderbook_10.txt')).toBeUndefined();
    expect(lobsterLevelsFromName('book.csv')).toBeUndefined();
  });
});
