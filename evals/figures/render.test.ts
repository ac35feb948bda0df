/** Figure rendering: a spec to SVG with the shared look, the SVG's size read back, the PNG at scale x that size, and pngSize's checks. */
import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { FIGURE_CONFIG, pngSize, renderFigure, renderSvg, svgToPng } from './render.js';

const bars = (config?: Record<string, unknown>): TopLevelSpec =>
  ({
    data: { values: [{ x: 'a', y: 1 }, { x: 'b', y: 3 }] },
    mark: 'bar',
    width: 120,
    height: 80,
    encoding: { x: { field: 'x', type: 'nominal' }, y: { field: 'y', type: 'quantitative' } },
    ...(config === undefined ? {} : { config }),
  }) as TopLevelSpec;

const tinySvg = (w: number, h: number): string => `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="${w}" height="${h}" fill="red"/></svg>`;

describe('renderSvg', () => {
  it('an SVG whose width and height are the ones it declares, drawn with the shared background', async () => {
    const r = await renderSvg(bars());
    expect(r.svg.startsWith('<svg')).toBe(true);
    const m = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(r.svg);
    expect([r.width, r.height]).toEqual([Number(m?.[1]), Number(m?.[2])]);
    // the plot area is 120 x 80 plus axes
    expect(r.width).toBeGreaterThan(120);
    expect(r.height).toBeGreaterThan(80);
    expect(r.svg).toContain(`fill="${FIGURE_CONFIG.background}"`);
  });

  it("a spec's own config overrides the shared one", async () => {
    const r = await renderSvg(bars({ background: '#123456' }));
    expect(r.svg).toContain('#123456');
  });
});

describe('svgToPng and pngSize', () => {
  it('rasterises at scale x the width, keeping the aspect ratio', () => {
    expect(pngSize(svgToPng(tinySvg(40, 10), 40, 1))).toEqual({ width: 40, height: 10 });
    expect(pngSize(svgToPng(tinySvg(40, 10), 40, 3))).toEqual({ width: 120, height: 30 });
    expect(pngSize(svgToPng(tinySvg(33, 20), 33, 1.5))).toEqual({ width: 50, height: 30 });
  });

  it('pngSize reads IHDR of a PNG inside a larger buffer, and refuses a first chunk that is not IHDR', () => {
    const png = svgToPng(tinySvg(7, 5), 7, 1);
    const padded = new Uint8Array(png.length + 16);
    padded.set(png, 16);
    expect(pngSize(padded.subarray(16))).toEqual({ width: 7, height: 5 });
    const bad = png.slice();
    bad[12] = 0x58; // 'X'
    expect(() => pngSize(bad)).toThrow('not a PNG: first chunk is not IHDR');
    expect(() => pngSize(png.subarray(0, 20))).toThrow('not a PNG: bad signature');
  });
});

describe('renderFigure', () => {
  it('keeps the name and title, and the PNG is scale x the SVG', async () => {
    const r = await renderFigure({ name: 'bars', title: 'Two bars', spec: bars() }, 2);
    expect([r.name, r.title, r.scale]).toEqual(['bars', 'Two bars', 2]);
    const size = pngSize(r.png);
    expect(size.width).toBe(Math.round(2 * r.width));
    expect(Math.abs(size.height - 2 * r.height)).toBeLessThanOrEqual(1);
    const one = await renderFigure({ name: 'bars', title: 'Two bars', spec: bars() });
    expect(one.scale).toBe(2);
    expect(one.svg).toBe(r.svg);
  });
});
