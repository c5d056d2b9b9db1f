package io.tickstream.bench.abuse;

import io.tickstream.bench.gateway.BenchCatalog;
import io.tickstream.bench.load.SubscriptionPlan;
import io.tickstream.bus.MarketPublisher;
import io.tickstream.json.JsonTree;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Issue 21's recovery amplification: {@value #CONNECTIONS} authenticated JSON connections of one
 * account, each unsubscribing and subscribing again {@value #STREAMS} trade streams with {@code since}
 * {@value #BACK} messages back, every {@value #PERIOD_MILLIS} ms, and reading what comes as fast as
 * they can. Before the attack each stream's history is filled with {@value #PREFILL} trades through
 * the gateway's publisher. Counts subscribes sent and how they were answered: {@code subscribed}
 * (a resume started), {@code rate_limited} (the recovery budget refused it), and trades read.
 */
final class ResumeAttack implements Attack {

    private static final int CONNECTIONS = 20;
    private static final int STREAMS = 7;
    private static final int BACK = 1_000;
    private static final int PREFILL = 1_100;
    private static final long PERIOD_MILLIS = 100;

    private final AttackerTally tally = new AttackerTally("subscribes");
    private final List<WebSocket> sockets = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String symbols = IntStream.range(0, STREAMS)
            .mapToObj(i -> "\"" + SubscriptionPlan.name(i) + "\"").collect(Collectors.joining(","));
    private ScheduledExecutorService timer;
    /** Each stream's epoch and latest seq, from the first subscribed reply. */
    private volatile Map<String, long[]> seqs;
    private volatile Map<String, String> epochs;

    @Override
    public void prepare(MarketPublisher publisher) {
        if (publisher == null) {
            throw new IllegalStateException("the resume attack fills the trade histories through the gateway's publisher:"
                    + " run it on the in-process gateway or one fed through Redis");
        }
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int n = 0; n < PREFILL; n++) {
            for (int i = 0; i < STREAMS; i++) {
                sent.add(publisher.publishTrade(SubscriptionPlan.id(i),
                        "{\"price\":1.0851,\"quantity\":" + (n + 1) + ",\"side\":\"buy\"}").toCompletableFuture());
            }
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
    }

    @Override
    public void start(InetSocketAddress gateway) {
        URI uri = URI.create("ws://" + gateway.getHostString() + ":" + gateway.getPort() + "/");
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bench-abuse-resume");
            thread.setDaemon(true);
            return thread;
        });
        for (int c = 0; c < CONNECTIONS; c++) {
            try {
                WebSocket socket = http.newWebSocketBuilder().buildAsync(uri, new Reader()).get(10, TimeUnit.SECONDS);
                tally.opened();
                socket.sendText("{\"type\":\"auth\",\"apiKey\":\"" + BenchCatalog.PRIVATE_API_KEY + "\"}", true);
                socket.sendText("{\"type\":\"subscribe\",\"channel\":\"trades\",\"symbols\":[" + symbols + "]}", true);
                synchronized (sockets) {
                    sockets.add(socket);
                }
            } catch (Exception e) {
                tally.refused();
            }
        }
        timer.scheduleAtFixedRate(this::resumeAll, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Every connection unsubscribes and resumes its streams {@value #BACK} messages back. */
    private void resumeAll() {
        Map<String, long[]> known = seqs;
        if (known == null) {
            return;
        }
        String since = known.entrySet().stream().map(e -> "\"" + e.getKey() + "\":{\"epoch\":\"" + epochs.get(e.getKey())
                + "\",\"seq\":" + Math.max(0, e.getValue()[0] - BACK) + "}").collect(Collectors.joining(","));
        String unsubscribe = "{\"type\":\"unsubscribe\",\"channel\":\"trades\",\"symbols\":[" + symbols + "]}";
        String subscribe = "{\"type\":\"subscribe\",\"channel\":\"trades\",\"symbols\":[" + symbols + "],\"since\":{" + since + "}}";
        List<WebSocket> all;
        synchronized (sockets) {
            all = List.copyOf(sockets);
        }
        for (WebSocket socket : all) {
            if (!socket.isOutputClosed()) {
                socket.sendText(unsubscribe, true).thenCompose(s -> s.sendText(subscribe, true));
                tally.sent(unsubscribe.length() + subscribe.length(), 1);
            }
        }
    }

    @Override
    public void stop() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(3, TimeUnit.SECONDS);
        synchronized (sockets) {
            sockets.forEach(WebSocket::abort);
            sockets.clear();
        }
    }

    @Override
    public AttackerTally tally() {
        return tally;
    }

    /** Reads every message as it comes, and learns the streams' positions from the first subscribed reply. */
    private final class Reader implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                answer(text);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            tally.closedByServer();
            tally.outcome("closed." + statusCode);
            return null;
        }

        private void answer(String text) {
            if (text.startsWith("{\"type\":\"trade\"")) {
                tally.outcome("trades");
            } else if (text.startsWith("{\"type\":\"subscribed\"")) {
                tally.outcome("subscribed");
                if (seqs == null) {
                    learn(text);
                }
            } else if (text.contains("\"rate_limited\"")) {
                tally.outcome("rateLimited");
            }
        }

        @SuppressWarnings("unchecked")
        private void learn(String reply) {
            try {
                Map<String, Object> streams = (Map<String, Object>) ((Map<String, Object>) JsonTree.parse(reply)).get("streams");
                Map<String, long[]> positions = new LinkedHashMap<>();
                Map<String, String> named = new LinkedHashMap<>();
                streams.forEach((symbol, position) -> {
                    Map<String, Object> at = (Map<String, Object>) position;
                    positions.put(symbol, new long[] {((Number) at.get("seq")).longValue()});
                    named.put(symbol, (String) at.get("epoch"));
                });
                epochs = named;
                seqs = positions;
            } catch (IOException | RuntimeException e) {
                tally.outcome("unreadableReply");
            }
        }
    }
}
