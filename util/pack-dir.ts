/**
 * A small directory as a JSON-safe list of files (relative path, base64 content, sha256), so a
 * policy or a run can travel through a job queue; unpacking writes each file atomically and
 * verifies it against its digest when read back (a torn or altered file is an error naming it).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';

export interface PackedFile {
  path: string;
  base64: string;
  sha256: string;
}

function sha256(b: Uint8Array): string {
  return createHash('sha256').update(b).digest('hex');
}

/** Every file under `dir` (sorted), skipping top-level entries named in `exclude`. */
export function packDir(dir: string, exclude: readonly string[] = []): PackedFile[] {
  const out: PackedFile[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      const rel = relative(dir, full).split(sep).join('/');
      if (exclude.includes(rel)) continue;
      if (statSync(full).isDirectory()) walk(full);
      else {
        const b = readFileSync(full);
        out.push({ path: rel, base64: b.toString('base64'), sha256: sha256(b) });
      }
    }
  };
  walk(dir);
  return out;
}

/** Writes the files under `dir` (atomically, each verified after writing); paths leaving `dir` are refused. */
export function unpackDir(dir: string, files: readonly PackedFile[]): void {
  const root = resolve(dir);
  for (const f of files) {
    const target = resolve(root, f.path);
    if (!target.startsWith(root + sep)) throw new Error(`packed file ${JSON.stringify(f.path)} would land outside ${root}: refused`);
    const b = Buffer.from(f.base64, 'base64');
    if (sha256(b) !== f.sha256) throw new Error(`packed file ${f.path}: content does not match its sha256 (corrupted in transit)`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileAtomic(target, b);
    if (sha256(readFileSync(target)) !== f.sha256) throw new Error(`${target}: read back does not match what was written`);
  }
}
