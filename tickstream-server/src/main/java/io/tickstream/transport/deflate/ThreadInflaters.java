package io.tickstream.transport.deflate;

import io.netty.util.concurrent.FastThreadLocal;
import java.util.zip.Inflater;

/**
 * One raw-deflate {@link Inflater} per thread, for messages that were deflated on their own (no
 * context takeover): the caller resets it after each message, and it is ended with its thread.
 */
public final class ThreadInflaters {

    private static final FastThreadLocal<Inflater> INFLATERS = new FastThreadLocal<>() {
        @Override
        protected Inflater initialValue() {
            return new Inflater(true);
        }

        @Override
        protected void onRemoval(Inflater inflater) {
            inflater.end();
        }
    };

    private ThreadInflaters() {
    }

    /** This thread's inflater; reset it once the message is inflated. */
    public static Inflater current() {
        return INFLATERS.get();
    }
}
