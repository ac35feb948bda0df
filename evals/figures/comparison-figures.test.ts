/**
 * The evaluation report's figures show what they claim: ECDFs per policy, VaR/CVaR as positive
 * losses (a gain labelled, never a negative bar), terminal inventory as one histogram per policy,
 * markouts in the env's time unit, sample paths with inventory and cumulative PnL panels, and the
 * policy map with dp-optimal and the differences on continuous scales. Rendered for real (vega).
 */
import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { resolveEnvConfig } from '../../env/resolve-config.js';
import { exactOptimum } from '../../baselines/exact-optimum.js';
import { evaluatePolicies, evaluationFigures } from '../evaluate.js';
import { reportHtml } from '../report/html.js';
import { comparisonTables } from '../report/table.js';
import { constantDepthPolicy, skewPolicy } from '../test-utils/simple-policies.js';
import { ecdfPoints, varBarsFigure } from './comparison-figures.js';
import { renderFigure, renderSvg } from './render.js';

const config = resolveEnvConfig('default', { horizon: 0.2 });
const agent = skewPolicy(config, 0.6, 1.5, 'agent');
const ref = skewPolicy(config, 0.8, 1, 'hjb');
const fixed = constantDepthPolicy(config, 1, 'fixed');
const vStar = exactOptimum(config).value;
const ev = evaluatePolicies([agent], [ref, fixed], config, { episodes: 40, seed: 5, referenceName: 'hjb', resamples: 200, exactOptimum: vStar });
const figures = evaluationFigures(ev, [agent, ref, fixed]);
const byName = (n: string): TopLevelSpec => {
  const f = figures.find((x) => x.name === n);
  if (f === undefined) throw new Error(`no figure ${n}`);
  return f.spec;
};
const inline = (spec: unknown): Record<string, unknown>[] => (spec as { data: { values: Record<string, unknown>[] } }).data.values;

describe('evaluation figures', () => {
  it('ecdfPoints: order statistics with F = rank / n, thinned evenly in rank', () => {
    expect(ecdfPoints([3, 1, 2, 5, 4], 3)).toEqual([{ x: 1, F: 0.2 }, { x: 3, F: 0.6 }, { x: 5, F: 1 }]);
    expect(ecdfPoints([2, 1])).toEqual([{ x: 1, F: 0.5 }, { x: 2, F: 1 }]);
    expect(ecdfPoints([])).toEqual([]);
  });

  it('return distribution: one ECDF line per policy reaching 100%', async () => {
    const rows = inline(byName('return-distribution'));
    for (const p of ['agent', 'hjb', 'fixed']) expect(rows.filter((r) => r.policy === p).at(-1)?.F).toBe(1);
    const { svg } = await renderSvg(byName('return-distribution'));
    expect(svg).toContain('empirical CDF');
    for (const p of ['agent', 'hjb', 'fixed']) expect(svg).toContain(`>${p}<`);
  });

  it('VaR/CVaR: losses positive, a tail that gains drawn at 0 and labelled as a gain', async () => {
    const c = structuredClone(ev.comparison);
    const [p0, p1] = c.policies;
    if (p0 === undefined || p1 === undefined) throw new Error('need two policies');
    p0.metrics.risk = [{ level: 0.95, valueAtRisk: 2.5, conditionalValueAtRisk: 3.25 }];
    p1.metrics.risk = [{ level: 0.95, valueAtRisk: -1.5, conditionalValueAtRisk: -0.75 }];
    const f = varBarsFigure(c);
    const rows = inline(f.spec);
    expect(rows.filter((r) => r.policy === p0.name).map((r) => [r.loss, r.label])).toEqual([[2.5, '2.5'], [3.25, '3.25']]);
    expect(rows.filter((r) => r.policy === p1.name).map((r) => [r.loss, r.label])).toEqual([[0, 'gain 1.5'], [0, 'gain 0.75']]);
    const { svg } = await renderSvg(f.spec);
    expect(svg).toContain('gain 1.5');
    expect(svg).toContain('positive = money lost');
  });

  it('terminal inventory: a histogram per policy, bars one order size wide', async () => {
    const spec = byName('terminal-inventory') as unknown as { facet: { row: { field: string } }; spec: { encoding: { x2: unknown; y2: unknown } } };
    expect(spec.facet.row.field).toBe('policy');
    expect(spec.spec.encoding.x2).toEqual({ field: 'hi' });
    for (const r of inline(spec)) expect((r.hi as number) - (r.lo as number)).toBe(config.orderSize);
    const { svg } = await renderSvg(byName('terminal-inventory'));
    expect(svg).toContain('terminal inventory (units)');
  });

  it('markouts: horizons in the env time unit (steps x dt)', async () => {
    const rows = inline(byName('markouts'));
    const steps = rows.map((r) => r.steps as number);
    expect(rows.map((r) => r.horizon)).toEqual(steps.map((h) => h * config.dt));
    const { svg } = await renderSvg(byName('markouts'));
    expect(svg).toContain('trading days');
  });

  it('sample path: quotes, inventory and cumulative PnL panels per policy; PnL starts at 0 and ends at the episode PnL', async () => {
    const rows = inline(byName('sample-path'));
    const agentRows = rows.filter((r) => r.policy === 'agent');
    expect(agentRows[0]?.pnl).toBe(0);
    const batch = ev.candidates[0];
    if (batch === undefined) throw new Error('no candidate batch');
    expect(agentRows.at(-1)?.pnl as number).toBeCloseTo(batch.pnl[0] as number, 9);
    const { svg } = await renderSvg(byName('sample-path'));
    for (const t of ['PnL (to mid)', 'inventory', 'price', 'time (trading days)']) expect(svg).toContain(t);
  });

  it('policy map: agent, reference and dp-optimal on one continuous scale, then the differences', async () => {
    const spec = byName('policy-map') as unknown as { hconcat: { data: { values: { policy: string; depth: number | null }[] }; spec: { encoding: { color: { scale: { domain: number[] } }; x2: unknown } } }[] };
    const [maps, diffs] = spec.hconcat;
    if (maps === undefined || diffs === undefined) throw new Error('policy map needs two panels');
    expect([...new Set(maps.data.values.map((r) => r.policy))]).toEqual(['agent', 'hjb', 'dp-optimal']);
    expect([...new Set(diffs.data.values.map((r) => r.policy))]).toEqual(['agent - hjb', 'agent - dp-optimal']);
    const maxDepth = Math.max(...maps.data.values.map((r) => r.depth ?? 0));
    expect(maps.spec.encoding.color.scale.domain).toEqual([0, maxDepth]);
    expect(maps.spec.encoding.x2).toEqual({ field: 'time2' });
    const { svg } = await renderSvg(byName('policy-map'));
    expect(svg).toContain('depth (price units)');
    expect(svg).toContain('inventory (units)');
  });

  it('every figure renders; the HTML report has tables (Sortino, turnover, the annualisation stated), not preformatted text', async () => {
    const rendered = [];
    for (const f of figures) rendered.push(await renderFigure(f, 1));
    const html = reportHtml({ title: 't', details: [] }, ev.comparison, rendered);
    expect(html).not.toContain('<pre>');
    expect((html.match(/<table>/g) ?? []).length).toBe(3);
    expect(html).toContain('<th scope="col">Sortino</th>');
    expect(html).toContain('<th scope="col">turnover</th>');
    expect(html).toContain('ratios annualised with 252 trading days a year = 1,260 episodes');
    expect(html).toContain('<th scope="row">agent</th>');
    const text = comparisonTables(ev.comparison);
    expect(text).toContain('Sortino ann.');
    expect(text).toContain('quoted b/a');
  });
});
