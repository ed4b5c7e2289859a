// Lua scripts of the dead-letter operations. Each one moves or deletes entries in one step, so a crash
// can neither lose a replayed entry (gone from the dead letters, not yet in the stream) nor duplicate it
// (in both). The stream and its dead letters share a hash tag (durable-keys.ts): one slot on a cluster.
// XDEL leaves an empty stream behind, so the last entry out deletes the key too.

/**
 * KEYS stream, dead; ARGV at, entryId…. Per entry: 'missing', 'malformed' (no id: an entry wx-audit did
 * not write, left where it is), else the new stream entry's id. The queued marker is not consulted: it
 * still holds from the first enqueue (re-deliveries stay de-duplicated), and the store's claim decides
 * whether the listeners run (a `done` id is acknowledged without running).
 */
export const REPLAY = `local out = {}
for i = 2, #ARGV do
  local found = redis.call('XRANGE', KEYS[2], ARGV[i], ARGV[i])
  if #found == 0 then out[#out + 1] = 'missing' else
    local f = {}
    local fields = found[1][2]
    for j = 1, #fields, 2 do f[fields[j]] = fields[j + 1] end
    if not f['id'] or f['id'] == '' or not f['events'] then out[#out + 1] = 'malformed' else
      out[#out + 1] = redis.call('XADD', KEYS[1], '*', 'id', f['id'], 'events', f['events'], 'at', ARGV[1], 'replayOf', ARGV[i])
      redis.call('XDEL', KEYS[2], ARGV[i])
    end
  end
end
if redis.call('XLEN', KEYS[2]) == 0 then redis.call('DEL', KEYS[2]) end
return out`;

/** KEYS dead; ARGV entryId…. Per entry 1 (deleted) or 0 (not there). */
export const DROP = `local out = {}
for i = 1, #ARGV do out[i] = redis.call('XDEL', KEYS[1], ARGV[i]) end
if redis.call('XLEN', KEYS[1]) == 0 then redis.call('DEL', KEYS[1]) end
return out`;
