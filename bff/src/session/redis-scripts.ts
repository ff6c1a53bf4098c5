/** The Lua scripts of `RedisSessionStore`, each one atomic Redis step. */

/**
 * Conditional write of a row (KEYS: row, WorkOS-session index, user index, the session's tombstone
 * keys under every password, then its rows under previous passwords, which the write deletes: the
 * session moves to the newest password's key). Refused when any tombstone exists (no resurrection), and refused
 * with `changed` when the stored row holds a later access token than the incoming copy (`at`, the
 * access token's expiry, kept beside the sealed value), so a stale copy can never put older tokens
 * back whichever instance writes it; the caller then re-reads, takes the stored tokens
 * (`keepNewestTokens`) and writes again. Copies of the same token generation (most saves, which
 * only move `lastSeenAt`) never conflict. Also maintains the indexes.
 */
export const WRITE_SCRIPT = `
local tombs = tonumber(ARGV[7])
for i = 4, 3 + tombs do
  if redis.call('EXISTS', KEYS[i]) == 1 then return 'gone' end
end
local current = redis.call('GET', KEYS[1])
if current then
  local stored = cjson.decode(current)
  if tonumber(stored['at']) > tonumber(ARGV[1]) then return 'changed' end
end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
for i = 4 + tombs, #KEYS do redis.call('DEL', KEYS[i]) end
if ARGV[5] ~= '' then
  redis.call('SADD', KEYS[2], ARGV[4])
  redis.call('PEXPIRE', KEYS[2], ARGV[6])
  redis.call('HSET', KEYS[3], ARGV[4], ARGV[5])
  redis.call('PEXPIRE', KEYS[3], ARGV[6])
end
return 'ok'`;

/** Tombstone first (keeping an earlier reason), then delete: a concurrent write sees one or the other. */
export const DESTROY_SCRIPT = `
if redis.call('EXISTS', KEYS[2]) == 1 then
  redis.call('PEXPIRE', KEYS[2], ARGV[2])
else
  redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
end
return redis.call('DEL', KEYS[1])`;
