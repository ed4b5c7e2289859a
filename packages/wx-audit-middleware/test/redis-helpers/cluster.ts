// A real Redis Cluster for the tests: 6 redis-server processes (3 masters, 3 replicas) on free ports of
// their own, no persistence, created with `redis-cli --cluster create`, torn down after (even on failure).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, hasBinary, sleep, until } from './redis-server.js';

export const clusterBinaries = hasBinary('redis-server') && hasBinary('redis-cli');
if (!clusterBinaries) console.log('Redis Cluster tests skipped: the redis-server and redis-cli binaries are not on PATH.');

export interface ClusterNode {
  port: number;
  url: string;
  child: ChildProcess;
}

export interface TestCluster {
  nodes: ClusterNode[];
  /** Startup node URLs, `redis://127.0.0.1:<port>`. */
  urls: string[];
  /** Runs redis-cli against a node; rejects on a non-zero exit. */
  cli(port: number, ...args: string[]): Promise<string>;
  /** SIGKILLs the master serving `slot` and resolves with its port once the process is gone. */
  killMasterOf(slot: number): Promise<number>;
  /** Resolves once every live node says `cluster_state:ok` and `slot` is served by a live master. */
  waitHealthy(slot?: number, ms?: number): Promise<void>;
  stop(): Promise<void>;
}

// The node timeout decides how fast a dead master is failed over (about 2× it): 1 s keeps the test short.
const NODE_TIMEOUT_MS = 1000;
const live = new Set<ChildProcess>();
// Last resort if the test process ends without afterAll (a crash): no redis-server outlives it.
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

function run(command: string, args: string[], timeoutMs = 20_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${out.slice(-500)}`));
    });
  });
}

async function distinctFreePorts(n: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < n) ports.add(await freePort());
  return [...ports];
}

export async function startCluster(): Promise<TestCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'wx-audit-cluster-'));
  const nodes: ClusterNode[] = [];
  const stop = async () => {
    await Promise.all(
      nodes.map(
        ({ child }) =>
          new Promise<void>((resolve) => {
            live.delete(child);
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGKILL');
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  const cli = (port: number, ...args: string[]) => run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], 5000);
  try {
    // Client ports and cluster-bus ports chosen free (the bus would otherwise be port + 10000).
    const ports = await distinctFreePorts(12);
    for (let i = 0; i < 6; i++) {
      const port = ports[i]!;
      const args = ['--port', String(port), '--cluster-port', String(ports[i + 6]), '--bind', '127.0.0.1', '--cluster-enabled', 'yes'];
      args.push('--cluster-config-file', join(dir, `nodes-${port}.conf`), '--cluster-node-timeout', String(NODE_TIMEOUT_MS));
      args.push('--dir', dir, '--appendonly', 'no', '--save', '', '--logfile', join(dir, `${port}.log`));
      const child = spawn('redis-server', args, { stdio: 'ignore' });
      live.add(child);
      nodes.push({ port, url: `redis://127.0.0.1:${port}`, child });
    }
    for (const { port } of nodes) await until(async () => (await cli(port, 'PING').catch(() => '')).trim() === 'PONG', `redis-server on ${port}`, 10_000);
    await run('redis-cli', ['--cluster', 'create', ...nodes.map((n) => `127.0.0.1:${n.port}`), '--cluster-replicas', '1', '--cluster-yes'], 30_000);
  } catch (error) {
    await stop();
    throw error;
  }

  const liveNodes = () => nodes.filter((n) => n.child.exitCode === null && n.child.signalCode === null);
  /** `CLUSTER NODES` as one live node sees it: the masters and the slot ranges they serve. */
  const masters = async () => {
    const text = await cli(liveNodes()[0]!.port, 'CLUSTER', 'NODES');
    return text
      .split('\n')
      .map((line) => line.trim().split(' '))
      .filter((f) => f.length >= 8 && f[2]!.includes('master') && !f[2]!.includes('fail'))
      .map((f) => ({ port: Number(f[1]!.split(':')[1]!.split('@')[0]), ranges: f.slice(8).filter((r) => /^\d+(-\d+)?$/.test(r)).map((r) => r.split('-').map(Number)) }));
  };
  const serves = (ranges: number[][], slot: number) => ranges.some(([a, b]) => slot >= a! && slot <= (b ?? a!));
  const waitHealthy = async (slot?: number, ms = 20_000) => {
    await until(async () => {
      const states = await Promise.all(liveNodes().map((n) => cli(n.port, 'CLUSTER', 'INFO').catch(() => '')));
      if (!states.every((s) => s.includes('cluster_state:ok'))) return false;
      if (slot === undefined) return true;
      const alive = new Set(liveNodes().map((n) => n.port));
      return (await masters()).some((m) => alive.has(m.port) && serves(m.ranges, slot));
    }, 'the Redis Cluster to be healthy', ms);
  };
  try {
    await waitHealthy();
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    nodes,
    urls: nodes.map((n) => n.url),
    cli,
    waitHealthy,
    async killMasterOf(slot) {
      const master = (await masters()).find((m) => serves(m.ranges, slot));
      const node = nodes.find((n) => n.port === master?.port);
      if (!node) throw new Error(`no master serves slot ${slot}`);
      await new Promise<void>((resolve) => {
        node.child.once('exit', () => resolve());
        node.child.kill('SIGKILL');
      });
      live.delete(node.child);
      await sleep(0);
      return node.port;
    },
    stop,
  };
}
