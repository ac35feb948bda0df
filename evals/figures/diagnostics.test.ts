/** Training diagnostics: one point per (column, update) in DIAGNOSTIC_COLUMNS order, a refusal naming the columns and files when none is logged. */
import { describe, expect, it } from 'vitest';
import type { RunLogs } from '../run-logs.js';
import { DIAGNOSTIC_COLUMNS, diagnosticsPoints, trainingDiagnosticsFigure } from './diagnostics.js';
import { renderSvg } from './render.js';

const logs = (updates: RunLogs['updates']): RunLogs => ({ dir: '/runs/x', updates, evals: [], files: ['/runs/x/updates.csv'] });

describe('diagnosticsPoints', () => {
  it('groups by column in DIAGNOSTIC_COLUMNS order, then by update; skips rows without the value or without timesteps', () => {
    const pts = diagnosticsPoints(
      logs([
        { timesteps: 100, learning_rate: 3e-4, approx_kl: 0.02, mean_return: 5 },
        { approx_kl: 0.5 },
        { timesteps: 200, approx_kl: 0.01, entropy_loss: -1.2 },
      ]),
    );
    expect(pts).toEqual([
      { column: 'entropy_loss', timesteps: 200, value: -1.2 },
      { column: 'approx_kl', timesteps: 100, value: 0.02 },
      { column: 'approx_kl', timesteps: 200, value: 0.01 },
      { column: 'learning_rate', timesteps: 100, value: 3e-4 },
    ]);
  });

  it('keeps zeros (a value of 0 is a value)', () => {
    expect(diagnosticsPoints(logs([{ timesteps: 0, clip_fraction: 0 }]))).toEqual([{ column: 'clip_fraction', timesteps: 0, value: 0 }]);
  });

  it('the column list is the SB3 train/ keys', () => {
    expect([...DIAGNOSTIC_COLUMNS]).toEqual(['entropy_loss', 'approx_kl', 'clip_fraction', 'explained_variance', 'std', 'value_loss', 'policy_gradient_loss', 'learning_rate']);
  });
});

describe('trainingDiagnosticsFigure', () => {
  it('facets the points by column, in the fixed order, each on its own y scale; renders', async () => {
    const f = trainingDiagnosticsFigure(logs([{ timesteps: 1, std: 0.9, value_loss: 2 }, { timesteps: 2, std: 0.8, value_loss: 1 }]));
    expect(f.name).toBe('training-diagnostics');
    const spec = f.spec as unknown as { data: { values: unknown[] }; facet: { sort: string[] }; resolve: unknown };
    expect(spec.data.values).toHaveLength(4);
    expect(spec.facet.sort).toEqual([...DIAGNOSTIC_COLUMNS]);
    expect(spec.resolve).toEqual({ scale: { y: 'independent' } });
    const { svg } = await renderSvg(f.spec);
    expect(svg).toContain('value_loss');
  });

  it('refuses logs with no diagnostics, naming the columns it looks for and the files read', () => {
    expect(() => trainingDiagnosticsFigure(logs([{ timesteps: 1, mean_return: 3 }]))).toThrow(`no training diagnostics (${DIAGNOSTIC_COLUMNS.join(', ')}) in /runs/x/updates.csv`);
  });
});
