/**
 * The comparison tables: number formatting rules, fixed-width alignment, the columns that appear
 * with V* / the value function, cells taken from the metrics, and HTML with every cell escaped.
 */
import { describe, expect, it } from 'vitest';
import { resolveEnvConfig } from '../../env/resolve-config.js';
import { fixedSpreadPolicy } from '../../baselines/fixed-spread.js';
import { inventorySkewPolicy } from '../../baselines/inventory-skew.js';
import { type Comparison, comparePolicies } from '../compare.js';
import { runEpisodes } from '../run-episodes.js';
import { comparisonTableData, comparisonTables, comparisonTablesHtml, formatNumber, formatTable, tableHtml } from './table.js';

describe('formatNumber', () => {
  it('3 decimals below 100, 1 from 100, exponent below 1e-3 and from 1e6; -, inf, -inf', () => {
    expect([formatNumber(1.23456), formatNumber(-99.9999), formatNumber(100), formatNumber(123456.78), formatNumber(0)]).toEqual(['1.235', '-100.000', '100.0', '123456.8', '0.000']);
    expect([formatNumber(0.000123), formatNumber(2.5e6), formatNumber(-1e-4)]).toEqual(['1.23e-4', '2.50e+6', '-1.00e-4']);
    expect([formatNumber(null), formatNumber(undefined), formatNumber(Number.NaN), formatNumber(Infinity), formatNumber(-Infinity)]).toEqual(['-', '-', '-', 'inf', '-inf']);
    expect(formatNumber(1.23456, 1)).toBe('1.2');
  });
});

describe('formatTable', () => {
  it('pads each column to its widest cell: the first left-aligned, the others right-aligned, with a rule', () => {
    expect(formatTable(['name', 'x'], [['a', '1.5'], ['longer', '10']])).toBe(['name      x', '------  ---', 'a       1.5', 'longer   10'].join('\n'));
  });
});

describe('comparison tables', () => {
  const config = resolveEnvConfig('default', { horizon: 0.05 });
  const opts = { episodes: 40, seed: 3, record: 'full' as const };
  const fixed = runEpisodes(fixedSpreadPolicy(config), config, opts);
  const odd = { ...inventorySkewPolicy(config), name: 'skew<&"x">' };
  const skew = runEpisodes(odd, config, opts);
  const plain: Comparison = comparePolicies([skew], [fixed], { referenceName: fixedSpreadPolicy(config).name });
  const marked: Comparison = comparePolicies([skew], [fixed], { referenceName: 'fixed', exactOptimum: 2.5, referenceExactReturn: 1.75, optimalReturn: 2.6 });

  it('columns: % of V* and % of value fn only where the comparison has them', () => {
    const h0 = comparisonTableData(plain).tables[0]!.header;
    const h1 = comparisonTableData(marked).tables[0]!.header;
    expect(h0).not.toContain('% of V*');
    expect(h0).not.toContain('% of value fn');
    expect(h0[3]).toBe('% of fixed');
    expect(h1.slice(3, 6)).toEqual(['% of fixed', '% of V*', '% of value fn']);
  });
  it('cells come from the metrics, formatted', () => {
    const d = comparisonTableData(marked);
    expect(d.tables.map((t) => t.rows.length)).toEqual([2, 2, 1]);
    const row = d.tables[0]!.rows[0]!;
    const p = marked.policies[0]!;
    const m = p.metrics;
    expect(row[0]).toBe('skew<&"x">');
    expect(row[1]).toBe(`${formatNumber(m.return.mean)} ± ${formatNumber(m.return.se)}`);
    expect(row[3]).toBe(`${(100 * p.pctOfReference!).toFixed(2)}%`);
    expect(row[4]).toBe(p.pctOfOptimum === null ? '-' : `${(100 * p.pctOfOptimum).toFixed(2)}%`);
    expect(row[row.length - 1]).toBe(formatNumber(m.terminalInventory.meanAbs, 2));
    const pair = d.tables[2]!;
    expect(pair.rows[0]![0]).toBe('skew<&"x"> - fixed');
    expect(pair.title).toBe('Paired return differences over 40 episodes (common random numbers, seeds 3..42)');
    expect(d.notes).toEqual([
      `Exact optimum of the discrete env (backward induction): V* = 2.500; fixed's exact expected return 1.750 (control variate: % of V* = (V_fixed + paired mean diff to fixed) / V*)`,
      'HJB value function: expected optimal return theta(0, q0) = 2.600',
    ]);
    expect(comparisonTableData(plain).notes).toEqual([]);
    expect(d.tables[1]!.title).toMatch(/over the first 40 episodes; .*ratios annualised with 252 trading days a year = 5,040 episodes\)$/);
  });
  it('text: the tables and notes as fixed-width blocks', () => {
    const text = comparisonTables(marked);
    const d = comparisonTableData(marked);
    expect(text).toBe([formatTable(d.tables[0]!.header, d.tables[0]!.rows), ...d.tables.slice(1).map((t) => `${t.title}\n${formatTable(t.header, t.rows)}`), ...d.notes].join('\n\n'));
  });
  it('HTML: row headers, every cell and caption escaped, the notes as paragraphs', () => {
    const html = comparisonTablesHtml(marked);
    expect(html).toContain('<th scope="row">skew&lt;&amp;&quot;x&quot;&gt;</th>');
    expect(html).not.toContain('skew<&');
    expect((html.match(/<table>/g) ?? []).length).toBe(3);
    expect((html.match(/<p class="note">/g) ?? []).length).toBe(2);
    expect(tableHtml({ title: 'a<b', header: ['p', 'v'], rows: [['x', '1']] })).toBe('<table><caption>a&lt;b</caption><thead><tr><th scope="col">p</th><th scope="col">v</th></tr></thead><tbody><tr><th scope="row">x</th><td>1</td></tr></tbody></table>');
    expect(tableHtml({ title: null, header: [], rows: [] })).toBe('<table><thead><tr></tr></thead><tbody></tbody></table>');
  });
});
