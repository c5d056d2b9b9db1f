package io.tickstream.client.message;

/**
 * {@code {"type":"gap","channel":"trades","symbol":..,"epoch":E,"seq":N}} or
 * {@code {"type":"gap","channel":"account","epoch":E,"seq":N}}: the gateway lost messages of that
 * stream and could not get them back. The stream goes on from {@code (epoch, seq)}. Immutable.
 *
 * @param channel {@code trades} or {@code account}
 * @param symbol  the trade stream's instrument; null for the account
 * @param epoch   the epoch the stream continues in, or null when the server named none
 * @param seq     the position it goes on from (its next message is above it), or {@link Sequenced#NO_SEQ}
 */
public record Gap(String channel, String symbol, String epoch, long seq) implements ControlMessage {
}
