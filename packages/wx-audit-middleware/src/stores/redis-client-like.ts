/**
 * The part of an ioredis client this package uses. Written structurally so that the published types
 * do not import 'ioredis' (an optional peer): an ioredis `Redis` or `Cluster` instance satisfies it.
 */
export interface RedisClientLike {
  readonly status: string;
  /** True on an ioredis `Cluster`. */
  readonly isCluster?: boolean;
  call(command: string, ...args: Array<string | number | Buffer>): Promise<unknown>;
  connect(): Promise<void>;
  quit(): Promise<unknown>;
  disconnect(): void;
  /** `Redis#duplicate(options)` or `Cluster#duplicate(nodes, options)`: the two differ, see redis-connect.ts. */
  duplicate(...args: never[]): unknown;
  once(event: 'ready', listener: () => void): unknown;
  removeListener(event: 'ready', listener: () => void): unknown;
}

/** ioredis options this package sets on the connections it opens. */
export interface RedisConnectionOverrides {
  lazyConnect?: boolean;
  enableOfflineQueue?: boolean;
  maxRetriesPerRequest?: number | null;
  commandTimeout?: number;
  connectTimeout?: number;
  retryStrategy?: (times: number) => number | null;
}
