package io.tickstream.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Reads what a server sends on a plain socket, for tests that speak HTTP by hand. Stateless. */
public final class SocketReads {

    private SocketReads() {
    }

    /**
     * Everything the server sends until it closes the connection, as UTF-8; a reset ends the stream
     * too (a server that closes with unread requests resets). Fails when no byte and no close
     * arrives within {@code timeout}.
     */
    public static String untilClosed(Socket socket, Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] chunk = new byte[8192];
        try {
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                received.write(chunk, 0, n);
            }
        } catch (SocketException reset) {
            // the connection was reset: what arrived before is the answer
        }
        return received.toString(StandardCharsets.UTF_8);
    }
}
