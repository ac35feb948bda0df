/**
 * Sweep figures from experiments rows: a heat map of a metric over two parameters (mean over the
 * other axes), box plots of a metric per value of each parameter, and Sharpe vs max drawdown.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Figure } from './render.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
type Row = Record<string, string | number | boolean | null>;

export function sweepHeatmapFigure(rows: readonly Row[], x: string, y: string, metric: string): Figure {
  const values = rows.filter((r) => typeof r[metric] === 'number').map((r) => ({ x: String(r[x]), y: String(r[y]), value: r[metric] }));
  const spec = {
    $schema: SCHEMA,
    title: `${metric} over ${x} x ${y} (mean over the other axes)`,
    width: 360,
    height: 240,
    data: { values },
    transform: [{ aggregate: [{ op: 'mean', field: 'value', as: 'mean' }], groupby: ['x', 'y'] }],
    layer: [
      {
        mark: 'rect',
        encoding: {
          x: { field: 'x', type: 'ordinal', title: x, sort: null },
          y: { field: 'y', type: 'ordinal', title: y, sort: null },
          color: { field: 'mean', type: 'quantitative', title: metric, scale: { scheme: 'viridis' } },
        },
      },
      {
        mark: { type: 'text', fontSize: 10 },
        encoding: {
          x: { field: 'x', type: 'ordinal', sort: null },
          y: { field: 'y', type: 'ordinal', sort: null },
          text: { field: 'mean', type: 'quantitative', format: '.3~g' },
          color: { value: 'white' },
        },
      },
    ],
  } as TopLevelSpec;
  return { name: 'sweep-heatmap', title: `Heat map of ${metric}`, spec };
}

export function sweepBoxPlotFigure(rows: readonly Row[], axes: readonly string[], metric: string): Figure {
  const values = rows.flatMap((r) =>
    typeof r[metric] === 'number' ? axes.map((a) => ({ parameter: a, level: String(r[a]), value: r[metric] })) : [],
  );
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
        x: { field: 'level', type: 'nominal', title: null, sort: null },
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
