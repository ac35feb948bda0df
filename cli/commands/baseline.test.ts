/** `mmgym baseline` in-process: the flags reach evaluateBaseline / reproduceAs2008, the JSON is their report, the text shows its numbers, errors follow the CLI rule. */
import { describe, expect, it } from 'vitest';
import { reproduceAs2008 } from '../../baselines/as2008.js';
import { evaluateBaseline, type BaselineReport } from '../../baselines/baseline-report.js';
import { runCommands } from '../test-utils/run-commands.js';
import { baselineCommand } from './baseline.js';

const run = (argv: string[]) => runCommands([baselineCommand], ['baseline', ...argv]);

describe('mmgym baseline', () => {
  it('--json prints the BaselineReport of the flags (policy, env, --set, episodes, seed)', async () => {
    const r = await run(['--policy', 'fixed', '--set', 'T=0.2', '--episodes', '12', '--seed', '5', '--json']);
    expect(r.code).toBeUndefined();
    const want = evaluateBaseline({ policy: 'fixed', env: 'default', overrides: { horizon: 0.2 }, episodes: 12, seed: 5 });
    expect(JSON.parse(r.out)).toEqual(JSON.parse(JSON.stringify(want)));
    expect((JSON.parse(r.out) as BaselineReport).episodes).toBe(12);
  });

  it('--num-envs changes how many envs step together, not the episodes (episode e uses seed + e)', async () => {
    const a = await run(['--policy', 'as', '--set', 'T=0.2', '--episodes', '6', '--json']);
    const b = await run(['--policy', 'as', '--set', 'T=0.2', '--episodes', '6', '--num-envs', '4', '--json']);
    const ja = JSON.parse(a.out) as BaselineReport;
    const jb = JSON.parse(b.out) as BaselineReport;
    expect([ja.numEnvs, jb.numEnvs]).toEqual([6, 4]);
    expect({ ...jb, numEnvs: 6 }).toEqual(ja);
  });

  it('the text shows the report\'s numbers: seeds, return and PnL (mean +- se, std), |q_T|, fills, the optimum', async () => {
    const r = await run(['--policy', 'hjb', '--set', 'T=0.2', '--episodes', '10', '--seed', '3']);
    const rep = evaluateBaseline({ policy: 'hjb', env: 'default', overrides: { horizon: 0.2 }, episodes: 10, seed: 3 });
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toBe(`${rep.policy} on default: 10 episodes, seeds 3..12 (mean +- standard error)`);
    expect(lines[1]).toBe(`  episode return       ${rep.return.mean.toFixed(3)} +- ${rep.return.se.toFixed(3)}   (std ${rep.return.std.toFixed(3)})`);
    expect(lines[2]).toBe(`  terminal PnL         ${rep.terminalPnl.mean.toFixed(3)} +- ${rep.terminalPnl.se.toFixed(3)}   (std ${rep.terminalPnl.std.toFixed(3)})`);
    expect(lines[3]).toBe(`  mean |q_T|           ${rep.absFinalInventory.mean.toFixed(3)} +- ${rep.absFinalInventory.se.toFixed(3)}`);
    expect(lines[4]).toBe(`  fills per episode    ${rep.fills.mean.toFixed(2)} +- ${rep.fills.se.toFixed(2)}`);
    expect(lines).toHaveLength(7);
    if (rep.optimalReturn === null) expect(lines[6]).toBe(`  optimal value: none (${rep.optimalNote})`);
    else expect(lines[6]).toContain(`on the return scale ${rep.optimalReturn.toFixed(3)}`);
  });

  it('--reproduce as2008 --json: {reproduce, simulations, seed, rows} from the chosen engine', async () => {
    const r = await run(['--reproduce', 'as2008', '--engine', 'paper', '--episodes', '20', '--seed', '1', '--json']);
    const j = JSON.parse(r.out) as { reproduce: string; simulations: number; seed: number; rows: { engine: string }[] };
    expect(Object.keys(j)).toEqual(['reproduce', 'simulations', 'seed', 'rows']);
    expect([j.reproduce, j.simulations, j.seed]).toEqual(['as2008', 20, 1]);
    expect(j.rows).toEqual(JSON.parse(JSON.stringify(reproduceAs2008({ simulations: 20, seed: 1, engine: 'paper' }))));
    expect(new Set(j.rows.map((x) => x.engine))).toEqual(new Set(['paper']));
  });

  it('--reproduce as2008 as text: both engines side by side, five columns per published row', async () => {
    const r = await run(['--reproduce', 'as2008', '--episodes', '10']);
    const rows = reproduceAs2008({ simulations: 10, seed: 0, engine: 'paper' });
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Avellaneda & Stoikov \(2008\), Tables 1-3: 10 simulations per row\./);
    expect(lines[2]).toMatch(/^gamma +strategy +column +published +paper +z\/% +env +z\/%$/);
    expect(lines.length).toBe(3 + 5 * rows.length);
    const first = rows[0];
    expect(lines[3]).toMatch(new RegExp(`^${String(first?.published.gamma)} +${first?.published.strategy} +spread +${first?.published.spread.toFixed(2)} +${first?.spread.toFixed(2)}`));
  });

  it('a bad value is `mmgym: <message>` naming the field, exit code 1; an unknown policy is refused by the parser', async () => {
    const r = await run(['--policy', 'fixed', '--set', 'k=-1', '--episodes', '2']);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^mmgym: .*arrivals\.k.*-1/);
    expect(r.code).toBe(1);
    await expect(run(['--policy', 'nope'])).rejects.toThrow(/Invalid values:\s+Argument: policy, Given: "nope"/);
    await expect(run(['--reproduce', 'as2009'])).rejects.toThrow(/Argument: reproduce, Given: "as2009", Choices: "as2008"/);
  });
});
