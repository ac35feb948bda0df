/**
 * Training progress display: a cli-progress bar (steps, fps, latest % of optimal, time left) that
 * fits 80 columns when the output stream is a TTY, plain periodic lines through the logger
 * otherwise. Time left = steps left / this session's rate (evaluations and checkpoints included).
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

/** 95 s -> '1m35s', 3725 s -> '1h02m', '-' when unknown. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '-';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** 503,808 -> '504k', 1,003,520 -> '1.00M'. */
export function formatSteps(n: number): string {
  if (n < 10_000) return String(n);
  if (n < 1_000_000) return `${Math.round(n / 1000)}k`;
  return `${(n / 1e6).toFixed(2)}M`;
}

/** Seconds left at this session's rate (steps done since `start` over `elapsedSeconds`). */
export function etaSeconds(value: number, total: number, start: number, elapsedSeconds: number): number {
  const rate = (value - start) / elapsedSeconds;
  return rate > 0 ? Math.max(0, total - value) / rate : NaN;
}

export const BAR_SIZE = 16;

/** The bar's line: at most 80 columns for any run up to 99.99M steps. */
export function barLine(bar: string, b: { value: number; total: number; fps: number; pctOptimal: number | null; etaSeconds: number }): string {
  const pct = Math.floor((100 * Math.min(b.value, b.total)) / b.total);
  return `[${bar}] ${String(pct).padStart(3)}% ${formatSteps(b.value)}/${formatSteps(b.total)} | ${Math.round(b.fps)}/s | eval ${formatPct(b.pctOptimal)} | ETA ${formatDuration(b.etaSeconds)}`;
}

/** Plain lines, at most one per `intervalSeconds` (plus the last one at stop). */
class LineProgress implements ProgressReporter {
  private lastPrint = -Infinity;
  private last: ProgressStatus | null = null;
  private printedLast = false;
  private readonly t0 = performance.now();

  constructor(
    private readonly total: number,
    private readonly start: number,
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
    const eta = etaSeconds(s.timesteps, this.total, this.start, (performance.now() - this.t0) / 1000);
    this.logger.info(
      `steps ${s.timesteps}/${this.total} (${pct}%) | fps ${Math.round(s.fps)} | ep_rew_mean ${formatReturn(s.epRewMean)} | eval ${formatPct(s.pctOptimal)} of optimal | ETA ${formatDuration(eta)}`,
    );
  }
}

/** A cli-progress bar on a TTY stream; messages are printed above it. */
class BarProgress implements ProgressReporter {
  private readonly multi: cliProgress.MultiBar;
  private readonly bar: cliProgress.SingleBar;

  private readonly t0 = performance.now();

  constructor(
    private readonly total: number,
    private readonly start: number,
    stream: NodeJS.WriteStream,
  ) {
    this.multi = new cliProgress.MultiBar(
      {
        stream,
        barsize: BAR_SIZE,
        format: (options, params, payload: { fps: number; pct: number | null; eta: number }) =>
          barLine(cliProgress.Format.BarFormat(params.progress, options), { value: params.value, total: params.total, fps: payload.fps, pctOptimal: payload.pct, etaSeconds: payload.eta }),
        hideCursor: true,
        clearOnComplete: false,
        fps: 5,
      },
      cliProgress.Presets.shades_classic,
    );
    this.bar = this.multi.create(total, start, { fps: 0, pct: null, eta: NaN });
  }

  update(s: ProgressStatus): void {
    this.bar.update(s.timesteps, {
      fps: s.fps,
      pct: s.pctOptimal,
      eta: etaSeconds(s.timesteps, this.total, this.start, (performance.now() - this.t0) / 1000),
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
  return new LineProgress(opts.total, opts.start, opts.logger, opts.intervalSeconds ?? 10);
}
