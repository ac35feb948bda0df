/** spawnModuleWorker: a .js caller gets the .js module beside it (options passed on); a .ts caller gets the .ts source through tsx. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnModuleWorker } from './spawn-worker.js';

const dir = mkdtempSync(join(tmpdir(), 'mmgym-spawn-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const firstMessage = (w: Worker): Promise<unknown> =>
  new Promise((resolve, reject) => {
    w.once('message', resolve);
    w.once('error', reject);
  });
const exitCode = (w: Worker): Promise<number> => new Promise((resolve) => w.once('exit', resolve));

describe('spawnModuleWorker', () => {
  it('from a .js caller: runs <name>.js in the caller\'s folder, with the worker options (workerData) passed on', async () => {
    writeFileSync(join(dir, 'echo.js'), "import { parentPort, workerData } from 'node:worker_threads';\nparentPort.postMessage({ got: workerData, file: import.meta.url });\n");
    const caller = pathToFileURL(join(dir, 'caller.js')).href;
    const w = spawnModuleWorker(caller, 'echo', { workerData: { n: 3 } });
    try {
      expect(await firstMessage(w)).toEqual({ got: { n: 3 }, file: pathToFileURL(join(dir, 'echo.js')).href });
    } finally {
      await w.terminate();
    }
  });

  it('from a .ts caller: runs <name>.ts (TypeScript) through tsx, with the options passed on', async () => {
    // package-root.ts has type annotations: it loads only through tsx; a clean exit means it ran
    const w = spawnModuleWorker(import.meta.url, 'package-root', { workerData: { unused: true } });
    const errors: Error[] = [];
    w.on('error', (e) => errors.push(e));
    expect(await exitCode(w)).toBe(0);
    expect(errors).toEqual([]);
  });

  it('a module that is not there fails the worker with an error naming it', async () => {
    const w = spawnModuleWorker(import.meta.url, 'no-such-module');
    const err = await new Promise<Error>((resolve) => w.once('error', resolve));
    expect(err.message).toMatch(/no-such-module\.ts/);
    await w.terminate();
  });
});
