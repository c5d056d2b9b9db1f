package io.tickstream.bench.abuse;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a plain blocking socket, for attackers that do what a client library never
 * would: never read, ping without end, break the message rules. Written from RFC 6455: the opening
 * handshake (section 4), masked client frames (5.2, 5.3) and just enough frame reading to learn the
 * server's close code (5.5.1, 7.1.5). Used by one thread; {@link #close} from another thread
 * unblocks it.
 */
final class RawWebSocket implements Closeable {

    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    /** The largest payload of a control frame (5.5). */
    static final int MAX_CONTROL_PAYLOAD = 125;
    /** What {@link #awaitClose} returns when the connection ended without a close frame (7.1.5: "1006"). */
    static final int CLOSED_WITHOUT_FRAME = 1006;
    /** What {@link #awaitClose} returns for a close frame that carries no code (7.1.5: "1005"). */
    static final int NO_CODE = 1005;
    /** What {@link #awaitClose} returns while the server keeps the connection open. */
    static final int STILL_OPEN = -1;

    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int MAX_HEAD_BYTES = 8192;
    private static final int MAX_FRAME_READ = 1 << 20;
    /** Once a frame has started, the rest of it is waited for this long regardless of the caller's budget. */
    private static final int REST_OF_FRAME_MILLIS = 2_000;
    /** How long the server has to end the connection once both close frames are out. */
    private static final int SERVER_CLOSE_MILLIS = 1_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final SplittableRandom masks = new SplittableRandom();

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
    }

    /**
     * Asks for a WebSocket on {@code path} over a connected socket and checks the answer: status
     * 101 and the Sec-WebSocket-Accept derived from our key. Reads the answer within the socket's
     * read timeout.
     *
     * @throws IOException when the server refuses, answers something else or closes
     */
    static RawWebSocket upgrade(Socket socket, String path) throws IOException {
        RawWebSocket webSocket = new RawWebSocket(socket);
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        String host = socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
        webSocket.out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        webSocket.out.flush();
        String[] head = webSocket.readHead().split("\r\n");
        if (!head[0].startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + head[0]);
        }
        String accept = null;
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            if (colon > 0 && head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("sec-websocket-accept")) {
                accept = head[i].substring(colon + 1).trim();
            }
        }
        if (!acceptFor(key).equals(accept)) {
            throw new IOException("upgrade answered with Sec-WebSocket-Accept " + accept);
        }
        return webSocket;
    }

    /** Section 4.2.2: base64 of the SHA-1 of the key followed by the protocol's GUID. */
    private static String acceptFor(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }

    private String readHead() throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || head.lastIndexOf("\r\n\r\n") != head.length() - 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the server closed during the handshake");
            }
            if (head.length() == MAX_HEAD_BYTES) {
                throw new IOException("handshake answer longer than " + MAX_HEAD_BYTES + " bytes");
            }
            head.append((char) b);
        }
        return head.toString();
    }

    /**
     * Buffers one frame, masked with a fresh key as every client frame must be; {@link #flush}
     * sends what is buffered (the buffer also sends by itself when full).
     *
     * @return the bytes of the frame on the wire
     */
    int send(boolean fin, int opcode, byte[] payload) throws IOException {
        int length = payload.length;
        int extended = length < 126 ? 0 : length < 65_536 ? 2 : 8;
        byte[] frame = new byte[2 + extended + 4 + length];
        frame[0] = (byte) ((fin ? 0x80 : 0) | opcode);
        frame[1] = (byte) (0x80 | (extended == 0 ? length : extended == 2 ? 126 : 127));
        for (int i = 0; i < extended; i++) {
            frame[2 + i] = (byte) ((long) length >>> (8 * (extended - 1 - i)));
        }
        int maskAt = 2 + extended;
        int mask = masks.nextInt();
        for (int i = 0; i < 4; i++) {
            frame[maskAt + i] = (byte) (mask >>> (24 - 8 * i));
        }
        for (int i = 0; i < length; i++) {
            frame[maskAt + 4 + i] = (byte) (payload[i] ^ frame[maskAt + (i & 3)]);
        }
        out.write(frame);
        return frame.length;
    }

    void flush() throws IOException {
        out.flush();
    }

    /**
     * Reads and drops what the server sends until its close frame, which it answers as section
     * 5.5.1 asks, for at most {@code millis}.
     *
     * @return the server's close code ({@link #NO_CODE} for a close frame without one),
     *         {@link #CLOSED_WITHOUT_FRAME} when the connection ended without one, or
     *         {@link #STILL_OPEN} when the server neither closed nor sent a close frame in time
     */
    int awaitClose(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        try {
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return STILL_OPEN;
                }
                socket.setSoTimeout((int) left);
                int first = in.read();
                if (first < 0) {
                    return CLOSED_WITHOUT_FRAME;
                }
                byte[] payload = restOfFrame();
                if ((first & 0x0F) == CLOSE) {
                    answerClose(payload);
                    return payload.length >= 2 ? (payload[0] & 0xFF) << 8 | payload[1] & 0xFF : NO_CODE;
                }
            }
        } catch (SocketTimeoutException quiet) {
            return STILL_OPEN;
        } catch (IOException ended) {
            return CLOSED_WITHOUT_FRAME;
        }
    }

    /** The payload of a frame whose first byte has been read. A frame cut short is a closed connection. */
    private byte[] restOfFrame() throws IOException {
        socket.setSoTimeout(REST_OF_FRAME_MILLIS);
        try {
            int second = readByte();
            long length = second & 0x7F;
            int extended = length == 126 ? 2 : length == 127 ? 8 : 0;
            if (extended > 0) {
                length = 0;
                for (int i = 0; i < extended; i++) {
                    length = length << 8 | readByte();
                }
            }
            byte[] mask = (second & 0x80) != 0 ? readExactly(4) : null;
            if (length > MAX_FRAME_READ) {
                throw new IOException("a frame of " + length + " bytes from the server");
            }
            byte[] payload = readExactly((int) length);
            if (mask != null) {
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i & 3];
                }
            }
            return payload;
        } catch (SocketTimeoutException cut) {
            throw new IOException("the server stopped in the middle of a frame", cut);
        }
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException();
        }
        return b;
    }

    private byte[] readExactly(int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException();
        }
        return bytes;
    }

    /**
     * Answers the server's close frame and waits (briefly) for the server to end the TCP
     * connection: section 7.1.1 has the server close first, so that the TIME_WAIT is the
     * server's and the attacker, reconnecting hundreds of times a second from one address, does
     * not run out of ports.
     */
    private void answerClose(byte[] serverPayload) {
        byte[] code = serverPayload.length >= 2 ? new byte[] {serverPayload[0], serverPayload[1]} : new byte[0];
        try {
            send(true, CLOSE, code);
            flush();
            socket.setSoTimeout(SERVER_CLOSE_MILLIS);
            while (in.read() >= 0) {
                // what the server sent after its close frame means nothing any more
            }
        } catch (IOException gone) {
            // closed (or reset, or silent for too long): either way the connection is over
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
