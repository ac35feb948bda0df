/**
 * Sweep figures rendered to SVG from hand-made experiments rows: points named by their grid
 * values (never by hash keys), one heat-map panel per policy, labelled scatter points that do not
 * overlap, and no number with more than 4 significant digits in any text of any figure.
 */
import { describe, expect, it } from 'vitest';
import { renderFigure, type Figure } from './render.js';
import {
  configNames,
  formatSig,
  heatmapCells,
  labelPriority,
  placeLabels,
  segmentHitsBox,
  sharpeDrawdownFigure,
  sweepAxes,
  sweepBoxPlotFigure,
  sweepHeatmapFigure,
  textWidth,
} from './sweep-figures.js';

type Row = Record<string, string | number | null>;

/** Regime-study-like rows: 2 policies x 3 envs x 3 gammas, metrics with 16-digit floats. */
function regimeRows(): Row[] {
  const rows: Row[] = [];
  let i = 0;
  for (const policy of ['hjb', 'as']) {
    for (const env of ['calm', 'turbulent', 'uptrend']) {
      for (const gamma of [0.01, 0.1, 0.3]) {
        i++;
        rows.push({
          key: `${i.toString(16).padStart(2, '0')}3f9a0c7e12b4d5`,
          sweep: 'regime',
          segment: 'validation',
          env,
          policy,
          'env.gamma': gamma,
          episodes: 50,
          seed: 0,
          // hjb's returns are 100 + i / 3 and as's 10 + i / 7: an average over the policies is neither.
          mean_return: policy === 'hjb' ? 100 + i / 3 : 10 + i / 7,
          sharpe: 5 + Math.sin(i) + 1 / 3,
          max_drawdown: 2 + Math.cos(1.3 * i) + 1 / 7,
          pct_of_reference: null,
        });
      }
    }
  }
  return rows;
}

/** The text content of every <text> element of an SVG. */
function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => (m[1] ?? '').replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&#39;', "'"));
}

/** Significant digits of each number written in the texts (sign, leading zeros and exponent aside). */
function maxSignificantDigits(texts: readonly string[]): number {
  const numbers = texts.flatMap((t) => t.match(/\d+(?:\.\d+)?(?=e[-+]?\d+)|\d+(?:\.\d+)?/g) ?? []);
  return Math.max(0, ...numbers.map((n) => n.replace('.', '').replace(/^0+/, '').replace(/0+$/, '').length));
}

async function renderTexts(f: Figure): Promise<string[]> {
  const r = await renderFigure(f, 1);
  expect(r.svg.startsWith('<svg')).toBe(true);
  return svgTexts(r.svg);
}

describe('sweep point names', () => {
  it('names rows by the axes that vary, short axis names, policy and env bare', () => {
    const rows = regimeRows();
    expect(sweepAxes(rows)).toEqual(['env', 'policy', 'env.gamma']);
    const names = configNames(rows, ['policy', 'env', 'env.gamma']);
    expect(names[0]).toBe('hjb, calm, gamma=0.01');
    expect(names[17]).toBe('as, uptrend, gamma=0.3');
    expect(new Set(names).size).toBe(rows.length);
    // A constant axis is left out, unless asked for; nothing varying: the policy.
    const calm = rows.filter((r) => r.env === 'calm' && r.policy === 'hjb');
    expect(configNames(calm)).toEqual(['gamma=0.01', 'gamma=0.1', 'gamma=0.3']);
    expect(configNames(calm, undefined, ['policy'])[0]).toBe('hjb, gamma=0.01');
    expect(configNames(calm.slice(0, 1))).toEqual(['hjb']);
  });

  it('uses the full key for axes ending alike and the key prefix only for duplicate names', () => {
    const rows: Row[] = [
      { key: 'aaaaaa11', policy: 'hjb', 'env.gamma': 0.1, 'policy.gamma': 1 },
      { key: 'bbbbbb22', policy: 'hjb', 'env.gamma': 0.2, 'policy.gamma': 1 },
      { key: 'cccccc33', policy: 'hjb', 'env.gamma': 0.2, 'policy.gamma': 2 },
      { key: 'dddddd44', policy: 'hjb', 'env.gamma': 0.2, 'policy.gamma': 2 },
    ];
    expect(configNames(rows)).toEqual([
      'env.gamma=0.1, policy.gamma=1',
      'env.gamma=0.2, policy.gamma=1',
      'env.gamma=0.2, policy.gamma=2 [cccccc]',
      'env.gamma=0.2, policy.gamma=2 [dddddd]',
    ]);
  });

  it('formats numbers to 4 significant digits', () => {
    expect([formatSig(67.26112345678901), formatSig(0.000123456789), formatSig(123456.7), formatSig(2), formatSig(null), formatSig(Number.NaN), formatSig(-1 / 3, 3)]).toEqual([
      '67.26', '0.0001235', '123500', '2', '-', '-', '-0.333',
    ]);
  });
});

describe('sweep figures', () => {
  it('draws one heat-map panel per policy, never averaging policies, numbers to 3 digits', async () => {
    const rows = regimeRows();
    const cells = heatmapCells(rows, 'env.gamma', 'env', 'mean_return');
    expect(cells.length).toBe(18);
    expect(cells.every((c) => c.n === 1)).toBe(true);
    const f = sweepHeatmapFigure(rows, 'env.gamma', 'env', 'mean_return');
    const r = await renderFigure(f, 1);
    // One rect layer per facet panel, headed by the policy.
    expect(r.svg.match(/class="mark-rect role-mark (?:child_)?layer_0_marks"/g)?.length).toBe(2);
    const texts = svgTexts(r.svg);
    expect(texts).toEqual(expect.arrayContaining(['hjb', 'as', 'gamma', 'calm', '0.01', '100', '103', '11.4', '12.6']));
    // hjb's first cell is 100.333..., as's is 11.43 (10 + 10 / 7); their mean 55.9 is nowhere.
    expect(texts).not.toContain('55.9');
    expect(maxSignificantDigits(texts)).toBeLessThanOrEqual(4);
    // The policy as a map axis: a single panel.
    const single = await renderFigure(sweepHeatmapFigure(rows, 'policy', 'env', 'mean_return'), 1);
    expect(single.svg.match(/class="mark-rect role-mark (?:child_)?layer_0_marks"/g)?.length).toBe(1);
  });

  it('labels the Sharpe / drawdown points by name, without hash keys or long numbers', async () => {
    const rows = regimeRows();
    const texts = await renderTexts(sharpeDrawdownFigure(rows, 'env', ['policy', 'env', 'env.gamma']));
    const names = configNames(rows, ['policy', 'env', 'env.gamma']);
    const labelled = names.filter((n) => texts.includes(n));
    // 18 points on 560 x 380 pixels: every one has room for its label.
    expect(labelled.length).toBe(18);
    expect(texts.some((t) => /points labelled/.test(t))).toBe(false);
    expect(texts.some((t) => rows.some((row) => t.includes(String(row.key))))).toBe(false);
    expect(maxSignificantDigits(texts)).toBeLessThanOrEqual(4);
  });

  it('says how many points are labelled when labels would overlap', async () => {
    // A 10 x 10 lattice of points 56 x 38 px apart, each label about 130 px wide.
    const crowded: Row[] = Array.from({ length: 100 }, (_, i) => ({ key: `k${i}`, policy: 'hjb', 'policy.spreadMultiplier': 1 + i / 1000, sharpe: Math.floor(i / 10) / 7, max_drawdown: (i % 10) / 3 }));
    const texts = await renderTexts(sharpeDrawdownFigure(crowded, 'policy'));
    const subtitle = texts.find((t) => /points labelled/.test(t));
    expect(subtitle).toMatch(/^\d+ of 100 points labelled/);
    const labelled = texts.filter((t) => t.startsWith('spreadMultiplier='));
    expect(labelled.length).toBe(Number(subtitle?.split(' ')[0]));
    expect(labelled.length).toBeGreaterThan(10);
    expect(maxSignificantDigits(texts.filter((t) => t !== subtitle))).toBeLessThanOrEqual(4);
  });

  it('gives points drawn at the same spot one label listing their values', async () => {
    const rows: Row[] = [0.05, 0.2].flatMap((gamma) => [
      { key: `f${gamma}`, policy: 'fixed', 'env.gamma': gamma, sharpe: 2.5, max_drawdown: 0.6 },
      { key: `h${gamma}`, policy: 'hjb', 'env.gamma': gamma, sharpe: 3 + gamma, max_drawdown: 0.4 + gamma },
    ]);
    const texts = await renderTexts(sharpeDrawdownFigure(rows, 'policy'));
    expect(texts).toEqual(expect.arrayContaining(['fixed, gamma=0.05|0.2', 'hjb, gamma=0.05', 'hjb, gamma=0.2']));
    expect(texts.some((t) => /points labelled/.test(t))).toBe(false);
  });

  it('box plots: short parameter names, no long numbers', async () => {
    const texts = await renderTexts(sweepBoxPlotFigure(regimeRows(), ['policy', 'env', 'env.gamma'], 'mean_return'));
    expect(texts).toEqual(expect.arrayContaining(['policy', 'env', 'gamma', 'hjb', 'turbulent', '0.3']));
    expect(maxSignificantDigits(texts)).toBeLessThanOrEqual(4);
  });
});

describe('label placement', () => {
  it('keeps labels inside the plot, clear of each other and of every point', () => {
    const pts = Array.from({ length: 40 }, (_, i) => ({ px: (i * 97) % 400, py: (i * 53) % 300, text: `policy ${i}, gamma=0.0${i}` }));
    const opts = { width: 400, height: 300, fontSize: 10, radius: 4 };
    const placed = placeLabels(pts, opts);
    const boxes = placed.flatMap((c, i) => {
      const p = pts[i];
      if (c === null || p === undefined) return [];
      const w = textWidth(p.text, opts.fontSize);
      const x0 = c.align === 'left' ? p.px + c.dx : p.px + c.dx - w;
      return [{ x0, x1: x0 + w, y0: p.py + c.dy - 5, y1: p.py + c.dy + 5 }];
    });
    expect(boxes.length).toBeGreaterThan(20);
    for (const [i, a] of boxes.entries()) {
      expect(a.x0 >= 0 && a.x1 <= 400 && a.y0 >= 0 && a.y1 <= 300).toBe(true);
      for (const b of boxes.slice(i + 1)) expect(a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1).toBe(false);
      for (const p of pts) expect(a.x0 < p.px + 4 && p.px - 4 < a.x1 && a.y0 < p.py + 4 && p.py - 4 < a.y1).toBe(false);
    }
  });

  it('finds segments through a box', () => {
    const box = { x0: 0, x1: 10, y0: 0, y1: 10 };
    expect([segmentHitsBox(-5, 5, 15, 5, box), segmentHitsBox(-5, -5, -1, 20, box), segmentHitsBox(5, 5, 6, 6, box), segmentHitsBox(-5, 12, 20, 12, box)]).toEqual([true, false, true, false]);
  });

  it('labels the Pareto front (high Sharpe, low drawdown) first', () => {
    const pts = [
      { sharpe: 1, drawdown: 5 },
      { sharpe: 3, drawdown: 2 },
      { sharpe: 2, drawdown: 1 },
      { sharpe: 2.5, drawdown: 4 },
    ];
    expect(labelPriority(pts)).toEqual([1, 2, 3, 0]);
  });
});
