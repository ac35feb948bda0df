import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dashboardState } from './dashboard-state.js';
import { startDashboard } from './server.js';

describe('dashboard server (no browser)', () => {
  it('serves the page, the state and the vega builds on 127.0.0.1; 404 elsewhere', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mmgym-dash-'));
    expect(dashboardState(dir).waiting).toMatch(/no training logs in/);
    writeFileSync(join(dir, 'run.json'), JSON.stringify({ options: { timesteps: 8192 } }));
    writeFileSync(join(dir, 'updates.csv'), 'update,timesteps,wall_seconds,ep_rew_mean,approx_kl\n1,2048,1,10,0.01\n2,4096,2,12,0.02\n');
    writeFileSync(join(dir, 'evals.csv'), 'eval,timesteps,wall_seconds,mean_return,hjb_mean_return,pct_optimal\n1,4096,2,40,60,0.6667\n');
    const d = await startDashboard({ runDir: dir, port: 0 });
    try {
      expect(d.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const page = await fetch(d.url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('/static/vega-embed.min.js');
      const s = (await (await fetch(`${d.url}api/state`)).json()) as ReturnType<typeof dashboardState>;
      expect(s.progress).toEqual({ timesteps: 4096, total: 8192 });
      expect([s.evalCount, s.updateCount]).toEqual([1, 2]);
      expect(s.figures.map((f) => f.name)).toEqual(['learning-curves', 'training-diagnostics']);
      for (const f of ['vega.min.js', 'vega-lite.min.js', 'vega-embed.min.js']) {
        const r = await fetch(`${d.url}static/${f}`);
        expect(r.status, f).toBe(200);
        expect((await r.text()).length, f).toBeGreaterThan(10_000);
      }
      expect((await fetch(`${d.url}static/../../package.json`)).status).toBe(404);
      expect((await fetch(`${d.url}nope`)).status).toBe(404);
    } finally {
      await d.close();
    }
  });

  it('refuses a missing run directory and a bad port, naming them', async () => {
    await expect(startDashboard({ runDir: '/nonexistent/run' })).rejects.toThrow(/--run \/nonexistent\/run: no such directory/);
    await expect(startDashboard({ runDir: tmpdir(), port: 70000 })).rejects.toThrow(/--port must be an integer in \[0, 65535\], got 70000/);
    const d = await startDashboard({ runDir: tmpdir(), port: 0 });
    try {
      const port = Number(new URL(d.url).port);
      await expect(startDashboard({ runDir: tmpdir(), port })).rejects.toThrow(new RegExp(`--port ${port} on 127.0.0.1 is in use`));
    } finally {
      await d.close();
    }
  });
});
