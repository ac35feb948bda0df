/** Renders every figure from a small run and checks each PNG is a valid image of the expected size. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveEnvConfig } from '../../env/resolve-config.js';
import { evaluatePolicies, evaluationFigures } from '../evaluate.js';
import { readRunLogs } from '../run-logs.js';
import { constantDepthPolicy, skewPolicy } from '../test-utils/simple-policies.js';
import { learningCurvesFigure } from './learning-curves.js';
import { diagnosticsPoints, trainingDiagnosticsFigure } from './diagnostics.js';
import { pngSize, renderFigure, type Figure } from './render.js';

const config = resolveEnvConfig('default', { horizon: 0.2 });

async function checkFigure(f: Figure, scale = 1): Promise<void> {
  const r = await renderFigure(f, scale);
  const size = pngSize(r.png);
  console.log(`${f.name}: svg ${r.width}x${r.height}, png ${size.width}x${size.height}`);
  expect(r.svg.startsWith('<svg')).toBe(true);
  expect(r.width).toBeGreaterThan(100);
  expect(size.width).toBe(Math.round(r.width * scale));
  expect(Math.abs(size.height - r.height * scale)).toBeLessThanOrEqual(1);
}

describe('figures', () => {
  it('renders every evaluation figure to SVG and a PNG of the expected size', async () => {
    const agent = skewPolicy(config, 0.6, 1.5, 'agent');
    const ref = skewPolicy(config, 0.8, 1, 'hjb');
    const fixed = constantDepthPolicy(config, 1, 'fixed');
    const ev = evaluatePolicies([agent], [ref, fixed], config, { episodes: 30, seed: 5, referenceName: 'hjb', resamples: 200 });
    const figures = evaluationFigures(ev, [agent, ref, fixed]);
    expect(figures.map((f) => f.name)).toEqual([
      'return-distribution',
      'paired-difference',
      'sample-path',
      'inventory-over-time',
      'terminal-inventory',
      'markouts',
      'var-bars',
      'policy-map',
    ]);
    for (const f of figures) await checkFigure(f);
  });

  it('renders learning curves from training logs, tolerating missing columns', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mmgym-run-'));
    writeFileSync(join(dir, 'updates.csv'), 'update,timesteps,wall_seconds,ep_rew_mean\n1,2048,1.5,10\n2,4096,3.1,20\n3,6144,4.4,\n');
    writeFileSync(join(dir, 'evals.csv'), 'eval,timesteps,wall_seconds,mean_return,hjb_mean_return,pct_optimal\n1,4096,3.2,40,60,0.6667\n2,8192,6,55,60,0.9167\n');
    const logs = readRunLogs(dir);
    expect(logs.updates[2]).toEqual({ update: 3, timesteps: 6144, wall_seconds: 4.4 });
    await checkFigure(learningCurvesFigure(logs), 2); // the reports' default scale
    expect(() => trainingDiagnosticsFigure(logs)).toThrow(/no training diagnostics/);
    writeFileSync(join(dir, 'updates.csv'), 'update,timesteps,approx_kl,std,explained_variance\n1,2048,0.01,0.5,0.2\n2,4096,0.02,0.45,0.6\n');
    const withDiag = readRunLogs(dir);
    expect(diagnosticsPoints(withDiag).map((p) => p.column)).toEqual(['approx_kl', 'approx_kl', 'explained_variance', 'explained_variance', 'std', 'std']);
    await checkFigure(trainingDiagnosticsFigure(withDiag));
    expect(() => readRunLogs(mkdtempSync(join(tmpdir(), 'mmgym-empty-')))).toThrow(/no training logs in/);
  });

  it('pngSize rejects bytes that are not a PNG', () => {
    expect(() => pngSize(new Uint8Array(30))).toThrow(/not a PNG: bad signature/);
  });
});
