import { vi } from 'vitest';
import yargs, { type CommandModule } from 'yargs';

/**
 * Run `mmgym` sub-commands in-process as the CLI would (yargs, strict, errors thrown), with
 * stdout and stderr captured and process.exitCode read and restored.
 */
export async function runCommands(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- yargs command modules have heterogeneous argument types
  commands: readonly CommandModule<object, any>[],
  argv: string[],
): Promise<{ out: string; err: string; code: number | undefined }> {
  const chunks: string[] = [];
  const errs: string[] = [];
  const before = process.exitCode;
  process.exitCode = undefined;
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => {
    chunks.push(String(c));
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => {
    errs.push(String(c));
    return true;
  });
  let code: number | undefined;
  try {
    let y = yargs(argv);
    for (const c of commands) y = y.command(c);
    await y.strict().fail((msg, e) => {
      throw e ?? new Error(msg);
    }).parseAsync();
  } finally {
    out.mockRestore();
    err.mockRestore();
    code = typeof process.exitCode === 'number' ? process.exitCode : undefined;
    process.exitCode = before;
  }
  return { out: chunks.join(''), err: errs.join(''), code };
}
