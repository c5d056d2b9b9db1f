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
 * @param appendTrade      as {@code appendAndPublish}, and adds the trade to its instrument's bars
 * @param readHistory      a stream's position and the messages it holds after a seq
 * @param storeAndPublish  merges a market-data update into the state hash and publishes it
 * @param readBars         one page of an instrument's bars of one interval
 */
record RedisScripts(String appendAndPublish, String appendTrade, String readHistory, String storeAndPublish,
                    String readBars) {

    /** The scripts of one Redis ({@code PUBLISH}) or of a cluster ({@code SPUBLISH}). */
    static RedisScripts of(boolean sharded) {
        String publish = sharded ? "'SPUBLISH'" : "'PUBLISH'";
        String append = APPEND_AND_PUBLISH.replace("'PUBLISH'", publish);
        String returnSeq = "return seq\n";
        return new RedisScripts(append, BARS + append.replace(returnSeq, "addToBars(ARGV[6], ARGV[7])\n" + returnSeq),
                READ_HISTORY, BARS + STORE_AND_PUBLISH.replace("'PUBLISH'", publish), READ_BARS);
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
     * Exact decimal arithmetic on plain decimal text ({@code -12.50}): Lua numbers are doubles, so
     * prices are compared and quantities added digit by digit, with the result's scale the larger
     * of the two (as {@code BigDecimal.add}); a zero result has no sign. Fast paths: non-negative
     * numbers compare by the length of their integer part, then as text when equally long; two
     * non-negative numbers of at most 15 digits once aligned are added as integers scaled by the
     * longer fraction (exact in a double, below 2^53).
     */
    private static final String DECIMALS = """
            local function split(s)
              local neg = string.sub(s, 1, 1) == '-'
              if neg then s = string.sub(s, 2) end
              local dot = string.find(s, '.', 1, true)
              if dot then return neg, string.sub(s, 1, dot - 1), string.sub(s, dot + 1) end
              return neg, s, ''
            end
            local function align(a, b)
              local an, ai, af = split(a)
              local bn, bi, bf = split(b)
              local fl = math.max(#af, #bf)
              local il = math.max(#ai, #bi)
              local x = string.rep('0', il - #ai) .. ai .. af .. string.rep('0', fl - #af)
              local y = string.rep('0', il - #bi) .. bi .. bf .. string.rep('0', fl - #bf)
              return an, x, bn, y, fl
            end
            local function compare(a, b)
              if a == b then return 0 end
              if string.byte(a, 1) ~= 45 and string.byte(b, 1) ~= 45 then
                local ad = string.find(a, '.', 1, true) or #a + 1
                local bd = string.find(b, '.', 1, true) or #b + 1
                if ad ~= bd then return ad < bd and -1 or 1 end
                if #a == #b then return a < b and -1 or 1 end
              end
              local an, x, bn, y = align(a, b)
              if an ~= bn then return an and -1 or 1 end
              local c = 0
              if x < y then c = -1 elseif x > y then c = 1 end
              if an then c = -c end
              return c
            end
            local function digits(x, y, sign)
              local out, carry = {}, 0
              for i = #x, 1, -1 do
                local d = (string.byte(x, i) - 48) + sign * (string.byte(y, i) - 48) + carry
                carry = 0
                if d >= 10 then d = d - 10; carry = 1 elseif d < 0 then d = d + 10; carry = -1 end
                out[i] = string.char(48 + d)
              end
              return (carry == 1 and '1' or '') .. table.concat(out)
            end
            local function add(a, b)
              if string.byte(a, 1) ~= 45 and string.byte(b, 1) ~= 45 then
                local ad = string.find(a, '.', 1, true)
                local bd = string.find(b, '.', 1, true)
                local af, bf = ad and #a - ad or 0, bd and #b - bd or 0
                local fl = math.max(af, bf)
                if math.max(ad and ad - 1 or #a, bd and bd - 1 or #b) + fl <= 15 then
                  local x = tonumber((string.gsub(a, '%.', ''))) * 10 ^ (fl - af)
                  local y = tonumber((string.gsub(b, '%.', ''))) * 10 ^ (fl - bf)
                  local sum = string.format('%.0f', x + y)
                  if fl == 0 then return sum end
                  if #sum <= fl then sum = string.rep('0', fl - #sum + 1) .. sum end
                  return string.sub(sum, 1, #sum - fl) .. '.' .. string.sub(sum, #sum - fl + 1)
                end
              end
              local an, x, bn, y, fl = align(a, b)
              local neg, sum = an, nil
              if an == bn then
                sum = digits(x, y, 1)
              elseif x >= y then
                sum = digits(x, y, -1)
              else
                sum = digits(y, x, -1)
                neg = bn
              end
              local int = string.sub(sum, 1, #sum - fl)
              int = string.match(int, '^0*(.-)$')
              if int == '' then int = '0' end
              local text = int
              if fl > 0 then text = text .. '.' .. string.sub(sum, #sum - fl + 1) end
              if neg and string.find(sum, '[1-9]') then text = '-' .. text end
              return text
            end
            local function half(a)
              local neg, int, frac = split(a)
              local digits, out, r = int .. frac, {}, 0
              for i = 1, #digits do
                local d = r * 10 + string.byte(digits, i) - 48
                out[i] = string.char(48 + math.floor(d / 2))
                r = d % 2
              end
              local fl = #frac
              if r == 1 then
                out[#digits + 1] = '5'
                fl = fl + 1
              end
              local all = table.concat(out)
              local whole = string.match(string.sub(all, 1, #all - fl), '^0*(.-)$')
              if whole == '' then whole = '0' end
              local text = whole
              if fl > 0 then text = text .. '.' .. string.sub(all, #all - fl + 1) end
              if neg and string.find(all, '[1-9]') then text = '-' .. text end
              return text
            end
            """;

    /**
     * {@code addToBars(price, quantity)}: adds a trade (or a mid) to the open bar of each interval.
     * KEYS[3]: the hash of the open bars (field {@code 1}..{@code 7}, one per interval in order);
     * KEYS[4..]: per interval the sorted set of its closed bars. ARGV[8..]: per interval the start
     * of the trade's bar, the start before which closed bars are dropped, and the keys' time to live
     * (ms). One HMGET and one HSET per trade; a bar is moved to its sorted set when the next one
     * opens. A trade whose bar starts before the open bar's counts in the open bar. Defined after
     * {@link #DECIMALS}.
     */
    private static final String BARS = DECIMALS + """
            local function addToBars(price, quantity)
              local n = #KEYS - 3
              local fields = {}
              for i = 1, n do fields[i] = tostring(i) end
              local open = redis.call('HMGET', KEYS[3], unpack(fields))
              local out, ttl = {}, nil
              for i = 1, n do
                local a = 8 + (i - 1) * 3
                local bar = open[i]
                local f = {}
                if bar then
                  for field in string.gmatch(string.sub(bar, 2, -2), '[^,]+') do f[#f + 1] = field end
                end
                if bar and tonumber(f[1]) >= tonumber(ARGV[a]) then
                  local high, low = f[3], f[4]
                  if compare(price, high) > 0 then high = price end
                  if compare(price, low) < 0 then low = price end
                  bar = '[' .. f[1] .. ',' .. f[2] .. ',' .. high .. ',' .. low .. ',' .. price .. ','
                    .. add(f[6], quantity) .. ',' .. string.format('%d', tonumber(f[7]) + 1) .. ']'
                else
                  if bar then
                    redis.call('ZADD', KEYS[3 + i], f[1], bar)
                    redis.call('ZREMRANGEBYSCORE', KEYS[3 + i], '-inf', '(' .. ARGV[a + 1])
                    redis.call('PEXPIRE', KEYS[3 + i], ARGV[a + 2])
                  end
                  if not ttl or tonumber(ARGV[a + 2]) > tonumber(ttl) then ttl = ARGV[a + 2] end
                  bar = '[' .. ARGV[a] .. ',' .. price .. ',' .. price .. ',' .. price .. ',' .. price .. ','
                    .. quantity .. ',1]'
                end
                out[#out + 1] = fields[i]
                out[#out + 1] = bar
              end
              redis.call('HSET', KEYS[3], unpack(out))
              if ttl then redis.call('PEXPIRE', KEYS[3], ttl) end
            end
            """;

    /**
     * One page of an interval's bars, newest first: the open bar (when it starts at or before the
     * end), then closed bars. KEYS: open-bar hash, the interval's closed-bar sorted set. ARGV: the
     * interval's field in the hash, end (epoch ms), at most how many.
     */
    private static final String READ_BARS = """
            local out = {}
            local limit = tonumber(ARGV[3])
            local open = redis.call('HGET', KEYS[1], ARGV[1])
            if open and tonumber(string.match(open, '^%[(%-?%d+),')) <= tonumber(ARGV[2]) then
              out[1] = open
              limit = limit - 1
            end
            if limit > 0 then
              local closed = redis.call('ZRANGE', KEYS[2], ARGV[2], '-inf', 'BYSCORE', 'REV', 'LIMIT', 0, limit)
              for i = 1, #closed do out[#out + 1] = closed[i] end
            end
            return out
            """;

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
     * and the state's epoch when the publisher gave neither; for an instrument whose candle source
     * key says {@code mid}, an update that set the level-1 bid or ask adds the new mid (plain
     * decimals only) to its bars. KEYS: state hash, candle source, the bar keys (see {@link #BARS}). ARGV:
     * channel, payload (or its tail when stamping), '1' to stamp, candidate epoch, seq field, epoch
     * field, '1' when the quote was set, the bars' arguments (see {@link #BARS}), then path/value pairs. Returns 1
     * when the state hash was missing (a new instrument, or Redis restarted empty), else 0.
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
            local first = 8 + 3 * (#KEYS - 3)
            if #ARGV >= first then
              redis.call('HSET', KEYS[1], unpack(ARGV, first))
            end
            if ARGV[7] == '1' and redis.call('GET', KEYS[2]) == 'mid' then
              local bid = redis.call('HGET', KEYS[1], 'BestLimit.1.buy_price')
              local ask = redis.call('HGET', KEYS[1], 'BestLimit.1.sell_price')
              if bid and ask and not string.find(bid .. ask, '[^%d%.%-]') then
                addToBars(half(add(bid, ask)), '0')
              end
            end
            redis.call('PUBLISH', ARGV[1], payload)
            if fresh then
              return 1
            end
            return 0
            """;
}
