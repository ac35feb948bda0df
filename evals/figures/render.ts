/**
 * Figure rendering: a Vega-Lite spec is compiled with vega-lite, rendered to SVG by vega's
 * headless `View.toSVG()` (no canvas needed), and rasterised to PNG with @resvg/resvg-js.
 */
import { Resvg } from '@resvg/resvg-js';
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export interface Figure {
  /** File-name stem, e.g. 'return-distribution'. */
  name: string;
  title: string;
  spec: TopLevelSpec;
}

export interface RenderedFigure {
  name: string;
  title: string;
  svg: string;
  png: Uint8Array;
  /** SVG size (CSS pixels); the PNG is `scale` times larger. */
  width: number;
  height: number;
  scale: number;
}

/** Shared look: white background, readable fonts. */
export const FIGURE_CONFIG = {
  background: 'white',
  font: 'DejaVu Sans, Helvetica, Arial, sans-serif',
  view: { stroke: '#ddd' },
  axis: { labelFontSize: 11, titleFontSize: 12 },
  legend: { labelFontSize: 11, titleFontSize: 12 },
  title: { fontSize: 14 },
} as const;

/** SVG of a Vega-Lite spec. */
export async function renderSvg(spec: TopLevelSpec): Promise<{ svg: string; width: number; height: number }> {
  const compiled = compile({ ...spec, config: { ...FIGURE_CONFIG, ...(spec.config ?? {}) } } as TopLevelSpec).spec;
  const view = new View(parse(compiled), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    const m = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
    if (m === null) throw new Error('vega produced an SVG without width/height');
    return { svg, width: Number(m[1]), height: Number(m[2]) };
  } finally {
    view.finalize();
  }
}

/** PNG of an SVG at `scale` x its size. */
export function svgToPng(svg: string, width: number, scale: number): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: Math.round(width * scale) },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}

export async function renderFigure(figure: Figure, scale = 2): Promise<RenderedFigure> {
  const { svg, width, height } = await renderSvg(figure.spec);
  return { name: figure.name, title: figure.title, svg, png: svgToPng(svg, width, scale), width, height, scale };
}

/** Reads width and height from a PNG's IHDR chunk; throws if the bytes are not a PNG. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.length < 24 || sig.some((b, i) => png[i] !== b)) throw new Error('not a PNG: bad signature');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  if (String.fromCharCode(png[12] as number, png[13] as number, png[14] as number, png[15] as number) !== 'IHDR') {
    throw new Error('not a PNG: first chunk is not IHDR');
  }
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
