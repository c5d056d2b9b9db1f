package io.tickstream.hub;

import io.netty.buffer.ByteBuf;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The frames one connection has waiting for its socket, in the order they are to go out. A
 * conflatable frame stands for its key (a subscription): a newer one for the same key replaces it
 * and takes its place at the end of the line, so it never overtakes what was queued before it. An
 * ordered frame keeps its own place, and is counted. Confined to the connection's event loop.
 */
final class PendingFrames {

    /** The place of one ordered frame in the line: a key equal only to itself. */
    private static final class Place {
    }

    private final Map<Object, ByteBuf> line = new LinkedHashMap<>();
    private int ordered;

    /** Puts a frame at the end of the line for {@code key}; returns the one it replaced, or null. */
    ByteBuf replace(Object key, ByteBuf frame) {
        ByteBuf replaced = line.remove(key);
        line.put(key, frame);
        return replaced;
    }

    /** Whether a frame for {@code key} is waiting. */
    boolean holds(Object key) {
        return line.containsKey(key);
    }

    /** Puts a frame that must not be dropped at the end of the line. */
    void append(ByteBuf frame) {
        line.put(new Place(), frame);
        ordered++;
    }

    /** Ordered frames waiting: what the slow-consumer bound counts. */
    int ordered() {
        return ordered;
    }

    boolean isEmpty() {
        return line.isEmpty();
    }

    /** Takes the first frame of the line; the caller owns it. Call when not empty. */
    ByteBuf poll() {
        Iterator<Map.Entry<Object, ByteBuf>> first = line.entrySet().iterator();
        Map.Entry<Object, ByteBuf> entry = first.next();
        first.remove();
        if (entry.getKey() instanceof Place) {
            ordered--;
        }
        return entry.getValue();
    }

    /** Releases every frame still waiting. */
    void release() {
        line.values().forEach(ByteBuf::release);
        line.clear();
        ordered = 0;
    }
}
