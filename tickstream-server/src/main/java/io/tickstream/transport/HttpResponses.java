package io.tickstream.transport;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** Builds complete HTTP responses with a body and its length. Stateless. */
public final class HttpResponses {

    private HttpResponses() {
    }

    public static FullHttpResponse json(HttpResponseStatus status, String body) {
        return of(status, "application/json; charset=utf-8", body);
    }

    public static FullHttpResponse text(HttpResponseStatus status, String body) {
        return of(status, "text/plain; charset=utf-8", body);
    }

    public static FullHttpResponse of(HttpResponseStatus status, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(bytes));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        return response;
    }
}
