package io.tickstream.testkit;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One RESP2 connection to a Redis server on 127.0.0.1 over a plain socket; not thread-safe, owned by
 * the thread that opened it.
 *
 * <p>Replies map to Java values: simple and bulk strings to {@link String} (a bulk string is read by its
 * byte length and decoded as UTF-8), integers to {@link Long}, arrays to an unmodifiable {@link List},
 * null bulk strings and null arrays to {@code null}. A top-level error reply is thrown as
 * {@link RespException}; an error inside an array stays in the list as a {@code RespException} value.
 * Connecting and every read are bounded by the timeout given to {@link #open}.
 */
public final class RespConnection implements AutoCloseable {

    private static final byte[] CRLF = {'\r', '\n'};

    private final Socket socket;
    private final BufferedInputStream in;
    private final BufferedOutputStream out;

    private RespConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = new BufferedOutputStream(socket.getOutputStream());
    }

    /** Connects to the Redis server on 127.0.0.1:{@code port}; {@code timeout} bounds connect and each read. */
    public static RespConnection open(int port, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            int millis = Math.toIntExact(timeout.toMillis());
            socket.connect(new InetSocketAddress("127.0.0.1", port), millis);
            socket.setSoTimeout(millis);
            socket.setTcpNoDelay(true);
            return new RespConnection(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Sends one command and reads its reply. */
    public Object call(String... args) throws IOException {
        send(args);
        return read();
    }

    /** Sends one command as an array of bulk strings, without reading a reply (e.g. for SUBSCRIBE). */
    public void send(String... args) throws IOException {
        out.write(ascii("*" + args.length));
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            out.write(ascii("$" + bytes.length));
            out.write(bytes);
            out.write(CRLF);
        }
        out.flush();
    }

    /** Reads the next reply or pushed message, waiting at most the timeout given to {@link #open}. */
    public Object read() throws IOException {
        Object reply = readValue();
        if (reply instanceof RespException error) {
            throw error;
        }
        return reply;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private Object readValue() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("Redis closed the connection");
        }
        String line = readLine();
        return switch (type) {
            case '+' -> line;
            case '-' -> new RespException(line);
            case ':' -> Long.parseLong(line);
            case '$' -> readBulkString(Integer.parseInt(line));
            case '*' -> readArray(Integer.parseInt(line));
            default -> throw new IOException("not a RESP2 reply: " + (char) type + line);
        };
    }

    private String readBulkString(int length) throws IOException {
        if (length < 0) {
            return null;
        }
        byte[] bytes = readExactly(length);
        byte[] terminator = readExactly(CRLF.length);
        if (terminator[0] != '\r' || terminator[1] != '\n') {
            throw new IOException("bulk string of " + length + " bytes not followed by CRLF");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private List<Object> readArray(int size) throws IOException {
        if (size < 0) {
            return null;
        }
        List<Object> items = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            items.add(readValue());
        }
        return Collections.unmodifiableList(items);
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("Redis closed the connection mid-reply");
            }
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(b);
            previous = b;
        }
    }

    private byte[] readExactly(int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("Redis closed the connection after " + bytes.length + " of " + length + " bytes");
        }
        return bytes;
    }

    private static byte[] ascii(String header) {
        return (header + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
