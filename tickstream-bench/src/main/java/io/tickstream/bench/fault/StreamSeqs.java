package io.tickstream.bench.fault;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.tickstream.bus.ChannelNames;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads how far each stream has gone in Redis: the seq of its latest published message, from the
 * counter the publish script increments ({@code seq} in the hash at {@link ChannelNames#streamKey}),
 * 0 before the first; on a cluster from the stream's hash-tagged hash, on the master of its slot. Used
 * from the driving thread.
 */
public final class StreamSeqs {

    private final RedisClusterCommands<String, String> redis;
    private final FaultStreams streams;
    private final ChannelNames names;

    public StreamSeqs(RedisAdmin admin, FaultStreams streams) {
        this.redis = admin.commands();
        this.streams = streams;
        this.names = admin.names();
    }

    /** Every stream's latest seq, by label. */
    public Map<String, Long> read() {
        Map<String, Long> seqs = new LinkedHashMap<>();
        for (FaultStreams.Stream stream : streams.all()) {
            String seq = redis.hget(names.streamKey(stream.kind(), stream.key()), "seq");
            seqs.put(stream.label(), seq == null ? 0 : Long.parseLong(seq));
        }
        return seqs;
    }
}
