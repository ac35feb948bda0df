/**
 * Reports and the live dashboard in a real browser: Debian's Chromium driven by playwright-core
 * (.ci/run installs the package and sets MMGYM_TEST_CHROMIUM=/usr/bin/chromium, so there these
 * tests must run; elsewhere they run if /usr/bin/chromium exists and are skipped, saying so,
 * if not). Every figure must render (a non-empty SVG with marks), with no console errors; the
 * dashboard must redraw when the run writes a new evaluation. Screenshots land in
 * runs/browser-tests/ (CI artifacts).
 */
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { train } from '../../training/train.js';
import { tinyRun } from '../../training/test-utils/tiny-run.js';
import { runEvalJob } from '../eval-job.js';
import { runReportJob } from '../report-job.js';
import { startDashboard } from './server.js';

const CHROMIUM = process.env.MMGYM_TEST_CHROMIUM ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  if (process.env.MMGYM_TEST_CHROMIUM !== undefined) throw new Error(`MMGYM_TEST_CHROMIUM=${CHROMIUM} does not exist`);
  process.stderr.write(`browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set MMGYM_TEST_CHROMIUM)\n`);
}
const ARTIFACTS = resolve(import.meta.dirname, '..', '..', 'runs', 'browser-tests');

let browser: Browser;
beforeAll(async () => {
  if (!hasChromium) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
});
afterAll(async () => {
  if (hasChromium) await browser.close();
});

/** A page that records console errors and uncaught exceptions. */
async function openPage(url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  return { page, errors };
}

/** Area and mark count of every SVG matched by `selector`. */
async function svgs(page: Page, selector: string): Promise<{ area: number; marks: number }[]> {
  return page.$$eval(selector, (els) =>
    els.map((s) => {
      const r = s.getBoundingClientRect();
      return { area: r.width * r.height, marks: s.querySelectorAll('path, rect, circle, line, text').length };
    }),
  );
}

describe.skipIf(!hasChromium)('in Chromium', () => {
  const root = mkdtempSync(join(tmpdir(), 'mmgym-browser-'));
  const run = tinyRun(root, 'run', { evalEpisodes: 20, finalEpisodes: 50 });

  it('the training report and an evaluation report: every figure rendered, no console errors', async () => {
    await train(run);
    const report = await runReportJob(run.out);
    const evalOut = join(root, 'eval');
    await runEvalJob({ policies: [run.out], against: ['hjb', 'as'], env: 'default', episodes: 100, seed: 5, out: evalOut });
    for (const [name, html, expected] of [
      ['training-report', report.files.at(-1) as string, 2],
      ['eval-report', join(evalOut, 'report.html'), 3],
    ] as const) {
      const { page, errors } = await openPage(pathToFileURL(html).href);
      const figs = await svgs(page, 'figure svg');
      expect(figs.length, name).toBeGreaterThanOrEqual(expected);
      for (const f of figs) {
        expect(f.area, name).toBeGreaterThan(10_000);
        expect(f.marks, name).toBeGreaterThan(10);
      }
      await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
      expect(errors, name).toEqual([]);
      await page.close();
    }
  }, 300_000);

  it('the dashboard draws a live run and redraws when the run writes a new evaluation', async () => {
    if (!existsSync(join(run.out, 'evals.csv'))) await train(run);
    const d = await startDashboard({ runDir: run.out, port: 0, pollMs: 300 });
    try {
      expect(d.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const { page, errors } = await openPage(d.url);
      await page.waitForFunction('document.body.dataset.rendered === "2"', undefined, { timeout: 60_000 });
      const before = Number(await page.evaluate('document.body.dataset.evals'));
      expect(before).toBeGreaterThan(0);
      for (const f of await svgs(page, '#figures svg')) {
        expect(f.area).toBeGreaterThan(10_000);
        expect(f.marks).toBeGreaterThan(10);
      }
      expect(await page.textContent('#steps')).toMatch(/1536 \/ 1536 env steps \(100\.0%\)/);
      await page.screenshot({ path: join(ARTIFACTS, 'dashboard-before.png'), fullPage: true });
      // the run goes on (a real resume of the same run): two more evaluations land in evals.csv
      await train({ ...run, resume: run.out, timesteps: 5 * 512 });
      await page.waitForFunction(`Number(document.body.dataset.evals) > ${before}`, undefined, { timeout: 60_000 });
      await page.waitForFunction('document.body.dataset.rendered === "2"');
      expect(await page.textContent('#steps')).toMatch(/2560 \/ 2560 env steps/);
      await page.screenshot({ path: join(ARTIFACTS, 'dashboard-after.png'), fullPage: true });
      expect(errors, errors.join('\n')).toEqual([]);
      await page.close();
    } finally {
      await d.close();
    }
  }, 300_000);
});
