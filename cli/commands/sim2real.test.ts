/**
 * `mmgym sim2real`'s argument handling only (the study itself is run by studies/sim2real.test.ts):
 * the --help text, the parser's refusals, and that the flags reach the study — each checked
 * through a refusal the study makes before it trains anything.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yargs from 'yargs';
import { afterAll, describe, expect, it } from 'vitest';
import { runCommands } from '../test-utils/run-commands.js';
import { commandEntry } from './index.js';
import { sim2realCommand } from './sim2real.js';

const out = mkdtempSync(join(tmpdir(), 'mmgym-cli-s2r-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** The command's --help as yargs prints it (no process exit). */
async function help(): Promise<string> {
  return new Promise((resolve, reject) => {
    void yargs()
      .scriptName('mmgym')
      .command(sim2realCommand)
      .exitProcess(false)
      .wrap(null)
      .parse(['sim2real', '--help'], {}, (err: Error | null | undefined, _argv: unknown, output: string) => (err ? reject(err) : resolve(output)));
  });
}

const run = (argv: string[]) => runCommands([sim2realCommand], ['sim2real', ...argv]);

describe('mmgym sim2real: arguments', () => {
  it('--help describes the command and lists every option with its default and choices', async () => {
    const text = await help();
    expect(text).toContain(commandEntry('sim2real').describe);
    for (const o of ['--data', '--out', '--sim-timesteps', '--tape-timesteps', '--episodes', '--seed', '--horizon', '--dt', '--gamma', '--order-size', '--reward', '--fee-bps', '--json']) expect(text, o).toContain(o);
    expect(text).toMatch(/--sim-timesteps .*\[default: 300000\]/);
    expect(text).toMatch(/--tape-timesteps .*\[default: 300000\]/);
    expect(text).toMatch(/--episodes .*\[default: 1000\]/);
    expect(text).toMatch(/--order-size .*\[default: 1\]/);
    expect(text).toMatch(/--reward .*auto \(running-penalty,pnl\).*\[default: "auto"\]/s);
    expect(text).toMatch(/--data .*\[required\]/);
    expect(text).toMatch(/--out .*\[required\]/);
    expect(text).toContain('mmgym sim2real --data data/lobster-amzn-2012-06-21-l1 --out runs/amzn-s2r');
  });

  it('refuses a run without --data or --out, and a reward outside the choices', async () => {
    await expect(run(['--out', out])).rejects.toThrow(/Missing required argument: data/);
    await expect(run(['--data', 'data/x'])).rejects.toThrow(/Missing required argument: out/);
    await expect(run(['--data', 'data/x', '--out', out, '--reward', 'cara'])).rejects.toThrow('sim2real: reward must be one of running-penalty, realized-penalty, pnl (or auto), got "cara"');
    await expect(run(['--data', 'data/x', '--out', out, '--reward', 'pnl,cara'])).rejects.toThrow(/got "cara"/);
    // a non-number reaches the study as NaN, which refuses it naming the value
    await expect(run(['--data', 'data/x', '--out', out, '--episodes', 'many'])).rejects.toThrow('sim2real: episodes must be an integer >= 10, got NaN');
  });

  it('--episodes reaches the study (refused before anything is read or written)', async () => {
    await expect(run(['--data', 'data/none', '--out', join(out, 'e'), '--episodes', '5'])).rejects.toThrow('sim2real: episodes must be an integer >= 10, got 5');
  });

  it('--data reaches the study: a missing tape is refused, naming it', async () => {
    await expect(run(['--data', join(out, 'no-such-tape'), '--out', join(out, 'd'), '--episodes', '10'])).rejects.toThrow(/no-such-tape/);
  });

  it('--horizon reaches the study: a window longer than half the test span is refused with the range and the value', async () => {
    await expect(run(['--data', 'data/lobster-amzn-2012-06-21-l1', '--out', join(out, 'h'), '--episodes', '10', '--horizon', '1e9'])).rejects.toThrow(
      /^sim2real: horizon must be in \(0, [\d.]+\] s \(half the test span of .*\), got 1000000000$/,
    );
  });
});
