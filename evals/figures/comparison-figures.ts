/**
 * Figures of a policy comparison: episode-return ECDFs, paired-difference histograms with their
 * confidence intervals, VaR/CVaR as positive losses, terminal-inventory histograms and markout
 * curves. Each builder returns a
 * Vega-Lite spec (data inline); evals/figures/render.ts turns it into SVG and PNG.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Comparison } from '../compare.js';
import type { EpisodeBatch } from '../run-episodes.js';
import type { Figure } from './render.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Points of an empirical CDF: at most `maxPoints` order statistics (evenly spaced in rank) with F = rank / n. */
export function ecdfPoints(values: ArrayLike<number>, maxPoints = 400): { x: number; F: number }[] {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (n === 0) return [];
  const m = Math.min(n, maxPoints);
  const out: { x: number; F: number }[] = [];
  for (let j = 0; j < m; j++) {
    const i = m === 1 ? n - 1 : Math.round((j * (n - 1)) / (m - 1));
    out.push({ x: sorted[i] as number, F: (i + 1) / n });
  }
  return out;
}

/**
 * Empirical CDFs of episode return, one line per policy: stays readable with many policies (a
 * curve further right is better; where two cross, one has the better tail, the other the better
 * middle). The paired differences (pairedDifferenceFigure) say whether a gap is significant.
 */
export function returnDistributionFigure(batches: readonly EpisodeBatch[]): Figure {
  const values = batches.flatMap((b) => ecdfPoints(b.returns).map((p) => ({ policy: b.policyName, return: p.x, F: p.F })));
  const spec: TopLevelSpec = {
    $schema: SCHEMA,
    title: { text: 'Episode return by policy (empirical CDF)', subtitle: 'share of episodes with a return at most x; further right is better' },
    width: 520,
    height: 280,
    data: { values },
    mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 },
    encoding: {
      x: { field: 'return', type: 'quantitative', title: 'episode return', scale: { zero: false }, axis: { format: '.3~g' } },
      y: { field: 'F', type: 'quantitative', title: 'share of episodes', axis: { format: '%' }, scale: { domain: [0, 1] } },
      color: { field: 'policy', type: 'nominal', sort: batches.map((b) => b.policyName), legend: { orient: 'bottom-right', title: null } },
      strokeDash: { field: 'policy', type: 'nominal', sort: batches.map((b) => b.policyName), legend: { orient: 'bottom-right', title: null } },
    },
  };
  return { name: 'return-distribution', title: 'Episode return distributions (ECDF)', spec };
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

/**
 * VaR and CVaR (95%, 99%) of episode PnL per policy as losses (loss = -PnL, positive = money
 * lost; historical method, evals/metrics/risk.ts). A tail that still makes money has no loss: its
 * bar is 0 and the label gives the gain, so the tallest bar is always the worst tail.
 */
export function varBarsFigure(comparison: Comparison): Figure {
  const values = comparison.policies.flatMap((p) =>
    p.metrics.risk.flatMap((r) =>
      ([['VaR', r.valueAtRisk], ['CVaR', r.conditionalValueAtRisk]] as const).map(([kind, v]) => ({
        policy: p.name,
        measure: `${kind} ${Math.round(r.level * 100)}%`,
        loss: Math.max(0, v),
        label: v >= 0 ? fmt3(v) : `gain ${fmt3(-v)}`,
      })),
    ),
  );
  const policies = comparison.policies.map((p) => p.name);
  const spec = {
    $schema: SCHEMA,
    title: { text: 'Tail risk of episode PnL (historical VaR / CVaR)', subtitle: 'loss = -PnL at the tail, positive = money lost; 0 with "gain" when even the tail makes money' },
    data: { values },
    facet: { column: { field: 'measure', type: 'nominal', title: null, sort: ['VaR 95%', 'CVaR 95%', 'VaR 99%', 'CVaR 99%'] } },
    spec: {
      width: 150,
      height: 24 * Math.max(2, policies.length),
      layer: [
        { mark: 'bar', encoding: { y: { field: 'policy', type: 'nominal', sort: policies, title: null }, x: { field: 'loss', type: 'quantitative', title: 'loss (price units)', axis: { format: '.3~g' } }, color: { field: 'policy', type: 'nominal', sort: policies, legend: null } } },
        { mark: { type: 'text', align: 'left', dx: 3, fontSize: 10 }, encoding: { y: { field: 'policy', type: 'nominal', sort: policies }, x: { field: 'loss', type: 'quantitative' }, text: { field: 'label' } } },
      ],
    },
    resolve: { scale: { x: 'shared' } },
  } as TopLevelSpec;
  return { name: 'var-bars', title: 'VaR and CVaR (losses positive)', spec };
}

/**
 * Terminal inventory q_T: one histogram per policy (small multiples sharing the inventory axis),
 * bars one order size wide on a quantitative axis, so a wide inventory range keeps readable ticks.
 */
export function terminalInventoryFigure(comparison: Comparison, orderSize = 1): Figure {
  const values = comparison.policies.flatMap((p) =>
    p.metrics.terminalInventory.histogram.map((h) => ({
      policy: p.name,
      lo: h.inventory - orderSize / 2,
      hi: h.inventory + orderSize / 2,
      inventory: h.inventory,
      share: h.count / p.metrics.episodes,
    })),
  );
  const policies = comparison.policies.map((p) => p.name);
  const spec = {
    $schema: SCHEMA,
    title: 'Terminal inventory q_T (share of episodes)',
    data: { values },
    facet: { row: { field: 'policy', type: 'nominal', title: null, sort: policies, header: { labelAngle: 0, labelAlign: 'left' } } },
    spec: {
      width: 480,
      height: 70,
      mark: { type: 'bar', stroke: 'white', strokeWidth: 0.5 },
      encoding: {
        x: { field: 'lo', type: 'quantitative', title: 'terminal inventory (units)', axis: { format: '~d' } },
        x2: { field: 'hi' },
        y: { field: 'share', type: 'quantitative', title: 'share', axis: { format: '.0%', tickCount: 3 } },
        y2: { datum: 0 },
        color: { field: 'policy', type: 'nominal', sort: policies, legend: null },
      },
    },
    resolve: { scale: { x: 'shared' } },
  } as TopLevelSpec;
  return { name: 'terminal-inventory', title: 'Terminal inventory distribution', spec };
}

/**
 * Mean per-unit markout vs horizon, one line per policy. The horizon is shown in the env's time
 * unit (steps x dt) when `dt` is given.
 */
export function markoutFigure(comparison: Comparison, time: { dt: number; unit: string } | null = null): Figure {
  const values = comparison.policies.flatMap((p) =>
    (p.metrics.spread?.markouts ?? [])
      .filter((m) => m.markout !== null)
      .map((m) => ({ policy: p.name, horizon: time === null ? m.horizon : m.horizon * time.dt, steps: m.horizon, markout: m.markout })),
  );
  const spec: TopLevelSpec = {
    $schema: SCHEMA,
    title: 'Markout per unit filled vs horizon',
    width: 420,
    height: 240,
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'horizon', type: 'quantitative', title: time === null ? 'horizon (steps after the fill)' : `horizon after the fill (${time.unit}s; one step = ${fmt3(time.dt)})`, axis: { format: '.3~g' } },
      y: { field: 'markout', type: 'quantitative', title: 'markout (price units per unit)', axis: { format: '.3~g' } },
      color: { field: 'policy', type: 'nominal' },
      tooltip: [{ field: 'policy' }, { field: 'steps', title: 'steps' }, { field: 'markout', format: '.3~g' }],
    },
  };
  return { name: 'markouts', title: 'Markout curves', spec };
}

function fmt(x: number): string {
  const a = Math.abs(x);
  return a !== 0 && (a < 0.01 || a >= 1e5) ? x.toExponential(2) : x.toFixed(2);
}

/** 3 significant digits, no exponent for ordinary magnitudes. */
function fmt3(x: number): string {
  return Number(x.toPrecision(3)).toString();
}
