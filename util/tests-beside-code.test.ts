/**
 * Tests beside code (issue 13): every source file of the package has its sibling `<name>.test.ts`,
 * or is listed below with the reason it has none. The list is kept honest both ways: a file that
 * is not listed and has no test fails, and so does a listed file that gained a test or is gone.
 * What the tests reach is measured too: `npm test` prints v8 coverage (vitest.config.ts).
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from './module-graph.js';
import { packageRoot } from './package-root.js';

/** The package's source folders (tsconfig.build.json's, and the wasm kernels' source). */
const SOURCE_DIRS = ['util', 'env', 'marketdata', 'calibration', 'baselines', 'models', 'agents', 'training', 'evals', 'studies', 'queue', 'cli', 'kernels'];

const REEXPORTS = 'the folder\'s public API: re-exports only (what it re-exports is tested where it is defined; util/layering.test.ts checks the layering)';
const TYPES = 'types and interfaces only: nothing runs';

/** Source files without a sibling test, and why. */
export const WITHOUT_SIBLING_TEST: Readonly<Record<string, string>> = Object.freeze({
  'index.ts': REEXPORTS,
  'agents/index.ts': REEXPORTS,
  'baselines/index.ts': REEXPORTS,
  'calibration/index.ts': REEXPORTS,
  'env/index.ts': REEXPORTS,
  'env/wrappers/index.ts': REEXPORTS,
  'evals/index.ts': REEXPORTS,
  'marketdata/index.ts': REEXPORTS,
  'models/index.ts': REEXPORTS,
  'training/index.ts': REEXPORTS,
  'env/sim/arrivals/index.ts': 'the arrival models by kind (a switch over the config): each model has its own test, and env/sim/core.test.ts builds every kind',
  'env/sim/price/index.ts': 'the price models by kind (a switch over the config): each model has its own test, and env/sim/core.test.ts builds every kind',
  'agents/callbacks.ts': TYPES,
  'env/env.ts': TYPES,
  'env/types.ts': TYPES,
  'env/sim/types.ts': TYPES,
  'env/replay/replay-fill.ts': `${TYPES} (its contract: replay-core, replay-events and step-fills tests)`,
  'studies/sim2real-result.ts': `${TYPES} (sim2real.json's shape: studies/sim2real.test.ts reads it back)`,
  'evals/sweep/sweep-worker.ts': 'worker-thread entry (evaluateTask per message): evals/sweep/pool.test.ts runs it on 2 threads against the inline results',
  'util/fuzz-tapes.ts': 'the table of shipped samples the tape fuzzer reads: util/fuzz.test.ts fuzzes every entry',
  'env/builtin-ids.ts': 'side-effect import that registers the replay: and calibrated: id resolvers (env/id-resolvers.test.ts resolves both)',
  'env/replay/register.ts': 'registers the replay: id resolver (env/id-resolvers.test.ts, env/replay/replay.test.ts resolve replay ids through the registry)',
  'calibration/register.ts': 'registers the calibrated: id resolver (env/id-resolvers.test.ts, calibration/calibrate.test.ts resolve calibrated ids)',
});

/** The package's source files (not tests, test helpers or declarations), relative to `root`, sorted. */
function packageSources(root: string): string[] {
  const files = [join(root, 'index.ts'), ...SOURCE_DIRS.filter((d) => existsSync(join(root, d))).flatMap((d) => sourceFiles(join(root, d)))];
  return files
    .map((f) => relative(root, f).split('\\').join('/'))
    .filter((f) => !f.endsWith('.test.ts') && !f.split('/').includes('test-utils') && existsSync(join(root, f)))
    .sort();
}

describe('tests beside code', () => {
  const root = packageRoot();
  const files = packageSources(root);
  const hasSibling = (f: string): boolean => existsSync(join(root, f.replace(/\.ts$/, '.test.ts')));

  it('every source file has its sibling test or a stated reason', () => {
    expect(files.length).toBeGreaterThan(250);
    const missing = files.filter((f) => !hasSibling(f) && !(f in WITHOUT_SIBLING_TEST));
    expect(missing, `source files without a sibling <name>.test.ts (write one, or list it in WITHOUT_SIBLING_TEST with the reason)`).toEqual([]);
  });

  it('the list stays true: every listed file exists and still has no sibling test', () => {
    for (const f of Object.keys(WITHOUT_SIBLING_TEST)) {
      expect(files, `${f} is listed but is not a source file`).toContain(f);
      expect(hasSibling(f), `${f} has a sibling test now: remove it from WITHOUT_SIBLING_TEST`).toBe(false);
    }
  });

  it('the listed files that say where they are tested name test files that exist', () => {
    for (const [f, why] of Object.entries(WITHOUT_SIBLING_TEST)) {
      for (const t of why.match(/[\w./-]+\.test\.ts/g) ?? []) {
        if (t.includes('*')) continue;
        const path = t.includes('/') ? t : join(f.slice(0, f.lastIndexOf('/') + 1), t);
        expect(existsSync(join(root, path)), `${f}: names ${path}, which does not exist`).toBe(true);
      }
    }
  });
});
