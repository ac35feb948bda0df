/**
 * Training diagnostics of a run (updates.csv): one small panel per recorded column — entropy
 * loss, approx_kl, clip fraction, explained variance, the policy's std, value loss, policy-gradient
 * loss, learning rate (SB3's `train/` keys) — against environment steps, each on its own y scale.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { RunLogs } from '../run-logs.js';
import type { Figure } from './render.js';

export const DIAGNOSTIC_COLUMNS = ['entropy_loss', 'approx_kl', 'clip_fraction', 'explained_variance', 'std', 'value_loss', 'policy_gradient_loss', 'learning_rate'] as const;

export function diagnosticsPoints(logs: RunLogs): { column: string; timesteps: number; value: number }[] {
  const out: { column: string; timesteps: number; value: number }[] = [];
  for (const c of DIAGNOSTIC_COLUMNS) {
    for (const r of logs.updates) {
      const v = r[c];
      const t = r.timesteps;
      if (v !== undefined && t !== undefined) out.push({ column: c, timesteps: t, value: v });
    }
  }
  return out;
}

export function trainingDiagnosticsFigure(logs: RunLogs): Figure {
  const values = diagnosticsPoints(logs);
  if (values.length === 0) throw new Error(`no training diagnostics (${DIAGNOSTIC_COLUMNS.join(', ')}) in ${logs.files.join(', ')}`);
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Training diagnostics (per update)',
    data: { values },
    facet: { field: 'column', type: 'nominal', title: null, sort: [...DIAGNOSTIC_COLUMNS] },
    columns: 4,
    spec: {
      width: 200,
      height: 120,
      mark: { type: 'line', point: { size: 10 } },
      encoding: {
        x: { field: 'timesteps', type: 'quantitative', title: 'environment steps' },
        y: { field: 'value', type: 'quantitative', scale: { zero: false }, title: null },
      },
    },
    resolve: { scale: { y: 'independent' } },
  } as TopLevelSpec;
  return { name: 'training-diagnostics', title: 'Training diagnostics', spec };
}
