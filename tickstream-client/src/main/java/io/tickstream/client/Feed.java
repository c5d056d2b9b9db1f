package io.tickstream.client;

import java.util.concurrent.Flow;

/**
 * A typed stream of one channel's messages (optionally of some symbols only), to consume as a
 * {@link Flow.Publisher} or as a blocking iterator ({@link #stream()}).
 *
 * <p><b>Slow consumers.</b> Each subscriber has a bounded buffer (the client's {@code streamBuffer},
 * 4096 by default). When it is full, the <em>oldest</em> buffered message is dropped and counted
 * ({@link #dropped()}, {@link MessageStream#dropped()}): the newest market data matters most, the
 * receiving thread is never blocked (so the heartbeat and every other stream keep running), and
 * memory stays bounded. A consumer that must see every message keeps up, or uses a handler
 * ({@link TickstreamClient#addMessageHandler}), which runs on the receiving thread and slows the
 * connection instead (the server then conflates quotes and, past its limit, closes with 1013, after
 * which the client reconnects).
 *
 * <p><b>Losses.</b> Where the trade or account stream under the feed lost messages for good
 * ({@code recovered:false} after a reconnect, or a {@code gap}), a {@link BreakAwareSubscriber} gets
 * the {@link StreamBreak} in order with the messages, and a {@link MessageStream} hands it to its
 * {@linkplain MessageStream#breakHandler break handler}.
 *
 * <p><b>End.</b> A subscriber gets {@code onComplete} when the client is closed and {@code onError}
 * with the fatal {@link TickstreamException} when it gives up; reconnects are invisible to it.
 * Subscribers are called on the client's delivery threads, one signal at a time per subscriber.
 * Thread-safe.
 *
 * @param <T> the message type
 */
public interface Feed<T> extends Flow.Publisher<T> {

    /** A blocking iterator over this feed with the client's buffer size; close it to stop. */
    MessageStream<T> stream();

    /** A blocking iterator over this feed holding up to {@code capacity} unread messages. */
    MessageStream<T> stream(int capacity);

    /** Messages dropped so far, over every subscriber, because a subscriber's buffer was full. */
    long dropped();
}
