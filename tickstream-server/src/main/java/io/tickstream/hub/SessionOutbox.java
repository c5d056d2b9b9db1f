package io.tickstream.hub;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.tickstream.transport.ClientAddress;
import io.tickstream.transport.CloseCodes;
import io.tickstream.transport.Connection;
import io.tickstream.transport.deflate.FrameDeflater;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a connection sends goes through its outbox. Confined to the connection's event
 * loop. While the socket is writable frames go straight out. While it is not, they wait here in
 * order: state frames conflated (newest per subscription only), trades, account events and replies
 * queued up to a bound, past which the client is disconnected as a slow consumer. So one slow
 * reader holds at most one frame per subscription plus the bound, never more.
 */
public final class SessionOutbox {

    /** How long a socket may stay full before a replay stops making room for the live stream (see {@link #stalled}). */
    static final long STALLED = TimeUnit.SECONDS.toNanos(5);

    private static final Logger log = LoggerFactory.getLogger(SessionOutbox.class);

    private final Connection connection;
    private final Channel channel;
    private final OutboxMeters meters;
    private final int maxQueued;
    /** Null unless the connection speaks permessage-deflate. */
    private final FrameDeflater deflater;
    private PendingFrames pending;
    /** Run once the outbox has room again (see {@link #whenRoom}); null when nobody waits. */
    private List<Runnable> roomWaiters;
    /** When the socket last became writable or stopped being so: it was writable until then. */
    private long writableAt = System.nanoTime();
    private boolean unflushed;
    private boolean flushScheduled;

    SessionOutbox(Channel channel, OutboxMeters meters, int maxQueued, FrameDeflater deflater) {
        this.connection = Connection.of(channel);
        this.channel = channel;
        this.meters = meters;
        this.maxQueued = maxQueued;
        this.deflater = connection.compressed() ? deflater : null;
    }

    /**
     * Whether the connection speaks permessage-deflate: it is then given the compressed frames
     * shared by all such sessions, and what is written for it alone is compressed on the way out.
     */
    boolean compresses() {
        return deflater != null;
    }

    public Channel channel() {
        return channel;
    }

    /** The connection this outbox writes to. */
    public Connection connection() {
        return connection;
    }

    /**
     * Sends a frame, or keeps it as the newest pending one for {@code key}; takes ownership of it. A
     * frame that replaces a pending one takes its place at the end of the line, behind the ordered
     * frames offered meanwhile, so that the session still sees messages in bus order.
     */
    public void offerConflatable(Object key, ByteBuf frame) {
        if (!accepting(frame)) {
            return;
        }
        if (pending == null && channel.isWritable()) {
            write(frame);
            return;
        }
        ByteBuf replaced = pending().replace(key, frame);
        if (replaced != null) {
            replaced.release();
            meters.conflated();
        }
    }

    /** Sends a frame that must not be dropped, after everything offered before it; takes ownership. */
    public void offerOrdered(ByteBuf frame) {
        if (!accepting(frame)) {
            return;
        }
        if (pending == null && channel.isWritable()) {
            write(frame);
            return;
        }
        if (pending().ordered() >= maxQueued) {
            frame.release();
            disconnectSlowConsumer();
            return;
        }
        pending.append(frame);
    }

    /**
     * Whether a frame offered now goes straight to the socket: it is writable and nothing waits.
     * What can be produced at the client's pace (a replay) is produced only while this holds.
     */
    boolean hasRoom() {
        return pending == null && channel.isWritable() && channel.isActive() && !connection.closing();
    }

    /** Whether the socket has taken nothing for {@link #STALLED}: the client does not read. */
    boolean stalled() {
        return !channel.isWritable() && System.nanoTime() - writableAt > STALLED;
    }

    /** Runs {@code task} on the loop once the socket has drained what waited and is writable again. */
    void whenRoom(Runnable task) {
        if (roomWaiters == null) {
            roomWaiters = new ArrayList<>(2);
        }
        roomWaiters.add(task);
    }

    /** Whether a conflatable frame offered for {@code key} is still waiting for the socket. */
    boolean pending(Object key) {
        return pending != null && pending.holds(key);
    }

    /**
     * Asks for what was written to be flushed at the end of the event loop's current batch of
     * tasks: one syscall per socket and batch, not per frame.
     */
    public void flush() {
        assert channel.eventLoop().inEventLoop();
        if (unflushed && !flushScheduled) {
            flushScheduled = true;
            LoopFlusher.current().schedule(this);
        }
    }

    /** Flushes now; called by the loop's flusher. */
    void flushNow() {
        flushScheduled = false;
        if (unflushed) {
            unflushed = false;
            channel.flush();
        }
    }

    /** The socket drained below its low-water mark: sends pending frames while it stays writable. */
    public void onWritabilityChanged() {
        writableAt = System.nanoTime();
        if (connection.closing()) {
            discard();
            return;
        }
        if (pending != null) {
            while (!pending.isEmpty() && channel.isWritable()) {
                write(pending.poll());
            }
            if (pending.isEmpty()) {
                pending = null;
            }
            flush();
        }
        if (roomWaiters != null && hasRoom()) {
            List<Runnable> waiting = roomWaiters;
            roomWaiters = null;
            waiting.forEach(Runnable::run);
        }
    }

    /** Releases whatever is still pending; called once when the connection is gone. */
    public void discard() {
        roomWaiters = null;
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }

    private boolean accepting(ByteBuf frame) {
        assert channel.eventLoop().inEventLoop();
        if (connection.closing() || !channel.isActive()) {
            frame.release();
            return false;
        }
        return true;
    }

    private PendingFrames pending() {
        if (pending == null) {
            pending = new PendingFrames();
        }
        return pending;
    }

    /** The compressed frame of one written for this session alone; null when it stays plain. */
    private ByteBuf compressed(ByteBuf frame) {
        try {
            return deflater.compress(frame);
        } catch (RuntimeException | OutOfMemoryError e) {
            frame.release();
            throw e;
        }
    }

    /** Undelivered ordered frames past which the client is a slow consumer. */
    int maxQueued() {
        return maxQueued;
    }

    /** Counts a full state sent to a slow reader in place of a delta. */
    void deltaFallback() {
        meters.deltaFallback();
    }

    void disconnectSlowConsumer() {
        meters.slowConsumer();
        log.warn("disconnecting slow consumer {}: more than {} undelivered messages", ClientAddress.of(channel), maxQueued);
        discard();
        connection.close(CloseCodes.SLOW_CONSUMER, "slow consumer");
    }

    private void write(ByteBuf plainOrCompressed) {
        ByteBuf frame = plainOrCompressed;
        if (deflater != null) {
            ByteBuf deflated = compressed(frame);
            if (deflated != null) {
                frame.release();
                frame = deflated;
            }
        }
        meters.written(frame.readableBytes());
        channel.write(frame, channel.voidPromise());
        unflushed = true;
    }
}
