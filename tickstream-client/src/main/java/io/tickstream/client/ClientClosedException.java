package io.tickstream.client;

/** A request still pending (a subscription not yet confirmed, a connect) when the client was closed. */
public final class ClientClosedException extends TickstreamException {

    public ClientClosedException() {
        super("the client was closed");
    }
}
