// Lua scripts of durable mode: each moves an entry between states in one step, so a crash between two
// commands can neither lose an entry nor leave it both acknowledged and pending. Their keys share the
// stream's hash tag (durable-keys.ts).

/**
 * KEYS stream, marker; ARGV ttlSeconds, id, events, at. Writes the entry unless this push was already
 * enqueued (marker '1'). A marker holding anything else was not written by us: 'unexpected', an error
 * for the caller, rather than a push acknowledged as a duplicate and never run.
 */
export const ENQUEUE = `local v = redis.call('GET', KEYS[2])
if v == '1' then return false end
if v then return 'unexpected' end
redis.call('SET', KEYS[2], '1', 'EX', ARGV[1])
return redis.call('XADD', KEYS[1], '*', 'id', ARGV[2], 'events', ARGV[3], 'at', ARGV[4])`;

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
