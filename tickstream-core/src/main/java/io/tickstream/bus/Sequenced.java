package io.tickstream.bus;

/**
 * A message of a trade or account stream that may carry its place in the stream: the {@code seq}
 * and {@code epoch} the project's publishers stamp on it (README, "Delivery guarantees"). A message
 * from another program's plain {@code PUBLISH} carries neither.
 */
public interface Sequenced {

    /** The {@link #seq()} of a message that was published without one. */
    long NONE = -1;

    /** Its number in its stream, one more than the message before it, or {@link #NONE}. */
    long seq();

    /** The epoch its {@link #seq()} counts in, or null when it carries none. */
    String epoch();

    /** Whether the message came through a project publisher and can be ordered, deduplicated and recovered. */
    default boolean sequenced() {
        return seq() != NONE && epoch() != null;
    }
}
