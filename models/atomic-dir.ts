/**
 * Atomic writes of a whole directory: the files go to a fresh temporary sibling directory
 * (same parent, so the same filesystem), are flushed, then renamed into place. An existing
 * directory is first moved aside and removed only after the new one is in place, so a reader
 * never sees a half-written policy: it sees the old complete one or the new complete one.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

export async function writeDirAtomic(dir: string, files: Record<string, string | Uint8Array>): Promise<void> {
  const target = resolve(dir);
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const tmp = join(parent, `.${basename(target)}.tmp-${tag}`);
  await mkdir(tmp);
  try {
    for (const [name, content] of Object.entries(files)) {
      if (name.includes('/') || name.includes('\\') || name.startsWith('.')) throw new RangeError(`writeDirAtomic: bad file name '${name}'`);
      const fh = await open(join(tmp, name), 'w');
      try {
        await fh.writeFile(content);
        await fh.sync();
      } finally {
        await fh.close();
      }
    }
    const exists = await stat(target).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (exists) {
      const old = join(parent, `.${basename(target)}.old-${tag}`);
      await rename(target, old);
      await rename(tmp, target);
      await rm(old, { recursive: true, force: true });
    } else {
      await rename(tmp, target);
    }
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
}
