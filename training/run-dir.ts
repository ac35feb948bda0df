/**
 * A run directory before a fresh run starts in it: a directory holding another run (its
 * run.json) is not overwritten unless asked (`--force`), so a finished run is never lost to a
 * repeated command; with `force` the previous run's files are removed (only those mmgym train
 * writes, never anything else in the directory).
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** Written in a tape run's directory: its env config, readable as a replay id's `params=`. */
export const TAPE_CONFIG_FILE = 'env-config.json';

/** Files and directories `mmgym train` writes into a run directory. */
export const RUN_ENTRIES = [
  'run.json', TAPE_CONFIG_FILE, 'updates.csv', 'updates.jsonl', 'evals.csv', 'evals.jsonl', 'comparison.json', 'checkpoints', 'best', 'final',
  // the layout before best/ and final/: the policy at the top level
  'model.json', 'weights.bin', 'policy.json',
] as const;

export function prepareRunDir(dir: string, force: boolean): void {
  if (existsSync(join(dir, 'run.json'))) {
    if (!force) {
      throw new Error(
        `run directory ${dir} already holds a run (${join(dir, 'run.json')}): pass --resume ${dir} to continue it, --force to start afresh there (its files are replaced), or another --out`,
      );
    }
    for (const e of RUN_ENTRIES) rmSync(join(dir, e), { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
}
