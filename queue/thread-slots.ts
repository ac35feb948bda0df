/**
 * K long-lived worker threads running job-thread.ts; `run` hands a job to a free one and resolves
 * with its result. A thread that dies takes its job down with an error, and is replaced.
 */
import type { Worker } from 'node:worker_threads';
import { spawnModuleWorker } from '../util/spawn-worker.js';
import type { JobKind } from './job-kinds.js';

interface Reply {
  id: number;
  result?: unknown;
  error?: string;
}

interface Slot {
  worker: Worker;
  busy: boolean;
  /** Why the thread is gone (it failed to load, crashed or exited); null while it runs. */
  dead: string | null;
}

/** (Re)starts the slot's thread, with listeners for its whole life: its death is recorded, never an uncaught error. */
function start(slot: Slot): void {
  slot.worker = spawnModuleWorker(import.meta.url, 'job-thread');
  slot.dead = null;
  watch(slot);
}

function watch(slot: Slot): void {
  const w = slot.worker;
  w.on('error', (e: Error) => {
    if (slot.worker === w) slot.dead = e.message;
  });
  w.on('exit', (code) => {
    if (slot.worker === w) slot.dead ??= `exited with code ${code}`;
  });
}

export class ThreadSlots {
  private readonly slots: Slot[] = [];
  private readonly waiting: ((slot: Slot) => void)[] = [];
  private nextId = 0;

  constructor(readonly size: number) {
    for (let i = 0; i < size; i++) {
      const slot: Slot = { worker: spawnModuleWorker(import.meta.url, 'job-thread'), busy: false, dead: null };
      watch(slot);
      this.slots.push(slot);
    }
  }

  private acquire(): Promise<Slot> {
    const free = this.slots.find((s) => !s.busy);
    if (free !== undefined) {
      free.busy = true;
      return Promise.resolve(free);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(slot: Slot): void {
    const next = this.waiting.shift();
    if (next !== undefined) next(slot);
    else slot.busy = false;
  }

  async run(kind: JobKind, payload: unknown): Promise<unknown> {
    const slot = await this.acquire();
    const id = this.nextId++;
    if (slot.dead !== null) start(slot); // a thread that died between jobs is replaced
    try {
      return await new Promise<unknown>((resolve, reject) => {
        const onMessage = (m: Reply): void => {
          if (m.id !== id) return;
          cleanup();
          if (m.error !== undefined) reject(new Error(m.error));
          else resolve(m.result);
        };
        const onExit = (code: number): void => {
          cleanup();
          reject(new Error(`the job's thread exited with code ${code}${slot.dead !== null ? ` (${slot.dead})` : ''}`));
        };
        const onError = (e: Error): void => {
          cleanup();
          void w.terminate();
          reject(e);
        };
        const w = slot.worker;
        if (slot.dead !== null) {
          reject(new Error(`the job's thread could not start: ${slot.dead}`));
          return;
        }
        const cleanup = (): void => {
          w.off('message', onMessage);
          w.off('exit', onExit);
          w.off('error', onError);
        };
        w.on('message', onMessage);
        w.on('exit', onExit);
        w.on('error', onError);
        w.postMessage({ id, kind, payload });
      });
    } finally {
      this.release(slot);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
