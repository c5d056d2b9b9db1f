package io.tickstream.testkit;

/** Something a {@link WebSocketRecorder} received, queued in arrival order; immutable values. */
public sealed interface WebSocketEvent {

    /** A whole text message, its fragments joined. */
    record Text(String text) implements WebSocketEvent {
    }

    /** A whole binary message, its fragments joined; the array is the recorder's own copy. */
    record Binary(byte[] bytes) implements WebSocketEvent {

        @Override
        public String toString() {
            return "Binary[" + bytes.length + " bytes]";
        }
    }

    /** The server's close frame. */
    record Close(int code, String reason) implements WebSocketEvent {
    }

    /** The connection failed (an I/O or protocol error), without a close frame. */
    record Failure(Throwable error) implements WebSocketEvent {
    }
}
