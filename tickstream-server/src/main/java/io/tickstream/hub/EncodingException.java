package io.tickstream.hub;

/**
 * A view failed to encode a bus message. The message reached no subscriber of its topic; the frames
 * encoded before the failure were released. Thrown to the hub, which counts and logs it.
 */
final class EncodingException extends RuntimeException {

    EncodingException(String key, int view, Throwable cause) {
        super("view " + view + " failed to encode a message of " + key + ": " + cause, cause);
    }
}
