#!/usr/bin/env node
import type { ParseArgsConfig } from 'node:util';
import { deliver, isAcknowledgement } from './fake-wechat/deliver.js';
import { integer, parse, str, type Io } from './cli-args.js';
import { deadLettersCommand } from './cli-dead-letters.js';
import { eventsCommand } from './cli-events.js';
import { fakeServer } from './cli-fake-server.js';
import { KEYS_HELP, writeTestKeys } from './cli-keys.js';
import { fixturesFor, TRIGGERS } from './cli-triggers.js';
import { UsageError } from './cli-usage-error.js';

const MAIN_HELP = `wx-audit: send WeChat audit pushes to your server, or run a fake WeChat.

Usage:
  wx-audit trigger <event> --url <url> [options]   send one fixture, print the reply
  wx-audit events [--json]                         list every push the middleware types, and its trigger name
  wx-audit fake-server [--status <shop>=<status>]  run the fake WeChat API (check_audit_status) until interrupted
  wx-audit keys [--out <dir>]                      write a test key pair and its serial (info-update)
  wx-audit dead-letters list|replay|drop …         durable mode's dead letters (see its --help)
  wx-audit <command> --help                        help on a command

Exit status: 0 acknowledged / ran, 1 refused, failed or unreachable, 2 usage error.`;

function triggerHelp(): string {
  const width = Math.max(...Object.keys(TRIGGERS).map((name) => name.length)) + 1;
  const events = Object.entries(TRIGGERS).map(([name, t]) => `  ${name.padEnd(width)} ${t.summary}`);
  // Events sharing a heading share one option list: every push takes the same flags.
  const groups = new Map<string, string[]>();
  for (const [name, t] of Object.entries(TRIGGERS)) groups.set(t.usageTitle ?? `Options of ${name}`, t.usage);
  const perEvent = [...groups].flatMap(([title, usage]) => ['', `${title}:`, ...usage.map((line) => `  ${line}`)]);
  return [
    'Usage: wx-audit trigger <event> --url <url> [options]',
    '',
    'Builds one fixture (seeded factories), signs and encrypts it as WeChat does, POSTs it to --url and',
    "prints the reply's status and body. Exit 0 when the target acknowledged it, 1 when it refused,",
    'failed or could not be reached, 2 on a usage error.',
    '',
    'Events (wx-audit events lists the pushes with their wire names, channels and formats):',
    ...events,
    '',
    'Common options:',
    '  --url <url>            where your server receives WeChat pushes (required)',
    '  --seed <n>             seed of the fixture (default random)',
    '  --set field=value      override a fixture field (repeatable)',
    '  --timeout-ms <ms>      give up on the reply after this long (default 5000, as WeChat)',
    '  --retries <n>          re-send after a failure, as WeChat does up to 3 times (default 0)',
    ...perEvent,
  ].join('\n');
}

const COMMON: NonNullable<ParseArgsConfig['options']> = {
  help: { type: 'boolean', short: 'h' },
  url: { type: 'string' },
  seed: { type: 'string' },
  set: { type: 'string', multiple: true },
  'timeout-ms': { type: 'string' },
  retries: { type: 'string' },
};

async function trigger(args: string[], io: Io): Promise<number> {
  const name = args[0];
  if (name === undefined || name.startsWith('-')) {
    if (args.includes('--help') || args.includes('-h')) return (io.out(triggerHelp()), 0);
    throw new UsageError(`name the event to trigger: ${Object.keys(TRIGGERS).join(', ')}.`);
  }
  const event = TRIGGERS[name];
  if (!event) throw new UsageError(`unknown event "${name}"; the events are ${Object.keys(TRIGGERS).join(', ')}.`);
  const { values, positionals } = parse(args.slice(1), { ...COMMON, ...event.options });
  if (values.help) return (io.out(triggerHelp()), 0);
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]!}".`);
  const url = str(values, 'url');
  if (!url) throw new UsageError('--url is required.');
  if (!/^https?:\/\/[^/]/.test(url)) throw new UsageError(`--url must be an http(s) URL; got "${url}".`);
  const timeoutMs = integer(values, 'timeout-ms', 5000);
  const retries = integer(values, 'retries', 0);
  const sets = (values.set as string[] | undefined) ?? [];
  const target = event.target ? event.target(url, values) : url;
  const request = await event.build(values, fixturesFor(values), sets);
  const check = await event.answerCheck?.(values);
  const statusAcknowledges = event.acknowledges ?? isAcknowledgement;
  // With a reply key, an answer counts only once its signature verifies, as an APIv3 SDK would have it.
  const acknowledges = (status: number, body: string, headers: Readonly<Record<string, string>>) =>
    statusAcknowledges(status, body) && (check === undefined || check(headers, body).valid);

  io.out(`→ ${request.method} ${target} (${name})`);
  const report = await deliver(target, request, { timeoutMs, retries, acknowledges });
  for (const [i, attempt] of report.attempts.entries()) {
    const prefix = report.attempts.length > 1 ? `attempt ${i + 1}: ` : '';
    if (attempt.status === 0) {
      io.err(`${prefix}no reply from ${target}: ${attempt.error === 'timeout' ? `no answer within ${timeoutMs} ms` : (attempt.error ?? 'unknown error')}`);
      continue;
    }
    io.out(`${prefix}← ${attempt.status} ${attempt.body}`);
    if (check) {
      const verdict = check(attempt.headers ?? {}, attempt.body);
      if (verdict.valid) io.out(`${prefix}answer signature: valid (Wechatpay-Serial ${attempt.headers?.['wechatpay-serial'] ?? ''})`);
      else io.err(`${prefix}answer signature: INVALID, ${verdict.reason}; an APIv3 client would reject this answer.`);
    }
  }
  const last = report.attempts[report.attempts.length - 1];
  const acknowledged = report.acknowledged;
  if (acknowledged) {
    io.out('acknowledged');
    return 0;
  }
  io.err(last?.status ? `wx-audit: the target did not acknowledge the push (HTTP ${last.status}).` : `wx-audit: could not reach ${target}.`);
  return 1;
}

async function keys(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { help: { type: 'boolean', short: 'h' }, out: { type: 'string' }, 'serial-no': { type: 'string' } });
  if (values.help) return (io.out(KEYS_HELP), 0);
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]!}".`);
  const serialNo = str(values, 'serial-no');
  if (serialNo !== undefined && !/^[0-9A-Fa-f]{40}$/.test(serialNo)) throw new UsageError(`--serial-no must be 40 hex digits (a certificate serial); got "${serialNo}".`);
  let written;
  try {
    written = await writeTestKeys(str(values, 'out') ?? 'wx-audit-test-keys', serialNo);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code === 'EEXIST' ? 'a key file already exists there; choose another --out (keys are never overwritten).' : String((error as Error).message));
  }
  io.out(`wrote ${written.dir}/private-key.pem, public-key.pem, serial-no.txt`);
  io.out(`serial: ${written.serialNo}`);
  return 0;
}

/** Runs the command line; resolves the exit status. */
export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.out(MAIN_HELP);
      return command === undefined ? 2 : 0;
    }
    if (command === 'trigger') return await trigger(rest, io);
    if (command === 'fake-server') return await fakeServer(rest, io);
    if (command === 'keys') return await keys(rest, io);
    if (command === 'dead-letters') return await deadLettersCommand(rest, io);
    if (command === 'events') return eventsCommand(rest, io);
    throw new UsageError(`unknown command "${command}".`);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`wx-audit: ${error.message}`);
      io.err(`Run "wx-audit ${['trigger', 'fake-server', 'keys', 'dead-letters', 'events'].includes(command ?? '') ? `${command} ` : ''}--help" for usage.`);
      return 2;
    }
    io.err(`wx-audit: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

main(process.argv.slice(2), { out: (line) => console.log(line), err: (line) => console.error(line) }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
