/** The generic level-1 format: time parsing, quote and trade rows (sizes, sides, mid_before) and every skip reason. (Gzip and ISO times on the happy path are in csv-rows.test.ts.) */
import { describe, expect, it } from 'vitest';
import { DataSchemaError } from './load-report.js';
import { parseTime, readL1Quotes, readL1Trades } from './l1.js';
import { csvFiles } from '../test-utils/csv-files.js';

const file = csvFiles('mmgym-l1-');

describe('parseTime', () => {
  it('numbers as they are; ISO dates as seconds since the epoch; else undefined', () => {
    expect(parseTime('12.5')).toBe(12.5);
    expect(parseTime('-3')).toBe(-3);
    expect(parseTime('1970-01-01T00:01:00Z')).toBe(60);
    expect(parseTime('2024-01-01T00:00:00.250Z')).toBe(1704067200.25);
    expect(parseTime('')).toBeUndefined();
    expect(parseTime(undefined)).toBeUndefined();
    expect(parseTime('yesterday')).toBeUndefined();
    expect(parseTime('Infinity')).toBeUndefined();
  });
});

describe('readL1Quotes', () => {
  it('sizes when both columns are given (aliases), NaN without; skips bad rows by reason', () => {
    const r = readL1Quotes(file(['ts,bid_price,ask_price,bid_qty,ask_qty', '1,99,101,5,6', '2,99,101,,6', '3,99,98,1,1', '4,x,101,1,1', 'now,99,101,1,1', '5,99,101,-1,2', '6,100,100,0,0']));
    expect([...r]).toEqual([
      { time: 1, bid: 99, ask: 101, bidSize: 5, askSize: 6 },
      { time: 6, bid: 100, ask: 100, bidSize: 0, askSize: 0 },
    ]);
    expect(r.report.skipped).toEqual({ 'bad size': 2, 'crossed quote (ask < bid)': 1, 'bad bid or ask': 1, 'bad time': 1 });
  });
  it('only one size column is refused row by row, naming both', () => {
    const r = readL1Quotes(file(['time,bid,ask,bid_size', '1,99,101,5', '2,99,101,5']));
    expect(() => [...r]).toThrow(DataSchemaError);
    expect(r.report.skipped).toEqual({ 'only one of the size columns bid_size, ask_size (give both or neither)': 2 });
  });
  it('a missing required column is named', () => {
    expect(() => [...readL1Quotes(file(['time,bid', '1,2']))]).toThrow(/missing column\(s\) ask/);
  });
});

describe('readL1Trades', () => {
  it('sides buy/b/1/+1 and sell/s/-1 (any case); mid_before optional; skips by reason', () => {
    const r = readL1Trades(
      file([
        'timestamp,px,quantity,aggressor,mid',
        '1,100,2,BUY,99.5',
        '2,100,2,+1,99.5',
        '3,99,1,s,99.5',
        '4,99,1,-1,99.5',
        '5,99,1,bid,99.5',
        '6,99,1,sell,0',
        '7,0,1,sell,99',
        '8,99,0,sell,99',
        'x,99,1,sell,99',
      ]),
    );
    const rows = [...r];
    expect(rows).toEqual([
      { time: 1, price: 100, size: 2, aggressor: 1, midBefore: 99.5 },
      { time: 2, price: 100, size: 2, aggressor: 1, midBefore: 99.5 },
      { time: 3, price: 99, size: 1, aggressor: -1, midBefore: 99.5 },
      { time: 4, price: 99, size: 1, aggressor: -1, midBefore: 99.5 },
    ]);
    expect(r.report.skipped).toEqual({ 'bad side (allowed buy/sell, b/s, 1/-1)': 1, 'bad mid_before': 1, 'bad price': 1, 'bad size': 1, 'bad time': 1 });
    const plain = [...readL1Trades(file(['time,price,size,side', '1,100,2,b']))];
    expect(plain).toEqual([{ time: 1, price: 100, size: 2, aggressor: 1 }]);
    expect('midBefore' in plain[0]!).toBe(false);
  });
});
