package io.tickstream.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Finds free TCP ports on the loopback address; stateless, callable from any thread.
 *
 * <p>The port is free when returned, not reserved: a caller that binds it later may lose a race with
 * another process and should be ready to ask again.
 */
public final class FreePorts {

    private FreePorts() {
    }

    /** Returns a TCP port that nothing listens on at 127.0.0.1 right now. */
    public static int find() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free TCP port on the loopback address", e);
        }
    }
}
