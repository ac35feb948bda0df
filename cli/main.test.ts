/**
 * The `mmgym` entry point as a child process (it parses process.argv when imported): no command,
 * an unknown command or option, and a command's own error all print `mmgym: <message>` on stderr
 * with exit code 1 (the failing command was loaded and given its flags). --help and --version: cli/commands/index.test.ts.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'mmgym-cli-main-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function mmgym(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, COLUMNS: '100' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.once('exit', (code) => resolve({ code, out, err }));
  });
}

describe('mmgym (entry point)', () => {
  it('usage errors show the help and end with `mmgym: <reason>`, exit code 1; a command\'s error is its message alone', async () => {
    const gone = join(dir, 'gone');
    const [none, typo, badOption, failing] = await Promise.all([mmgym([]), mmgym(['trian']), mmgym(['quotes', '--bogus', '1']), mmgym(['report', '--run', gone])]);

    expect(none.code).toBe(1);
    expect(none.err).toContain('mmgym <command> [options]');
    expect(none.err.trimEnd().endsWith('mmgym: Name a command; see --help.')).toBe(true);

    expect(typo.code).toBe(1);
    expect(typo.err).toMatch(/Did you mean train\?/);

    expect(badOption.code).toBe(1);
    expect(badOption.err.trimEnd().split('\n').at(-1)).toBe('mmgym: Unknown argument: bogus');
    expect(badOption.out).toBe('');

    expect(failing.code).toBe(1);
    expect(failing.err).toBe(`mmgym: run directory ${gone} does not exist\n`);
  }, 60_000);

});
