import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireRunLock } from './run-lock.js';
import { prepareRunDir } from './run-dir.js';

const root = mkdtempSync(join(tmpdir(), 'mmgym-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('run directory guards', () => {
  it('a second writer is refused while the first holds the lock; released, it can be taken', () => {
    const lock = acquireRunLock(root);
    expect(() => acquireRunLock(root)).toThrow(new RegExp(`run directory .* is in use by another mmgym train \\(pid ${process.pid} on `));
    lock.release();
    expect(existsSync(join(root, '.lock'))).toBe(false);
    acquireRunLock(root).release();
  });

  it('a lock left by a killed process on this host is taken over', () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(join(root, '.lock'), JSON.stringify({ pid: Number(dead.stdout), host: hostname(), startedAt: 'then' }));
    const lock = acquireRunLock(root);
    expect(JSON.parse(readFileSync(join(root, '.lock'), 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('a directory holding a run is not overwritten unless forced, and force removes only the run files', () => {
    const dir = join(root, 'run');
    prepareRunDir(dir, false);
    writeFileSync(join(dir, 'run.json'), '{}');
    writeFileSync(join(dir, 'evals.csv'), 'x');
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    expect(() => prepareRunDir(dir, false)).toThrow(/already holds a run .*pass --resume .* to continue it, --force to start afresh/);
    prepareRunDir(dir, true);
    expect(existsSync(join(dir, 'run.json'))).toBe(false);
    expect(existsSync(join(dir, 'evals.csv'))).toBe(false);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
  });
});
