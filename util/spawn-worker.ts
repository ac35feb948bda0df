/**
 * A worker thread running a module of this package: the compiled `.js` beside the caller when
 * running from dist/, the `.ts` source through tsx's loader when running from source (tests,
 * `tsx` scripts). `name` is the module's file name without extension, next to `callerUrl`.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function spawnModuleWorker(callerUrl: string, name: string, options: WorkerOptions = {}): Worker {
  if (callerUrl.endsWith('.ts')) {
    const workerUrl = new URL(`./${name}.ts`, callerUrl).href;
    const req = createRequire(fileURLToPath(callerUrl));
    const tsxApi = pathToFileURL(join(dirname(req.resolve('tsx/esm/api')), 'index.mjs')).href;
    const code = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(workerUrl)}); });`;
    return new Worker(code, { ...options, eval: true });
  }
  return new Worker(new URL(`./${name}.js`, callerUrl), options);
}
