// Lua scripts of durable mode: each moves an entry between states in one step, so a crash between two
// commands can neither lose an entry nor leave it both acknowledged and pending.

/** KEYS stream, marker; ARGV ttlSeconds, id, events, at. Writes the entry unless this push was already enqueued. */
export const ENQUEUE = `if redis.call('SET', KEYS[2], '1', 'NX', 'EX', ARGV[1]) then
  return redis.call('XADD', KEYS[1], '*', 'id', ARGV[2], 'events', ARGV[3], 'at', ARGV[4])
end
return false`;

/** KEYS stream, attempts; ARGV group, entryId. Done: forget the entry (one group, so nobody else needs it). */
export const ACK = `redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
redis.call('XDEL', KEYS[1], ARGV[2])
redis.call('HDEL', KEYS[2], ARGV[2])
return 1`;

/** KEYS stream, attempts, dead; ARGV group, entryId, id, events, error, attempts, at. Moves the entry to the dead letters. */
export const DEAD_LETTER = `redis.call('XADD', KEYS[3], '*', 'id', ARGV[3], 'events', ARGV[4], 'error', ARGV[5], 'attempts', ARGV[6], 'entry', ARGV[2], 'at', ARGV[7])
redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
redis.call('XDEL', KEYS[1], ARGV[2])
redis.call('HDEL', KEYS[2], ARGV[2])
return 1`;
