package io.tickstream.bus;

/**
 * Receives what a bus delivers. Called on the bus's delivery thread: implementations must not
 * block it.
 */
public interface BusListener {

    /** A message on a channel the listener subscribed to; the payload is untrusted text. */
    void onMessage(BusChannel kind, String key, String payload);

    /** The bus lost its connection and has it again: whatever was missed meanwhile must be reloaded. */
    default void onReconnected() {
    }
}
