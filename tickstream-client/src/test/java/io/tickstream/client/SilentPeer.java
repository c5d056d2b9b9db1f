package io.tickstream.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A peer that plays dead: a raw TCP server that completes the WebSocket handshake by hand (101 with
 * {@code Sec-WebSocket-Accept} = Base64(SHA-1(key + GUID))), welcomes the client and accepts its
 * {@code auth}, then reads and discards everything and never answers a ping or sends anything
 * again. Records when each connection was accepted and when the client dropped it. One thread per
 * connection; accessors from any thread.
 */
final class SilentPeer implements AutoCloseable {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final Pattern KEY = Pattern.compile("(?im)^sec-websocket-key:\\s*(\\S+)\\s*$");

    final List<Long> acceptedNanos = new CopyOnWriteArrayList<>();
    final List<Long> droppedNanos = new CopyOnWriteArrayList<>();
    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    SilentPeer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "silent-peer");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/");
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                acceptedNanos.add(System.nanoTime());
                Thread connection = new Thread(() -> serve(socket), "silent-peer-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            handshake(in, out);
            out.write(textFrame("{\"type\":\"welcome\",\"message\":\"hi\",\"authTimeoutMs\":30000}"));
            readFrame(in);
            out.write(textFrame("{\"type\":\"auth\",\"success\":true,\"message\":\"Authenticated successfully\"}"));
            out.flush();
            while (in.read() >= 0) {
                // play dead: swallow pings and messages, answer nothing
            }
        } catch (IOException | NoSuchAlgorithmException e) {
            // the client dropped the connection
        }
        droppedNanos.add(System.nanoTime());
    }

    private static void handshake(InputStream in, OutputStream out) throws IOException, NoSuchAlgorithmException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        while (!request.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("end of stream in the handshake");
            }
            request.write(b);
        }
        Matcher key = KEY.matcher(request.toString(StandardCharsets.ISO_8859_1));
        if (!key.find()) {
            throw new IOException("no Sec-WebSocket-Key");
        }
        byte[] digest = MessageDigest.getInstance("SHA-1")
                .digest((key.group(1) + GUID).getBytes(StandardCharsets.ISO_8859_1));
        String response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + Base64.getEncoder().encodeToString(digest) + "\r\n\r\n";
        out.write(response.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** An unmasked server text frame (payloads under 64 KiB). */
    private static byte[] textFrame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        if (payload.length < 126) {
            frame.write(payload.length);
        } else {
            frame.write(126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        }
        frame.writeBytes(payload);
        return frame.toByteArray();
    }

    /** Reads one masked client frame and returns its payload as text. */
    private static String readFrame(InputStream in) throws IOException {
        in.readNBytes(1);
        int length = in.read() & 0x7f;
        if (length == 126) {
            length = (in.read() << 8) | in.read();
        } else if (length == 127) {
            throw new IOException("frame too large for this test peer");
        }
        byte[] mask = in.readNBytes(4);
        byte[] payload = in.readNBytes(length);
        for (int i = 0; i < payload.length; i++) {
            payload[i] ^= mask[i % 4];
        }
        return new String(payload, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
