/**
 * A self-contained HTML report: the comparison tables (HTML tables) and every figure as inline SVG (the PNG
 * files sit beside it). No scripts, no external assets: it opens anywhere.
 */
import type { Comparison } from '../compare.js';
import type { RenderedFigure } from '../figures/render.js';
import { escapeHtml } from './escape-html.js';
import { comparisonTablesHtml } from './table.js';

export { escapeHtml };

export interface ReportMeta {
  title: string;
  /** Lines shown under the title (command, env, seeds, ...). */
  details: string[];
}

/** `extraSections`: HTML fragments (trusted, already escaped) placed after the summary, before the figures. */
export function reportHtml(meta: ReportMeta, comparison: Comparison | null, figures: readonly RenderedFigure[], extraSections: readonly string[] = []): string {
  const parts: string[] = [];
  parts.push(`<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(meta.title)}</title>`);
  parts.push(
    '<style>body{font-family:DejaVu Sans,Helvetica,Arial,sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#222}' +
      'pre{background:#f6f6f6;padding:1em;overflow-x:auto;font-size:12px}figure{margin:2em 0}figcaption{font-weight:bold;margin-bottom:.5em}' +
      'ul.meta{color:#555;font-size:14px}' +
      'table{border-collapse:collapse;margin:1em 0 2em;font-size:14px}caption{text-align:left;font-weight:bold;padding:.3em 0;caption-side:top}' +
      'th,td{padding:.25em .6em;border-bottom:1px solid #ddd}td{text-align:right;font-variant-numeric:tabular-nums}thead th{border-bottom:2px solid #999;text-align:right}' +
      'thead th:first-child,tbody th{text-align:left}p.note{color:#444;font-size:14px}</style></head><body>',
  );
  parts.push(`<h1>${escapeHtml(meta.title)}</h1>`);
  parts.push(`<ul class="meta">${meta.details.map((d) => `<li>${escapeHtml(d)}</li>`).join('')}</ul>`);
  if (comparison !== null) {
    parts.push('<h2>Summary</h2>');
    parts.push(comparisonTablesHtml(comparison));
  }
  parts.push(...extraSections);
  if (figures.length > 0) {
    parts.push('<h2>Figures</h2>');
    for (const f of figures) {
      parts.push(`<figure id="${escapeHtml(f.name)}"><figcaption>${escapeHtml(f.title)} (<a href="${escapeHtml(f.name)}.png">PNG</a>)</figcaption>`);
      parts.push(f.svg.replace(/^<\?xml[^>]*>\s*/, ''));
      parts.push('</figure>');
    }
  }
  parts.push('</body></html>\n');
  return parts.join('\n');
}
