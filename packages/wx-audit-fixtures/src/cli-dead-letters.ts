import { openDeadLetters, type DeadLetter, type OpenedDeadLetters } from '@x/wx-audit-middleware';
import { integer, parse, type Io } from './cli-args.js';
import { str } from './cli-args.js';
import { UsageError } from './cli-usage-error.js';

export const DEAD_LETTERS_HELP = `Usage: wx-audit dead-letters list|replay|drop --redis-url <url> [options] [entry ids… | --all]

Durable mode's dead letters: pushes whose listeners failed maxAttempts times. No token or key needed.

  list      print the dead letters, oldest first (entry id, message id, attempts, failed at, error)
  replay    put them back in the stream under the same id: the same idempotency applies, so a message
            already handled is not run again; a replayed entry leaves the dead letters
  drop      delete them

  --redis-url <url>     the Redis durable mode uses (default REDIS_URL, else redis://127.0.0.1:6379)
  --key-prefix <p>      the audit's durable keyPrefix (default wx-audit:)
  --stream <key>        the audit's durable stream, when you set one (default <keyPrefix>{events})
  --count <n>           list: at most n entries (default 100)
  --all                 replay or drop every dead letter
  --json                one JSON object per line instead of text

Exit status: 0 done, 1 Redis unreachable or an id not found, 2 usage error.`;

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  'redis-url': { type: 'string' },
  'key-prefix': { type: 'string' },
  stream: { type: 'string' },
  count: { type: 'string' },
  all: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

const ACTIONS = ['list', 'replay', 'drop'] as const;
type Action = (typeof ACTIONS)[number];
const isAction = (value: string | undefined): value is Action => ACTIONS.includes(value as Action);

/** Pages through every dead letter (replay and drop take them out as they go, so the first page repeats). */
async function allEntryIds(letters: OpenedDeadLetters): Promise<string[]> {
  const ids: string[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await letters.list({ count: 500, ...(after === undefined ? {} : { after }) });
    if (page.length === 0) return ids;
    ids.push(...page.map((letter) => letter.entryId));
    after = page[page.length - 1]!.entryId;
  }
}

function describe(letter: DeadLetter): string {
  return `${letter.entryId}  ${letter.id || '(not written by wx-audit)'}  attempts ${letter.attempts}  ${letter.failedAt.toISOString()}  ${letter.error}`;
}

export async function deadLettersCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, OPTIONS);
  if (values.help) return (io.out(DEAD_LETTERS_HELP), 0);
  const [action, ...ids] = positionals;
  if (!isAction(action)) throw new UsageError(`name what to do: ${ACTIONS.join(', ')}${action === undefined ? '' : ` (got "${action}")`}.`);
  const all = values.all === true;
  if (action === 'list' && (all || ids.length > 0)) throw new UsageError('list takes no entry ids and no --all (use --count).');
  if (action !== 'list' && all === (ids.length > 0)) throw new UsageError(`${action} needs entry ids (from "wx-audit dead-letters list") or --all, not both.`);
  const count = integer(values, 'count', 100);
  const keyPrefix = str(values, 'key-prefix');
  const stream = str(values, 'stream');
  const url = str(values, 'redis-url') ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (!/^rediss?:\/\//.test(url)) throw new UsageError(`--redis-url must be a redis:// or rediss:// URL; got "${url}".`);
  const bad = ids.find((id) => !/^\d+-\d+$/.test(id));
  if (bad !== undefined) throw new UsageError(`"${bad}" is not a dead letter's entry id (like 1700000000000-0); "wx-audit dead-letters list" shows them.`);

  const letters = openDeadLetters({ url, ...(keyPrefix === undefined ? {} : { keyPrefix }), ...(stream === undefined ? {} : { stream }) });
  const print = (text: string, json: unknown) => io.out(values.json ? JSON.stringify(json) : text);
  try {
    if (action === 'list') {
      const page = await letters.list({ count });
      for (const letter of page) print(describe(letter), { ...letter, failedAt: letter.failedAt.toISOString() });
      if (!values.json) io.out(`${page.length} of ${await letters.count()} dead letter(s)`);
      return 0;
    }
    const targets = all ? await allEntryIds(letters) : ids;
    if (targets.length === 0) {
      print('no dead letters', { [action === 'replay' ? 'replayed' : 'dropped']: [] });
      return 0;
    }
    if (action === 'replay') {
      const result = await letters.replay(targets);
      print(`replayed ${result.replayed.length}; not found ${result.notFound.length}; malformed (left, drop them) ${result.malformed.length}`, result);
      return result.notFound.length > 0 ? 1 : 0;
    }
    const result = await letters.drop(targets);
    print(`dropped ${result.dropped.length}; not found ${result.notFound.length}`, result);
    return result.notFound.length > 0 ? 1 : 0;
  } finally {
    await letters.close();
  }
}
