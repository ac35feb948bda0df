/**
 * The dashboard's page: polls /api/state every `pollMs` and, when the run has written something
 * new, redraws each figure with vega-embed (served from this package's own vega, vega-lite and
 * vega-embed builds: no network needed). The body's data-evals / data-updates / data-rendered
 * attributes say what is on screen (the browser tests read them).
 */
import { escapeHtml } from '../report/html.js';

export function dashboardPage(runDir: string, pollMs: number): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>mmgym dashboard: ${escapeHtml(runDir)}</title>
<style>
body{font-family:DejaVu Sans,Helvetica,Arial,sans-serif;max-width:1300px;margin:1.5em auto;padding:0 1em;color:#222}
#progress{height:14px;background:#eee;border-radius:7px;overflow:hidden;width:420px;display:inline-block;vertical-align:middle}
#bar{display:block;height:100%;background:#4c78a8;width:0}
table{border-collapse:collapse;font-size:14px}td,th{padding:3px 10px;border-bottom:1px solid #ddd;text-align:right}th{text-align:left}
.muted{color:#666}#error{color:#b00}
</style>
<script src="/static/vega.min.js"></script><script src="/static/vega-lite.min.js"></script><script src="/static/vega-embed.min.js"></script>
</head><body data-evals="0" data-updates="0" data-rendered="0">
<h1>mmgym dashboard</h1>
<p class="muted">run <code>${escapeHtml(runDir)}</code> · refreshed every ${pollMs / 1000} s · <span id="stamp">-</span></p>
<p><span id="progress"><span id="bar"></span></span> <span id="steps">waiting for the run's logs</span></p>
<p id="error"></p>
<h2>Latest evaluation</h2><div id="latest" class="muted">none yet</div>
<div id="figures"></div>
<script>
const fmt = (v, d = 4) => (typeof v === 'number' && Number.isFinite(v) ? (Math.abs(v) >= 1e5 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : v.toFixed(d)) : '-');
let seen = '';
async function poll() {
  try {
    const s = await (await fetch('/api/state', { cache: 'no-store' })).json();
    document.getElementById('stamp').textContent = new Date().toLocaleTimeString();
    document.getElementById('error').textContent = s.waiting ?? '';
    const t = s.progress.timesteps, T = s.progress.total;
    document.getElementById('steps').textContent = t === null ? 'no update logged yet' : T ? t + ' / ' + T + ' env steps (' + (100 * t / T).toFixed(1) + '%)' : t + ' env steps';
    document.getElementById('bar').style.width = t !== null && T ? Math.min(100, 100 * t / T) + '%' : '0';
    const key = s.evalCount + '/' + s.updateCount;
    if (key === seen) return;
    seen = key;
    const e = s.latestEval;
    document.getElementById('latest').innerHTML = e === null ? 'none yet' : '<table><tr>' + ['eval', 'timesteps', 'mean_return', 'hjb_mean_return', 'pct_optimal', 'exact_return', 'pct_exact_optimum'].map((k) => '<th>' + k + '</th>').join('') + '</tr><tr>' +
      ['eval', 'timesteps', 'mean_return', 'hjb_mean_return', 'pct_optimal', 'exact_return', 'pct_exact_optimum'].map((k) => '<td>' + (k === 'eval' || k === 'timesteps' ? (e[k] ?? '-') : k.startsWith('pct') ? (typeof e[k] === 'number' ? (100 * e[k]).toFixed(2) + '%' : '-') : fmt(e[k])) + '</td>').join('') + '</tr></table>';
    const box = document.getElementById('figures');
    let rendered = 0;
    for (const f of s.figures) {
      let el = document.getElementById('fig-' + f.name);
      if (el === null) {
        const fig = document.createElement('figure');
        fig.innerHTML = '<figcaption><b></b></figcaption><div></div>';
        fig.querySelector('b').textContent = f.title;
        el = fig.querySelector('div');
        el.id = 'fig-' + f.name;
        box.appendChild(fig);
      }
      await vegaEmbed(el, f.spec, { renderer: 'svg', actions: false });
      rendered++;
    }
    document.body.dataset.evals = String(s.evalCount);
    document.body.dataset.updates = String(s.updateCount);
    document.body.dataset.rendered = String(rendered);
  } catch (err) {
    document.getElementById('error').textContent = 'dashboard: ' + err.message;
  }
}
poll();
setInterval(poll, ${pollMs});
</script>
</body></html>
`;
}
