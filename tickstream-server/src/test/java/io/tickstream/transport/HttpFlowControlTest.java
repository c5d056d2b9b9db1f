package io.tickstream.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.tickstream.NoLeaks;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** One HTTP connection's flow control, request by request, with the socket's writability toggled. */
@ExtendWith(NoLeaks.class)
class HttpFlowControlTest {

    private static final int WRITABILITY_BIT = 1;

    private final HttpConnectionPolicy policy = new HttpConnectionPolicy(ServerLimits.defaults());
    private final List<String> handled = new ArrayList<>();
    private EmbeddedChannel channel;

    @BeforeEach
    void open() {
        HttpFlowControl flow = policy.newConnection();
        channel = new EmbeddedChannel(flow.bytesIn(), flow, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                handled.add(((FullHttpRequest) msg).uri());
                ReferenceCountUtil.release(msg);
            }
        });
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void shouldHandOnePipelinedRequestAtATimeAndStopReadingUntilItsResponseIsWritten() {
        channel.writeInbound(get("/a"), get("/b"), get("/c"));

        assertThat(handled).containsExactly("/a");
        assertThat(channel.config().isAutoRead()).isFalse();

        respond();
        assertThat(handled).containsExactly("/a", "/b");
        respond();
        assertThat(handled).containsExactly("/a", "/b", "/c");
        assertThat(channel.config().isAutoRead()).isFalse();

        respond();
        assertThat(channel.config().isAutoRead()).as("reading again once all is answered").isTrue();
    }

    @Test
    void shouldReadAgainOnlyWhenTheSocketDrains() {
        channel.writeInbound(get("/a"));
        channel.unsafe().outboundBuffer().setUserDefinedWritability(WRITABILITY_BIT, false);
        respond();
        assertThat(channel.config().isAutoRead()).isFalse();

        channel.unsafe().outboundBuffer().setUserDefinedWritability(WRITABILITY_BIT, true);
        channel.runPendingTasks();

        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void shouldCloseAConnectionWithMoreThan16RequestsInFlight() {
        for (int i = 1; i <= 16; i++) {
            channel.writeInbound(get("/" + i));
        }
        assertThat(channel.isActive()).isTrue();

        channel.writeInbound(get("/17"));

        assertThat(channel.isActive()).isFalse();
        assertThat(handled).containsExactly("/1");
        assertThat(policy.pipelineOverflows.sum()).isEqualTo(1);
    }

    @Test
    void shouldQueueTheRestOfAReadEvenWhenEachAnswerIsWrittenAtOnce() {
        EmbeddedChannel inline = answeringInline();
        for (int i = 1; i <= 3; i++) {
            inline.pipeline().fireChannelRead(get("/" + i));
        }
        inline.pipeline().fireChannelReadComplete();
        assertThat(handled).as("only the first request of a read is handled in it").containsExactly("/1");

        inline.runPendingTasks();

        assertThat(handled).containsExactly("/1", "/2", "/3");
        inline.finishAndReleaseAll();
    }

    @Test
    void shouldCloseAReadFullOfRequestsEvenWhenEachAnswerIsWrittenAtOnce() {
        EmbeddedChannel inline = answeringInline();
        for (int i = 1; i <= 30; i++) {
            inline.pipeline().fireChannelRead(get("/" + i));
        }

        assertThat(inline.isActive()).isFalse();
        assertThat(handled).containsExactly("/1");
        inline.finishAndReleaseAll();
    }

    @Test
    void shouldCloseAConnectionWhoseAnswerIsNotTakenInTime() {
        channel.freezeTime();
        channel.writeInbound(get("/a"));

        channel.advanceTimeBy(ServerLimits.defaults().requestTimeout().toMillis() + 1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        assertThat(channel.isActive()).isFalse();
        assertThat(policy.responseTimeouts.sum()).isEqualTo(1);
    }

    /** A connection whose router answers every request before returning, as the synchronous routes do. */
    private EmbeddedChannel answeringInline() {
        HttpFlowControl flow = policy.newConnection();
        return new EmbeddedChannel(flow.bytesIn(), flow, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                handled.add(((FullHttpRequest) msg).uri());
                ReferenceCountUtil.release(msg);
                ctx.writeAndFlush(HttpResponses.text(HttpResponseStatus.OK, "ok"));
            }
        });
    }

    private void respond() {
        channel.writeOutbound(HttpResponses.text(HttpResponseStatus.OK, "ok"));
        channel.runPendingTasks();
        for (Object written = channel.readOutbound(); written != null; written = channel.readOutbound()) {
            ReferenceCountUtil.release(written);
        }
    }

    private static FullHttpRequest get(String uri) {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
    }
}
