/**
 * Tables of a comparison, built once as data (title, header, rows, notes) and rendered either as
 * fixed-width text for the terminal or as HTML tables for the reports. Numbers are rounded to
 * 3-4 significant digits (formatNumber); the rows are the same in both renderings.
 */
import type { Comparison } from '../compare.js';
import { escapeHtml } from './escape-html.js';

export function formatNumber(x: number | null | undefined, digits = 3): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '-';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return x.toExponential(2);
  return x.toFixed(a >= 100 ? 1 : digits);
}

export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** One table: a title line, the header and the formatted cells. */
export interface TableData {
  title: string | null;
  header: string[];
  rows: string[][];
}

/** The tables of a comparison and the closing notes. */
export interface ComparisonTableData {
  tables: TableData[];
  notes: string[];
}

const pct = (x: number | null): string => (x === null ? '-' : `${(100 * x).toFixed(2)}%`);

export function comparisonTableData(c: Comparison): ComparisonTableData {
  const ref = c.referenceName ?? 'reference';
  const first = c.policies[0]?.metrics;
  const tables: TableData[] = [];
  tables.push({
    title: null,
    header: [
      'policy',
      'return ± SE',
      'std',
      `% of ${ref}`,
      ...(c.exactOptimum !== null ? ['% of V*'] : []),
      ...(c.optimalReturn !== null ? ['% of value fn'] : []),
      'PnL',
      'Sharpe',
      'Sortino',
      'VaR95',
      'CVaR95',
      'fills b/a',
      'spread',
      'avg|q|',
      '|q_T|',
    ],
    rows: c.policies.map((p) => {
      const m = p.metrics;
      const var95 = m.risk.find((r) => r.level === 0.95);
      return [
        p.name,
        `${formatNumber(m.return.mean)} ± ${formatNumber(m.return.se)}`,
        formatNumber(m.return.std),
        pct(p.pctOfReference),
        ...(c.exactOptimum !== null ? [pct(p.pctOfOptimum)] : []),
        ...(c.optimalReturn !== null ? [pct(p.pctOfValue)] : []),
        formatNumber(m.pnl.mean),
        formatNumber(m.sharpe.perEpisode),
        sortinoCell(m.sortino.perEpisode, m.sharpe.perEpisode),
        formatNumber(var95?.valueAtRisk),
        formatNumber(var95?.conditionalValueAtRisk),
        `${formatNumber(m.bidFills, 1)}/${formatNumber(m.askFills, 1)}`,
        formatNumber(m.averageQuotedSpread),
        formatNumber(m.averageAbsInventory, 2),
        formatNumber(m.terminalInventory.meanAbs, 2),
      ];
    }),
  });
  const ann = first?.annualisation;
  const annText = ann === undefined ? '' : `; ratios annualised with ${formatCount(ann.perYear)} ${ann.timeUnit}s a year = ${formatCount(ann.episodesPerYear)} episodes`;
  tables.push({
    title: `Execution and risk (per-step metrics over the first ${first?.trajectoryEpisodes ?? 0} episodes; spreads per unit filled, adverse selection at ${first?.spread?.horizon ?? '-'} steps; VaR/CVaR: loss = -PnL, positive = money lost${annText})`,
    header: ['policy', 'maxDD mean/worst', 'Sharpe ann.', 'Sortino ann.', 'turnover', 'quoted b/a', 'fill rate b/a', 'fees', 'eff. spread', 'realised', 'adverse sel.', 'half-life', 'VaR99', 'CVaR99'],
    rows: c.policies.map((p) => {
      const m = p.metrics;
      const var99 = m.risk.find((r) => r.level === 0.99);
      return [
        p.name,
        m.maxDrawdown === null ? '-' : `${formatNumber(m.maxDrawdown.mean, 2)}/${formatNumber(m.maxDrawdown.worst, 2)}`,
        formatNumber(m.sharpe.annualised, 1),
        sortinoCell(m.sortino.annualised, m.sharpe.annualised, 1),
        formatNumber(m.turnover, 1),
        m.bidQuotedShare === null || m.askQuotedShare === null ? '-' : `${pct(m.bidQuotedShare)}/${pct(m.askQuotedShare)}`,
        `${formatNumber(m.bidFillRate)}/${formatNumber(m.askFillRate)}`,
        formatNumber(m.fees),
        formatNumber(m.spread?.effectiveSpread),
        formatNumber(m.spread?.realisedSpread),
        formatNumber(m.spread?.adverseSelection),
        formatNumber(m.inventoryHalfLife),
        formatNumber(var99?.valueAtRisk),
        formatNumber(var99?.conditionalValueAtRisk),
      ];
    }),
  });
  if (c.pairs.length > 0) {
    tables.push({
      title: `Paired return differences over ${c.episodes} episodes (common random numbers, seeds ${c.seed}..${c.seed + c.episodes - 1})`,
      header: ['pair', 'mean diff', '95% CI (paired t)', '95% CI (bootstrap)', 'win rate'],
      rows: c.pairs.map((p) => {
        const r = p.returns;
        return [
          `${p.policy} - ${p.baseline}`,
          formatNumber(r.meanDiff),
          `[${formatNumber(r.tInterval[0])}, ${formatNumber(r.tInterval[1])}]`,
          `[${formatNumber(r.bootstrapInterval[0])}, ${formatNumber(r.bootstrapInterval[1])}]`,
          `${(100 * r.winRate).toFixed(1)}%`,
        ];
      }),
    });
  }
  const notes: string[] = [];
  if (c.exactOptimum !== null) {
    let note = `Exact optimum of the discrete env (backward induction): V* = ${formatNumber(c.exactOptimum)}`;
    if (c.referenceExactReturn !== null) note += `; ${ref}'s exact expected return ${formatNumber(c.referenceExactReturn)} (control variate: % of V* = (V_${ref} + paired mean diff to ${ref}) / V*)`;
    notes.push(note);
  }
  if (c.optimalReturn !== null) notes.push(`HJB value function: expected optimal return theta(0, q0) = ${formatNumber(c.optimalReturn)}`);
  return { tables, notes };
}

/** Per-policy table, execution table and per-pair table as fixed-width text. */
export function comparisonTables(c: Comparison): string {
  const { tables, notes } = comparisonTableData(c);
  const blocks = tables.map((t) => `${t.title === null ? '' : `${t.title}\n`}${formatTable(t.header, t.rows)}`);
  return [...blocks, ...notes].join('\n\n');
}

/** The same tables as HTML (numbers right-aligned, the first column a row header). */
export function comparisonTablesHtml(c: Comparison): string {
  const { tables, notes } = comparisonTableData(c);
  const html = tables.map((t) => tableHtml(t));
  return [...html, ...notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`)].join('\n');
}

export function tableHtml(t: TableData): string {
  const head = `<thead><tr>${t.header.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>`;
  const body = t.rows.map((r) => `<tr>${r.map((cell, i) => (i === 0 ? `<th scope="row">${escapeHtml(cell)}</th>` : `<td>${escapeHtml(cell)}</td>`)).join('')}</tr>`).join('');
  return `<table>${t.title === null ? '' : `<caption>${escapeHtml(t.title)}</caption>`}${head}<tbody>${body}</tbody></table>`;
}

/** A Sortino ratio; undefined with a defined Sharpe ratio means no episode lost money. */
function sortinoCell(sortino: number | null, sharpe: number | null, digits = 3): string {
  return sortino === null && sharpe !== null ? 'no loss' : formatNumber(sortino, digits);
}

/** A count with thousands separators, 4 significant digits below 1,000. */
function formatCount(x: number): string {
  return x >= 1000 ? Math.round(x).toLocaleString('en-US') : Number(x.toPrecision(4)).toString();
}
