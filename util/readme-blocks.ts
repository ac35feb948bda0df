/**
 * README and docs examples executed by tests (ARCHITECTURE habit 12): take a fenced code block out
 * of README.md or a docs/ page by a marker (a heading such as `# Baselines`, or an HTML comment),
 * and run a ```ts block as an ES module
 * whose `from 'mmgym'` import is pointed at the package's folder barrels (importing the barrels
 * directly, rather than index.ts, lets a test skip loading tfjs when it does not need it).
 * Test support only: file I/O in a temporary directory, removed afterwards.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root (the folder holding README.md, docs/ and the part folders). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Absolute path of a markdown file given relative to the repository root, e.g. `docPath('docs/baselines.md')`. */
export function docPath(file: string): string {
  return join(REPO_ROOT, file);
}

/** The text of a markdown file given relative to the repository root, e.g. `readDoc('docs/environment.md')`. */
export function readDoc(file: string): string {
  return readFileSync(docPath(file), 'utf8');
}

export interface ReadmeBlockOptions {
  /** Fence language. @defaultValue 'ts' */
  lang?: string;
  /** The markdown file (an absolute path; `docPath` makes one). @defaultValue README.md at the repository root */
  file?: string;
}

/** The body of the first ```lang fenced block after the first occurrence of `marker`. */
export function readmeBlock(marker: string, opts: ReadmeBlockOptions = {}): string {
  const lang = opts.lang ?? 'ts';
  const file = opts.file ?? join(REPO_ROOT, 'README.md');
  const text = readFileSync(file, 'utf8');
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`readmeBlock: marker ${JSON.stringify(marker)} not found in ${file}`);
  const match = new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(text.slice(at));
  if (match === null) throw new Error(`readmeBlock: no \`\`\`${lang} block after ${JSON.stringify(marker)} in ${file}`);
  return match[1]!;
}

export interface RunReadmeBlockOptions {
  /** Where the block starts (see `readmeBlock`). */
  marker: string;
  /** The markdown file holding the block, relative to the repository root (e.g. 'docs/environment.md'). @defaultValue 'README.md' */
  file?: string;
  /** Folders whose index.ts barrels stand in for the package entry `'mmgym'`, e.g. ['env', 'baselines']. */
  barrels: readonly string[];
  /** Names the block declares; they are returned as the module's `result`. */
  exports: readonly string[];
  /** Edit the code before it runs (e.g. point an output path into `dir`, the temporary folder). */
  edit?: (code: string, dir: string) => string;
  /** Prefix of the temporary folder. @defaultValue 'mmgym-readme-' */
  tmpPrefix?: string;
}

/** Run a README / docs ```ts block against the barrels; returns `{ code, result }` (result: the named exports). */
export async function runReadmeBlock<T>(opts: RunReadmeBlockOptions): Promise<{ code: string; result: T }> {
  const block = readmeBlock(opts.marker, { file: docPath(opts.file ?? 'README.md') });
  const dir = mkdtempSync(join(tmpdir(), opts.tmpPrefix ?? 'mmgym-readme-'));
  try {
    const shim = join(dir, 'entry.ts');
    writeFileSync(shim, `${opts.barrels.map((f) => `export * from '${pathToFileURL(join(REPO_ROOT, f, 'index.ts')).href}';`).join('\n')}\n`);
    const linked = block.replace("from 'mmgym'", `from '${pathToFileURL(shim).href}'`);
    const code = `${opts.edit === undefined ? linked : opts.edit(linked, dir)}\nexport const result = { ${opts.exports.join(', ')} };\n`;
    const file = join(dir, 'example.ts');
    writeFileSync(file, code);
    const mod = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as { result: T };
    return { code: block, result: mod.result };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
