package io.tickstream.testkit;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A WebSocket client over a plain socket that sends whatever frames a test asks for, valid or not
 * (fragments, bad UTF-8, floods of pings), and reads the server's frames one by one. For tests of
 * how the gateway treats misbehaving clients. One thread may send while another reads (a flood that
 * the server stops reading must not keep the test from reading its close frame); otherwise not
 * thread-safe. Every read is bounded by a timeout.
 */
public final class RawWebSocket implements AutoCloseable {

    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final int status;
    private final Map<String, String> headers;

    private RawWebSocket(Socket socket, int status, Map<String, String> headers) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.status = status;
        this.headers = headers;
    }

    /** A server frame: opcode, FIN bit, the reserved bits (RSV1 = 4: compressed) and payload. */
    public record Frame(int opcode, boolean fin, int rsv, byte[] payload) {
        /** Whether RSV1 is set: the message is compressed (permessage-deflate). */
        public boolean compressed() {
            return (rsv & 4) != 0;
        }

        /** The status code of a close frame (1005 when it has none). */
        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
        }

        public String closeReason() {
            return payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
        }

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /**
     * Opens a connection and sends an upgrade request with the given WebSocket version (13 is
     * RFC 6455) and extra headers; returns after the response head, whatever its status.
     */
    public static RawWebSocket connect(String host, int port, String path, String version, Map<String, String> extra) {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), 5_000);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new UncheckedIOException(e);
        }
        return over(socket, host + ":" + port, path, version, extra);
    }

    /**
     * Sends the upgrade request over a socket already connected (a TLS socket, say) and returns
     * after the response head, whatever its status.
     */
    public static RawWebSocket over(Socket socket, String hostHeader, String path, String version, Map<String, String> extra) {
        try {
            socket.setSoTimeout(10_000);
            byte[] nonce = new byte[16];
            RANDOM.nextBytes(nonce);
            StringBuilder request = new StringBuilder()
                    .append("GET ").append(path).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(hostHeader).append("\r\n")
                    .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                    .append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(nonce)).append("\r\n");
            if (version != null) {
                request.append("Sec-WebSocket-Version: ").append(version).append("\r\n");
            }
            extra.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();
            String statusLine = readLine(in);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            return new RawWebSocket(socket, Integer.parseInt(statusLine.split(" ")[1]), headers);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new UncheckedIOException(e);
        }
    }

    public static RawWebSocket connect(int port, String path) {
        return connect("127.0.0.1", port, path, "13", Map.of());
    }

    /** The status of the handshake's response (101 when upgraded). */
    public int status() {
        return status;
    }

    /** A response header, by its name in any case; null when absent. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public void sendText(String text) {
        send(TEXT, true, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends one frame, masked as a client must. */
    public void send(int opcode, boolean fin, byte[] payload) {
        send(0, opcode, fin, payload);
    }

    /** Sends one frame with reserved bits (4 = RSV1, a compressed message), masked as a client must. */
    public void send(int rsv, int opcode, boolean fin, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write((fin ? 0x80 : 0) | (rsv & 7) << 4 | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >>> shift) & 0xFF);
            }
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i & 3]);
        }
        try {
            out.write(frame.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends frames until the server stops taking them; returns how many were sent. */
    public int sendUntilRefused(int opcode, byte[] payload, int atMost) {
        for (int sent = 0; sent < atMost; sent++) {
            try {
                send(opcode, true, payload);
            } catch (UncheckedIOException e) {
                return sent;
            }
        }
        return atMost;
    }

    /** The next frame from the server, or null when the connection ended. */
    public Frame read(Duration timeout) {
        try {
            socket.setSoTimeout((int) timeout.toMillis());
            int head = in.read();
            if (head < 0) {
                return null;
            }
            int second = in.readUnsignedByte();
            long length = second & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            return new Frame(head & 0x0F, (head & 0x80) != 0, (head >>> 4) & 7, payload);
        } catch (EOFException | SocketException e) {
            return null;
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no frame from the server within " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads until the server's close frame and returns it, skipping other frames; null when the
     * connection ended without one. Fails when no close comes within {@code timeout} in all.
     */
    public Frame awaitClose(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no close frame from the server within " + timeout.toMillis() + " ms");
            }
            Frame frame = read(Duration.ofNanos(Math.max(left, 1_000_000)));
            if (frame == null || frame.opcode() == CLOSE) {
                return frame;
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("connection closed during the handshake response");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do: the test is done with it
        }
    }
}
