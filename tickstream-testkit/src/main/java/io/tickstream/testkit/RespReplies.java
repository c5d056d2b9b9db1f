package io.tickstream.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Renders RESP replies as the text and lists the fixtures' command methods return; stateless, any thread. */
final class RespReplies {

    private RespReplies() {
    }

    /** Renders a non-array reply as text (null for a null reply); {@code args} name the command in errors. */
    static String text(Object reply, String... args) {
        if (reply instanceof List) {
            throw new IllegalStateException(String.join(" ", args) + " replied with an array; use the list form");
        }
        return reply == null ? null : reply.toString();
    }

    /** Renders an array reply, each item as text (empty for a null array); {@code args} name the command in errors. */
    static List<String> list(Object reply, String... args) {
        if (reply == null) {
            return List.of();
        }
        if (!(reply instanceof List<?> items)) {
            throw new IllegalStateException(String.join(" ", args) + " replied " + reply + ", not an array");
        }
        List<String> rendered = new ArrayList<>(items.size());
        items.forEach(item -> rendered.add(item == null ? null : item.toString()));
        return Collections.unmodifiableList(rendered);
    }
}
