package io.tickstream.transport.deflate;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;
import io.tickstream.transport.TextFrames;
import java.nio.ByteBuffer;
import java.util.zip.Deflater;

/**
 * Compresses a complete text frame (as {@link TextFrames} makes them) into the frame of the same
 * message deflated on its own (RFC 7692 with no context takeover): a sync flush, the trailing
 * {@code 00 00 ff ff} dropped, RSV1 set. Such a frame is valid for every client that negotiated
 * permessage-deflate, so a view's frame is compressed once for all of them. Thread-safe: each
 * thread deflates with its own {@link Deflater}, reset after every message, so there is no
 * compressor per connection.
 */
public final class FrameDeflater {

    /** Deflate never grows a payload by more than a stored block's header per 64 KiB plus the flush. */
    private static final int SLACK = 64;
    private static final int TAIL = 4;

    private final DeflateSettings settings;
    private final DeflateMeters meters;
    private final FastThreadLocal<Deflater> deflaters = new FastThreadLocal<>() {
        @Override
        protected Deflater initialValue() {
            return new Deflater(settings.level(), true);
        }

        @Override
        protected void onRemoval(Deflater deflater) {
            deflater.end();
        }
    };

    public FrameDeflater(DeflateSettings settings, DeflateMeters meters) {
        this.settings = settings;
        this.meters = meters;
    }

    public DeflateSettings settings() {
        return settings;
    }

    public DeflateMeters meters() {
        return meters;
    }

    /**
     * The compressed frame of a plain one, or null when the message stays as it is: its payload is
     * under the threshold, it is compressed already, or deflate would not make it smaller. Does not
     * take ownership of {@code frame}; the caller owns the result, taken from the frame's allocator.
     */
    public ByteBuf compress(ByteBuf frame) {
        if (TextFrames.isCompressed(frame)) {
            return null;
        }
        int length = TextFrames.payloadLength(frame);
        if (length < settings.thresholdBytes()) {
            return null;
        }
        ByteBuf out = TextFrames.open(frame.alloc(), length + SLACK);
        Deflater deflater = deflaters.get();
        try {
            int start = out.writerIndex();
            ByteBuffer target = out.nioBuffer(start, length + SLACK);
            deflater.setInput(frame.nioBuffer(TextFrames.payloadIndex(frame), length));
            int written = deflater.deflate(target, Deflater.SYNC_FLUSH);
            if (!target.hasRemaining() || written < TAIL || written - TAIL >= length) {
                out.release();
                return null;
            }
            out.writerIndex(start + written - TAIL);
            meters.compressed(length, written - TAIL);
            return TextFrames.finishCompressed(out);
        } catch (RuntimeException e) {
            out.release();
            throw e;
        } finally {
            deflater.reset();
        }
    }
}
