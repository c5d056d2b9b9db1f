package io.tickstream.transport.deflate;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.tickstream.transport.CloseCodes;
import io.tickstream.transport.Connection;
import io.tickstream.transport.TransportMeters;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates the compressed messages of a session that negotiated permessage-deflate, after they were
 * reassembled from their fragments. The inflated size is held to the message size limit (1009 past
 * it, however small the compressed message was); data that does not inflate closes with 1007; a
 * reserved bit other than RSV1, or RSV1 on a control frame, closes with 1002. A client that
 * agreed to {@code client_no_context_takeover} has its messages inflated by its thread's
 * {@link Inflater}, reset after every message; any other keeps one of its own from its first
 * compressed message to its close, since each message may refer back to the ones before. For
 * that reason a message refused before it reaches this stage (by the rate limit) must still be
 * passed to {@link #discard}: its bytes are part of the client's window.
 */
public final class MessageInflater extends ChannelInboundHandlerAdapter {

    private static final int RSV1 = 0b100;
    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};
    private static final int FIRST_GUESS = 4;

    private final int maxMessageBytes;
    private final boolean clientResets;
    /** The connection's own inflater, for a client that keeps its context; made when first needed. */
    private Inflater own;
    private final DeflateMeters meters;
    private final TransportMeters transportMeters;

    public MessageInflater(int maxMessageBytes, boolean clientResets, DeflateMeters meters,
                           TransportMeters transportMeters) {
        this.maxMessageBytes = maxMessageBytes;
        this.clientResets = clientResets;
        this.meters = meters;
        this.transportMeters = transportMeters;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof WebSocketFrame frame) || frame.rsv() == 0) {
            ctx.fireChannelRead(msg);
            return;
        }
        ByteBuf inflated = inflateOrClose(ctx, frame);
        if (inflated != null) {
            ctx.fireChannelRead(frame instanceof TextWebSocketFrame
                    ? new TextWebSocketFrame(true, 0, inflated) : new BinaryWebSocketFrame(true, 0, inflated));
        }
    }

    /**
     * Inflates a whole message that will not be handled and drops it (releasing the frame), so that
     * the inflater's window holds what the client's deflater holds; a message that does not inflate
     * closes the connection as in {@link #channelRead}. A frame without RSV1 is only released.
     */
    public void discard(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame.rsv() == 0) {
            frame.release();
            return;
        }
        ByteBuf inflated = inflateOrClose(ctx, frame);
        if (inflated != null) {
            inflated.release();
            meters.discardedInflated();
        }
    }

    /** The frame's message inflated, or null after closing the connection; releases the frame. */
    private ByteBuf inflateOrClose(ChannelHandlerContext ctx, WebSocketFrame frame) {
        boolean data = frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame;
        if (frame.rsv() != RSV1 || !data) {
            frame.release();
            violation(ctx, CloseCodes.PROTOCOL_ERROR, "reserved bits set");
            return null;
        }
        ByteBuf inflated;
        try {
            inflated = inflate(ctx, frame.content());
        } catch (DataFormatException e) {
            violation(ctx, CloseCodes.INVALID_PAYLOAD, "invalid compressed data");
            return null;
        } finally {
            frame.release();
        }
        meters.inflated();
        return inflated;
    }

    private ByteBuf inflate(ChannelHandlerContext ctx, ByteBuf compressed) throws DataFormatException {
        Inflater inflater = inflater();
        int guess = Math.max(256, compressed.readableBytes() * FIRST_GUESS);
        ByteBuf out = ctx.alloc().heapBuffer(Math.min(maxMessageBytes + 1, guess));
        try {
            inflater.setInput(compressed.nioBuffer());
            boolean tailGiven = false;
            while (true) {
                if (!out.isWritable()) {
                    out.capacity(Math.min(maxMessageBytes + 1, out.capacity() * 2));
                }
                int produced = inflater.inflate(out.nioBuffer(out.writerIndex(), out.writableBytes()));
                out.writerIndex(out.writerIndex() + produced);
                if (out.readableBytes() > maxMessageBytes) {
                    throw new TooLongFrameException("inflated message over " + maxMessageBytes + " bytes");
                }
                if (inflater.finished() || inflater.needsDictionary()) {
                    break;
                }
                if (out.isWritable() && inflater.needsInput()) {
                    if (tailGiven) {
                        break;
                    }
                    inflater.setInput(ByteBuffer.wrap(TAIL));
                    tailGiven = true;
                }
            }
            if (inflater.needsDictionary()) {
                throw new DataFormatException("a preset dictionary is not part of permessage-deflate");
            }
            return out;
        } catch (DataFormatException | RuntimeException e) {
            out.release();
            throw e;
        } finally {
            if (clientResets) {
                inflater.reset();
            }
        }
    }

    private Inflater inflater() {
        if (clientResets) {
            return ThreadInflaters.current();
        }
        if (own == null) {
            own = new Inflater(true);
        }
        return own;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (own != null) {
            own.end();
            own = null;
        }
    }

    private void violation(ChannelHandlerContext ctx, int code, String reason) {
        transportMeters.protocolViolation();
        Connection.of(ctx.channel()).closeAbusive(code, reason);
    }
}
