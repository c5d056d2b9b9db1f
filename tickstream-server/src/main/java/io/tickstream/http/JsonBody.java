package io.tickstream.http;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.tickstream.transport.HttpResponses;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON response bodies written with Jackson's streaming generator (numbers kept as their text). Stateless. */
final class JsonBody {

    private static final JsonFactory JSON = new JsonFactory();

    /** Writes one JSON value. */
    @FunctionalInterface
    interface Writer {
        void writeTo(JsonGenerator json) throws IOException;
    }

    private JsonBody() {
    }

    static FullHttpResponse ok(Writer writer) {
        return HttpResponses.of(HttpResponseStatus.OK, HttpResponses.JSON, bytes(writer));
    }

    static byte[] bytes(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (JsonGenerator json = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
            writer.writeTo(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
