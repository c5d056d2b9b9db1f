package io.tickstream.hub;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** What a test's embedded connection was sent, as text. */
final class SentFrames {

    private SentFrames() {
    }

    /** Runs the loop's pending deliveries, then takes and releases every frame written so far. */
    static List<String> of(EmbeddedChannel channel) {
        channel.runPendingTasks();
        List<String> texts = new ArrayList<>();
        for (ByteBuf frame = channel.readOutbound(); frame != null; frame = channel.readOutbound()) {
            texts.add(frame.toString(StandardCharsets.UTF_8));
            frame.release();
        }
        return texts;
    }
}
