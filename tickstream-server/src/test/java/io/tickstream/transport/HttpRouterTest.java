package io.tickstream.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.tickstream.transport.deflate.DeflateMeters;
import io.tickstream.transport.deflate.DeflateSettings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class HttpRouterTest {

    private final CompletableFuture<FullHttpResponse> slow = new CompletableFuture<>();
    private final EmbeddedChannel channel = new EmbeddedChannel(new HttpRouter(List.of(), HttpRoutes.builder()
            .getAsync("/slow", (ch, request, uri) -> slow)
            .get("/fast", (request, uri) -> HttpResponses.text(HttpResponseStatus.OK, "fast"))
            .prefix("/items/", (ch, request, uri) -> CompletableFuture.completedFuture(
                    HttpResponses.text(HttpResponseStatus.OK, "item " + uri.path().substring(7))))
            .build(), new WebSocketUpgrade(64 * 1024, Duration.ofSeconds(20), new TransportMeters(), DeflateSettings.off(), new DeflateMeters()), new TransportMeters()));

    @Test
    void shouldAnswerPipelinedRequestsInOrderWhenAnEarlierAnswerIsLate() {
        channel.writeInbound(get("/slow"), get("/fast"), get("/missing"));
        channel.runPendingTasks();
        assertThat(channel.outboundMessages()).as("nothing before the late answer").isEmpty();

        slow.complete(HttpResponses.text(HttpResponseStatus.OK, "slow"));
        channel.runPendingTasks();
        assertThat(bodies()).containsExactly("slow", "fast", "not found\n");
    }

    @Test
    void shouldAnswerAFailedStageWith500AndKeepServing() {
        channel.writeInbound(get("/slow"));
        slow.completeExceptionally(new IllegalStateException("boom"));
        channel.runPendingTasks();
        channel.writeInbound(get("/items/42"));
        channel.runPendingTasks();
        List<FullHttpResponse> responses = responses();
        assertThat(responses).extracting(FullHttpResponse::status)
                .containsExactly(HttpResponseStatus.INTERNAL_SERVER_ERROR, HttpResponseStatus.OK);
        assertThat(responses.get(1).content().toString(StandardCharsets.UTF_8)).isEqualTo("item 42");
        responses.forEach(FullHttpResponse::release);
    }

    @Test
    void shouldAnswerHeadWithoutABody() {
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.HEAD, "/fast"));
        FullHttpResponse response = channel.readOutbound();
        assertThat(response.status()).isEqualTo(HttpResponseStatus.OK);
        assertThat(response.content().readableBytes()).isZero();
        assertThat(response.headers().getInt("Content-Length")).isEqualTo(4);
        response.release();
    }

    private List<String> bodies() {
        return responses().stream().map(response -> {
            String body = response.content().toString(StandardCharsets.UTF_8);
            response.release();
            return body;
        }).toList();
    }

    private List<FullHttpResponse> responses() {
        List<FullHttpResponse> out = new ArrayList<>();
        for (Object message; (message = channel.readOutbound()) != null; ) {
            out.add((FullHttpResponse) message);
        }
        return out;
    }

    private static DefaultFullHttpRequest get(String uri) {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
    }
}
