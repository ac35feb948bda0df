/**
 * The command catalogue: every entry loads its module, whose command and description are the
 * entry's; `mmgym --help` lists every command and `--version` prints mmgym's own version, both
 * without loading tfjs or mathjs (a child process is checked for the modules it loaded).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS, commandEntry } from './index.js';

describe('command catalogue', () => {
  it('every entry loads a module that agrees with it', async () => {
    expect(new Set(COMMANDS.map((c) => c.name)).size).toBe(COMMANDS.length);
    for (const c of COMMANDS) {
      const m = await c.load();
      expect(m.command, c.name).toBe(c.command);
      expect(m.describe, c.name).toBe(c.describe);
      expect(String(m.command).split(' ')[0]).toBe(c.name);
    }
    expect(() => commandEntry('nope')).toThrow(/no mmgym command "nope"/);
  });

  it('--help lists every command and --version is mmgym\'s; neither loads a command (so neither tfjs nor mathjs)', () => {
    // the start-up path imports node builtins, yargs and the catalogue only (commands load through import())
    for (const f of ['cli/main.ts', 'cli/commands/index.ts', 'util/package-root.ts']) {
      const specifiers = [...readFileSync(f, 'utf8').matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
      for (const s of specifiers) expect(s, `${f} imports ${s}`).toMatch(/^(node:|yargs$|yargs\/helpers$|\.\/commands\/index\.js$|\.\.\/util\/package-root\.js$)|^yargs$/);
    }
    const help = execFileSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', '--help'], { encoding: 'utf8' });
    for (const c of COMMANDS) expect(help, c.name).toContain(c.describe.slice(0, 30));
    const version = execFileSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', '--version'], { encoding: 'utf8' }).trim();
    expect(version).toBe((JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version);
    // a command's own help loads that command
    const info = execFileSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'optimum', '--help'], { encoding: 'utf8' });
    expect(info).toContain('--json');
  });
});
