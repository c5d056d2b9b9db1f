package io.tickstream.redis;

/**
 * The Lua scripts of the price alerts (README, "Price alerts"). An account's alerts live in one
 * hash, in its account stream's slot: field {@code ID} holds the stored alert, {@code ID:state},
 * {@code ID:fires} and {@code ID:fired} where it stands, and field {@code #active} counts the
 * active ones. Immutable.
 *
 * @param create adds an active alert unless the account is at its limit
 * @param cancel ends an active alert as canceled, or forgets an ended one
 * @param expire ends an active alert as expired
 * @param fire   decides a firing and appends and publishes its event, in one step
 */
record AlertScripts(String create, String cancel, String expire, String fire) {

    static AlertScripts of(boolean sharded) {
        String publish = sharded ? "'SPUBLISH'" : "'PUBLISH'";
        return new AlertScripts(CREATE, CANCEL, EXPIRE, FIRE.replace("'PUBLISH'", publish));
    }

    /** KEYS: alerts hash. ARGV: id, stored alert, limit. Returns 1, or 0 at the limit. */
    private static final String CREATE = """
            local active = tonumber(redis.call('HGET', KEYS[1], '#active') or '0')
            if active >= tonumber(ARGV[3]) then
              return 0
            end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2], ARGV[1] .. ':state', 'active', ARGV[1] .. ':fires', 0,
              ARGV[1] .. ':fired', 0)
            redis.call('HINCRBY', KEYS[1], '#active', 1)
            return 1
            """;

    /**
     * KEYS: alerts hash. ARGV: id. Returns {stored alert, state before, fires, last fired}, or an
     * empty array for an unknown id. The alert is gone from the hash afterwards.
     */
    private static final String CANCEL = """
            local stored = redis.call('HGET', KEYS[1], ARGV[1])
            if not stored then
              return {}
            end
            local state = redis.call('HGET', KEYS[1], ARGV[1] .. ':state')
            local fires = redis.call('HGET', KEYS[1], ARGV[1] .. ':fires')
            local fired = redis.call('HGET', KEYS[1], ARGV[1] .. ':fired')
            if state == 'active' then
              redis.call('HINCRBY', KEYS[1], '#active', -1)
            end
            redis.call('HDEL', KEYS[1], ARGV[1], ARGV[1] .. ':state', ARGV[1] .. ':fires', ARGV[1] .. ':fired')
            return {stored, state, fires, fired}
            """;

    /** KEYS: alerts hash. ARGV: id. */
    private static final String EXPIRE = """
            if redis.call('HGET', KEYS[1], ARGV[1] .. ':state') == 'active' then
              redis.call('HSET', KEYS[1], ARGV[1] .. ':state', 'expired')
              redis.call('HINCRBY', KEYS[1], '#active', -1)
            end
            return 1
            """;

    /**
     * Fires an alert once per crossing. KEYS: account history stream, account stream hash, alerts
     * hash. ARGV 1..5 as {@link RedisScripts#appendBody()} (channel, event tail, candidate epoch,
     * max messages, max age), then id, the generation the caller saw, '1' for once, cooldown ms,
     * expiresAt (0: never), how long a firing counts as the same crossing (ms). Refuses (returns
     * {0, state, fires, last fired}) when the alert is gone or ended; when it was fired since the
     * caller's generation and that firing is recent (within the cooldown and that time: another
     * node fired this same crossing first); when it is cooling down; or when it has expired (then
     * ends it). Else it marks it fired, appends and publishes the event and returns
     * {1, state, fires, now}: a node that missed an earlier firing still fires a later crossing
     * nobody fired. Redis runs a script whole or not at all, so no crash between deciding and
     * publishing can lose or double a firing.
     */
    private static final String FIRE = """
            local id = ARGV[6]
            local state = redis.call('HGET', KEYS[3], id .. ':state')
            if not state then
              return {0, 'canceled', 0, 0}
            end
            local fires = tonumber(redis.call('HGET', KEYS[3], id .. ':fires') or '0')
            local last = tonumber(redis.call('HGET', KEYS[3], id .. ':fired') or '0')
            local clock = redis.call('TIME')
            local nowMs = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
            local seen = tonumber(ARGV[7])
            if state ~= 'active' or (fires > seen and nowMs < last + math.max(tonumber(ARGV[9]), tonumber(ARGV[11])))
                or (fires > 0 and nowMs < last + tonumber(ARGV[9])) then
              return {0, state, fires, last}
            end
            if tonumber(ARGV[10]) > 0 and nowMs >= tonumber(ARGV[10]) then
              redis.call('HSET', KEYS[3], id .. ':state', 'expired')
              redis.call('HINCRBY', KEYS[3], '#active', -1)
              return {0, 'expired', fires, last}
            end
            fires = fires + 1
            state = 'active'
            if ARGV[8] == '1' then
              state = 'triggered'
              redis.call('HINCRBY', KEYS[3], '#active', -1)
            end
            redis.call('HSET', KEYS[3], id .. ':state', state, id .. ':fires', fires, id .. ':fired', nowMs)
            """ + RedisScripts.epochOf("ARGV[3]", "") + RedisScripts.appendBody() + """
            return {1, state, fires, nowMs}
            """;
}
