/**
 * Learning curves of a training run: episode return (training episodes' `ep_rew_mean`, the
 * periodic evaluation's `mean_return` and the HJB reference `hjb_mean_return`) and % of optimal
 * (`pct_optimal`), each against environment steps and against wall-clock seconds.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { RunLogs } from '../run-logs.js';
import type { Figure } from './render.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

interface Point {
  metric: 'return' | '% of optimal';
  series: string;
  timesteps: number | null;
  wall_seconds: number | null;
  value: number;
}

export function learningCurvePoints(logs: RunLogs): Point[] {
  const points: Point[] = [];
  const add = (rows: RunLogs['updates'], column: string, metric: Point['metric'], series: string, scale = 1): void => {
    for (const r of rows) {
      const v = r[column];
      if (v === undefined) continue;
      points.push({ metric, series, timesteps: r.timesteps ?? null, wall_seconds: r.wall_seconds ?? null, value: v * scale });
    }
  };
  add(logs.updates, 'ep_rew_mean', 'return', 'training episodes');
  add(logs.evals, 'mean_return', 'return', 'evaluation');
  add(logs.evals, 'hjb_mean_return', 'return', 'HJB (same seeds)');
  const pctRows = logs.evals.some((r) => r.pct_optimal !== undefined) ? logs.evals : logs.updates;
  add(pctRows, 'pct_optimal', '% of optimal', 'evaluation', 100);
  return points;
}

export function learningCurvesFigure(logs: RunLogs): Figure {
  const values = learningCurvePoints(logs);
  if (values.length === 0) {
    throw new Error(`no learning-curve columns (ep_rew_mean, mean_return, pct_optimal) in ${logs.files.join(', ')}`);
  }
  const panel = (metric: Point['metric'], x: 'timesteps' | 'wall_seconds'): unknown => ({
    width: 300,
    height: 200,
    transform: [{ filter: { field: 'metric', equal: metric } }, { filter: `datum.${x} !== null` }],
    mark: { type: 'line', point: { size: 12 } },
    encoding: {
      x: { field: x, type: 'quantitative', title: x === 'timesteps' ? 'environment steps' : 'wall-clock seconds' },
      y: { field: 'value', type: 'quantitative', scale: { zero: false }, title: metric },
      color: { field: 'series', type: 'nominal' },
    },
  });
  const spec = {
    $schema: SCHEMA,
    title: `Learning curves (${logs.dir})`,
    data: { values },
    vconcat: [
      { hconcat: [panel('return', 'timesteps'), panel('return', 'wall_seconds')] },
      { hconcat: [panel('% of optimal', 'timesteps'), panel('% of optimal', 'wall_seconds')] },
    ],
  } as TopLevelSpec;
  return { name: 'learning-curves', title: 'Learning curves', spec };
}
