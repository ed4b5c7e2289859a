import { integer, parse, type Io } from './cli-args.js';
import { describeStatus, parseStatuses, STATUS_PRESETS } from './cli-statuses.js';
import { str } from './cli-args.js';
import { UsageError } from './cli-usage-error.js';
import { startFakeWeChat } from './fake-wechat/server.js';

export function fakeServerHelp(): string {
  const presets = Object.entries(STATUS_PRESETS).map(([name, preset]) => `  ${name.padEnd(14)} ${preset.summary}`);
  return [
    'Usage: wx-audit fake-server [--port <n>] [--host <host>] [--status <wxName>=<status>]... [--seed <n>] [--json]',
    '',
    "Runs a fake WeChat API server: check_audit_status and the access-token endpoints, with WeChat's",
    'error replies. Point your API client at it (createWxApiClient({ baseUrl: <url>, accessToken })).',
    'Prints its URL on the first line and the access token it accepts on the second; runs until SIGINT',
    'or SIGTERM. A shop given no --status is unknown: check_audit_status answers errcode 9410001.',
    '',
    '  --port <n>       port to listen on (default 0: any free port)',
    '  --host <host>    address to bind (default 127.0.0.1)',
    '  --status <wxName>=<status>',
    '                   what check_audit_status answers for that wx_name (repeatable, one per shop):',
    '                   a preset; presets separated by commas, answered one per call, the last repeating',
    "                   (my_shop=in-review,approved); a JSON object of the fixture's camelCase fields",
    '                   (\'my_shop={"registerStatus":0,"basicInfoStatus":4,"auditRejectReasons":"…"}\');',
    '                   or a JSON array of presets and objects',
    '  --seed <n>       seed of the preset statuses (default random): the same appid and links every run',
    '  --json           print one JSON line {"url":…,"accessToken":…} instead of the lines above',
    '',
    'Status presets (one shop keeps its registered appid, links and reasons across its statuses):',
    ...presets,
  ].join('\n');
}

/** `wx-audit fake-server`: starts the fake, prints how to reach it, and runs until a signal. */
export async function fakeServer(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    help: { type: 'boolean', short: 'h' },
    port: { type: 'string' },
    host: { type: 'string' },
    status: { type: 'string', multiple: true },
    seed: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.help) return (io.out(fakeServerHelp()), 0);
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]!}".`);
  const port = integer(values, 'port', 0);
  if (port > 65_535) throw new UsageError(`--port must be 0–65535; got ${port}.`);
  const seed = str(values, 'seed') === undefined ? undefined : integer(values, 'seed', 0);
  // Checked before listening: a typo is a usage error, not a server that answers something else.
  const statuses = parseStatuses((values.status as string[] | undefined) ?? [], seed);

  const wx = await startFakeWeChat({ port, host: str(values, 'host') ?? '127.0.0.1' });
  for (const [wxName, list] of statuses) wx.setAuditStatus(wxName, list);
  // Listening for the signals before printing: whoever reads the URL may stop the server at once.
  const stopped = new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  if (values.json) {
    io.out(JSON.stringify({ url: wx.url, accessToken: wx.accessToken }));
  } else {
    io.out(wx.url);
    io.out(`access token: ${wx.accessToken}`);
    for (const [wxName, list] of statuses) {
      io.out(`check_audit_status ${wxName}: ${list.map(describeStatus).join(', then ')}${list.length > 1 ? ' (the last repeats)' : ''}`);
    }
  }
  await stopped;
  await wx.close();
  return 0;
}
