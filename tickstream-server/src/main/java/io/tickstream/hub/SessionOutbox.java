package io.tickstream.hub;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.tickstream.metrics.GatewayMetrics;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outgoing side of one connection. Confined to the connection's event loop. While the socket
 * is writable frames go straight out; while it is not, conflatable frames wait here, newest per
 * key only, so a slow reader holds at most one pending frame per subscription.
 */
public final class SessionOutbox {

    private final Channel channel;
    private final GatewayMetrics metrics;
    private Map<Object, ByteBuf> pending;
    private boolean unflushed;

    public SessionOutbox(Channel channel, GatewayMetrics metrics) {
        this.channel = channel;
        this.metrics = metrics;
    }

    public Channel channel() {
        return channel;
    }

    /** Sends a frame, or keeps it as the newest pending one for {@code key}; takes ownership of it. */
    public void offerConflatable(Object key, ByteBuf frame) {
        assert channel.eventLoop().inEventLoop();
        if (!channel.isActive()) {
            frame.release();
            return;
        }
        if (pending == null && channel.isWritable()) {
            write(frame);
            return;
        }
        if (pending == null) {
            pending = new LinkedHashMap<>();
        }
        ByteBuf replaced = pending.put(key, frame);
        if (replaced != null) {
            replaced.release();
            metrics.conflatedFrames.increment();
        }
    }

    /** Flushes what was written since the last flush: one syscall per batch, not per frame. */
    public void flush() {
        if (unflushed) {
            unflushed = false;
            channel.flush();
        }
    }

    /** The socket drained below its low-water mark: sends pending frames while it stays writable. */
    public void onWritabilityChanged() {
        if (pending == null) {
            return;
        }
        Iterator<ByteBuf> frames = pending.values().iterator();
        while (frames.hasNext() && channel.isWritable()) {
            ByteBuf frame = frames.next();
            frames.remove();
            write(frame);
        }
        if (pending.isEmpty()) {
            pending = null;
        }
        flush();
    }

    /** Releases whatever is still pending; called once when the connection is gone. */
    public void discard() {
        if (pending != null) {
            pending.values().forEach(ByteBuf::release);
            pending = null;
        }
    }

    private void write(ByteBuf frame) {
        channel.write(frame, channel.voidPromise());
        unflushed = true;
        metrics.framesOut.increment();
    }
}
