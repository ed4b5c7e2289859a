import { z } from 'zod';

const nodeUrl = z
  .string()
  .refine((v) => /^rediss?:\/\/[^/]+:\d+\/?$/.test(v), 'a node as redis://[user:password@]host:port (rediss:// for TLS)');

/**
 * `cluster: { nodes }`: a Redis Cluster to open without code of yours. Some of its nodes are enough;
 * the others (and which node holds which slot) are discovered from them and followed through failovers.
 */
export const redisClusterOptionsSchema = z
  .object({
    /**
     * One or more nodes of the cluster, `redis://[user:password@]host:port` or `rediss://…` for TLS.
     * The first node's credentials and TLS apply to every node, the discovered ones too.
     */
    nodes: z.array(nodeUrl).min(1),
  })
  .strict();

export type RedisClusterOptions = z.input<typeof redisClusterOptionsSchema>;

/** A node of `cluster.nodes` as ioredis takes it, and the connection settings shared by every node. */
export function clusterNodes(options: RedisClusterOptions): { nodes: Array<{ host: string; port: number }>; auth: { username?: string; password?: string; tls?: object } } {
  const urls = options.nodes.map((n) => new URL(n));
  const first = urls[0]!;
  const auth: { username?: string; password?: string; tls?: object } = {};
  if (first.username) auth.username = decodeURIComponent(first.username);
  if (first.password) auth.password = decodeURIComponent(first.password);
  if (first.protocol === 'rediss:') auth.tls = {};
  // Brackets of an IPv6 literal are URL syntax, not part of the address.
  return { nodes: urls.map((u) => ({ host: u.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(u.port) })), auth };
}
