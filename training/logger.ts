/** The logger the training driver writes to (injected; library code never prints). */
export interface TrainLogger {
  info(message: string): void;
  warn(message: string): void;
}

/** A logger that drops everything (tests, benchmarks). */
export const SILENT_LOGGER: TrainLogger = Object.freeze({
  info: () => {},
  warn: () => {},
});

/** A logger writing lines to a stream (the CLI passes process.stderr). */
export function streamLogger(stream: NodeJS.WritableStream): TrainLogger {
  return {
    info: (m) => void stream.write(`${m}\n`),
    warn: (m) => void stream.write(`warning: ${m}\n`),
  };
}
