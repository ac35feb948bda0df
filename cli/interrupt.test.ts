/**
 * withInterrupt: fn's result (or error) passes through and its listeners go away; the first
 * signal prints the message and aborts fn's signal; a second one exits at once with code 130
 * (checked in a child process); SIGTERM only when asked.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { withInterrupt } from './interrupt.js';

const added = (before: Function[], signal: NodeJS.Signals): (() => void)[] => process.listeners(signal).filter((l) => !before.includes(l)) as (() => void)[];

describe('withInterrupt (in-process)', () => {
  it("returns fn's value and removes its listener", async () => {
    const before = process.listeners('SIGINT');
    const v = await withInterrupt('stop', async (signal) => {
      expect(signal.aborted).toBe(false);
      expect(added(before, 'SIGINT')).toHaveLength(1);
      return 42;
    });
    expect(v).toBe(42);
    expect(process.listeners('SIGINT')).toEqual(before);
  });

  it("passes fn's error through and still removes its listeners", async () => {
    const before = { int: process.listeners('SIGINT'), term: process.listeners('SIGTERM') };
    await expect(
      withInterrupt(
        'stop',
        async () => {
          throw new Error('boom');
        },
        { sigterm: true },
      ),
    ).rejects.toThrow('boom');
    expect(process.listeners('SIGINT')).toEqual(before.int);
    expect(process.listeners('SIGTERM')).toEqual(before.term);
  });

  it('listens to SIGTERM only when asked', async () => {
    const term = process.listeners('SIGTERM');
    await withInterrupt('x', async () => expect(added(term, 'SIGTERM')).toHaveLength(0));
    await withInterrupt('x', async () => expect(added(term, 'SIGTERM')).toHaveLength(1), { sigterm: true });
  });
});

/** A child that runs withInterrupt until its signal aborts, printing what it sees. */
interface Child {
  ready: Promise<void>;
  aborted: Promise<void>;
  kill: (s: NodeJS.Signals) => void;
  exit: Promise<{ code: number | null; out: string; err: string }>;
}

function child(opts: string): Child {
  const code = `
import { withInterrupt } from './cli/interrupt.ts';
const r = await withInterrupt('stopping: finishing the work in flight', (signal) => new Promise((resolve) => {
  signal.addEventListener('abort', () => { process.stdout.write('aborted\\n'); });
  process.stdout.write('ready\\n');
  const keep = setInterval(() => undefined, 1000);
  if (process.env.FINISH_ON_ABORT === '1') signal.addEventListener('abort', () => { clearInterval(keep); resolve('done'); });
}), ${opts});
process.stdout.write('result ' + r + '\\n');
`;
  const p = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FINISH_ON_ABORT: opts.includes('finish') ? '1' : '0' } });
  let out = '';
  let err = '';
  let onReady: () => void = () => undefined;
  let onAborted: () => void = () => undefined;
  const ready = new Promise<void>((r) => (onReady = r));
  const aborted = new Promise<void>((r) => (onAborted = r));
  p.stdout.on('data', (b: Buffer) => {
    out += b.toString();
    if (out.includes('ready\n')) onReady();
    if (out.includes('aborted\n')) onAborted();
  });
  p.stderr.on('data', (b: Buffer) => (err += b.toString()));
  const exit = new Promise<{ code: number | null; out: string; err: string }>((resolve) => p.once('exit', (c) => resolve({ code: c, out, err })));
  return { ready, aborted, kill: (s) => p.kill(s), exit };
}

describe('withInterrupt (signals, child process)', () => {
  it('first SIGINT: the message on stderr and the signal aborted (fn finishes cleanly); second SIGINT: exit 130', async () => {
    const c = child('{}');
    await c.ready;
    c.kill('SIGINT');
    await c.aborted; // the second signal only once the first has been handled
    c.kill('SIGINT');
    const r = await c.exit;
    expect(r.code).toBe(130);
    expect(r.err).toBe('\nstopping: finishing the work in flight\n');
    expect(r.out).toBe('ready\naborted\n');
  }, 30_000);

  it('with sigterm: a SIGTERM aborts too and fn returns its value', async () => {
    const c = child('{ sigterm: true, finish: true }');
    await c.ready;
    c.kill('SIGTERM');
    const r = await c.exit;
    expect(r.code).toBe(0);
    expect(r.err).toBe('\nstopping: finishing the work in flight\n');
    expect(r.out).toBe('ready\naborted\nresult done\n');
  }, 30_000);
});
