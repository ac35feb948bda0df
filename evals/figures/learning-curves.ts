/**
 * Learning curves of a training run, against environment steps and against wall-clock seconds:
 * episode return (training episodes' `ep_rew_mean`, the periodic evaluation's `mean_return` with
 * a band of mean ± 1.96 s.e. from `se_return`, the HJB reference `hjb_mean_return`), the
 * evaluation in % of the optimum (`pct_exact_optimum`, % of V*, where the run logged it, else
 * `pct_optimal`, % of HJB on the same seeds) with the band se_return / reference value (none on
 * rows whose % of V* is exact, see isExactRow), and a
 * zoomed copy of the % panels showing the evaluations of the second half of the steps, its y
 * domain fitted to them, so that the last fractions of a percent are visible.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { LogRecord, RunLogs } from '../run-logs.js';
import type { Figure } from './render.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Normal quantile of the 95% band: mean ± Z95 s.e. */
export const Z95 = 1.96;
/** The zoomed panels fit their y domain to the evaluations after this fraction of the steps. */
export const ZOOM_FROM = 0.5;

export type CurveMetric = 'return' | 'pct';
export type XField = 'timesteps' | 'wall_seconds';

export interface CurvePoint {
  metric: CurveMetric;
  series: string;
  timesteps: number | null;
  wall_seconds: number | null;
  value: number;
  /** value ∓ Z95 s.e. (null where the row has no s.e.). */
  lo: number | null;
  hi: number | null;
}

/** Where the % curve comes from: the column, the reference its band divides se_return by, the y title. */
export interface PctSource {
  column: 'pct_exact_optimum' | 'pct_optimal';
  reference: 'exact_optimum' | 'hjb_mean_return';
  title: string;
  rows: LogRecord[];
}

/** The zoomed panels: evaluations from `fromTimesteps` on, y domain (in %) fitted to them. */
export interface Zoom {
  fromTimesteps: number;
  domain: [number, number];
  /** False where fewer than 2 evaluations are that late and the zoom shows them all. */
  late: boolean;
}

/**
 * Whether a row's pct_exact_optimum is exact: exact_return / V*, the policy's expected return by
 * backward recursion (training/evaluator.ts), with no Monte-Carlo error and so no band; otherwise
 * it is estimated on the evaluation seeds.
 */
export function isExactRow(row: LogRecord): boolean {
  return row.exact_return !== undefined;
}

function vStarTitle(rows: LogRecord[]): string {
  const logged = rows.filter((r) => r.pct_exact_optimum !== undefined);
  if (logged.every(isExactRow)) return '% of V* (exact expected return)';
  return logged.some(isExactRow) ? '% of V*' : '% of V* (estimate on the evaluation seeds)';
}

/** % of V* where any evaluation logged it, else % of HJB (evals.csv, or updates.csv's copy of the latest one). */
export function pctSource(logs: RunLogs): PctSource | null {
  const has = (rows: LogRecord[], c: string): boolean => rows.some((r) => r[c] !== undefined);
  if (has(logs.evals, 'pct_exact_optimum')) {
    return { column: 'pct_exact_optimum', reference: 'exact_optimum', title: vStarTitle(logs.evals), rows: logs.evals };
  }
  const title = '% of HJB (same seeds)';
  if (has(logs.evals, 'pct_optimal')) return { column: 'pct_optimal', reference: 'hjb_mean_return', title, rows: logs.evals };
  if (has(logs.updates, 'pct_optimal')) return { column: 'pct_optimal', reference: 'hjb_mean_return', title, rows: logs.updates };
  return null;
}

/** Half-width of the 95% band of a row's mean_return: Z95 se_return (null without an s.e.). */
export function returnHalfWidth(row: LogRecord): number | null {
  return row.se_return === undefined ? null : Z95 * row.se_return;
}

/**
 * Half-width of the 95% band of a row's % (in points): 100 Z95 se_return / |reference value|; null
 * without both, or where the % is exact.
 */
export function pctHalfWidth(row: LogRecord, source: Pick<PctSource, 'column' | 'reference'>): number | null {
  const se = row.se_return;
  const ref = row[source.reference];
  if (se === undefined || ref === undefined || ref === 0) return null;
  if (source.column === 'pct_exact_optimum' && isExactRow(row)) return null;
  return (100 * Z95 * se) / Math.abs(ref);
}

function point(row: LogRecord, metric: CurveMetric, series: string, value: number, half: number | null): CurvePoint {
  return {
    metric,
    series,
    timesteps: row.timesteps ?? null,
    wall_seconds: row.wall_seconds ?? null,
    value,
    lo: half === null ? null : value - half,
    hi: half === null ? null : value + half,
  };
}

/** One column of `rows` as points, scaled, with the band half-width `half` gives (none by default). */
function columnPoints(
  rows: LogRecord[],
  column: string,
  metric: CurveMetric,
  series: string,
  { scale = 1, half = () => null }: { scale?: number; half?: (row: LogRecord) => number | null } = {},
): CurvePoint[] {
  return rows.flatMap((r) => {
    const v = r[column];
    return v === undefined ? [] : [point(r, metric, series, v * scale, half(r))];
  });
}

export function learningCurvePoints(logs: RunLogs): CurvePoint[] {
  const pct = pctSource(logs);
  return [
    ...columnPoints(logs.updates, 'ep_rew_mean', 'return', 'training episodes'),
    ...columnPoints(logs.evals, 'mean_return', 'return', 'evaluation', { half: returnHalfWidth }),
    ...columnPoints(logs.evals, 'hjb_mean_return', 'return', 'HJB (same seeds)'),
    ...(pct === null ? [] : columnPoints(pct.rows, pct.column, 'pct', 'evaluation', { scale: 100, half: (r) => pctHalfWidth(r, pct) })),
  ];
}

/**
 * The zoom of the % curve: the points at or after the first `from` fraction of the steps (all of
 * them if fewer than 2 are), y domain = their range padded by 10% of it (at least 0.05 points).
 */
export function zoomDomain(points: readonly CurvePoint[], from = ZOOM_FROM): Zoom | null {
  const pts = points.filter((p): p is CurvePoint & { timesteps: number } => p.metric === 'pct' && p.timesteps !== null);
  if (pts.length === 0) return null;
  const ts = pts.map((p) => p.timesteps);
  const t0 = Math.min(...ts);
  const cut = t0 + from * (Math.max(...ts) - t0);
  const late = pts.filter((p) => p.timesteps >= cut);
  const use = late.length >= 2 ? late : pts;
  const vs = use.map((p) => p.value);
  const lo = Math.min(...vs);
  const hi = Math.max(...vs);
  const pad = Math.max(0.1 * (hi - lo), 0.05);
  return use === late ? { fromTimesteps: cut, domain: [lo - pad, hi + pad], late: true } : { fromTimesteps: t0, domain: [lo - pad, hi + pad], late: false };
}

const X_TITLE: Record<XField, string> = { timesteps: 'environment steps', wall_seconds: 'wall-clock seconds' };

/** Whether the 100% rule falls inside the zoomed y domain (a rule outside it is left out, not clipped). */
function showsHundred(zoom: Zoom | null): boolean {
  return zoom === null || (zoom.domain[0] <= 100 && 100 <= zoom.domain[1]);
}

/** A panel's name, e.g. 'pct_zoom_timesteps': its y scale is `${name}_y`, its band's marks `${name}_band_marks`. */
export function panelName(metric: CurveMetric, x: XField, zoom: Zoom | null): string {
  return `${metric}${zoom === null ? '' : '_zoom'}_${x}`;
}

/**
 * A band (area lo..hi) + line layer of one metric against `x`, the % panels with a dashed rule at
 * 100%; `zoom` keeps the evaluations from its steps on and fixes the y domain (marks clipped to it).
 */
function panel(metric: CurveMetric, x: XField, yTitle: string, zoom: Zoom | null, title?: string): unknown {
  const filters: Record<string, unknown>[] = [{ filter: { field: 'metric', equal: metric } }, { filter: `datum.${x} !== null` }];
  if (zoom !== null) filters.push({ filter: `datum.timesteps !== null && datum.timesteps >= ${zoom.fromTimesteps}` });
  const xEnc = { field: x, type: 'quantitative', title: X_TITLE[x] };
  const y = { type: 'quantitative', title: yTitle, scale: zoom === null ? { zero: false } : { domain: zoom.domain, zero: false } };
  const color = { field: 'series', type: 'nominal', title: null, legend: { symbolOpacity: 1 } };
  const clip = zoom !== null;
  const layers: Record<string, unknown>[] = [
    {
      name: `${panelName(metric, x, zoom)}_band`,
      transform: [{ filter: 'datum.lo !== null && datum.hi !== null' }],
      mark: { type: 'area', opacity: 0.2, clip },
      encoding: { x: xEnc, y: { ...y, field: 'lo' }, y2: { field: 'hi' }, color },
    },
    {
      mark: { type: 'line', point: { size: 12 }, clip },
      // the noisy training episodes drawn lighter, so the evaluation and its band stay visible
      encoding: { x: xEnc, y: { ...y, field: 'value' }, color, opacity: { condition: { test: "datum.series === 'training episodes'", value: 0.45 }, value: 1 } },
    },
  ];
  if (metric === 'pct' && showsHundred(zoom)) {
    layers.push({ data: { values: [{ hundred: 100 }] }, mark: { type: 'rule', strokeDash: [4, 4], color: '#888' }, encoding: { y: { ...y, field: 'hundred' } } });
  }
  return { name: panelName(metric, x, zoom), width: 300, height: 200, ...(title !== undefined ? { title: { text: title, fontSize: 12 } } : {}), transform: filters, layer: layers };
}

const BAND_NOTE = `shaded: evaluation mean ± ${Z95} s.e. (95%; in the % panels se_return / the reference value; none where the % is exact)`;

export function learningCurvesFigure(logs: RunLogs): Figure {
  const values = learningCurvePoints(logs);
  if (values.length === 0) {
    throw new Error(`no learning-curve columns (ep_rew_mean, mean_return, pct_exact_optimum, pct_optimal) in ${logs.files.join(', ')}`);
  }
  const pct = pctSource(logs);
  const zoom = zoomDomain(values);
  const rows: unknown[] = [];
  const pair = (metric: CurveMetric, yTitle: string, z: Zoom | null, title?: string): void => {
    rows.push({ hconcat: [panel(metric, 'timesteps', yTitle, z, title), panel(metric, 'wall_seconds', yTitle, z, title)] });
  };
  if (values.some((p) => p.metric === 'return')) pair('return', 'episode return', null);
  if (pct !== null && values.some((p) => p.metric === 'pct')) {
    pair('pct', pct.title, null);
    if (zoom !== null) pair('pct', `${pct.title}, zoom`, zoom, zoom.late ? `zoom: evaluations from ${100 * ZOOM_FROM}% of the steps on` : 'zoom: all evaluations');
  }
  const spec = {
    $schema: SCHEMA,
    title: { text: `Learning curves (${logs.dir})`, subtitle: BAND_NOTE },
    data: { values },
    vconcat: rows,
  } as TopLevelSpec;
  return { name: 'learning-curves', title: 'Learning curves', spec };
}
