/**
 * Atomic file writes, shared by every part that saves results, models or configs: write a temp
 * file in the target's directory, fsync it, then rename it over the target. rename(2) is atomic
 * within one POSIX file system, so a reader sees the old file or the new one, never half of one;
 * the fsync makes the new content durable before the name points at it.
 */
import { closeSync, fchmodSync, fsyncSync, lstatSync, mkdirSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * The file a write must replace: a symlink's target (replacing the link by a plain file would
 * cut it), and the mode to keep (a 0600 file must not become 0644).
 */
function writeTarget(path: string): { path: string; mode: number | null } {
  let target = path;
  try {
    if (lstatSync(path).isSymbolicLink()) target = realpathSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ELOOP') throw new Error(`cannot write ${path}: symbolic link loop`);
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  try {
    return { path: target, mode: statSync(target).mode & 0o7777 };
  } catch {
    return { path: target, mode: null };
  }
}

/** Write `data` to `path` atomically, creating the parent directory (through a symlink; keeping the file's mode). */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const { path, mode } = writeTarget(file);
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    const fd = openSync(tmp, 'w');
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      let done = 0;
      while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
      if (mode !== null) fchmodSync(fd, mode);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** Write `value` as JSON (2-space indent, trailing newline) to `path` atomically. */
export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}
