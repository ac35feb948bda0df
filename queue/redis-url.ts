/**
 * The `--queue` value: a Redis URL, `redis://[user:password@]host[:port][/db]`, turned into the
 * connection options BullMQ and ioredis take. Anything else is refused naming the flag and value.
 */
import { QueueError } from '../util/errors.js';

export interface RedisTarget {
  /** The URL as given (for messages). */
  url: string;
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
}

export const DEFAULT_REDIS_PORT = 6379;

export function parseRedisUrl(url: string, flag = '--queue'): RedisTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new QueueError(`${flag} must be a Redis URL redis://host:port[/db], got ${JSON.stringify(url)}`);
  }
  if (u.protocol !== 'redis:') throw new QueueError(`${flag} must be a Redis URL redis://host:port[/db] (scheme redis:), got ${JSON.stringify(url)}`);
  if (u.hostname === '') throw new QueueError(`${flag} names no host: ${JSON.stringify(url)}`);
  const port = u.port === '' ? DEFAULT_REDIS_PORT : Number(u.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new QueueError(`${flag} port must be an integer in [1, 65535], got ${JSON.stringify(u.port)} in ${url}`);
  const path = u.pathname.replace(/^\//, '');
  const db = path === '' ? 0 : Number(path);
  if (!Number.isInteger(db) || db < 0 || db > 15) throw new QueueError(`${flag} database must be an integer in [0, 15], got ${JSON.stringify(path)} in ${url}`);
  return {
    url,
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port,
    db,
    ...(u.username !== '' ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password !== '' ? { password: decodeURIComponent(u.password) } : {}),
  };
}
