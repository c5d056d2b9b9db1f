package io.tickstream.alert;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tickstream.transport.TextFrames;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The replies to alert requests as frames of one protocol: JSON {@code {"type":"alert_created",
 * "alert":{..}}}, {@code {"type":"alerts","alerts":[..]}}, {@code {"type":"alert_canceled","id":..}};
 * compact {@code ["n",{"event":"alert_created","data":{..}}]} and likewise. Stateless.
 */
public final class AlertFrames {

    private final boolean compact;
    private final LongSupplier clock;

    private AlertFrames(boolean compact, LongSupplier clock) {
        this.compact = compact;
        this.clock = clock;
    }

    public static AlertFrames json() {
        return new AlertFrames(false, System::currentTimeMillis);
    }

    public static AlertFrames compact() {
        return new AlertFrames(true, System::currentTimeMillis);
    }

    ByteBuf created(ByteBufAllocator alloc, AlertStore.Stored alert) {
        long now = clock.getAsLong();
        return reply(alloc, "alert_created", "alert", json -> AlertJson.write(json, alert, now));
    }

    ByteBuf canceled(ByteBufAllocator alloc, String id) {
        return compact
                ? reply(alloc, "alert_canceled", null, json -> {
                    json.writeStartObject();
                    json.writeStringField("id", id);
                    json.writeEndObject();
                })
                : TextFrames.json(alloc, 96, json -> {
                    json.writeStartObject();
                    json.writeStringField("type", "alert_canceled");
                    json.writeStringField("id", id);
                    json.writeEndObject();
                });
    }

    ByteBuf list(ByteBufAllocator alloc, List<AlertStore.Stored> alerts) {
        long now = clock.getAsLong();
        return reply(alloc, "alerts", "alerts", json -> {
            json.writeStartArray();
            for (AlertStore.Stored alert : alerts) {
                AlertJson.write(json, alert, now);
            }
            json.writeEndArray();
        });
    }

    /** JSON: {@code {"type":T,"<member>":V}}; compact: {@code ["n",{"event":T,"data":V}]}. */
    private ByteBuf reply(ByteBufAllocator alloc, String type, String member, AlertJson.Writer value) {
        return TextFrames.json(alloc, 512, json -> {
            if (compact) {
                json.writeStartArray();
                json.writeString("n");
                json.writeStartObject();
                json.writeStringField("event", type);
                json.writeFieldName("data");
            } else {
                json.writeStartObject();
                json.writeStringField("type", type);
                json.writeFieldName(member);
            }
            value.writeTo(json);
            json.writeEndObject();
            if (compact) {
                json.writeEndArray();
            }
        });
    }
}
