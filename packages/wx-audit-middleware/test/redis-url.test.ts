// Which Redis the Redis tests use when REDIS_URL is unset (issue #17, item 10): they were skipped with
// a Redis answering on the default port.
import { describe, expect, it } from 'vitest';
import { freePort, probeRedis } from './redis-helpers/redis.js';
import { chooseRedisUrl, DEFAULT_REDIS_URL } from './redis-helpers/redis-url.js';

/** A probe that answers only for the given URLs, and records what it was asked. */
function fakeProbe(answering: string[]) {
  const asked: string[] = [];
  return { asked, probe: async (url: string) => (asked.push(url), answering.includes(url)) };
}

describe('chooseRedisUrl', () => {
  it('REDIS_URL unset and a Redis answering at the default address: the tests use it', async () => {
    const { asked, probe } = fakeProbe([DEFAULT_REDIS_URL]);
    const choice = await chooseRedisUrl(undefined, probe);
    expect(choice).toMatchObject({ url: 'redis://127.0.0.1:6379', available: true });
    expect(asked).toEqual(['redis://127.0.0.1:6379']);
  });

  it('REDIS_URL unset (or empty) and nothing answering: skipped, printing the exact commands', async () => {
    for (const env of [undefined, '']) {
      const choice = await chooseRedisUrl(env, fakeProbe([]).probe);
      expect(choice.available).toBe(false);
      expect(choice.message).toContain('REDIS_URL=redis://127.0.0.1:6379 npx --yes pnpm@10 test');
      expect(choice.message).toContain("redis-server --port 6379 --save '' --appendonly no");
    }
  });

  it('REDIS_URL set: only that URL is probed, never the default', async () => {
    const { asked, probe } = fakeProbe([DEFAULT_REDIS_URL]);
    const choice = await chooseRedisUrl('redis://10.0.0.9:6390', probe);
    expect(choice).toMatchObject({ url: 'redis://10.0.0.9:6390', available: false });
    expect(choice.message).toContain('nothing answered at REDIS_URL (redis://10.0.0.9:6390)');
    expect(asked).toEqual(['redis://10.0.0.9:6390']);
  });
});

describe('probeRedis', () => {
  it('a port where nothing listens answers false (the refused connection is not retried)', async () => {
    expect(await probeRedis(`redis://127.0.0.1:${await freePort()}`, 500)).toBe(false);
  });

  it('an empty URL answers false without connecting', async () => {
    expect(await probeRedis('')).toBe(false);
  });
});
