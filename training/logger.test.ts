/** The training loggers (logger.ts): a stream logger writes one line per message, warnings prefixed; the silent one drops everything. */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { SILENT_LOGGER, streamLogger } from './logger.js';

describe('loggers', () => {
  it('streamLogger: info as is, warn prefixed with "warning: ", each on its own line', () => {
    const s = new PassThrough();
    const chunks: string[] = [];
    s.on('data', (c: Buffer) => chunks.push(c.toString()));
    const log = streamLogger(s);
    expect(log.info('hello')).toBeUndefined();
    log.warn('careful');
    log.info('two\nlines');
    expect(chunks.join('')).toBe('hello\nwarning: careful\ntwo\nlines\n');
  });

  it('SILENT_LOGGER drops messages and cannot be replaced', () => {
    expect(SILENT_LOGGER.info('x')).toBeUndefined();
    expect(SILENT_LOGGER.warn('x')).toBeUndefined();
    expect(Object.isFrozen(SILENT_LOGGER)).toBe(true);
  });
});
