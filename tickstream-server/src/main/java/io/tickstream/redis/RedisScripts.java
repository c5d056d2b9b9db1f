package io.tickstream.redis;

/**
 * The Lua scripts that make publishing and history reads atomic in Redis (README, "Delivery
 * guarantees"). A stream's epoch and counter live in its hash ({@code epoch}, {@code seq}); when
 * the hash is missing (Redis restarted empty, or the stream is new) the caller's candidate epoch
 * becomes the epoch and any leftover history is dropped, so a lost history always shows as a new
 * epoch. Messages are stamped by writing {@code {"seq":N,"epoch":"E"} in front of the caller's
 * tail (see {@code StreamStamp}). On a Redis Cluster the scripts publish with {@code SPUBLISH}: the
 * channel shares the keys' hash tag, so each script runs on, and publishes from, one shard.
 * Immutable.
 *
 * @param appendAndPublish stamps, appends to the history and publishes a trade or account message
 * @param readHistory      a stream's position and the messages it holds after a seq
 * @param storeAndPublish  merges a market-data update into the state hash and publishes it
 */
record RedisScripts(String appendAndPublish, String readHistory, String storeAndPublish) {

    /** The scripts of one Redis ({@code PUBLISH}) or of a cluster ({@code SPUBLISH}). */
    static RedisScripts of(boolean sharded) {
        String publish = sharded ? "'SPUBLISH'" : "'PUBLISH'";
        return new RedisScripts(APPEND_AND_PUBLISH.replace("'PUBLISH'", publish), READ_HISTORY,
                STORE_AND_PUBLISH.replace("'PUBLISH'", publish));
    }

    /**
     * Creates the stream's hash with the candidate epoch {@code ARGV[c]} when it is missing; then
     * runs {@code created}, Lua to run only when it was.
     */
    static String epochOf(String candidate, String created) {
        return """
                local epoch = redis.call('HGET', KEYS[2], 'epoch')
                if not epoch then
                  epoch = %s
                  redis.call('DEL', KEYS[1])
                  redis.call('HSET', KEYS[2], 'epoch', epoch, 'seq', 0)
                  %s
                end
                """.formatted(candidate, created);
    }

    /**
     * Stamps, appends to the history and publishes one trade or account message. KEYS: history
     * stream, stream hash. ARGV: channel, tail, candidate epoch, max messages, max age (ms).
     * Returns the message's seq. The hash is kept for good from the stream's first message on
     * ({@code PERSIST} ends the expiry a read gave it).
     */
    private static final String APPEND_AND_PUBLISH = epochOf("ARGV[3]", "") + appendBody() + "return seq\n";

    /**
     * The body of {@link #APPEND_AND_PUBLISH} without its return, for scripts that append an
     * account or trade message as one step of their own (the same KEYS[1..2] and ARGV[1..5]);
     * the stream's epoch must be in {@code epoch} and the seq it gives is in {@code seq}. The hash
     * is kept for good from the stream's first message on ({@code PERSIST} ends the expiry a read
     * gave it).
     */
    static String appendBody() {
        return """
            redis.call('PERSIST', KEYS[2])
            local seq = redis.call('HINCRBY', KEYS[2], 'seq', 1)
            local message = '{"seq":' .. seq .. ',"epoch":"' .. epoch .. '"' .. ARGV[2]
            redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[4], '*', 'm', message)
            local now = redis.call('TIME')
            local oldest = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) - tonumber(ARGV[5])
            if oldest > 0 then
              redis.call('XTRIM', KEYS[1], 'MINID', '~', oldest)
            end
            redis.call('PEXPIRE', KEYS[1], ARGV[5])
            redis.call('PUBLISH', ARGV[1], message)
            """;
    }

    /**
     * A stream's position and the messages it holds after a seq. KEYS: history stream, stream
     * hash. ARGV: candidate epoch, asked epoch, after seq (negative: position only), how long (ms)
     * a hash this read creates is kept without a message, at most how many messages. Returns
     * {@code {epoch, seq, message...}}, the oldest messages first; those held when the asked epoch is
     * not the stream's. Messages are counted back from the newest, since seqs are consecutive in the
     * stream: only the asked-for page is sent back. A stream that is only read (an account that never
     * gets an event) leaves nothing behind for long.
     */
    private static final String READ_HISTORY = epochOf("ARGV[1]", "redis.call('PEXPIRE', KEYS[2], ARGV[4])") + """
            local top = tonumber(redis.call('HGET', KEYS[2], 'seq') or '0')
            local after = tonumber(ARGV[3])
            local out = {epoch, top}
            if after < 0 then
              return out
            end
            if epoch ~= ARGV[2] then
              after = 0
            end
            if top > after then
              local entries = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', top - after)
              local last = math.max(1, #entries - tonumber(ARGV[5]) + 1)
              for i = #entries, last, -1 do
                out[#out + 1] = entries[i][2][2]
              end
            end
            return out
            """;

    /**
     * Merges a market-data update into the state hash and publishes it, stamped with the next seq
     * and the state's epoch when the publisher gave neither. KEYS: state hash. ARGV: channel,
     * payload (or its tail when stamping), '1' to stamp, candidate epoch, seq field, epoch field,
     * then path/value pairs. Returns 1 when the state hash was missing (a new instrument, or Redis
     * restarted empty), else 0.
     */
    private static final String STORE_AND_PUBLISH = """
            local fresh = redis.call('EXISTS', KEYS[1]) == 0
            local payload = ARGV[2]
            if ARGV[3] == '1' then
              local epoch = redis.call('HGET', KEYS[1], ARGV[6])
              if (not epoch) or string.find(epoch, '[^%w%-%._]') then
                epoch = ARGV[4]
                redis.call('HSET', KEYS[1], ARGV[6], epoch)
              end
              local seq = redis.call('HINCRBY', KEYS[1], ARGV[5], 1)
              payload = '{"seq":' .. seq .. ',"epoch":"' .. epoch .. '"' .. ARGV[2]
            end
            if #ARGV > 6 then
              redis.call('HSET', KEYS[1], unpack(ARGV, 7))
            end
            redis.call('PUBLISH', ARGV[1], payload)
            if fresh then
              return 1
            end
            return 0
            """;
}
