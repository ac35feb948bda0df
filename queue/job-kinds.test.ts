import { describe, expect, it } from 'vitest';
import { QueueError } from '../util/errors.js';
import { packageVersion } from '../util/package-root.js';
import { DEFAULT_QUEUE_NAME, JOB_KINDS, QUEUE_PREFIX, checkQueueName, envelope, refusal } from './job-kinds.js';

describe('job envelopes', () => {
  it('an envelope carries the version, the kind and the payload; this version takes its own envelopes', () => {
    expect(JOB_KINDS).toEqual(['sweep-task', 'train']);
    expect([DEFAULT_QUEUE_NAME, QUEUE_PREFIX]).toEqual(['mmgym', 'mmgym']);
    const e = envelope('train', { a: 1 });
    expect(e).toEqual({ version: packageVersion(), kind: 'train', payload: { a: 1 } });
    for (const kind of JOB_KINDS) expect(refusal(JSON.parse(JSON.stringify(envelope(kind, null))))).toBeNull();
  });
  it('refuses foreign data, another version and unknown kinds, saying why', () => {
    expect(refusal(null)).toBe('the job carries no mmgym version: it was not made by mmgym');
    expect(refusal('x')).toMatch(/no mmgym version/);
    expect(refusal({ kind: 'train' })).toMatch(/no mmgym version/);
    expect(refusal(envelope('train', 1, '0.0.9'), '0.1.0')).toBe('the job was made by mmgym 0.0.9, this worker runs mmgym 0.1.0: run a worker of the same version');
    expect(refusal({ version: '1', kind: 'eval', payload: 1 }, '1')).toBe('unknown job kind "eval" (this worker runs sweep-task, train)');
  });
});

describe('checkQueueName', () => {
  it('takes 1-64 letters, digits, _ . - and refuses the rest, naming the value', () => {
    for (const ok of ['mmgym', 'a', 'A_b.c-9', 'x'.repeat(64)]) expect(checkQueueName(ok)).toBe(ok);
    for (const bad of ['', 'x'.repeat(65), 'a b', 'a:b', 'a/b', 'é']) {
      expect(() => checkQueueName(bad)).toThrow(QueueError);
      expect(() => checkQueueName(bad)).toThrow(`--name must be 1-64 letters, digits, '_', '.' or '-', got ${JSON.stringify(bad)}`);
    }
  });
});
