package io.tickstream.client.message;

/**
 * Where a trade or account stream stands: {@code {"epoch":E,"seq":N}}. The epoch changes whenever
 * the stream's history was lost or reset; {@code seq} counts its messages within the epoch.
 * Immutable.
 *
 * @param epoch the stream's epoch, as opaque text
 * @param seq   the last message's sequence number, or {@link Sequenced#NO_SEQ} when none is known
 */
public record StreamPosition(String epoch, long seq) {
}
