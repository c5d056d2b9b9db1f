package io.tickstream.bench.load;

import io.netty.channel.Channel;
import java.util.concurrent.TimeUnit;

/**
 * Makes a connection read slower than its stream: auto-read off, and one read of at most
 * {@link #CHUNK} bytes at the interval that gives the target rate.
 */
final class SlowReader {

    static final int CHUNK = 4096;

    private SlowReader() {
    }

    static void start(Channel channel, long bytesPerSecond) {
        channel.config().setAutoRead(false);
        long intervalMicros = Math.max(1_000, CHUNK * 1_000_000L / Math.max(1, bytesPerSecond));
        channel.eventLoop().scheduleAtFixedRate(() -> {
            if (channel.isActive()) {
                channel.read();
            }
        }, intervalMicros, intervalMicros, TimeUnit.MICROSECONDS);
    }
}
