/** The sim-to-real study's text and HTML on a hand-made result: every number where it belongs, the choice marked, HTML escaped, the report linked relatively. */
import { describe, expect, it } from 'vitest';
import { sim2realHtml, sim2realLines, sim2realTables } from './sim2real-report.js';
import type { Sim2RealResult } from './sim2real-result.js';

function result(patch: Partial<Sim2RealResult> = {}): Sim2RealResult {
  return {
    tool: 'mmgym sim2real',
    data: 'data/tape',
    tape: { name: 'AMZN <day>', startTime: 100, endTime: 460.4, quoteUpdates: 1234, marketOrders: 56 },
    spans: { train: [0, 0.6], select: [0.6, 0.8], test: [0.8, 1] },
    params: { file: '/out/params.json', sigma: 0.0123, A: 1.5, k: 42.25, deviancePerDof: 1.26, warnings: [], reward: 'running-penalty', orderSize: 1 },
    training: { sim: '/out/sim', tape: '/out/tape' },
    selection: {
      by: 'return',
      agents: [
        { dir: '/out/sim', mean: 0.5, se: 0.1, pnl: 0.625, reward: 'running-penalty' },
        { dir: '/out/tape', mean: 0.75, se: 0.125, pnl: 0.5, reward: 'running-penalty' },
      ],
      chosen: '/out/tape',
      fixedGrid: [
        { halfSpread: 0.01, mean: 0.2 },
        { halfSpread: 0.02, mean: 0.3 },
        { halfSpread: 0.04, mean: -0.1 },
      ],
      fixedHalfSpread: 0.02,
      episodes: 40,
      seed: 3_000_000,
    },
    test: { episodes: 50, seed: 4_000_000, blockLength: 5, report: '/out/test/report.html' },
    policies: [
      { name: 'agent', mean: 1.5, se: 0.25, ci: [1, 2], pnl: 2.5, bidFills: 3.456, askFills: 2, fees: 0, averageAbsInventory: 1.234, realisedSpread: 0.01, adverseSelection: null },
      { name: 'hjb', mean: 1, se: 0.2, ci: [0.6, 1.4], pnl: 2, bidFills: 3, askFills: 3, fees: 0.5, averageAbsInventory: null, realisedSpread: null, adverseSelection: 0.002 },
    ],
    pairedVsHjb: [{ policy: 'agent', mean: 0.5, ci: [0.1, 0.9], iidCi: [0.2, 0.8], pnl: { mean: 0.5, ci: [-0.1, 1.1] } }],
    onePath: 'one path: agent vs hjb',
    ...patch,
  };
}

describe('sim2realTables', () => {
  it('the test table: one row per policy, 4 decimals, 2 for fills and inventory, "-" for a missing value', () => {
    const [test] = sim2realTables(result());
    expect(test?.title).toBe('Test span [0.8, 1] of the tape: 50 windows (seeds 4000000+), common random numbers; 95% intervals by moving-block bootstrap (blocks of 5 windows)');
    expect(test?.rows).toEqual([
      ['agent', '1.5000', '0.2500', '[1.0000, 2.0000]', '2.5000', '3.46', '2.00', '0.0000', '1.23', '0.0100', '-'],
      ['hjb', '1.0000', '0.2000', '[0.6000, 1.4000]', '2.0000', '3.00', '3.00', '0.5000', '-', '-', '0.0020'],
    ]);
    expect(test?.header).toHaveLength(test?.rows[0]?.length ?? 0);
  });

  it('the paired table: return and PnL differences with both intervals', () => {
    const paired = sim2realTables(result())[1];
    expect(paired?.rows).toEqual([['agent', '0.5000', '[0.1000, 0.9000]', '[0.2000, 0.8000]', '0.5000', '[-0.1000, 1.1000]']]);
  });

  it('the choice table marks the chosen agent and gives the best fixed depth\'s mean', () => {
    const choice = sim2realTables(result())[2];
    expect(choice?.title).toBe('Choice on the select span [0.6, 0.8] (40 windows, seeds 3000000+)');
    expect(choice?.header).toEqual(['candidate', 'reward', 'mean return', 's.e.', 'PnL net of fees']);
    expect(choice?.rows).toEqual([
      ['/out/sim', 'running-penalty', '0.5000', '0.1000', '0.6250'],
      ['/out/tape (chosen)', 'running-penalty', '0.7500', '0.1250', '0.5000'],
      ['fixed 0.02 (best of 3 depths)', 'running-penalty', '0.3000', '-', '-'],
    ]);
    // chosen by PnL (several rewards): the PnL column says so
    const byPnl = result();
    byPnl.selection.by = 'pnl';
    expect(sim2realTables(byPnl)[2]?.header[4]).toBe('PnL net of fees (chosen by)');
  });
});

describe('sim2realLines', () => {
  it('the header (tape, spans, calibration, agents), the three tables, the path note and the report', () => {
    const lines = sim2realLines(result());
    expect(lines.slice(0, 5)).toEqual([
      'data/tape: AMZN <day>, 1234 quote updates, 56 market orders, 360 s',
      'spans: train [0, 0.6) calibrate + train, select [0.6, 0.8) choose, test [0.8, 1] report',
      'calibrated on train: sigma 0.0123 /sqrt(s), A 1.5000 /s, k 42.2500 (deviance/dof 1.3) -> /out/params.json',
      "agents' reward: running-penalty; 1 units per order",
      'agents: simulator /out/sim, then the tape /out/tape; chosen /out/tape',
    ]);
    expect(lines[5]).toBe('');
    const text = lines.join('\n');
    for (const t of sim2realTables(result())) expect(text).toContain(t.title as string);
    expect(text).toMatch(/^agent +1\.5000 +0\.2500 +\[1\.0000, 2\.0000\]/m);
    expect(lines.at(-2)).toBe('one path: agent vs hjb');
    expect(lines.at(-1)).toBe('full test report: /out/test/report.html');
  });

  it('a pnl reward is called risk-neutral; the lot is stated', () => {
    const r = result();
    const lines = sim2realLines({ ...r, params: { ...r.params, reward: 'pnl', orderSize: 0.001 } });
    expect(lines[3]).toBe("agents' reward: pnl (risk-neutral: the return is the PnL net of fees); 0.001 units per order");
  });
});

describe('sim2realHtml', () => {
  it('escapes the tape name, links the test report relative to the page, and shows the command when there is one', () => {
    const html = sim2realHtml(result({ command: 'mmgym sim2real --data "a<b"' }), '/out');
    expect(html).toContain('<title>mmgym sim2real: AMZN &lt;day&gt;</title>');
    expect(html).not.toContain('AMZN <day>');
    expect(html).toContain('<a href="test/report.html">test/report.html</a>');
    expect(html).toContain('<code>mmgym sim2real --data &quot;a&lt;b&quot;</code>');
    expect(html.match(/<table>/g)).toHaveLength(3);
    expect(html).toContain('<th scope="row">/out/tape (chosen)</th>');
  });

  it('without a command there is no command line; a report at the page\'s own path links by its path', () => {
    const html = sim2realHtml(result(), '/out/test/report.html');
    expect(html).not.toContain('command:');
    expect(html).toContain('<a href="/out/test/report.html">');
  });
});
