/**
 * The root of the installed mmgym package: the nearest folder above this file (dist/util or util)
 * whose package.json is named mmgym. Node builtins only (the command line's start-up reads it).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: { root: string; version: string } | null = null;

function find(): { root: string; version: string } {
  if (cached !== null) return cached;
  const here = fileURLToPath(import.meta.url);
  let dir = dirname(here);
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'mmgym' && typeof pkg.version === 'string') return (cached = { root: dir, version: pkg.version });
    } catch {
      // no readable package.json here: look further up
    }
    dir = dirname(dir);
  }
  throw new Error(`cannot find mmgym's package.json above ${here}`);
}

/** The package's folder (where package.json, saved-models/ and data/ are). */
export function packageRoot(): string {
  return find().root;
}

/** mmgym's own version (its package.json), wherever it is installed. */
export function packageVersion(): string {
  return find().version;
}
