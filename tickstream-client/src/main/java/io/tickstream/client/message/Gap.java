package io.tickstream.client.message;

/**
 * {@code {"type":"gap","channel":"trades","symbol":..,"epoch":E}} or {@code {"type":"gap","channel":"account","epoch":E}}:
 * the gateway lost messages of that stream and could not get them back. The stream goes on in
 * {@code epoch}. Immutable.
 *
 * @param channel {@code trades} or {@code account}
 * @param symbol  the trade stream's instrument; null for the account
 * @param epoch   the epoch the stream continues in, or null when the server named none
 */
public record Gap(String channel, String symbol, String epoch) implements ControlMessage {
}
