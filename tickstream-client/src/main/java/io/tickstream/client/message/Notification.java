package io.tickstream.client.message;

/**
 * A {@code notification} event: a message to the account holder. A field the publisher left out is
 * null. Immutable.
 *
 * @param level e.g. {@code info} or {@code warning}
 */
public record Notification(String level, String message, long time, String data, long seq)
        implements AccountMessage {

    @Override
    public String event() {
        return "notification";
    }
}
