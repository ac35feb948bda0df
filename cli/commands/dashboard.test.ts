/**
 * `mmgym dashboard` as the real command line (a child process): the flags reach the server (the
 * URL on stdout, the page's poll interval, the run's state), and Ctrl-C (SIGINT) or SIGTERM stops
 * it cleanly with exit code 0. In-process: the parser's and the server's refusals.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCommands } from '../test-utils/run-commands.js';
import { dashboardCommand } from './dashboard.js';

const dirs: string[] = [];
const fresh = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'mmgym-cli-dash-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Starts `mmgym dashboard` and resolves with its URL once it prints it. */
function dashboard(args: string[]): { url: Promise<string>; stop: (signal: NodeJS.Signals) => Promise<{ code: number | null; out: string; err: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'dashboard', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /mmgym dashboard: (http:\/\/\S+) /.exec(out);
      if (m !== null) resolve(m[1] as string);
    });
    child.stderr.on('data', (b: Buffer) => {
      err += b.toString();
    });
    void exited.then((code) => reject(new Error(`dashboard exited (${code}) before printing its URL: ${err}`)));
  });
  return {
    url,
    stop: async (signal) => {
      child.kill(signal);
      return { code: await exited, out, err };
    },
  };
}

describe('mmgym dashboard (child process)', () => {
  it('serves the run at the printed URL with the --every poll interval; SIGINT stops it with exit code 0', async () => {
    const run = fresh();
    writeFileSync(join(run, 'run.json'), JSON.stringify({ options: { timesteps: 4000 } }));
    writeFileSync(join(run, 'updates.csv'), 'timesteps,approx_kl\n1000,0.01\n');
    const d = dashboard(['--run', run, '--port', '0', '--every', '500']);
    try {
      const url = await d.url;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const page = await (await fetch(url)).text();
      expect(page).toContain('refreshed every 0.5 s');
      expect(page).toContain('setInterval(poll, 500);');
      expect(page).toContain(`<code>${run}</code>`);
      const state = (await (await fetch(`${url}api/state`)).json()) as { run: string; progress: unknown };
      expect(state).toMatchObject({ run, progress: { timesteps: 1000, total: 4000 } });
    } finally {
      const r = await d.stop('SIGINT');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(new RegExp(`^mmgym dashboard: http://127\\.0\\.0\\.1:\\d+/ \\(run ${run}; Ctrl-C to stop\\)\\n$`));
    }
  }, 30_000);

  it('SIGTERM stops it too, and the port is free again', async () => {
    const d = dashboard(['--run', fresh(), '--port', '0']);
    const url = await d.url;
    // a served request means the handler has run past installing its signal listeners
    expect((await fetch(url)).status).toBe(200);
    const r = await d.stop('SIGTERM');
    expect(r.code).toBe(0);
    await expect(fetch(url)).rejects.toThrow();
  }, 30_000);
});

describe('mmgym dashboard (refusals)', () => {
  it('needs --run; a missing directory and a bad port are refused, naming them', async () => {
    await expect(runCommands([dashboardCommand], ['dashboard'])).rejects.toThrow(/Missing required argument: run/);
    await expect(runCommands([dashboardCommand], ['dashboard', '--run', '/nonexistent/run'])).rejects.toThrow(/--run \/nonexistent\/run: no such directory/);
    await expect(runCommands([dashboardCommand], ['dashboard', '--run', fresh(), '--port', '70000'])).rejects.toThrow(/--port must be an integer in \[0, 65535\], got 70000/);
  });
});
