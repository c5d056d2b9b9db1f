package io.tickstream.protocol.compact;

import java.util.List;

/** One compact-protocol client message; absent fields are null. */
public record CompactMessage(String authorization, String event, List<String> data, String channel, String interval,
                             Double maxRate) {
}
