import { CATALOGUE } from '@x/wx-audit-middleware';
import { parse, type Io } from './cli-args.js';
import { kebabCase } from './cli-push-triggers.js';
import { UsageError } from './cli-usage-error.js';

export const EVENTS_HELP = `Usage: wx-audit events [--json]

Lists every push the middleware types (its catalogue): the event's name (audit.on(name) and fx.<name>()),
the command that sends it (wx-audit trigger <command>), its Event or InfoType on the wire, the channels
WeChat sends it on, the formats they use (the first is the default) and whether it also emits auditResult.
--json prints one JSON object a line: { name, command, wire, channels, formats, auditResult }.`;

/** One row of the listing: what a user needs to subscribe to, trigger and recognise a push. */
export interface EventRow {
  name: string;
  command: string;
  wire: { event: string } | { infoType: string };
  channels: string[];
  formats: string[];
  auditResult: boolean;
}

export function eventRows(): EventRow[] {
  return CATALOGUE.map((definition) => ({
    name: definition.name,
    command: kebabCase(definition.name),
    wire: 'event' in definition.wire ? { event: definition.wire.event } : { infoType: definition.wire.infoType },
    channels: [...definition.channels],
    formats: [...definition.formats],
    auditResult: definition.auditResult !== undefined,
  }));
}

/** `wx-audit events [--json]`: the catalogue as a table, or as JSON lines for scripts. */
export function eventsCommand(args: string[], io: Io): number {
  const { values, positionals } = parse(args, { help: { type: 'boolean', short: 'h' }, json: { type: 'boolean' } });
  if (values.help) return (io.out(EVENTS_HELP), 0);
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]!}".`);
  const rows = eventRows();
  if (values.json) {
    for (const row of rows) io.out(JSON.stringify(row));
    return 0;
  }
  const table = [
    ['event', 'command', 'wire', 'channels', 'formats', 'auditResult'],
    ...rows.map((row) => [
      row.name,
      row.command,
      'event' in row.wire ? `Event=${row.wire.event}` : `InfoType=${row.wire.infoType}`,
      row.channels.join(','),
      row.formats.join(','),
      row.auditResult ? 'yes' : 'no',
    ]),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((cells) => cells[i]!.length)));
  for (const cells of table) io.out(cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '));
  io.out(`${rows.length} events; ${rows.filter((row) => row.auditResult).length} emit auditResult.`);
  return 0;
}
