// One wx-audit instance in its own process, as a user would run it: Express + the BUILT package + Redis.
// Configured through WX_* variables; talks to the test over IPC:
//   → { type: 'ready', url }            once listening
//   → { type: 'started', id }           when a listener starts (before any hang)
//   ← { type: 'report' }  → { type: 'report', counts: { [id]: runs }, rejected: { [code]: n } }
//   ← { type: 'memory' }  → { type: 'memory', usage: process.memoryUsage() }
// WX_PORT: listen on that port (a restarted instance keeps its address) instead of a free one.
// WX_RECORD=<file>: each listener run appends `<ms since 1970>\t<event id>\n` to the file, written before the
// listener returns, so the record survives a SIGKILL; no `started` message and no counts then (the soak
// sends 200,000 pushes). The instance exits when its parent goes (the IPC channel closes).
// With WX_WATCH=<wxName> it also watches that shop's registration (WX_WATCH_URL, WX_WATCH_TOKEN: a fake
// WeChat; WX_WATCH_INTERVAL_MS, WX_WATCH_LEASE_MS) and reports
//   → { type: 'poll' }                  when it asks WeChat
//   → { type: 'status', id }            for each auditStatus event
//   → { type: 'watchDone', reason }     when the watch ends
import { openSync, writeSync } from 'node:fs';
import express from 'express';
import { createRedisStore, createWxApiClient, createWxAudit } from '../../dist/index.js';

const env = process.env;
const prefix = env.WX_PREFIX ?? 'wx-audit-test:';
const handler = env.WX_HANDLER ?? 'count'; // count | hang
const delayMs = Number(env.WX_DELAY_MS ?? 0);

// WX_CLUSTER_NODES (comma-separated redis:// URLs): a Redis Cluster instead of WX_REDIS_URL.
const target = env.WX_CLUSTER_NODES ? { cluster: { nodes: env.WX_CLUSTER_NODES.split(',') } } : { url: env.WX_REDIS_URL };
const durable = env.WX_DURABLE === '1' ? { ...target, keyPrefix: prefix, claimIdleMs: 1000, leaseMs: 1500, blockMs: 200, backoff: { baseMs: 50, maxMs: 200 } } : undefined;
const store = durable ? undefined : createRedisStore({ ...target, keyPrefix: `${prefix}idem:` });
const audit = createWxAudit({
  token: 'redisTestToken',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  appId: 'wx5823bf96d3bd56c7',
  requireEncryption: false, // the tests send plaintext pushes too
  ackTimeoutMs: Number(env.WX_ACK_TIMEOUT_MS ?? 4000),
  ...(env.WX_LEASE_MS ? { leaseMs: Number(env.WX_LEASE_MS) } : {}),
  ...(store ? { store } : {}),
  ...(durable ? { durable } : {}),
});

const counts = new Map();
const rejected = new Map();
const record = env.WX_RECORD ? openSync(env.WX_RECORD, 'a') : undefined;
audit.on('message', async (event) => {
  if (record !== undefined) {
    // Synchronous: the line is in the file before the push is marked done (or its stream entry acknowledged).
    writeSync(record, `${Date.now()}\t${event.id}\n`);
  } else {
    // Reported by MsgId, which the tests choose (the event's id adds the addressee to it).
    counts.set(event.msgId, (counts.get(event.msgId) ?? 0) + 1);
    process.send?.({ type: 'started', id: event.msgId });
  }
  if (handler === 'hang') await new Promise(() => undefined);
  if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
});
audit.on('rejected', (event) => rejected.set(event.code, (rejected.get(event.code) ?? 0) + 1));

if (env.WX_WATCH) {
  const client = createWxApiClient({ accessToken: env.WX_WATCH_TOKEN, baseUrl: env.WX_WATCH_URL, retries: 0 });
  const api = {
    checkAuditStatus(params, options) {
      process.send?.({ type: 'poll' });
      return client.checkAuditStatus(params, options);
    },
  };
  audit.on('auditStatus', (event) => process.send?.({ type: 'status', id: event.id }));
  audit.on('watchError', (event) => process.send?.({ type: 'watchError', message: String(event.error) }));
  const watch = audit.watchRegistration({ api, wxName: env.WX_WATCH, intervalMs: Number(env.WX_WATCH_INTERVAL_MS ?? 100), leaseMs: Number(env.WX_WATCH_LEASE_MS ?? 1000) });
  void watch.done.then((result) => process.send?.({ type: 'watchDone', reason: result.reason }));
}

const app = express();
app.use('/wechat/audit', audit.middleware());
const server = app.listen(Number(env.WX_PORT ?? 0), '127.0.0.1', () => {
  process.send?.({ type: 'ready', url: `http://127.0.0.1:${server.address().port}/wechat/audit` });
});
server.keepAliveTimeout = 30_000;

process.on('disconnect', () => process.exit(0));
process.on('message', async (message) => {
  if (message?.type === 'memory') process.send?.({ type: 'memory', usage: process.memoryUsage() });
  if (message?.type === 'report') {
    process.send?.({ type: 'report', counts: Object.fromEntries(counts), rejected: Object.fromEntries(rejected) });
  }
  if (message?.type === 'stop') {
    server.close();
    await audit.close();
    await store?.close();
    process.exit(0);
  }
});
