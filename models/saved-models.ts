/**
 * The policies mmgym ships (saved-models/ in the package): their names and paths, so that a
 * project with mmgym as a dependency loads them by name: `loadPolicy('ppo-as-default')` or
 * `loadPolicy(savedModelPath('ppo-trend'))`. A name is a folder of saved-models/ holding a policy
 * (policy.json) or a run (best/ or final/ with one).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../util/package-root.js';
import { BEST_DIR, FINAL_DIR, isPolicyDir } from './policy-dir.js';

/** The package's saved-models folder. */
export function savedModelsDir(): string {
  return join(packageRoot(), 'saved-models');
}

/** Names of the shipped policies, sorted. */
export function savedModelNames(): string[] {
  const dir = savedModelsDir();
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && [d.name, join(d.name, BEST_DIR), join(d.name, FINAL_DIR)].some((p) => isPolicyDir(join(dir, p))))
    .map((d) => d.name)
    .sort();
}

/** The path of a shipped policy by name; an unknown name is refused with the list of names. */
export function savedModelPath(name: string): string {
  const names = savedModelNames();
  if (!names.includes(name)) throw new RangeError(`savedModelPath: name must be one of the shipped policies (${names.join(', ')}), got ${JSON.stringify(name)}`);
  return join(savedModelsDir(), name);
}

/**
 * What `loadPolicy(path)` opens: the path itself where it exists; else, where `path` is a bare
 * name of a shipped policy, that policy; else the path (whose loader reports it missing).
 */
export function resolvePolicyPath(path: string): string {
  if (existsSync(path)) return path;
  if (/^[A-Za-z0-9._-]+$/.test(path) && savedModelNames().includes(path)) return join(savedModelsDir(), path);
  return path;
}
