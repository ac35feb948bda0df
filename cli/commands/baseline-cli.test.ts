/** What `baseline` and `quotes` share: the --env/--set options and how they resolve, and the error rule (`mmgym: <message>`, exit code 1, no stack). */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { describe, expect, it } from 'vitest';
import { runCommands } from '../test-utils/run-commands.js';
import { envArgs, envSetOptions, reportingErrors, type EnvSetArgs } from './baseline-cli.js';

/** A command made of the shared parts only: prints what envArgs resolves, or throws what it is told. */
function probe(): CommandModule<object, EnvSetArgs & { fail?: string; raw?: boolean }> {
  return {
    command: 'probe',
    describe: 'probe',
    builder: (y: Argv) => envSetOptions(y.option('fail', { type: 'string' }).option('raw', { type: 'boolean' })) as unknown as Argv<EnvSetArgs & { fail?: string; raw?: boolean }>,
    handler: reportingErrors((a: ArgumentsCamelCase<EnvSetArgs & { fail?: string; raw?: boolean }>) => {
      if (a.fail !== undefined) {
        if (a.raw === true) throw a.fail; // eslint-disable-line @typescript-eslint/only-throw-error -- a non-Error throw is part of the contract
        throw new RangeError(a.fail);
      }
      process.stdout.write(JSON.stringify(envArgs(a)));
    }),
  };
}

describe('envSetOptions / envArgs', () => {
  it('defaults: the default env and no overrides', async () => {
    const r = await runCommands([probe()], ['probe']);
    expect(JSON.parse(r.out)).toEqual({ env: 'default', overrides: {} });
    expect(r.code).toBeUndefined();
  });

  it('--set aliases and dotted paths become nested overrides; values parse as numbers, booleans, null, JSON or strings', async () => {
    const r = await runCommands([probe()], ['probe', '--env', 'glft2013', '--set', 'k=2', '--set', 'Q=3', '--set', 'reward.kind=pnl', '--set', 'action.grid=[0.25,0.75]', '--set', 'sigma=null']);
    expect(JSON.parse(r.out)).toEqual({ env: 'glft2013', overrides: { arrivals: { k: 2 }, maxInventory: 3, reward: { kind: 'pnl' }, action: { grid: [0.25, 0.75] }, price: { sigma: null } } });
  });

  it('a --set without name=value is reported as mmgym: <message> with exit code 1 and nothing on stdout', async () => {
    const r = await runCommands([probe()], ['probe', '--set', 'k']);
    expect(r.out).toBe('');
    expect(r.err).toBe('mmgym: --set must be name=value (names: k, A, sigma, mu, gamma, Q, T, dt, phi, alpha, s0, q0, maxDepth or a dotted config path), got "k"\n');
    expect(r.code).toBe(1);
  });
});

describe('reportingErrors', () => {
  it('an Error: its message only (no stack), exit code 1', async () => {
    const r = await runCommands([probe()], ['probe', '--fail', 'k must be > 0, got -1']);
    expect(r.err).toBe('mmgym: k must be > 0, got -1\n');
    expect(r.code).toBe(1);
  });

  it('a thrown non-Error is printed as a string', async () => {
    const r = await runCommands([probe()], ['probe', '--fail', 'plain text', '--raw']);
    expect(r.err).toBe('mmgym: plain text\n');
    expect(r.code).toBe(1);
  });

  it('a handler that succeeds leaves the exit code alone', () => {
    const before = process.exitCode;
    let seen = 0;
    reportingErrors((n: number) => {
      seen = n;
    })(5);
    expect(seen).toBe(5);
    expect(process.exitCode).toBe(before);
  });
});
