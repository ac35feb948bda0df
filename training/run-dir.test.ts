/**
 * prepareRunDir (run-dir.ts) on real directories: a new or non-run directory is made / kept as it
 * is; a directory holding a run is refused without --force (the message says what to do), and
 * with --force loses exactly the entries mmgym train writes, nothing else.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareRunDir, RUN_ENTRIES, TAPE_CONFIG_FILE } from './run-dir.js';

const root = mkdtempSync(join(tmpdir(), 'mmgym-run-dir-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('prepareRunDir', () => {
  it('makes a missing directory (parents too) and leaves a directory without run.json untouched', () => {
    const dir = join(root, 'a', 'b');
    prepareRunDir(dir, false);
    expect(existsSync(dir)).toBe(true);
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    writeFileSync(join(dir, 'updates.csv'), 'x'); // no run.json: not a run, nothing removed
    prepareRunDir(dir, false);
    expect(readdirSync(dir).sort()).toEqual(['notes.txt', 'updates.csv']);
  });

  it('refuses a directory holding a run unless forced, then removes only the run\'s entries', () => {
    const dir = join(root, 'run');
    mkdirSync(dir);
    for (const e of RUN_ENTRIES) {
      if (['checkpoints', 'best', 'final'].includes(e)) {
        mkdirSync(join(dir, e));
        writeFileSync(join(dir, e, 'policy.json'), '{}');
      } else writeFileSync(join(dir, e), 'x');
    }
    writeFileSync(join(dir, 'README.md'), 'keep me');
    mkdirSync(join(dir, 'analysis'));
    expect(() => prepareRunDir(dir, false)).toThrow(
      `run directory ${dir} already holds a run (${join(dir, 'run.json')}): pass --resume ${dir} to continue it, --force to start afresh there (its files are replaced), or another --out`,
    );
    expect(readdirSync(dir)).toHaveLength(RUN_ENTRIES.length + 2);
    prepareRunDir(dir, true);
    expect(readdirSync(dir).sort()).toEqual(['README.md', 'analysis']);
    expect(RUN_ENTRIES).toContain(TAPE_CONFIG_FILE);
    expect(TAPE_CONFIG_FILE).toBe('env-config.json');
  });
});
