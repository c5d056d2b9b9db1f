package io.tickstream.client.message;

/**
 * A message whose {@code type} this client does not know (a newer server); kept as received.
 *
 * @param type the message's {@code type}, or null when it had none
 * @param json the whole message text
 */
public record UnknownMessage(String type, String json) implements Message {
}
