package io.tickstream.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import org.junit.jupiter.api.Test;

class TextFramesTest {

    @Test
    void shouldProduceFramesAStandardDecoderReadsAtEveryLengthBoundary() {
        for (int length : new int[] {0, 1, 125, 126, 127, 65_535, 65_536, 200_000}) {
            String text = "é".repeat(length / 2) + "x".repeat(length % 2);
            EmbeddedChannel client = new EmbeddedChannel(new WebSocket13FrameDecoder(
                    WebSocketDecoderConfig.newBuilder().expectMaskedFrames(false).maxFramePayloadLength(1 << 20).build()));
            client.writeInbound(TextFrames.text(ByteBufAllocator.DEFAULT, text));
            TextWebSocketFrame frame = client.readInbound();
            assertThat(frame.text()).as("length %d", length).isEqualTo(text);
            assertThat(frame.isFinalFragment()).isTrue();
            frame.release();
            assertThat(client.finish()).isFalse();
        }
    }

    @Test
    void shouldEncodeJsonStraightIntoAFrame() {
        EmbeddedChannel client = new EmbeddedChannel(new WebSocket13FrameDecoder(
                WebSocketDecoderConfig.newBuilder().expectMaskedFrames(false).build()));
        client.writeInbound(TextFrames.json(ByteBufAllocator.DEFAULT, 16, json -> {
            json.writeStartObject();
            json.writeStringField("name", "زعفران");
            json.writeNumberField("price", 1.0850);
            json.writeEndObject();
        }));
        TextWebSocketFrame frame = client.readInbound();
        assertThat(frame.text()).isEqualTo("{\"name\":\"زعفران\",\"price\":1.085}");
        frame.release();
    }
}
