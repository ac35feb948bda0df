/**
 * `loadTapeSync` memoised within the process: one training or study run builds its replay envs
 * (the training span, every evaluation, the select and test spans) from the same files many times,
 * and parsing them dominated (nine loads of the Tardis sample in one sim-to-real study). The key
 * is the resolved path, the load options and every file beside it (name, inode, size, mtime, ctime), so an
 * edited or replaced file is read again; the tape is shared, which is safe because nothing writes
 * to a `MarketTape` (its arrays are readonly and `sliceTape` copies). Failed loads are not kept.
 * At most `TAPE_CACHE_SIZE` tapes are held (least recently used dropped first).
 */
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadTapeSync, type LoadedTape, type LoadTapeOptions } from './load-tape.js';

export const TAPE_CACHE_SIZE = 2;

const cache = new Map<string, LoadedTape>();

/** The files a load of `path` may read (the folder, or the file and the ones beside it), each with its inode, size, mtime and ctime. */
function fingerprint(path: string): string {
  const p = resolve(path);
  const dir = statSync(p).isDirectory() ? p : dirname(p);
  const files = readdirSync(dir).sort().flatMap((f) => {
    const s = statSync(join(dir, f));
    return s.isFile() ? [`${f}:${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`] : [];
  });
  return `${p}\n${files.join('\n')}`;
}

/** `loadTapeSync(path, opts)`, or the tape an identical earlier call in this process loaded from unchanged files. */
export function loadTapeSyncCached(path: string, opts: LoadTapeOptions = {}): LoadedTape {
  let key: string;
  try {
    key = `${JSON.stringify(opts, Object.keys(opts).sort())}\n${fingerprint(path)}`;
  } catch {
    return loadTapeSync(path, opts); // a missing path: loadTapeSync says so
  }
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const loaded = loadTapeSync(path, opts);
  cache.set(key, loaded);
  while (cache.size > TAPE_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return loaded;
}

/** Forget every cached tape (tests; or to free the memory after a study). */
export function clearTapeCache(): void {
  cache.clear();
}
