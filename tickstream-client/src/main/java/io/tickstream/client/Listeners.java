package io.tickstream.client;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Tells a client's {@link ClientListener}s about state changes, errors and stream breaks, and logs each
 * error and break through {@code System.Logger} (no logging library needed). Thread-safe; a listener that throws is
 * logged and the others are still told.
 */
final class Listeners {

    static final System.Logger LOG = System.getLogger("io.tickstream.client");

    private final List<ClientListener> listeners = new CopyOnWriteArrayList<>();

    void add(ClientListener listener) {
        listeners.add(listener);
    }

    boolean remove(ClientListener listener) {
        return listeners.remove(listener);
    }

    void stateChanged(ConnectionState state) {
        LOG.log(Level.DEBUG, "client state {0}", state);
        for (ClientListener listener : listeners) {
            try {
                listener.onStateChanged(state);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a client listener threw on state " + state, e);
            }
        }
    }

    void nodeChanged(URI from, URI to) {
        LOG.log(Level.INFO, "moved from {0} to {1}", from, to);
        for (ClientListener listener : listeners) {
            try {
                listener.onNodeChanged(from, to);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a client listener threw on the move to " + to, e);
            }
        }
    }

    void error(TickstreamException error) {
        log(error);
        for (ClientListener listener : listeners) {
            try {
                listener.onError(error);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a client listener threw on error " + error.getMessage(), e);
            }
        }
    }

    void streamBroken(StreamBreak broken) {
        LOG.log(Level.WARNING, "{0}: messages lost for good ({1}); reconcile from your own records",
                broken.stream(), broken.cause());
        for (ClientListener listener : listeners) {
            try {
                if (broken.cause() == StreamBreak.Cause.GAP) {
                    listener.onGap(broken.stream());
                } else {
                    listener.onRecoveryFailed(broken.stream());
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a client listener threw on the break of " + broken.stream(), e);
            }
        }
    }

    private static void log(TickstreamException error) {
        if (error instanceof HandlerException) {
            LOG.log(Level.WARNING, error.getMessage(), error.getCause());
        } else if (error instanceof ConnectionLostException) {
            LOG.log(Level.INFO, error.getMessage() + (error.getCause() == null ? "" : ": " + error.getCause()));
        } else if (error instanceof ServerErrorException) {
            LOG.log(Level.WARNING, error.getMessage());
        } else {
            LOG.log(Level.ERROR, error.getMessage());
        }
    }
}
