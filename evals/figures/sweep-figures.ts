/**
 * Sweep figures from experiments rows: a heat map of a metric over two parameters (mean over the
 * other axes), box plots of a metric per value of each parameter, and Sharpe vs max drawdown.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Figure } from './render.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
type Row = Record<string, string | number | boolean | null>;

/** Levels of an axis in natural order (numbers ascending, otherwise first appearance). */
export function axisLevels(rows: readonly Row[], axis: string): string[] {
  const raw = [...new Set(rows.map((r) => r[axis]))];
  if (raw.every((v) => typeof v === 'number')) (raw as number[]).sort((a, b) => a - b);
  return raw.map(String);
}

export function sweepHeatmapFigure(rows: readonly Row[], x: string, y: string, metric: string): Figure {
  // Cell means computed here so the label colour can switch at the middle of the colour range.
  const cells = new Map<string, { x: string; y: string; sum: number; n: number }>();
  for (const r of rows) {
    const v = r[metric];
    if (typeof v !== 'number') continue;
    const k = JSON.stringify([String(r[x]), String(r[y])]);
    const c = cells.get(k) ?? { x: String(r[x]), y: String(r[y]), sum: 0, n: 0 };
    c.sum += v;
    c.n++;
    cells.set(k, c);
  }
  const values = [...cells.values()].map((c) => ({ x: c.x, y: c.y, mean: c.sum / c.n }));
  const means = values.map((v) => v.mean);
  const middle = means.length > 0 ? (Math.min(...means) + Math.max(...means)) / 2 : 0;
  const xs = axisLevels(rows, x);
  const ys = axisLevels(rows, y);
  const spec = {
    $schema: SCHEMA,
    title: `${metric} over ${x} x ${y} (mean over the other axes)`,
    width: 360,
    height: 240,
    data: { values },
    layer: [
      {
        mark: 'rect',
        encoding: {
          x: { field: 'x', type: 'ordinal', title: x, sort: xs },
          y: { field: 'y', type: 'ordinal', title: y, sort: ys },
          color: { field: 'mean', type: 'quantitative', title: metric, scale: { scheme: 'viridis' } },
        },
      },
      {
        mark: { type: 'text', fontSize: 10 },
        encoding: {
          x: { field: 'x', type: 'ordinal', sort: xs },
          y: { field: 'y', type: 'ordinal', sort: ys },
          text: { field: 'mean', type: 'quantitative', format: '.3~g' },
          color: { condition: { test: `datum.mean > ${middle}`, value: 'black' }, value: 'white' },
        },
      },
    ],
  } as TopLevelSpec;
  return { name: 'sweep-heatmap', title: `Heat map of ${metric}`, spec };
}

export function sweepBoxPlotFigure(rows: readonly Row[], allAxes: readonly string[], metric: string): Figure {
  // Axes with a single level say nothing; levels keep their natural order within each panel.
  const axes = allAxes.filter((a) => axisLevels(rows, a).length > 1);
  const values = rows.flatMap((r) =>
    typeof r[metric] === 'number' ? axes.map((a) => ({ parameter: a, level: String(r[a]), value: r[metric] })) : [],
  );
  // One explicit order for every panel (the boxplot's aggregation drops helper fields): numeric
  // levels ascending, then the others in order of appearance.
  const all = [...new Set(rows.flatMap((r) => axes.map((a) => r[a])))];
  const numeric = (all.filter((v) => typeof v === 'number') as number[]).sort((a, b) => a - b).map(String);
  const order = [...new Set([...numeric, ...all.filter((v) => typeof v !== 'number').map(String)])];
  const spec = {
    $schema: SCHEMA,
    title: `${metric} per parameter value (spread over the other axes)`,
    data: { values },
    facet: { column: { field: 'parameter', type: 'nominal', title: null } },
    spec: {
      width: 200,
      height: 220,
      mark: { type: 'boxplot', extent: 'min-max' },
      encoding: {
        x: { field: 'level', type: 'nominal', title: null, sort: order },
        y: { field: 'value', type: 'quantitative', title: metric, scale: { zero: false } },
      },
    },
    resolve: { scale: { x: 'independent' } },
  } as TopLevelSpec;
  return { name: 'sweep-boxplots', title: `Box plots of ${metric}`, spec };
}

export function sharpeDrawdownFigure(rows: readonly Row[], colorBy: string): Figure {
  const values = rows
    .filter((r) => typeof r.sharpe === 'number' && typeof r.max_drawdown === 'number')
    .map((r) => ({ sharpe: r.sharpe, drawdown: r.max_drawdown, group: String(r[colorBy]), key: r.key }));
  const spec: TopLevelSpec = {
    $schema: SCHEMA,
    title: 'Sharpe ratio vs mean max drawdown, one point per configuration',
    width: 420,
    height: 280,
    data: { values },
    mark: { type: 'point', filled: true, size: 50, opacity: 0.8 },
    encoding: {
      x: { field: 'drawdown', type: 'quantitative', title: 'mean max drawdown (price units)' },
      y: { field: 'sharpe', type: 'quantitative', title: 'Sharpe ratio (per episode)' },
      color: { field: 'group', type: 'nominal', title: colorBy },
      tooltip: [{ field: 'key', type: 'nominal' }],
    },
  };
  return { name: 'sweep-sharpe-drawdown', title: 'Sharpe vs drawdown', spec };
}
