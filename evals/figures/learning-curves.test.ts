/**
 * Learning curves: the evaluation's mean ± 1.96 s.e. bands (return and % panels), the zoomed %
 * panels whose y domain is fitted to the second half of the steps, both x axes (steps and
 * wall-clock), from small synthetic logs and from the saved runs ppo-liquidation-stage1 (a run that climbs several points) and ppo-as-default.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { readRunLogs, type RunLogs } from '../run-logs.js';
import { learningCurvePoints, learningCurvesFigure, pctSource, Z95, zoomDomain, type CurvePoint } from './learning-curves.js';
import { pngSize, renderFigure } from './render.js';

const SAVED = resolve(import.meta.dirname, '..', '..', 'saved-models');

function runDir(files: Record<string, string>): RunLogs {
  const dir = mkdtempSync(join(tmpdir(), 'mmgym-lc-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return readRunLogs(dir);
}

/** A Monte-Carlo run: % of HJB with s.e., the curve ending at 99.0-99.5% of HJB. */
const SYNTHETIC = {
  'updates.csv': 'update,timesteps,wall_seconds,ep_rew_mean\n1,2048,1.5,10\n2,4096,3.1,20\n3,6144,4.4,\n',
  'evals.csv':
    'eval,timesteps,wall_seconds,mean_return,se_return,hjb_mean_return,pct_optimal\n' +
    '1,0,0.1,20,1,60,0.3333333333\n2,4096,3.2,55,0.8,60,0.9166666667\n3,8192,6,59.4,0.5,60,0.99\n4,12288,9,59.7,0.5,60,0.995\n5,16384,12,59.55,0.5,60,0.9925\n',
};

/** Domains of every y scale of the figure, as vega computes them. */
async function yDomains<K extends string>(spec: TopLevelSpec, names: readonly K[]): Promise<Record<K, [number, number]>> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    await view.runAsync();
    return Object.fromEntries(names.map((n) => [n, view.scale(`${n}_y`).domain() as [number, number]])) as Record<K, [number, number]>;
  } finally {
    view.finalize();
  }
}

/** Whether the SVG draws a visible area (a path, filled, opacity > 0) for the band layer of panel `name`. */
function hasBand(svg: string, name: string): boolean {
  const path = new RegExp(`${name}_band_marks"[^>]*><path([^>]*)>`).exec(svg)?.[1] ?? '';
  const opacity = Number(/\sopacity="([\d.]+)"/.exec(path)?.[1] ?? '1');
  return /\sd="M[\d.-]/.test(path) && /\sfill="#/.test(path) && opacity > 0;
}

const pctPoints = (pts: CurvePoint[]): CurvePoint[] => pts.filter((p) => p.metric === 'pct');

describe('learning curves', () => {
  it('bands the evaluation by ± 1.96 s.e. (return, and % of HJB as se_return / hjb_mean_return) and zooms on the second half', async () => {
    const logs = runDir(SYNTHETIC);
    const pts = learningCurvePoints(logs);
    const ret = pts.find((p) => p.metric === 'return' && p.series === 'evaluation' && p.timesteps === 12288);
    expect(ret?.lo).toBeCloseTo(59.7 - Z95 * 0.5, 10);
    expect(ret?.hi).toBeCloseTo(59.7 + Z95 * 0.5, 10);
    const pct = pctPoints(pts).find((p) => p.timesteps === 12288);
    expect(pct?.value).toBeCloseTo(99.5, 10);
    expect(pct?.hi).toBeCloseTo(99.5 + (100 * 1.96 * 0.5) / 60, 10);
    expect(pts.filter((p) => p.series !== 'evaluation').every((p) => p.lo === null && p.hi === null)).toBe(true);
    expect(pctSource(logs)?.title).toBe('% of HJB (same seeds)');
    // the evaluations from 8192 steps on (99, 99.5, 99.25), padded by 10% of their range
    const zoom = zoomDomain(pts);
    expect(zoom?.fromTimesteps).toBe(8192);
    expect(zoom?.domain[0]).toBeCloseTo(98.95, 10);
    expect(zoom?.domain[1]).toBeCloseTo(99.55, 10);

    const fig = learningCurvesFigure(logs);
    const d = await yDomains(fig.spec, ['pct_timesteps', 'pct_zoom_timesteps', 'pct_zoom_wall_seconds']);
    expect(d.pct_zoom_timesteps).toEqual(zoom?.domain);
    expect(d.pct_zoom_wall_seconds).toEqual(zoom?.domain);
    expect(d.pct_timesteps[0]).toBeLessThanOrEqual(33.3);
    expect(d.pct_timesteps[1]).toBeGreaterThanOrEqual(100);
    const r = await renderFigure(fig, 1);
    for (const title of ['environment steps', 'wall-clock seconds', 'episode return', '% of HJB (same seeds)', '% of HJB (same seeds), zoom']) {
      expect(r.svg, title).toContain(`>${title}</text>`);
    }
    expect(r.svg).toMatch(/evaluation mean ± 1\.96 s\.e\. \(95%/);
    for (const panel of ['return_timesteps', 'return_wall_seconds', 'pct_timesteps', 'pct_wall_seconds', 'pct_zoom_timesteps', 'pct_zoom_wall_seconds']) {
      expect(hasBand(r.svg, panel), panel).toBe(true);
    }
    expect(pngSize(r.png).width).toBe(Math.round(r.width));
  });

  it('uses % of V* where logged: banded by se_return / V* when estimated, unbanded where exact_return makes it exact', () => {
    const header = 'eval,timesteps,wall_seconds,mean_return,se_return,hjb_mean_return,pct_optimal,exact_optimum,pct_exact_optimum';
    const estimated = runDir({ 'evals.csv': `${header}\n1,0,1,8,0.2,9,0.888,10,0.79\n2,100,2,9.1,0.2,9,1.011,10,0.905\n` });
    expect(pctSource(estimated)?.title).toBe('% of V* (estimate on the evaluation seeds)');
    const p = pctPoints(learningCurvePoints(estimated));
    expect(p.map((x) => x.value)).toEqual([79, 90.5]);
    expect(p[1]?.lo).toBeCloseTo(90.5 - (100 * Z95 * 0.2) / 10, 10);
    const exact = runDir({ 'evals.csv': `${header},exact_return\n1,0,1,8,0.2,9,0.888,10,0.79,7.9\n2,100,2,9.1,0.2,9,1.011,10,0.905,9.05\n` });
    expect(pctSource(exact)?.title).toBe('% of V* (exact expected return)');
    expect(pctPoints(learningCurvePoints(exact)).every((x) => x.lo === null)).toBe(true);
    // without any % column the figure has the return panels only; without any column it throws
    const returnsOnly = runDir({ 'updates.csv': 'update,timesteps,wall_seconds,ep_rew_mean\n1,10,1,3\n2,20,2,4\n' });
    expect(pctSource(returnsOnly)).toBeNull();
    expect(zoomDomain(learningCurvePoints(returnsOnly))).toBeNull();
    expect(() => learningCurvesFigure(runDir({ 'updates.csv': 'update,timesteps\n1,10\n' }))).toThrow(/no learning-curve columns/);
  });

  it('draws saved-models/ppo-liquidation-stage1: % of V* (exact), a zoom a fraction of a point wide, the return band, both axes', async () => {
    const logs = readRunLogs(join(SAVED, 'ppo-liquidation-stage1'));
    const fig = learningCurvesFigure(logs);
    const last = logs.evals.at(-1)?.pct_exact_optimum ?? Number.NaN;
    const d = await yDomains(fig.spec, ['pct_timesteps', 'pct_zoom_timesteps']);
    const [lo, hi] = d.pct_zoom_timesteps;
    expect(hi - lo).toBeLessThan(1);
    expect(lo).toBeLessThan(100 * last);
    expect(hi).toBeGreaterThan(100 * Math.max(...logs.evals.map((r) => r.pct_exact_optimum ?? 0)));
    expect(d.pct_timesteps[1] - d.pct_timesteps[0]).toBeGreaterThan(5);
    const r = await renderFigure(fig); // the report's scale: resvg must accept the clipped zoom panels
    for (const title of ['environment steps', 'wall-clock seconds', '% of V* (exact expected return)', '% of V* (exact expected return), zoom']) {
      expect(r.svg, title).toContain(`>${title}</text>`);
    }
    expect(hasBand(r.svg, 'return_timesteps')).toBe(true);
    expect(hasBand(r.svg, 'return_wall_seconds')).toBe(true);
    expect(hasBand(r.svg, 'pct_zoom_timesteps')).toBe(false); // exact: no Monte-Carlo band
    expect(pngSize(r.png).width).toBe(Math.round(r.width * r.scale));
  });

  it('zooms saved-models/ppo-as-default onto its last 99.2-99.8% of V*', async () => {
    const fig = learningCurvesFigure(readRunLogs(join(SAVED, 'ppo-as-default')));
    const { pct_zoom_timesteps: z, pct_timesteps: full } = await yDomains(fig.spec, ['pct_zoom_timesteps', 'pct_timesteps']);
    expect(z[0]).toBeGreaterThan(99);
    expect(z[1]).toBeLessThan(100);
    expect(full[0]).toBeLessThan(30);
  });
});
