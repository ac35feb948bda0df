/**
 * The sim-to-real study as tables: what it did (spans, calibration, the two agents and the choice
 * on the select span), the test span's policies with block-bootstrap intervals, fills, fees,
 * markouts and inventory, and each policy minus HJB. Text for the terminal (`sim2realLines`) and a
 * self-contained HTML page (`sim2realHtml`) that links the test span's full evaluation report.
 */
import { relative } from 'node:path';
import { escapeHtml } from '../evals/report/escape-html.js';
import { formatNumber, formatTable, tableHtml, type TableData } from '../evals/report/table.js';
import type { Sim2RealResult } from './sim2real-result.js';

const f = (x: number | null, d = 4): string => formatNumber(x, d);
const ci = (c: [number, number]): string => `[${f(c[0])}, ${f(c[1])}]`;

export function sim2realTables(r: Sim2RealResult): TableData[] {
  return [
    {
      title: `Test span [${r.spans.test.join(', ')}] of the tape: ${r.test.episodes} windows (seeds ${r.test.seed}+), common random numbers; 95% intervals by moving-block bootstrap (blocks of ${r.test.blockLength} windows)`,
      header: ['policy', 'mean return', 's.e.', '95% block CI', 'PnL net of fees', 'bid fills', 'ask fills', 'fees', 'avg |q|', 'realised spread', 'adverse sel.'],
      rows: r.policies.map((p) => [p.name, f(p.mean), f(p.se), ci(p.ci), f(p.pnl), f(p.bidFills, 2), f(p.askFills, 2), f(p.fees), f(p.averageAbsInventory, 2), f(p.realisedSpread), f(p.adverseSelection)]),
    },
    {
      title: 'Paired difference to HJB on the same test windows',
      header: ['policy - hjb', 'return', '95% block CI', '95% iid paired-t CI', 'PnL net of fees', '95% block CI'],
      rows: r.pairedVsHjb.map((p) => [p.policy, f(p.mean), ci(p.ci), ci(p.iidCi), f(p.pnl.mean), ci(p.pnl.ci)]),
    },
    {
      title: `Choice on the select span [${r.spans.select.join(', ')}] (${r.selection.episodes} windows, seeds ${r.selection.seed}+)`,
      header: ['candidate', 'reward', 'mean return', 's.e.', `PnL net of fees${r.selection.by === 'pnl' ? ' (chosen by)' : ''}`],
      rows: [
        ...r.selection.agents.map((a) => [`${a.dir}${a.dir === r.selection.chosen ? ' (chosen)' : ''}`, a.reward, f(a.mean), f(a.se), f(a.pnl)]),
        [`fixed ${r.selection.fixedHalfSpread} (best of ${r.selection.fixedGrid.length} depths)`, r.params.reward, f(Math.max(...r.selection.fixedGrid.map((g) => g.mean))), '-', '-'],
      ],
    },
  ];
}

function header(r: Sim2RealResult): string[] {
  return [
    `${r.data}: ${r.tape.name}, ${r.tape.quoteUpdates} quote updates, ${r.tape.marketOrders} market orders, ${(r.tape.endTime - r.tape.startTime).toFixed(0)} s`,
    `spans: train [${r.spans.train.join(', ')}) calibrate + train, select [${r.spans.select.join(', ')}) choose, test [${r.spans.test.join(', ')}] report`,
    `calibrated on train: sigma ${f(r.params.sigma)} /sqrt(s), A ${f(r.params.A)} /s, k ${f(r.params.k)} (deviance/dof ${f(r.params.deviancePerDof, 1)}) -> ${r.params.file}`,
    `agents' reward: ${r.params.reward}${r.params.reward === 'pnl' ? ' (risk-neutral: the return is the PnL net of fees)' : ''}; ${r.params.orderSize} units per order`,
    `agents: simulator ${r.training.sim}, then the tape ${r.training.tape}; chosen ${r.selection.chosen}`,
  ];
}

export function sim2realLines(r: Sim2RealResult): string[] {
  return [...header(r), '', ...sim2realTables(r).flatMap((t) => [t.title ?? '', formatTable(t.header, t.rows), '']), r.onePath, `full test report: ${r.test.report}`];
}

export function sim2realHtml(r: Sim2RealResult, from = '.'): string {
  const link = relative(from, r.test.report) || r.test.report;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>mmgym sim2real: ${escapeHtml(r.tape.name)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}table{border-collapse:collapse;margin:1em 0}caption{text-align:left;font-weight:600;padding:.3em 0}th,td{padding:.25em .6em;border-bottom:1px solid #ddd}td{text-align:right;font-variant-numeric:tabular-nums}p.note{color:#555}</style></head>
<body><h1>Sim-to-real: ${escapeHtml(r.tape.name)}</h1>
${header(r).map((l) => `<p>${escapeHtml(l)}</p>`).join('\n')}
${sim2realTables(r).map(tableHtml).join('\n')}
<p class="note">${escapeHtml(r.onePath)}.</p>
<p>Figures of the test span (return distributions, paired differences, sample paths, markouts, inventory): <a href="${escapeHtml(link)}">${escapeHtml(link)}</a>.</p>
${r.command === undefined ? '' : `<p class="note">command: <code>${escapeHtml(r.command)}</code></p>`}
</body></html>
`;
}
