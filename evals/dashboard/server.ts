/**
 * `mmgym dashboard` as a library function: a local HTTP server (node:http) for one run
 * directory. GET / is the page, GET /api/state the run's current state (dashboard-state.ts, read
 * afresh each time), GET /static/<vega|vega-lite|vega-embed>.min.js the browser builds of the
 * package's own dependencies. Binds to 127.0.0.1 unless told otherwise; port 0 = any free port.
 */
import { createServer, type Server } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { ConfigError } from '../../util/errors.js';
import { dashboardPage } from './dashboard-page.js';
import { dashboardState } from './dashboard-state.js';

export const DEFAULT_DASHBOARD_PORT = 6006;
export const DEFAULT_POLL_MS = 2000;

const require = createRequire(import.meta.url);
/** The UMD builds, next to each package's resolved entry (their build/ folders). */
const STATIC: Readonly<Record<string, string>> = Object.freeze({
  'vega.min.js': join(dirname(require.resolve('vega')), 'vega.min.js'),
  'vega-lite.min.js': join(dirname(require.resolve('vega-lite')), 'vega-lite.min.js'),
  'vega-embed.min.js': join(dirname(require.resolve('vega-embed')), 'vega-embed.min.js'),
});

export interface DashboardOptions {
  runDir: string;
  port?: number;
  host?: string;
  pollMs?: number;
}

export interface Dashboard {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export async function startDashboard(options: DashboardOptions): Promise<Dashboard> {
  const runDir = resolve(options.runDir);
  if (!existsSync(runDir)) throw new ConfigError(`--run ${options.runDir}: no such directory (a run directory of mmgym train, e.g. runs/ppo-default)`);
  const port = options.port ?? DEFAULT_DASHBOARD_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`--port must be an integer in [0, 65535], got ${port}`);
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  if (!(pollMs >= 100 && pollMs <= 600_000)) throw new ConfigError(`--every must be in [100, 600000] ms, got ${pollMs}`);
  const host = options.host ?? '127.0.0.1';
  const page = dashboardPage(runDir, pollMs);
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] as string;
    try {
      if (req.method !== 'GET') {
        res.writeHead(405).end();
      } else if (path === '/') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
      } else if (path === '/favicon.ico') {
        res.writeHead(204).end();
      } else if (path === '/api/state') {
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(dashboardState(runDir)));
      } else if (path.startsWith('/static/') && STATIC[path.slice(8)] !== undefined) {
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'max-age=3600' }).end(readFileSync(STATIC[path.slice(8)] as string));
      } else {
        res.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${path}`);
      }
    } catch (e) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(`mmgym dashboard: ${(e as Error).message}`);
    }
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', (e: NodeJS.ErrnoException) => fail(e.code === 'EADDRINUSE' ? new ConfigError(`--port ${port} on ${host} is in use: pick another (--port 0 = any free one)`) : e));
    server.listen(port, host, () => ok());
  });
  const addr = server.address();
  const actual = typeof addr === 'object' && addr !== null ? addr.port : port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${actual}/`,
    server,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
