/**
 * `npm run bench:suite`: the benchmark suite "beyond the theory" (evals/suite.ts). For every
 * suite market: V*, the HJB policy's exact value and the headroom; every yardstick and shipped
 * agent (saved-models/<algo>-<market>) on the same fresh seeds (default 1,000 episodes from seed
 * 5,000,000, apart from training's evaluation seeds 1,000,000+); per agent the paired difference
 * to HJB with its 95% CI, the headroom captured and % of V*. Prints the table, writes it as JSON
 * (`--out`, default runs/bench-suite/suite.json) with a figure of headroom captured per market
 * (headroom-captured.png). Asserts nothing.
 *   npm run bench:suite -- [--episodes 1000] [--seed 5000000] [--markets trend,maker-fees] [--out DIR]
 *   npm run bench:suite -- --from DIR/suite.json --out DIR     (redraw table and figure only)
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { selectBackend } from '../models/backend.js';
import { runSuite, type SuiteRow } from '../evals/suite.js';
import { renderFigure } from '../evals/figures/render.js';
import { writeFileAtomic, writeJsonAtomic } from '../util/atomic-write.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? (process.argv[i + 1] as string) : fallback;
}

const fmt = (x: number | null | undefined, d = 3): string => (x === null || x === undefined ? '-' : x.toFixed(d));

function printRow(r: SuiteRow): void {
  const lines: string[] = [];
  const opt = r.optimum;
  lines.push(`\n${r.market} — breaks: ${r.breaks}`);
  lines.push(
    opt === null
      ? `  no exact optimum (${r.optimumNote}); yardstick: the HJB policy`
      : `  V* = ${fmt(opt.value, 4)}, V_HJB = ${fmt(opt.hjbValue, 4)}: headroom ${fmt(opt.headroom, 4)} (${fmt(opt.headroomPct, 2)}% of V_HJB)`,
  );
  lines.push(`  ${'policy'.padEnd(28)}${'mean ± s.e.'.padStart(20)}${'exact'.padStart(11)}`);
  for (const p of r.policies) lines.push(`  ${p.name.padEnd(28)}${`${fmt(p.mean)} ± ${fmt(p.se)}`.padStart(20)}${fmt(p.exact).padStart(11)}`);
  for (const a of r.agents) {
    const h = a.headroomCaptured;
    lines.push(
      `  ${a.name} - hjb: ${fmt(a.diffVsHjb.mean)} [${fmt(a.diffVsHjb.lo)}, ${fmt(a.diffVsHjb.hi)}] (95% paired t)` +
        (h === null ? '' : `; headroom captured ${fmt(100 * h.mean, 1)}% [${fmt(100 * h.lo, 1)}, ${fmt(100 * h.hi, 1)}]; ${fmt(100 * (a.pctOfOptimum ?? NaN), 2)}% of V*`) +
        (a.exact === null ? '' : `; exactly: ${fmt(a.exact.value, 4)}, ${fmt(100 * a.exact.headroomCaptured, 1)}% of the headroom, ${fmt(100 * a.exact.pctOfOptimum, 2)}% of V*`),
    );
  }
  if (r.agents.length === 0) lines.push('  (no shipped agent for this market)');
  process.stdout.write(`${lines.join('\n')}\n`);
}

/**
 * A market's best agent: the shipped one, saved-models/<algo>-<market> — chosen on training's
 * evaluation seeds, never by its figure on these test seeds (that would select on the reported seeds).
 */
function bestAgent(r: SuiteRow): SuiteRow['agents'][number] | undefined {
  return r.agents.find((a) => a.recipe === null);
}

/** Every agent per market (the shipped one and the other recipes), for the README's per-recipe table. */
export function recipesTable(rows: SuiteRow[]): string {
  const out = ['| Market | Agent | Recipe | Agent - HJB [95% CI] | Headroom captured [95% CI] | captured, exact |', '|---|---|---|---|---|---|'];
  for (const r of rows) {
    for (const a of r.agents) {
      const h = a.headroomCaptured;
      out.push(
        `| \`${r.market}\` | \`${a.name}\` | ${a.recipe ?? 'shipped'} | ${fmt(a.diffVsHjb.mean)} [${fmt(a.diffVsHjb.lo)}, ${fmt(a.diffVsHjb.hi)}] | ` +
          `${h === null ? '—' : `${fmt(100 * h.mean, 1)}% [${fmt(100 * h.lo, 1)}, ${fmt(100 * h.hi, 1)}]`} | ${a.exact === null ? '—' : `${fmt(100 * a.exact.headroomCaptured, 1)}%`} |`,
      );
    }
  }
  return out.join('\n');
}

/** The README's headline table: one row per market, its shipped agent. */
export function markdownTable(rows: SuiteRow[]): string {
  const out = [
    '| Market | Breaks | V* | HJB (exact) | Headroom | Best agent | Agent - HJB [95% CI] | Headroom captured [95% CI] | captured, exact | % of V* (exact) |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const best = bestAgent(r);
    const o = r.optimum;
    const hjb = r.policies.find((p) => p.name === 'hjb');
    const h = best?.headroomCaptured ?? null;
    out.push(
      `| \`${r.market}\` | ${r.breaks} | ${o === null ? '—' : fmt(o.value)} | ${o === null ? `${fmt(hjb?.mean)} ± ${fmt(hjb?.se)} (MC)` : fmt(o.hjbValue)} | ${o === null ? '—' : `${fmt(o.headroomPct, 2)}%`} | ` +
        `${best === undefined ? '—' : `\`${best.name}\``} | ${best === undefined ? '—' : `${fmt(best.diffVsHjb.mean)} [${fmt(best.diffVsHjb.lo)}, ${fmt(best.diffVsHjb.hi)}]`} | ` +
        `${h === null ? '—' : `${fmt(100 * h.mean, 1)}% [${fmt(100 * h.lo, 1)}, ${fmt(100 * h.hi, 1)}]`} | ` +
        `${best?.exact == null ? '—' : `${fmt(100 * best.exact.headroomCaptured, 1)}%`} | ${best?.exact == null ? '—' : `${fmt(100 * best.exact.pctOfOptimum, 2)}%`} |`,
    );
  }
  return out.join('\n');
}

async function main(): Promise<void> {
  const episodes = Number(arg('episodes', '1000'));
  const seed = Number(arg('seed', '5000000'));
  const marketsArg = arg('markets', '');
  const out = arg('out', 'runs/bench-suite');
  const backend = await selectBackend();
  console.log(`bench:suite: ${episodes} episodes from seed ${seed} (common random numbers); backend ${backend.name}; ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const t0 = performance.now();
  const from = arg('from', '');
  // --from suite.json: redraw the table and figure of an earlier run without playing again
  const rows: SuiteRow[] =
    from !== ''
      ? (JSON.parse(readFileSync(from, 'utf8')) as { rows: SuiteRow[] }).rows
      : await runSuite({
          episodes,
          seed,
          savedModels: 'saved-models',
          ...(marketsArg !== '' ? { markets: marketsArg.split(',') } : {}),
        });
  rows.forEach(printRow);
  process.stdout.write(`\nSummary (markdown):\n\n${markdownTable(rows)}\n\nEvery recipe (markdown):\n\n${recipesTable(rows)}\n`);
  mkdirSync(out, { recursive: true });
  if (from === '') writeJsonAtomic(join(out, 'suite.json'), { tool: 'npm run bench:suite', command: `npm run bench:suite -- ${process.argv.slice(2).join(' ')}`.trim(), episodes, seed, loadAverage: loadavg(), rows });
  const points = rows.flatMap((r) => {
    const best = bestAgent(r);
    const h = best?.headroomCaptured ?? null;
    return best === undefined || h === null ? [] : [{ market: r.market, agent: best.name, captured: 100 * h.mean, lo: 100 * h.lo, hi: 100 * h.hi }];
  });
  if (points.length > 0) {
    const fig = await renderFigure({
      name: 'headroom-captured',
      title: 'Headroom captured per market',
      spec: {
        $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
        title: { text: 'Headroom captured: (V_agent - V_HJB) / (V* - V_HJB)', subtitle: [`best agent per market; ${episodes} fresh seeds, common random numbers`, 'black: 95% paired-t CI; red: the 90% target; grey: CI not above 0'] },
        width: 420,
        height: 220,
        data: { values: points },
        layer: [
          {
            mark: { type: 'bar', opacity: 0.85, height: 16 },
            encoding: {
              y: { field: 'market', type: 'nominal', sort: null, title: null },
              x: { field: 'captured', type: 'quantitative', title: 'headroom captured (%)', scale: { domain: [Math.min(0, ...points.map((p) => p.lo)) - 5, 110] } },
              color: { condition: { test: 'datum.lo > 0', value: '#4c78a8' }, value: '#bbb' },
              tooltip: [{ field: 'agent' }, { field: 'captured', format: '.1f' }, { field: 'lo', format: '.1f' }, { field: 'hi', format: '.1f' }],
            },
          },
          { mark: { type: 'rule', color: 'black', strokeWidth: 1.5 }, encoding: { y: { field: 'market', type: 'nominal', sort: null }, x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi' } } },
          { mark: { type: 'text', align: 'left', dx: 4, fontSize: 11 }, encoding: { y: { field: 'market', type: 'nominal', sort: null }, x: { field: 'hi', type: 'quantitative' }, text: { field: 'captured', type: 'quantitative', format: '.1f' } } },
          { data: { values: [{ x: 90 }] }, mark: { type: 'rule', color: '#c00', strokeDash: [4, 3] }, encoding: { x: { field: 'x', type: 'quantitative' } } },
          { data: { values: [{ x: 0 }] }, mark: { type: 'rule', color: '#666' }, encoding: { x: { field: 'x', type: 'quantitative' } } },
        ],
      },
    });
    writeFileAtomic(join(out, 'headroom-captured.png'), fig.png);
  }
  console.log(`\nwrote ${join(out, 'suite.json')}${points.length > 0 ? ` and ${join(out, 'headroom-captured.png')}` : ''} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

await main();
