/**
 * Ctrl-C for long commands: the first SIGINT (and SIGTERM, where asked) aborts `fn`'s signal
 * after printing `message` — the command finishes cleanly (a final checkpoint, the rows so far)
 * — and a second one exits at once with code 130.
 */
export async function withInterrupt<T>(message: string, fn: (signal: AbortSignal) => Promise<T>, opts: { sigterm?: boolean } = {}): Promise<T> {
  const abort = new AbortController();
  const onSignal = (): void => {
    if (abort.signal.aborted) process.exit(130);
    process.stderr.write(`\n${message}\n`);
    abort.abort();
  };
  const signals: NodeJS.Signals[] = opts.sigterm === true ? ['SIGINT', 'SIGTERM'] : ['SIGINT'];
  for (const s of signals) process.on(s, onSignal);
  try {
    return await fn(abort.signal);
  } finally {
    for (const s of signals) process.off(s, onSignal);
  }
}
