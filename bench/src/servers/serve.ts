// Child-process entry of one bench server: `node serve.js '<ServerSpec JSON>'`, forked with IPC.
// It binds 127.0.0.1 on a free port and reports it; on "sample" it reports what it did so far (the parent
// takes differences around each measured run), and on "stop" it reports once more and exits (which is
// also when `--cpu-prof` writes its profile).
import type { AddressInfo } from 'node:net';
import { createBenchApp, type ServerSpec } from './bench-app.js';
import type { ServerMessage } from './server-messages.js';

const spec = JSON.parse(process.argv[2] ?? '') as ServerSpec;
const bench = createBenchApp(spec);
const send = (message: ServerMessage, then?: () => void) => process.send?.(message, undefined, {}, () => then?.());

const server = bench.app.listen(0, '127.0.0.1', () => {
  send({ type: 'ready', port: (server.address() as AddressInfo).port });
});
server.keepAliveTimeout = 30_000;

const cpuMicros = () => {
  const cpu = process.cpuUsage();
  return cpu.user + cpu.system;
};

process.on('message', (message: unknown) => {
  const type = (message as { type?: string }).type;
  if (type === 'sample') return send({ type: 'sample', handled: bench.handled(), cpuMicros: cpuMicros() });
  if (type !== 'stop') return;
  const cpu = cpuMicros();
  server.closeAllConnections();
  server.close(() => {
    void bench.close().then(() => {
      // Disconnecting only once the message is written; the 'disconnect' handler then exits.
      send({ type: 'stopped', handled: bench.handled(), cpuMicros: cpu }, () => process.disconnect?.());
    });
  });
});
// The parent dying must not leave a server behind.
process.on('disconnect', () => process.exit(0));
