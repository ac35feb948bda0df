/** The dashboard page: the run directory escaped, the poll interval in the text and the timer, and a script that parses. */
import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { dashboardPage } from './dashboard-page.js';

const scriptOf = (html: string): string => {
  const m = /<script>\n([\s\S]*?)<\/script>/.exec(html);
  if (m === null) throw new Error('no inline script');
  return m[1] as string;
};

describe('dashboardPage', () => {
  it('is a whole HTML document loading the local vega builds only (no network)', () => {
    const html = dashboardPage('runs/a', 2000);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    const srcs = [...html.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]);
    expect(srcs).toEqual(['/static/vega.min.js', '/static/vega-lite.min.js', '/static/vega-embed.min.js']);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toContain('<body data-evals="0" data-updates="0" data-rendered="0">');
  });

  it('escapes the run directory in the title and the text', () => {
    const html = dashboardPage('runs/<b>&"x"', 1000);
    expect(html).toContain('<title>mmgym dashboard: runs/&lt;b&gt;&amp;&quot;x&quot;</title>');
    expect(html).toContain('<code>runs/&lt;b&gt;&amp;&quot;x&quot;</code>');
    expect(html).not.toContain('<b>&');
  });

  it('states the poll interval in seconds and polls /api/state at that interval', () => {
    const html = dashboardPage('r', 2500);
    expect(html).toContain('refreshed every 2.5 s');
    const js = scriptOf(html);
    expect(js).toContain("fetch('/api/state'");
    expect(js.trimEnd().endsWith('setInterval(poll, 2500);')).toBe(true);
  });

  it('its script is valid JavaScript', () => {
    expect(() => new Script(scriptOf(dashboardPage('r', 750)))).not.toThrow();
  });
});
