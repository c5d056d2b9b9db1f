package io.tickstream.bench.fault;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.tickstream.bench.gateway.BenchCatalog;
import io.tickstream.bus.StreamPosition;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * One fault-scenario client: authenticates with the private key (joining the account's stream; a
 * reply without the account's position fails the client, as a refusal does) and
 * subscribes to the trades of its instruments, then tallies every trade and account message by
 * stream and seq from the positions the replies gave. Ready once both replies are in. Confined to
 * the connection's event loop; its tallies are read from the driving thread.
 */
final class FaultClientHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {

    private final List<String> symbols;
    private final FaultStats stats;
    private final Runnable onReady;
    /** By stream label ({@link FaultStreams.Stream#label}). */
    private final Map<String, StreamTally> tallies = new ConcurrentHashMap<>();
    private boolean authenticated;
    private boolean subscribed;
    private volatile boolean closing;

    FaultClientHandler(List<String> symbols, FaultStats stats, Runnable onReady) {
        this.symbols = symbols;
        this.stats = stats;
        this.onReady = onReady;
    }

    Map<String, StreamTally> tallies() {
        return tallies;
    }

    /** The bench closes this connection: its end is not the server's doing. */
    void closing() {
        closing = true;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            ctx.write(new TextWebSocketFrame("{\"type\":\"auth\",\"apiKey\":\"" + BenchCatalog.PRIVATE_API_KEY + "\"}"));
            ctx.writeAndFlush(new TextWebSocketFrame("{\"type\":\"subscribe\",\"channel\":\"trades\",\"symbols\":["
                    + symbols.stream().map(s -> '"' + s + '"').collect(Collectors.joining(",")) + "]}"));
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame text) {
        FaultFrame frame;
        try {
            frame = FaultFrame.parse(text.text());
        } catch (IOException e) {
            stats.failures.increment();
            return;
        }
        switch (frame.type()) {
            case "auth" -> authenticated(ctx, frame);
            case "subscribed" -> subscribed(frame);
            case "trade" -> delivered(frame.symbol(), frame);
            case "account" -> delivered(FaultStreams.ACCOUNT_LABEL, frame);
            case "gap" -> stats.gaps.increment();
            case "error" -> stats.failures.increment();
            default -> { }
        }
    }

    private void authenticated(ChannelHandlerContext ctx, FaultFrame frame) {
        if (!Boolean.TRUE.equals(frame.success()) || frame.account() == null) {
            stats.failures.increment();
            ctx.close();
            return;
        }
        tallies.put(FaultStreams.ACCOUNT_LABEL, new StreamTally(frame.account().seq()));
        authenticated = true;
        readyWhenBoth();
    }

    private void subscribed(FaultFrame frame) {
        if (!"trades".equals(frame.channel())) {
            return;
        }
        for (Map.Entry<String, StreamPosition> stream : frame.streams().entrySet()) {
            tallies.put(stream.getKey(), new StreamTally(stream.getValue().seq()));
        }
        subscribed = true;
        readyWhenBoth();
    }

    private void readyWhenBoth() {
        if (authenticated && subscribed) {
            onReady.run();
        }
    }

    private void delivered(String label, FaultFrame frame) {
        stats.received.increment();
        StreamTally tally = label == null ? null : tallies.get(label);
        if (tally == null || frame.seq() < 0) {
            stats.unexpected.increment();
            return;
        }
        switch (tally.receive(frame.seq())) {
            case NEW -> {
                stats.distinct.increment();
                if (frame.probe() >= 0) {
                    stats.arrived(frame.probe());
                }
            }
            case BEFORE_START -> stats.unexpected.increment();
            case DUPLICATE -> { }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!closing) {
            stats.closedByServer.increment();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        stats.failures.increment();
        ctx.close();
    }
}
