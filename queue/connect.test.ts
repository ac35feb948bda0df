import { describe, expect, it } from 'vitest';
import { QueueError } from '../util/errors.js';
import { probeRedis } from './connect.js';
import { refusal, envelope, checkQueueName } from './job-kinds.js';
import { parseRedisUrl } from './redis-url.js';

describe('queue URLs and envelopes (no server needed)', () => {
  it('parses redis URLs and names the flag, the range and the value when wrong', () => {
    expect(parseRedisUrl('redis://10.0.0.5:6380/2')).toMatchObject({ host: '10.0.0.5', port: 6380, db: 2 });
    expect(parseRedisUrl('redis://localhost')).toMatchObject({ port: 6379, db: 0 });
    expect(parseRedisUrl('redis://:secret@h:1').password).toBe('secret');
    expect(() => parseRedisUrl('localhost:6379')).toThrow(/--queue must be a Redis URL.*got "localhost:6379"/);
    expect(() => parseRedisUrl('http://h:1')).toThrow(/scheme redis:/);
    expect(() => parseRedisUrl('redis://h:1/16')).toThrow(/database must be an integer in \[0, 15\], got "16"/);
    expect(() => checkQueueName('a b')).toThrow(/--name must be/);
  });

  it('an unreachable Redis is a QueueError naming the URL within seconds, not a hang', async () => {
    const t0 = performance.now();
    const e = await probeRedis('redis://127.0.0.1:1', 2000).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(QueueError);
    expect((e as Error).message).toMatch(/cannot reach Redis at redis:\/\/127\.0\.0\.1:1: /);
    expect(performance.now() - t0).toBeLessThan(10_000); // generous: the point is "not a hang"
    // a black-holed address: the connect timeout answers
    const f = await probeRedis('redis://10.255.255.1:6379', 1000).catch((x: unknown) => x);
    expect((f as Error).message).toMatch(/cannot reach Redis at redis:\/\/10\.255\.255\.1:6379/);
  });

  it('a worker refuses jobs of another version, with both versions', () => {
    expect(refusal(envelope('sweep-task', {}, '1.2.3'), '1.2.3')).toBeNull();
    expect(refusal(envelope('sweep-task', {}, '0.0.1'), '1.2.3')).toMatch(/made by mmgym 0\.0\.1, this worker runs mmgym 1\.2\.3/);
    expect(refusal({ kind: 'train' }, '1.2.3')).toMatch(/no mmgym version/);
    expect(refusal({ version: '1.2.3', kind: 'dance' }, '1.2.3')).toMatch(/unknown job kind "dance"/);
  });
});
