/**
 * Sweep figures from experiments rows: a heat map of a metric over two parameters (one panel per
 * policy, mean over the other axes), box plots of a metric per value of each parameter, and
 * Sharpe vs max drawdown with each point labelled by its configuration's name. Rows are named by
 * the grid values that vary between them (`hjb, calm, gamma=0.1`), never by their hash key;
 * every number shown has 3-4 significant digits.
 */
import type { TopLevelSpec } from 'vega-lite';
import { METRIC_COLUMNS } from '../sweep/sweep-config.js';
import type { Figure } from './render.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
/** d3 format of every number in the sweep figures (3 significant digits, no trailing zeros). */
export const FIGURE_NUMBER_FORMAT = '.3~g';
/** Sets the format of every number vega-lite writes itself (axes, legends, the box plot's tooltips). */
const NUMBER_CONFIG = { numberFormat: FIGURE_NUMBER_FORMAT } as const;
type Row = Record<string, string | number | boolean | null>;

/** Columns of an experiments row that are bookkeeping or metrics, not grid axes. */
const NON_AXIS_COLUMNS: ReadonlySet<string> = new Set(['key', 'sweep', 'segment', 'episodes', 'seed', ...METRIC_COLUMNS]);

/** Levels of an axis in natural order (numbers ascending, otherwise first appearance). */
export function axisLevels(rows: readonly Row[], axis: string): string[] {
  const raw = [...new Set(rows.map((r) => r[axis]))];
  if (raw.every((v) => typeof v === 'number')) (raw as number[]).sort((a, b) => a - b);
  return raw.map(String);
}

/** A number with `digits` significant digits, trailing zeros dropped ('-' for null / NaN). */
export function formatSig(x: number | string | boolean | null | undefined, digits = 4): string {
  if (typeof x !== 'number') return x === null || x === undefined ? '-' : String(x);
  if (Number.isNaN(x)) return '-';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  return String(Number(x.toPrecision(digits)));
}

/** The grid axes of experiments rows: every column but the key, bookkeeping and metrics. */
export function sweepAxes(rows: readonly Row[]): string[] {
  return Object.keys(rows[0] ?? {}).filter((c) => !NON_AXIS_COLUMNS.has(c));
}

/** Short axis names: `env.gamma` -> `gamma`, unless two axes end alike (then the full key). */
export function axisShortNames(axes: readonly string[]): Map<string, string> {
  const last = (a: string): string => a.split('.').pop() ?? a;
  return new Map(axes.map((a) => [a, axes.some((b) => b !== a && last(b) === last(a)) ? a : last(a)]));
}

/** The axes that name rows: those whose values vary between the rows and the `always` ones, policy and env first. */
export function namingAxes(rows: readonly Row[], axes: readonly string[], always: readonly string[] = []): string[] {
  const used = axes.filter((a) => always.includes(a) || axisLevels(rows, a).length > 1);
  return [...used.filter((a) => a === 'policy'), ...used.filter((a) => a === 'env'), ...used.filter((a) => a !== 'policy' && a !== 'env')];
}

/** Name of rows by `naming` axes (policy and env as bare values, others as `name=value`; several values joined by '|'). */
function joinName(rows: readonly Row[], naming: readonly string[], short: ReadonlyMap<string, string>): string {
  const parts = naming.map((a) => {
    const value = [...new Set(rows.map((r) => String(r[a])))].join('|');
    return a === 'policy' || a === 'env' ? value : `${short.get(a) ?? a}=${value}`;
  });
  return parts.length > 0 ? parts.join(', ') : [...new Set(rows.map((r) => String(r.policy ?? r.key ?? '')))].join('|');
}

/**
 * A readable name per row from the axes whose values vary between the rows, and the `always`
 * axes (see namingAxes), the policy alone if nothing varies. Rows that would share a name get
 * the first 6 characters of their key appended.
 */
export function configNames(rows: readonly Row[], axes: readonly string[] = sweepAxes(rows), always: readonly string[] = []): string[] {
  const naming = namingAxes(rows, axes, always);
  const short = axisShortNames(axes);
  const names = rows.map((r) => joinName([r], naming, short));
  const count = new Map<string, number>();
  for (const n of names) count.set(n, (count.get(n) ?? 0) + 1);
  return names.map((n, i) => ((count.get(n) ?? 0) > 1 ? `${n} [${String(rows[i]?.key ?? i).slice(0, 6)}]` : n));
}

/** One name for a group of rows (e.g. points drawn at the same spot), named against all `rows`: `fixed, gamma=0.05|0.2`. */
export function groupName(group: readonly Row[], rows: readonly Row[], axes: readonly string[] = sweepAxes(rows)): string {
  return joinName(group, namingAxes(rows, axes), axisShortNames(axes));
}

/** Mean of `metric` per (policy, x, y) cell, cells in first-appearance order. */
export function heatmapCells(rows: readonly Row[], x: string, y: string, metric: string): { policy: string; x: string; y: string; mean: number; n: number }[] {
  const cells = new Map<string, { policy: string; x: string; y: string; sum: number; n: number }>();
  for (const r of rows) {
    const v = r[metric];
    if (typeof v !== 'number') continue;
    const cell = { policy: String(r.policy), x: String(r[x]), y: String(r[y]) };
    const k = JSON.stringify([cell.policy, cell.x, cell.y]);
    const c = cells.get(k) ?? { ...cell, sum: 0, n: 0 };
    c.sum += v;
    c.n++;
    cells.set(k, c);
  }
  return [...cells.values()].map((c) => ({ policy: c.policy, x: c.x, y: c.y, mean: c.sum / c.n, n: c.n }));
}

export function sweepHeatmapFigure(rows: readonly Row[], x: string, y: string, metric: string): Figure {
  // Cells are per policy: one panel each (unless the policy is an axis of the map), one shared
  // colour scale; the label colour switches at the middle of the colour range.
  const values = heatmapCells(rows, x, y, metric);
  const means = values.map((v) => v.mean);
  const middle = means.length > 0 ? (Math.min(...means) + Math.max(...means)) / 2 : 0;
  const xs = axisLevels(rows, x);
  const ys = axisLevels(rows, y);
  const facet = x !== 'policy' && y !== 'policy';
  const short = axisShortNames([x, y]);
  const xTitle = short.get(x) ?? x;
  const yTitle = short.get(y) ?? y;
  const layer = [
    {
      mark: 'rect',
      encoding: {
        x: { field: 'x', type: 'ordinal', title: xTitle, sort: xs },
        y: { field: 'y', type: 'ordinal', title: yTitle, sort: ys },
        color: { field: 'mean', type: 'quantitative', title: metric, scale: { scheme: 'viridis' }, legend: { format: FIGURE_NUMBER_FORMAT } },
        tooltip: [
          { field: 'policy', type: 'nominal' },
          { field: 'x', type: 'ordinal', title: xTitle },
          { field: 'y', type: 'ordinal', title: yTitle },
          { field: 'mean', type: 'quantitative', title: `mean ${metric}`, format: FIGURE_NUMBER_FORMAT },
          { field: 'n', type: 'quantitative', title: 'points averaged' },
        ],
      },
    },
    {
      mark: { type: 'text', fontSize: 10 },
      encoding: {
        x: { field: 'x', type: 'ordinal', sort: xs },
        y: { field: 'y', type: 'ordinal', sort: ys },
        text: { field: 'mean', type: 'quantitative', format: FIGURE_NUMBER_FORMAT },
        color: { condition: { test: `datum.mean > ${middle}`, value: 'black' }, value: 'white' },
      },
    },
  ];
  const size = { width: Math.max(200, 56 * xs.length), height: Math.max(120, 28 * ys.length) };
  const title = `${metric} over ${xTitle} x ${yTitle}${facet ? ', one panel per policy' : ''} (mean over the other axes)`;
  const spec = (
    facet
      ? {
          $schema: SCHEMA,
          title,
          data: { values },
          facet: { field: 'policy', type: 'nominal', title: 'policy', sort: axisLevels(rows, 'policy') },
          columns: 3,
          spec: { ...size, layer },
          config: NUMBER_CONFIG,
        }
      : { $schema: SCHEMA, title, ...size, data: { values }, layer, config: NUMBER_CONFIG }
  ) as TopLevelSpec;
  return { name: 'sweep-heatmap', title: `Heat map of ${metric}${facet ? ' per policy' : ''}`, spec };
}

export function sweepBoxPlotFigure(rows: readonly Row[], allAxes: readonly string[], metric: string): Figure {
  // Axes with a single level say nothing; levels keep their natural order within each panel.
  const axes = allAxes.filter((a) => axisLevels(rows, a).length > 1);
  const short = axisShortNames(axes);
  const values = rows.flatMap((r) =>
    typeof r[metric] === 'number' ? axes.map((a) => ({ parameter: short.get(a) ?? a, level: String(r[a]), value: r[metric] })) : [],
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
    facet: { column: { field: 'parameter', type: 'nominal', title: null, sort: axes.map((a) => short.get(a) ?? a) } },
    spec: {
      width: 200,
      height: 220,
      mark: { type: 'boxplot', extent: 'min-max' },
      encoding: {
        x: { field: 'level', type: 'nominal', title: null, sort: order },
        y: { field: 'value', type: 'quantitative', title: metric, scale: { zero: false }, axis: { format: FIGURE_NUMBER_FORMAT } },
      },
    },
    resolve: { scale: { x: 'independent' } },
    config: NUMBER_CONFIG,
  } as TopLevelSpec;
  return { name: 'sweep-boxplots', title: `Box plots of ${metric}`, spec };
}

/** Estimated width (px) of `text` in DejaVu Sans at `fontSize` (narrow, wide and other glyphs). */
export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) em += /[ ,.:;'|!ilIjft()[\]]/.test(ch) ? 0.34 : /[mwMW=%@]/.test(ch) ? 0.88 : /[A-Z]/.test(ch) ? 0.72 : 0.62;
  return em * fontSize;
}

/** Where a label sits relative to its point, in pixels (dy down); `align` is the text's anchor. */
export interface LabelPlacement {
  dx: number;
  dy: number;
  align: 'left' | 'right';
}

interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

const overlaps = (a: Box, b: Box): boolean => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** Whether the segment (x1, y1)-(x2, y2) passes through the box (Liang-Barsky clipping). */
export function segmentHitsBox(x1: number, y1: number, x2: number, y2: number, b: Box): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = x2 - x1;
  const dy = y2 - y1;
  for (const [p, q] of [[-dx, x1 - b.x0], [dx, b.x1 - x1], [-dy, y1 - b.y0], [dy, b.y1 - y1]] as const) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return false;
  }
  return true;
}

/** Candidate offsets, nearest first: beside the point, then stacked further above / below it, then also further out sideways. */
function candidates(gap: number, line: number): LabelPlacement[] {
  const out: LabelPlacement[] = [];
  for (const shift of [0, 4 * line]) {
    for (let k = shift === 0 ? 0 : 1; k <= 10; k++) {
      for (const dy of k === 0 ? [0] : [-k * line, k * line]) {
        out.push({ dx: gap + 2 * k + shift, dy, align: 'left' }, { dx: -gap - 2 * k - shift, dy, align: 'right' });
      }
    }
  }
  return out;
}

/** A label further than this many line heights from its point gets a leader line. */
export const LEADER_LINES = 0.8;
const isFar = (c: LabelPlacement, line: number): boolean => Math.abs(c.dy) > LEADER_LINES * line || Math.abs(c.dx) > 2 * line;

/**
 * Greedy label placement in a `width` x `height` plot: points in the order given (most important
 * first) take the nearest candidate position whose box stays inside the plot and clear of every
 * point, every label placed before and their leader lines (a far label's own leader line must
 * cross no label or other point either); a point with no free position gets null (no label).
 */
export function placeLabels(
  points: readonly { px: number; py: number; text: string }[],
  opts: { width: number; height: number; fontSize: number; radius: number },
): (LabelPlacement | null)[] {
  const line = opts.fontSize + 2;
  const marks: Box[] = points.map((p) => ({ x0: p.px - opts.radius, x1: p.px + opts.radius, y0: p.py - opts.radius, y1: p.py + opts.radius }));
  const placed: Box[] = [];
  const leaders: [number, number, number, number][] = [];
  return points.map((p, i) => {
    const w = textWidth(p.text, opts.fontSize);
    for (const c of candidates(opts.radius + 3, line)) {
      const x0 = c.align === 'left' ? p.px + c.dx : p.px + c.dx - w;
      const box = { x0, x1: x0 + w, y0: p.py + c.dy - opts.fontSize / 2, y1: p.py + c.dy + opts.fontSize / 2 };
      if (box.x0 < 0 || box.x1 > opts.width || box.y0 < 0 || box.y1 > opts.height) continue;
      if (marks.some((m) => overlaps(m, box)) || placed.some((b) => overlaps(b, box))) continue;
      if (leaders.some(([a, b, c2, d]) => segmentHitsBox(a, b, c2, d, box))) continue;
      const leader: [number, number, number, number] = [p.px, p.py, p.px + c.dx, p.py + c.dy];
      const far = isFar(c, line);
      if (far && (placed.some((b) => segmentHitsBox(...leader, b)) || marks.some((m, j) => j !== i && segmentHitsBox(...leader, m)))) continue;
      placed.push({ x0: box.x0 - 1, x1: box.x1 + 1, y0: box.y0 - 1, y1: box.y1 + 1 });
      if (far) leaders.push(leader);
      return c;
    }
    return null;
  });
}

/** A padded [min, max] domain (padding `share` of the range each side; +-1 or 10% around a single value). */
export function paddedDomain(xs: readonly number[], share = 0.08): [number, number] {
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  const pad = hi > lo ? (hi - lo) * share : Math.abs(lo) > 0 ? Math.abs(lo) * 0.1 : 1;
  return [lo - pad, hi + pad];
}

/** Indices ordered for labelling: the Pareto front (high Sharpe, low drawdown) first, then by Sharpe. */
export function labelPriority(points: readonly { sharpe: number; drawdown: number }[]): number[] {
  const dominated = (i: number): boolean => {
    const p = points[i] as { sharpe: number; drawdown: number };
    return points.some((q, j) => j !== i && q.sharpe >= p.sharpe && q.drawdown <= p.drawdown && (q.sharpe > p.sharpe || q.drawdown < p.drawdown));
  };
  const bySharpe = (a: number, b: number): number => (points[b]?.sharpe ?? 0) - (points[a]?.sharpe ?? 0);
  const idx = points.map((_, i) => i);
  const front = idx.filter((i) => !dominated(i)).sort(bySharpe);
  return [...front, ...idx.filter((i) => dominated(i)).sort(bySharpe)];
}

export function sharpeDrawdownFigure(rows: readonly Row[], colorBy: string, axes: readonly string[] = sweepAxes(rows)): Figure {
  const named = configNames(rows, axes).map((name, i) => ({ name, r: rows[i] as Row }));
  const points = named
    .filter(({ r }) => typeof r.sharpe === 'number' && typeof r.max_drawdown === 'number')
    .map(({ name, r }) => ({ sharpe: r.sharpe as number, drawdown: r.max_drawdown as number, group: String(r[colorBy]), name }));
  // Rows drawn at exactly the same spot (e.g. a policy that ignores a swept parameter) share one label.
  const spots = new Map<string, { sharpe: number; drawdown: number; rows: Row[] }>();
  for (const { r } of named) {
    if (typeof r.sharpe !== 'number' || typeof r.max_drawdown !== 'number') continue;
    const k = `${r.sharpe} ${r.max_drawdown}`;
    const spot = spots.get(k) ?? { sharpe: r.sharpe, drawdown: r.max_drawdown, rows: [] };
    spot.rows.push(r);
    spots.set(k, spot);
  }
  const spotList = [...spots.values()].map((s) => ({ sharpe: s.sharpe, drawdown: s.drawdown, name: s.rows.length > 1 ? groupName(s.rows, rows, axes) : (named.find((n) => n.r === s.rows[0])?.name ?? '') }));
  const width = 560;
  const height = 380;
  const fontSize = 10;
  const radius = 4;
  const xDomain = paddedDomain(points.map((p) => p.drawdown));
  const yDomain = paddedDomain(points.map((p) => p.sharpe));
  // Labels are placed here in pixels (the scales' domains are fixed, so pixels map to data) and
  // drawn at data coordinates; far labels get a leader line to their point.
  const px = (v: number): number => ((v - xDomain[0]) / (xDomain[1] - xDomain[0])) * width;
  const py = (v: number): number => height - ((v - yDomain[0]) / (yDomain[1] - yDomain[0])) * height;
  const order = labelPriority(spotList);
  const placements = placeLabels(order.map((i) => ({ px: px(spotList[i]?.drawdown ?? 0), py: py(spotList[i]?.sharpe ?? 0), text: spotList[i]?.name ?? '' })), { width, height, fontSize, radius });
  const labels = order.flatMap((i, k) => {
    const p = spotList[i];
    const c = placements[k];
    if (p === undefined || c === undefined || c === null) return [];
    const lx = p.drawdown + (c.dx * (xDomain[1] - xDomain[0])) / width;
    const ly = p.sharpe - (c.dy * (yDomain[1] - yDomain[0])) / height;
    return [{ ...p, lx, ly, align: c.align, leader: isFar(c, fontSize + 2) }];
  });
  const x = { field: 'drawdown', type: 'quantitative', title: 'mean max drawdown (price units)', scale: { domain: xDomain, nice: false, zero: false }, axis: { format: FIGURE_NUMBER_FORMAT } };
  const y = { field: 'sharpe', type: 'quantitative', title: 'Sharpe ratio (per episode)', scale: { domain: yDomain, nice: false, zero: false }, axis: { format: FIGURE_NUMBER_FORMAT } };
  const labelLayer = (align: 'left' | 'right') => ({
    data: { values: labels.filter((l) => l.align === align) },
    mark: { type: 'text', align, baseline: 'middle', fontSize },
    encoding: { x: { ...x, field: 'lx' }, y: { ...y, field: 'ly' }, text: { field: 'name', type: 'nominal' } },
  });
  const unlabelled = spotList.length - labels.length;
  const spec = {
    $schema: SCHEMA,
    title: {
      text: 'Sharpe ratio vs mean max drawdown, one point per configuration',
      ...(unlabelled > 0 ? { subtitle: `${labels.length} of ${spotList.length} points labelled (the others' labels would overlap; every name is in the tooltips)` } : {}),
    },
    width,
    height,
    layer: [
      {
        data: { values: labels.filter((l) => l.leader) },
        mark: { type: 'rule', color: '#999', strokeWidth: 0.7 },
        encoding: { x, y, x2: { field: 'lx' }, y2: { field: 'ly' } },
      },
      {
        data: { values: points },
        mark: { type: 'point', filled: true, size: 50, opacity: 0.8 },
        encoding: {
          x,
          y,
          color: { field: 'group', type: 'nominal', title: colorBy },
          tooltip: [
            { field: 'name', type: 'nominal', title: 'configuration' },
            { field: 'sharpe', type: 'quantitative', title: 'Sharpe', format: FIGURE_NUMBER_FORMAT },
            { field: 'drawdown', type: 'quantitative', title: 'max drawdown', format: FIGURE_NUMBER_FORMAT },
          ],
        },
      },
      labelLayer('left'),
      labelLayer('right'),
    ],
    config: NUMBER_CONFIG,
  } as TopLevelSpec;
  return { name: 'sweep-sharpe-drawdown', title: 'Sharpe vs drawdown', spec };
}
