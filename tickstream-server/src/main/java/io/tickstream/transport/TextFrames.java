package io.tickstream.transport;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Encodes a JSON message straight into a complete, unmasked WebSocket text frame (header and
 * payload in one buffer). Server frames are identical for every receiver, so one such buffer is
 * shared by all subscribers and written below the WebSocket encoder. Stateless and thread-safe.
 */
public final class TextFrames {

    /** Longest WebSocket header of an unmasked frame: 2 bytes + 8-byte extended length. */
    private static final int MAX_HEADER = 10;
    private static final int FIN_TEXT = 0x81;
    /** RSV1: the message is compressed (RFC 7692). */
    private static final int RSV1 = 0x40;
    private static final JsonFactory JSON = new JsonFactory();

    private TextFrames() {
    }

    /** Writes one JSON value. */
    @FunctionalInterface
    public interface JsonBody {
        void writeTo(JsonGenerator json) throws IOException;
    }

    public static ByteBuf json(ByteBufAllocator alloc, int sizeHint, JsonBody body) {
        ByteBuf buf = alloc.buffer(MAX_HEADER + sizeHint);
        try {
            buf.writerIndex(MAX_HEADER);
            try (JsonGenerator json = JSON.createGenerator((OutputStream) new ByteBufOutputStream(buf), JsonEncoding.UTF8)) {
                body.writeTo(json);
            }
            return frame(buf);
        } catch (IOException | RuntimeException e) {
            buf.release();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /**
     * A buffer to write a message's payload into, with room for the header left in front; pass it
     * to {@link #finish} when the payload is complete.
     */
    public static ByteBuf open(ByteBufAllocator alloc, int sizeHint) {
        ByteBuf buf = alloc.buffer(MAX_HEADER + sizeHint);
        buf.writerIndex(MAX_HEADER);
        return buf;
    }

    /** Puts the header in front of a payload written into a buffer from {@link #open}. */
    public static ByteBuf finish(ByteBuf buf) {
        return frame(buf);
    }

    public static ByteBuf text(ByteBufAllocator alloc, CharSequence text) {
        ByteBuf buf = alloc.buffer(MAX_HEADER + text.length() * 3);
        buf.writerIndex(MAX_HEADER);
        buf.writeCharSequence(text, StandardCharsets.UTF_8);
        return frame(buf);
    }

    /**
     * Puts the header of a compressed message (RSV1 set) in front of a deflated payload written into
     * a buffer from {@link #open}.
     */
    public static ByteBuf finishCompressed(ByteBuf buf) {
        ByteBuf frame = frame(buf);
        frame.setByte(frame.readerIndex(), FIN_TEXT | RSV1);
        return frame;
    }

    /** Whether a frame made here carries a compressed message. */
    public static boolean isCompressed(ByteBuf frame) {
        return (frame.getByte(frame.readerIndex()) & RSV1) != 0;
    }

    /** Where the payload of a frame made here starts (an absolute index). */
    public static int payloadIndex(ByteBuf frame) {
        int code = frame.getByte(frame.readerIndex() + 1) & 0x7F;
        return frame.readerIndex() + (code < 126 ? 2 : code == 126 ? 4 : MAX_HEADER);
    }

    /** The length of the payload of a frame made here. */
    public static int payloadLength(ByteBuf frame) {
        return frame.writerIndex() - payloadIndex(frame);
    }

    private static ByteBuf frame(ByteBuf buf) {
        int length = buf.writerIndex() - MAX_HEADER;
        int start;
        if (length < 126) {
            start = MAX_HEADER - 2;
            buf.setByte(start + 1, length);
        } else if (length <= 0xFFFF) {
            start = MAX_HEADER - 4;
            buf.setByte(start + 1, 126);
            buf.setShort(start + 2, length);
        } else {
            start = 0;
            buf.setByte(1, 127);
            buf.setLong(2, length);
        }
        buf.setByte(start, FIN_TEXT);
        buf.readerIndex(start);
        return buf;
    }
}
