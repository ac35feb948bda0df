/**
 * Figures of a policy comparison: episode-return distributions, paired-difference histograms
 * with their confidence intervals, VaR/CVaR bars and markout curves. Each builder returns a
 * Vega-Lite spec (data inline); evals/figures/render.ts turns it into SVG and PNG.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Comparison } from '../compare.js';
import type { EpisodeBatch } from '../run-episodes.js';
import type { Figure } from './render.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Overlaid histograms of episode return, one colour per policy. */
export function returnDistributionFigure(batches: readonly EpisodeBatch[]): Figure {
  const values = batches.flatMap((b) => Array.from(b.returns, (r) => ({ policy: b.policyName, return: r })));
  const spec: TopLevelSpec = {
    $schema: SCHEMA,
    title: 'Episode return by policy',
    width: 520,
    height: 260,
    data: { values },
    mark: { type: 'bar', opacity: 0.5, binSpacing: 0 },
    encoding: {
      x: { field: 'return', type: 'quantitative', bin: { maxbins: 50 }, title: 'episode return' },
      y: { aggregate: 'count', type: 'quantitative', stack: null, title: 'episodes' },
      color: { field: 'policy', type: 'nominal' },
    },
  };
  return { name: 'return-distribution', title: 'Episode return distributions', spec };
}

/**
 * Histogram of paired return differences (policy - baseline) per pair, with the mean (solid rule),
 * the 95% paired-t interval (shaded) and zero (dashed).
 */
export function pairedDifferenceFigure(
  candidate: EpisodeBatch,
  baselines: readonly EpisodeBatch[],
  comparison: Comparison,
): Figure {
  const charts = baselines.map((b) => {
    const pair = comparison.pairs.find((p) => p.policy === candidate.policyName && p.baseline === b.policyName);
    if (pair === undefined) throw new Error(`no paired comparison for ${candidate.policyName} vs ${b.policyName}`);
    const diffs = Array.from(candidate.returns, (r, i) => ({ diff: r - (b.returns[i] as number) }));
    const [lo, hi] = pair.returns.tInterval;
    const marks = [{ mean: pair.returns.meanDiff, lo, hi, zero: 0 }];
    return {
      title: `${candidate.policyName} - ${b.policyName}: mean ${fmt(pair.returns.meanDiff)}, 95% CI [${fmt(lo)}, ${fmt(hi)}], win rate ${fmt(100 * pair.returns.winRate)}%`,
      width: 520,
      height: 180,
      layer: [
        {
          data: { values: diffs },
          mark: { type: 'bar' as const, color: '#4c78a8', opacity: 0.7 },
          encoding: {
            x: { field: 'diff', type: 'quantitative' as const, bin: { maxbins: 50 }, title: 'paired return difference' },
            y: { aggregate: 'count' as const, type: 'quantitative' as const, title: 'episodes' },
          },
        },
        {
          data: { values: marks },
          mark: { type: 'rect' as const, color: '#f58518', opacity: 0.3 },
          encoding: { x: { field: 'lo', type: 'quantitative' as const }, x2: { field: 'hi' } },
        },
        {
          data: { values: marks },
          mark: { type: 'rule' as const, color: '#f58518', strokeWidth: 2 },
          encoding: { x: { field: 'mean', type: 'quantitative' as const } },
        },
        {
          data: { values: marks },
          mark: { type: 'rule' as const, color: 'black', strokeDash: [4, 4] },
          encoding: { x: { field: 'zero', type: 'quantitative' as const } },
        },
      ],
    };
  });
  const spec = { $schema: SCHEMA, vconcat: charts } as TopLevelSpec;
  return { name: 'paired-difference', title: 'Paired return differences with 95% CI', spec };
}

/** Grouped bars of VaR and CVaR (95%, 99%) of episode PnL per policy (losses positive). */
export function varBarsFigure(comparison: Comparison): Figure {
  const values = comparison.policies.flatMap((p) =>
    p.metrics.risk.flatMap((r) => [
      { policy: p.name, measure: `VaR ${Math.round(r.level * 100)}%`, loss: r.valueAtRisk },
      { policy: p.name, measure: `CVaR ${Math.round(r.level * 100)}%`, loss: r.conditionalValueAtRisk },
    ]),
  );
  const spec: TopLevelSpec = {
    $schema: SCHEMA,
    title: 'Tail risk of episode PnL (historical VaR / CVaR)',
    width: 420,
    height: 240,
    data: { values },
    mark: 'bar',
    encoding: {
      x: { field: 'measure', type: 'nominal', sort: ['VaR 95%', 'CVaR 95%', 'VaR 99%', 'CVaR 99%'], title: null },
      xOffset: { field: 'policy', type: 'nominal' },
      y: { field: 'loss', type: 'quantitative', title: 'loss (price units)' },
      color: { field: 'policy', type: 'nominal' },
    },
  };
  return { name: 'var-bars', title: 'VaR and CVaR', spec };
}

/** Distribution of the terminal inventory q_T per policy (bars side by side per inventory level). */
export function terminalInventoryFigure(comparison: Comparison): Figure {
  const values = comparison.policies.flatMap((p) =>
    p.metrics.terminalInventory.histogram.map((h) => ({ policy: p.name, inventory: h.inventory, share: h.count / p.metrics.episodes })),
  );
  const spec: TopLevelSpec = {
    $schema: SCHEMA,
    title: 'Terminal inventory q_T (share of episodes)',
    width: 480,
    height: 220,
    data: { values },
    mark: 'bar',
    encoding: {
      x: { field: 'inventory', type: 'ordinal', title: 'terminal inventory', sort: 'ascending' },
      xOffset: { field: 'policy', type: 'nominal' },
      y: { field: 'share', type: 'quantitative', title: 'share of episodes', axis: { format: '%' } },
      color: { field: 'policy', type: 'nominal' },
    },
  };
  return { name: 'terminal-inventory', title: 'Terminal inventory distribution', spec };
}

/** Mean per-unit markout vs horizon (steps after the fill), one line per policy. */
export function markoutFigure(comparison: Comparison): Figure {
  const values = comparison.policies.flatMap((p) =>
    (p.metrics.spread?.markouts ?? [])
      .filter((m) => m.markout !== null)
      .map((m) => ({ policy: p.name, horizon: m.horizon, markout: m.markout })),
  );
  const spec: TopLevelSpec = {
    $schema: SCHEMA,
    title: 'Markout per unit filled vs horizon',
    width: 420,
    height: 240,
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'horizon', type: 'quantitative', title: 'horizon (steps after the fill)' },
      y: { field: 'markout', type: 'quantitative', title: 'markout (price units per unit)' },
      color: { field: 'policy', type: 'nominal' },
    },
  };
  return { name: 'markouts', title: 'Markout curves', spec };
}

function fmt(x: number): string {
  const a = Math.abs(x);
  return a !== 0 && (a < 0.01 || a >= 1e5) ? x.toExponential(2) : x.toFixed(2);
}
