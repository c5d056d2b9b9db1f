package io.tickstream.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.tickstream.transport.deflate.ThreadInflaters;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The load generator's side of permessage-deflate: it offers the extension and inflates the
 * gateway's compressed messages. The gateway deflates every message on its own
 * ({@code server_no_context_takeover}), so one {@link Inflater} per client thread, reset after each
 * message, does for every connection; the client never compresses what it sends, which RFC 7692
 * allows. Netty's own decoder keeps a zlib stream and an embedded channel per connection, which
 * left the generator far behind the fan-out load and measured the generator instead of the gateway.
 */
final class CompressedReader extends MessageToMessageDecoder<WebSocketFrame> {

    /** The offer this client sends. */
    static final String OFFER = "permessage-deflate; client_no_context_takeover";

    private static final int RSV1 = 0b100;
    private static final int TAIL = 4;

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
        if ((frame.rsv() & RSV1) == 0) {
            out.add(frame.retain());
            return;
        }
        ByteBuf compressed = frame.content();
        int length = compressed.readableBytes();
        byte[] input = new byte[length + TAIL];
        compressed.getBytes(compressed.readerIndex(), input, 0, length);
        input[length + 2] = (byte) 0xFF;
        input[length + 3] = (byte) 0xFF;
        Inflater inflater = ThreadInflaters.current();
        ByteBuf text = ctx.alloc().heapBuffer(length * 4);
        try {
            inflater.setInput(input);
            while (!inflater.finished()) {
                text.ensureWritable(length * 2);
                int produced = inflater.inflate(text.array(), text.arrayOffset() + text.writerIndex(), text.writableBytes());
                text.writerIndex(text.writerIndex() + produced);
                if (produced == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
            }
            out.add(new TextWebSocketFrame(true, 0, text));
        } catch (DataFormatException e) {
            text.release();
            throw new DecoderException("a compressed message from the gateway does not inflate", e);
        } finally {
            inflater.reset();
        }
    }
}
