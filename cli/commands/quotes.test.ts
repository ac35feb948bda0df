/** `mmgym quotes` in-process: the JSON is quotesReport of the flags; the text table has each inventory's depths and their sum; errors follow the CLI rule. */
import { describe, expect, it } from 'vitest';
import { quotesReport } from '../../baselines/baseline-report.js';
import { runCommands } from '../test-utils/run-commands.js';
import { quotesCommand } from './quotes.js';

const run = (argv: string[]) => runCommands([quotesCommand], ['quotes', ...argv]);
const fmt = (x: number | null): string => (x === null ? '-' : x.toFixed(4));

describe('mmgym quotes', () => {
  it('--json prints the QuotesReport of the flags', async () => {
    const r = await run(['--policy', 'glft-asymptotic', '--env', 'glft2013', '--set', 'gamma=0.05', '--t', '0.5', '--json']);
    expect(r.code).toBeUndefined();
    expect(JSON.parse(r.out)).toEqual(JSON.parse(JSON.stringify(quotesReport({ policy: 'glft-asymptotic', env: 'glft2013', overrides: { gamma: 0.05 }, t: 0.5 }))));
  });

  it('the text: a title with the params, then one row per inventory with bid, ask and spread = bid + ask ("-" where a side is not quoted)', async () => {
    const r = await run(['--policy', 'hjb', '--t', '0.25']);
    const rep = quotesReport({ policy: 'hjb', env: 'default', overrides: {}, t: 0.25 });
    const lines = r.out.trimEnd().split('\n');
    const params = Object.entries(rep.params).map(([k, v]) => `${k}=${v}`).join(' ');
    expect(lines[0]).toBe(`hjb quotes on default at t = 0.25 (T = ${rep.T}); ${params}`);
    expect(lines[2]).toBe(`${'q'.padStart(5)} ${'bid depth'.padStart(11)} ${'ask depth'.padStart(11)} ${'spread'.padStart(9)}`);
    expect(lines.slice(3)).toHaveLength(rep.quotes.length);
    expect(rep.quotes.some((q) => q.bid === null || q.ask === null)).toBe(true);
    rep.quotes.forEach((q, i) => {
      const cells = (lines[3 + i] as string).trim().split(/\s+/);
      const spread = q.bid !== null && q.ask !== null ? q.bid + q.ask : null;
      expect(cells).toEqual([String(q.q), fmt(q.bid), fmt(q.ask), fmt(spread)]);
    });
  });

  it('a time outside [0, T] is `mmgym: <message>` naming t, the range and the value; exit code 1', async () => {
    const r = await run(['--t', '5']);
    expect(r.out).toBe('');
    expect(r.err).toBe(`mmgym: t must be >= 0 and <= ${quotesReport({ policy: 'hjb', env: 'default' }).T}, got 5\n`);
    expect(r.code).toBe(1);
  });

  it('only the quote models are choices', async () => {
    await expect(run(['--policy', 'fixed'])).rejects.toThrow(/Argument: policy, Given: "fixed", Choices: "hjb", "hjb-cara", "as", "glft-asymptotic"/);
  });
});
