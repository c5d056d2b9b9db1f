package io.tickstream.transport.deflate;

import java.util.zip.Deflater;

/**
 * How permessage-deflate (RFC 7692) is offered to clients. Immutable.
 *
 * @param enabled        whether an offer from a client is accepted at all
 * @param thresholdBytes messages with a shorter payload go out uncompressed (RSV1 clear): deflate
 *                       saves little on them and costs the same fixed work
 * @param level          zlib compression level, 1 (fastest) to 9 (smallest)
 */
public record DeflateSettings(boolean enabled, int thresholdBytes, int level) {

    public static final int DEFAULT_THRESHOLD_BYTES = 256;
    public static final int DEFAULT_LEVEL = 6;

    public DeflateSettings {
        if (thresholdBytes < 0) {
            throw new IllegalArgumentException("websocket.compression.thresholdBytes must not be negative");
        }
        if (level < Deflater.BEST_SPEED || level > Deflater.BEST_COMPRESSION) {
            throw new IllegalArgumentException("websocket.compression.level must be 1..9, was " + level);
        }
    }

    public static DeflateSettings defaults() {
        return new DeflateSettings(true, DEFAULT_THRESHOLD_BYTES, DEFAULT_LEVEL);
    }

    public static DeflateSettings off() {
        return new DeflateSettings(false, DEFAULT_THRESHOLD_BYTES, DEFAULT_LEVEL);
    }
}
