/** Plain-text tables of a comparison for the terminal (fixed-width columns, no colours). */
import type { Comparison } from '../compare.js';

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

const pct = (x: number | null): string => (x === null ? '-' : `${(100 * x).toFixed(2)}%`);

/** Per-policy table and per-pair table. */
export function comparisonTables(c: Comparison): string {
  const ref = c.referenceName ?? 'reference';
  const policyRows = c.policies.map((p) => {
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
      formatNumber(var95?.valueAtRisk),
      formatNumber(var95?.conditionalValueAtRisk),
      `${formatNumber(m.bidFills, 1)}/${formatNumber(m.askFills, 1)}`,
      formatNumber(m.averageQuotedSpread),
      formatNumber(m.averageAbsInventory, 2),
      formatNumber(m.terminalInventory.meanAbs, 2),
    ];
  });
  const policyHeader = [
    'policy',
    'return ± SE',
    'std',
    `% of ${ref}`,
    ...(c.exactOptimum !== null ? ['% of V*'] : []),
    ...(c.optimalReturn !== null ? ['% of value fn'] : []),
    'PnL',
    'Sharpe',
    'VaR95',
    'CVaR95',
    'fills b/a',
    'spread',
    'avg|q|',
    '|q_T|',
  ];
  let out = formatTable(policyHeader, policyRows);
  out += `\n\nExecution and risk (per-step metrics over the first ${c.policies[0]?.metrics.trajectoryEpisodes ?? 0} episodes; spreads per unit filled, adverse selection at ${c.policies[0]?.metrics.spread?.horizon ?? '-'} steps)\n`;
  out += formatTable(
    ['policy', 'maxDD mean/worst', 'Sharpe ann.', 'fill rate b/a', 'fees', 'eff. spread', 'realised', 'adverse sel.', 'half-life', 'VaR99', 'CVaR99'],
    c.policies.map((p) => {
      const m = p.metrics;
      const var99 = m.risk.find((r) => r.level === 0.99);
      return [
        p.name,
        m.maxDrawdown === null ? '-' : `${formatNumber(m.maxDrawdown.mean, 2)}/${formatNumber(m.maxDrawdown.worst, 2)}`,
        formatNumber(m.sharpe.annualised, 1),
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
  );
  if (c.pairs.length > 0) {
    const pairRows = c.pairs.map((p) => {
      const r = p.returns;
      return [
        `${p.policy} - ${p.baseline}`,
        formatNumber(r.meanDiff),
        `[${formatNumber(r.tInterval[0])}, ${formatNumber(r.tInterval[1])}]`,
        `[${formatNumber(r.bootstrapInterval[0])}, ${formatNumber(r.bootstrapInterval[1])}]`,
        `${(100 * r.winRate).toFixed(1)}%`,
      ];
    });
    out += `\n\nPaired return differences over ${c.episodes} episodes (common random numbers, seeds ${c.seed}..${c.seed + c.episodes - 1})\n`;
    out += formatTable(['pair', 'mean diff', '95% CI (paired t)', '95% CI (bootstrap)', 'win rate'], pairRows);
  }
  if (c.exactOptimum !== null) {
    out += `\n\nExact optimum of the discrete env (backward induction): V* = ${formatNumber(c.exactOptimum)}`;
    if (c.referenceExactReturn !== null) out += `; ${ref}'s exact expected return ${formatNumber(c.referenceExactReturn)} (control variate: % of V* = (V_${ref} + paired mean diff to ${ref}) / V*)`;
  }
  if (c.optimalReturn !== null) out += `\n\nHJB value function: expected optimal return theta(0, q0) = ${formatNumber(c.optimalReturn)}`;
  return out;
}
