/**
 * Reaching Redis: a probe that fails within seconds with the URL and the reason (ioredis on its
 * own retries for ever, so an unreachable server would look like a hang), and the connection
 * options BullMQ's Queue, QueueEvents and Worker open their own connections with.
 */
import { Redis, type RedisOptions } from 'ioredis';
import type { ConnectionOptions } from 'bullmq';
import { QueueError } from '../util/errors.js';
import { parseRedisUrl, type RedisTarget } from './redis-url.js';

/** How long the probe waits for a connection and a PING reply. */
export const PROBE_TIMEOUT_MS = 3000;

function redisOptions(target: RedisTarget): RedisOptions {
  return {
    host: target.host,
    port: target.port,
    db: target.db,
    ...(target.username !== undefined ? { username: target.username } : {}),
    ...(target.password !== undefined ? { password: target.password } : {}),
  };
}

/** BullMQ connection options (maxRetriesPerRequest null: BullMQ's blocking commands need it). */
export function connectionOf(target: RedisTarget): ConnectionOptions {
  return { ...redisOptions(target), maxRetriesPerRequest: null };
}

/** Connect once and PING; a QueueError naming the URL if either fails or takes over `timeoutMs`. */
export async function probeRedis(url: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<RedisTarget> {
  const target = parseRedisUrl(url);
  const client = new Redis({
    ...redisOptions(target),
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  let lastError = '';
  client.on('error', (e: Error) => {
    lastError = e.message;
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no reply within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([
      (async () => {
        await client.connect();
        const pong = await client.ping();
        if (pong !== 'PONG') throw new Error(`PING answered ${JSON.stringify(pong)}`);
      })(),
      timeout,
    ]);
    return target;
  } catch (e) {
    const why = (e as Error).message || lastError || 'connection failed';
    throw new QueueError(`cannot reach Redis at ${url}: ${why} (is redis-server running there? e.g. redis-server --bind 127.0.0.1 --port ${target.port})`);
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}
