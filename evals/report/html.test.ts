import { describe, expect, it } from 'vitest';
import { resolveEnvConfig } from '../../env/resolve-config.js';
import { fixedSpreadPolicy } from '../../baselines/fixed-spread.js';
import { comparePolicies } from '../compare.js';
import type { RenderedFigure } from '../figures/render.js';
import { runEpisodes } from '../run-episodes.js';
import { escapeHtml, reportHtml } from './html.js';
import { comparisonTablesHtml } from './table.js';
import { escapeHtml as escapeDirect } from './escape-html.js';

const fig = (name: string, title: string): RenderedFigure => ({ name, title, svg: `<?xml version="1.0" encoding="UTF-8"?>\n<svg id="${name}"></svg>` }) as unknown as RenderedFigure;

describe('reportHtml', () => {
  it('a self-contained page: escaped title and details, no scripts, figures inline without their XML prolog', () => {
    const html = reportHtml({ title: 'Run <1> & "2"', details: ['env: <default>', 'seed 3'] }, null, [fig('pnl-paths', 'PnL <paths>'), fig('inv', 'Inventory')]);
    expect(html.startsWith('<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Run &lt;1&gt; &amp; &quot;2&quot;</title>')).toBe(true);
    expect(html.endsWith('</body></html>\n')).toBe(true);
    expect(html).toContain('<h1>Run &lt;1&gt; &amp; &quot;2&quot;</h1>');
    expect(html).toContain('<ul class="meta"><li>env: &lt;default&gt;</li><li>seed 3</li></ul>');
    expect(html).toContain('<figure id="pnl-paths"><figcaption>PnL &lt;paths&gt; (<a href="pnl-paths.png">PNG</a>)</figcaption>');
    expect(html).toContain('<svg id="pnl-paths"></svg>');
    expect(html).not.toContain('<?xml');
    expect(html).not.toMatch(/<script|src="http/);
    expect(html).not.toContain('<h2>Summary</h2>');
    expect(html.indexOf('id="pnl-paths"')).toBeLessThan(html.indexOf('id="inv"'));
  });
  it('the comparison tables under Summary, extra sections before the figures; no Figures heading without figures', () => {
    const c = resolveEnvConfig('default', { horizon: 0.02 });
    const b = runEpisodes(fixedSpreadPolicy(c), c, { episodes: 5, seed: 1 });
    const cmp = comparePolicies([b], []);
    const html = reportHtml({ title: 't', details: [] }, cmp, [fig('f', 'F')], ['<section id="extra"></section>']);
    const at = (s: string): number => html.indexOf(s);
    expect(html).toContain(comparisonTablesHtml(cmp));
    expect(at('<h2>Summary</h2>')).toBeLessThan(at('<section id="extra">'));
    expect(at('<section id="extra">')).toBeLessThan(at('<h2>Figures</h2>'));
    expect(reportHtml({ title: 't', details: [] }, null, [])).not.toContain('<h2>Figures</h2>');
    expect(escapeHtml).toBe(escapeDirect);
  });
});
