/**
 * One writer per run directory: `RUN/.lock` holds the pid and host of the `mmgym train` writing
 * there, created exclusively (O_EXCL). A second run into the same directory fails with the
 * holder's pid; a lock left by a process that no longer exists on this host (a hard kill) is
 * taken over.
 */
import { hostname } from 'node:os';
import { join } from 'node:path';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

export interface RunLock {
  release(): void;
}

interface LockFile {
  pid: number;
  host: string;
  startedAt: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(path: string): LockFile | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockFile;
  } catch {
    return null;
  }
}

/** The lock's file name inside a run directory. */
export const RUN_LOCK_FILE = '.lock';

export function acquireRunLock(dir: string): RunLock {
  const path = join(dir, RUN_LOCK_FILE);
  const me: LockFile = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, JSON.stringify(me), { flag: 'wx' });
      let released = false;
      return {
        release: () => {
          if (released) return;
          released = true;
          if (readLock(path)?.pid === me.pid) rmSync(path, { force: true });
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const held = readLock(path);
      const stale = held !== null && held.host === me.host && held.pid !== me.pid && !alive(held.pid);
      if (!stale) {
        throw new Error(
          `run directory ${dir} is in use by another mmgym train (${held === null ? 'unreadable lock' : `pid ${held.pid} on ${held.host}, since ${held.startedAt}`}): ` +
            `wait for it, or use another --out (remove ${path} if that process is gone)`,
        );
      }
      rmSync(path, { force: true }); // left by a process that was killed: take it over
    }
  }
  throw new Error(`cannot lock run directory ${dir}`);
}
