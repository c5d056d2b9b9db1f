package io.tickstream.client;

import io.tickstream.client.message.Message;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Routes each received message to the handlers of its channels ({@link Channel#MESSAGE_CHANNELS}),
 * and each {@link StreamBreak} to the break handlers of the channels that carry the stream.
 * Handlers may be added and removed from any thread; dispatching runs on the thread that received
 * the message, one message at a time, in arrival order. A handler that throws is reported as a
 * {@link HandlerException}; the message still reaches every other handler and the stream goes on.
 */
final class Dispatcher {

    private final Map<Channel<?>, List<Consumer<Object>>> handlers = new ConcurrentHashMap<>();
    private final Map<Channel<?>, List<Consumer<StreamBreak>>> breakHandlers = new ConcurrentHashMap<>();
    private final Listeners listeners;

    Dispatcher(Listeners listeners) {
        this.listeners = listeners;
    }

    @SuppressWarnings("unchecked")
    <T> void add(Channel<T> channel, Consumer<? super T> handler) {
        handlers.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add((Consumer<Object>) handler);
    }

    <T> boolean remove(Channel<T> channel, Consumer<? super T> handler) {
        List<Consumer<Object>> list = handlers.get(channel);
        return list != null && list.remove(handler);
    }

    void addBreakHandler(Channel<?> channel, Consumer<StreamBreak> handler) {
        breakHandlers.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(handler);
    }

    void removeBreakHandler(Channel<?> channel, Consumer<StreamBreak> handler) {
        List<Consumer<StreamBreak>> list = breakHandlers.get(channel);
        if (list != null) {
            list.remove(handler);
        }
    }

    /** A trade or account stream lost messages for good. */
    void streamBreak(StreamBreak broken) {
        for (Channel<?> channel : Channel.MESSAGE_CHANNELS) {
            List<Consumer<StreamBreak>> list = breakHandlers.get(channel);
            if (list != null && channel.carries(broken.stream())) {
                list.forEach(handler -> deliver(channel, broken, handler));
            }
        }
    }

    /** A text frame as received, before parsing. */
    void text(String text) {
        deliver(Channel.TEXT, text);
    }

    /** A parsed market or account message. */
    void message(Message message) {
        for (Channel<?> channel : Channel.MESSAGE_CHANNELS) {
            if (channel.type().isInstance(message)) {
                deliver(channel, message);
            }
        }
    }

    private void deliver(Channel<?> channel, Object message) {
        List<Consumer<Object>> list = handlers.get(channel);
        if (list == null) {
            return;
        }
        for (Consumer<Object> handler : list) {
            deliver(channel, message, handler);
        }
    }

    private <M> void deliver(Channel<?> channel, M message, Consumer<? super M> handler) {
        try {
            handler.accept(message);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable e) {
            listeners.error(new HandlerException(channel.name(), message, e));
        }
    }
}
