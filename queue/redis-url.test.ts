import { describe, expect, it } from 'vitest';
import { QueueError } from '../util/errors.js';
import { DEFAULT_REDIS_PORT, parseRedisUrl } from './redis-url.js';

describe('parseRedisUrl', () => {
  it('host, default port 6379 and db 0', () => {
    expect(DEFAULT_REDIS_PORT).toBe(6379);
    expect(parseRedisUrl('redis://localhost')).toEqual({ url: 'redis://localhost', host: 'localhost', port: 6379, db: 0 });
  });
  it('port, db, user and password (percent-decoded), IPv6 brackets removed', () => {
    expect(parseRedisUrl('redis://al%40ice:p%3Ass@10.0.0.2:6380/3')).toEqual({ url: 'redis://al%40ice:p%3Ass@10.0.0.2:6380/3', host: '10.0.0.2', port: 6380, db: 3, username: 'al@ice', password: 'p:ss' });
    expect(parseRedisUrl('redis://:secret@h/15')).toEqual({ url: 'redis://:secret@h/15', host: 'h', port: 6379, db: 15, password: 'secret' });
    expect(parseRedisUrl('redis://[::1]:7000').host).toBe('::1');
  });
  it('refuses what is not a Redis URL, naming the flag and the value', () => {
    const cases: [string, string][] = [
      ['localhost:6379', '--queue must be a Redis URL redis://host:port[/db] (scheme redis:), got "localhost:6379"'],
      ['not a url', '--queue must be a Redis URL redis://host:port[/db], got "not a url"'],
      ['http://h:1', '(scheme redis:), got "http://h:1"'],
      ['redis://h/16', '--queue database must be an integer in [0, 15], got "16" in redis://h/16'],
      ['redis://h/a', 'database must be an integer in [0, 15], got "a"'],
      ['redis://h:0', '--queue port must be an integer in [1, 65535], got "0" in redis://h:0'],
    ];
    for (const [url, msg] of cases) {
      expect(() => parseRedisUrl(url)).toThrow(QueueError);
      expect(() => parseRedisUrl(url)).toThrow(msg);
    }
    expect(() => parseRedisUrl('ftp://h', '--redis')).toThrow(/^--redis must be a Redis URL/);
  });
});
