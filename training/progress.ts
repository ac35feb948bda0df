/**
 * Training progress display: a cli-progress bar (steps, fps, mean episode return, latest % of
 * optimal) when the output stream is a TTY, plain periodic lines through the logger otherwise.
 */
import cliProgress from 'cli-progress';
import type { TrainLogger } from './logger.js';

export interface ProgressStatus {
  timesteps: number;
  fps: number;
  /** Mean return of the recent training episodes (null before the first finished episode). */
  epRewMean: number | null;
  /** Latest evaluation's mean return / HJB mean return (null before the first evaluation). */
  pctOptimal: number | null;
}

export interface ProgressReporter {
  update(status: ProgressStatus): void;
  /** A message printed without breaking the bar. */
  log(message: string): void;
  stop(): void;
}

export type ProgressMode = 'auto' | 'bar' | 'lines' | 'none';

export function formatPct(pct: number | null): string {
  return pct === null ? '-' : `${(100 * pct).toFixed(2)}%`;
}

function formatReturn(r: number | null): string {
  return r === null ? '-' : r.toFixed(3);
}

/** Plain lines, at most one per `intervalSeconds` (plus the last one at stop). */
class LineProgress implements ProgressReporter {
  private lastPrint = -Infinity;
  private last: ProgressStatus | null = null;
  private printedLast = false;

  constructor(
    private readonly total: number,
    private readonly logger: TrainLogger,
    private readonly intervalSeconds: number,
  ) {}

  update(status: ProgressStatus): void {
    this.last = status;
    this.printedLast = false;
    const now = performance.now() / 1000;
    if (now - this.lastPrint >= this.intervalSeconds) {
      this.lastPrint = now;
      this.print(status);
    }
  }

  log(message: string): void {
    this.logger.info(message);
  }

  stop(): void {
    if (this.last && !this.printedLast) this.print(this.last);
  }

  private print(s: ProgressStatus): void {
    this.printedLast = true;
    const pct = ((100 * s.timesteps) / this.total).toFixed(0);
    this.logger.info(
      `steps ${s.timesteps}/${this.total} (${pct}%) | fps ${Math.round(s.fps)} | ep_rew_mean ${formatReturn(s.epRewMean)} | eval ${formatPct(s.pctOptimal)} of optimal`,
    );
  }
}

/** A cli-progress bar on a TTY stream; messages are printed above it. */
class BarProgress implements ProgressReporter {
  private readonly multi: cliProgress.MultiBar;
  private readonly bar: cliProgress.SingleBar;

  constructor(total: number, start: number, stream: NodeJS.WriteStream) {
    this.multi = new cliProgress.MultiBar(
      {
        stream,
        format:
          'train [{bar}] {value}/{total} steps | {fps} fps | ep_rew_mean {ret} | eval {pct} of optimal | {duration_formatted}',
        hideCursor: true,
        clearOnComplete: false,
        fps: 5,
      },
      cliProgress.Presets.shades_classic,
    );
    this.bar = this.multi.create(total, start, { fps: 0, ret: '-', pct: '-' });
  }

  update(s: ProgressStatus): void {
    this.bar.update(s.timesteps, {
      fps: Math.round(s.fps),
      ret: formatReturn(s.epRewMean),
      pct: formatPct(s.pctOptimal),
    });
  }

  log(message: string): void {
    this.multi.log(`${message}\n`);
  }

  stop(): void {
    this.multi.stop();
  }
}

class NoProgress implements ProgressReporter {
  constructor(private readonly logger: TrainLogger) {}
  update(): void {}
  log(message: string): void {
    this.logger.info(message);
  }
  stop(): void {}
}

/**
 * `auto`: a bar when `stream` is a TTY, else lines every `intervalSeconds`.
 */
export function makeProgress(
  mode: ProgressMode,
  opts: { total: number; start: number; logger: TrainLogger; stream?: NodeJS.WriteStream; intervalSeconds?: number },
): ProgressReporter {
  const useBar = mode === 'bar' || (mode === 'auto' && opts.stream?.isTTY === true);
  if (useBar && opts.stream) return new BarProgress(opts.total, opts.start, opts.stream);
  if (mode === 'none') return new NoProgress(opts.logger);
  return new LineProgress(opts.total, opts.logger, opts.intervalSeconds ?? 10);
}
