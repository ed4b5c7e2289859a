// Which Redis the Redis tests use. REDIS_URL when set; unset, the default local address when something
// answers there (a developer with redis-server running should not have its tests skipped for want of a
// variable); otherwise the tests are skipped with the exact command that runs them.

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export interface RedisChoice {
  /** The URL the tests use ('' when none answered and REDIS_URL is unset). */
  url: string;
  available: boolean;
  /** What to print: where the tests' Redis came from, or why they are skipped and how to run them. */
  message: string;
}

const runCommand = `REDIS_URL=${DEFAULT_REDIS_URL} npx --yes pnpm@10 test`;
const startCommand = `redis-server --port 6379 --save '' --appendonly no`;

/** Decides from REDIS_URL (`envUrl`) and a probe that answers whether a URL's Redis replies to PING. */
export async function chooseRedisUrl(envUrl: string | undefined, probe: (url: string) => Promise<boolean>): Promise<RedisChoice> {
  if (envUrl) {
    if (await probe(envUrl)) return { url: envUrl, available: true, message: `Redis tests use REDIS_URL (${envUrl}).` };
    return { url: envUrl, available: false, message: `Redis tests skipped: nothing answered at REDIS_URL (${envUrl}). Start a Redis there (for the default address: ${startCommand}), or unset REDIS_URL to use ${DEFAULT_REDIS_URL}.` };
  }
  if (await probe(DEFAULT_REDIS_URL)) return { url: DEFAULT_REDIS_URL, available: true, message: `Redis tests use ${DEFAULT_REDIS_URL} (REDIS_URL is unset; a Redis answered there).` };
  return { url: '', available: false, message: `Redis tests skipped: REDIS_URL is unset and nothing answered at ${DEFAULT_REDIS_URL}. Start one (${startCommand}), then run: ${runCommand}` };
}
