package io.tickstream.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A client's side of permessage-deflate (RFC 7692) for tests, written from the RFC with the JDK's
 * zlib and nothing of the gateway's: each message deflated or inflated on its own (no context
 * takeover), the {@code 00 00 ff ff} of the sync flush dropped on the wire. Stateless.
 */
public final class PerMessageDeflate {

    /** The offer a client sends in {@code Sec-WebSocket-Extensions}. */
    public static final String OFFER = "permessage-deflate; client_max_window_bits";

    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};

    private PerMessageDeflate() {
    }

    /** The payload of a compressed message carrying this text, deflated on its own. */
    public static byte[] deflate(String text) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            return deflate(deflater, text);
        } finally {
            deflater.end();
        }
    }

    /**
     * A client that keeps its compression context from message to message (no
     * {@code client_no_context_takeover}): a message may refer back to the ones before it.
     */
    public static final class ContextTakeover implements AutoCloseable {
        private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);

        public byte[] deflate(String text) {
            return PerMessageDeflate.deflate(deflater, text);
        }

        @Override
        public void close() {
            deflater.end();
        }
    }

    private static byte[] deflate(Deflater deflater, String text) {
        deflater.setInput(text.getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        int written;
        do {
            written = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
            out.write(chunk, 0, written);
        } while (written == chunk.length);
        byte[] all = out.toByteArray();
        return Arrays.copyOf(all, all.length - TAIL.length);
    }

    /** The text of a compressed message's payload. */
    public static String inflate(byte[] payload) {
        Inflater inflater = new Inflater(true);
        try {
            byte[] input = Arrays.copyOf(payload, payload.length + TAIL.length);
            System.arraycopy(TAIL, 0, input, payload.length, TAIL.length);
            inflater.setInput(input);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[4096];
            while (true) {
                int n = inflater.inflate(chunk);
                out.write(chunk, 0, n);
                if (n < chunk.length && (inflater.needsInput() || inflater.finished() || inflater.needsDictionary())) {
                    break;
                }
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (DataFormatException e) {
            throw new AssertionError("the server's compressed message does not inflate", e);
        } finally {
            inflater.end();
        }
    }
}
