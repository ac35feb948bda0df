/**
 * `npm run bench:suite`: the benchmark suite "beyond the theory" (evals/suite.ts). For every
 * suite market: V*, the HJB policy's exact value and the headroom; every yardstick and shipped
 * agent (saved-models/<algo>-<market>) on the same fresh seeds (default 1,000 episodes from seed
 * 5,000,000, apart from training's evaluation seeds 1,000,000+); per agent the paired difference
 * to HJB with its 95% CI, the headroom captured and % of V*. Prints the table, writes it as JSON
 * (`--out`, default runs/bench-suite/suite.json) with a figure of headroom captured per market
 * (headroom-captured.png). Asserts nothing.
 *   npm run bench:suite -- [--episodes 1000] [--seed 5000000] [--markets trend,maker-fees] [--out DIR]
 */
import { mkdirSync } from 'node:fs';
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
        (h === null ? '' : `; headroom captured ${fmt(100 * h.mean, 1)}% [${fmt(100 * h.lo, 1)}, ${fmt(100 * h.hi, 1)}]; ${fmt(100 * (a.pctOfOptimum ?? NaN), 2)}% of V*`),
    );
  }
  if (r.agents.length === 0) lines.push('  (no shipped agent for this market)');
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main(): Promise<void> {
  const episodes = Number(arg('episodes', '1000'));
  const seed = Number(arg('seed', '5000000'));
  const marketsArg = arg('markets', '');
  const out = arg('out', 'runs/bench-suite');
  const backend = await selectBackend();
  console.log(`bench:suite: ${episodes} episodes from seed ${seed} (common random numbers); backend ${backend.name}; ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const t0 = performance.now();
  const rows = await runSuite({
    episodes,
    seed,
    savedModels: 'saved-models',
    ...(marketsArg !== '' ? { markets: marketsArg.split(',') } : {}),
  });
  rows.forEach(printRow);
  mkdirSync(out, { recursive: true });
  writeJsonAtomic(join(out, 'suite.json'), { tool: 'npm run bench:suite', episodes, seed, rows });
  const points = rows.flatMap((r) => r.agents.filter((a) => a.headroomCaptured !== null).map((a) => ({ market: r.market, agent: a.name, captured: 100 * a.headroomCaptured!.mean, lo: 100 * a.headroomCaptured!.lo, hi: 100 * a.headroomCaptured!.hi })));
  if (points.length > 0) {
    const fig = await renderFigure({
      name: 'headroom-captured',
      title: 'Headroom captured per market',
      spec: {
        $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
        title: { text: 'Headroom captured: (V_agent - V_HJB) / (V* - V_HJB)', subtitle: `${episodes} fresh seeds, common random numbers; bars: 95% paired-t CI` },
        width: 420,
        height: 220,
        data: { values: points },
        encoding: { y: { field: 'market', type: 'nominal', sort: null, title: null }, yOffset: { field: 'agent' } },
        layer: [
          { mark: { type: 'bar', opacity: 0.8 }, encoding: { x: { field: 'captured', type: 'quantitative', title: 'headroom captured (%)', scale: { domain: [0, 110] } }, color: { field: 'agent', type: 'nominal', title: 'agent' } } },
          { mark: { type: 'rule', color: 'black' }, encoding: { x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi' } } },
          { mark: { type: 'rule', color: '#c00', strokeDash: [4, 3] }, encoding: { x: { datum: 90 } } },
        ],
      },
    });
    writeFileAtomic(join(out, 'headroom-captured.png'), fig.png);
  }
  console.log(`\nwrote ${join(out, 'suite.json')}${points.length > 0 ? ` and ${join(out, 'headroom-captured.png')}` : ''} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

await main();
