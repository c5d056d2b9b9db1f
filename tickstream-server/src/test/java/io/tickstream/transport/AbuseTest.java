package io.tickstream.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickstream.GatewayExtension;
import io.tickstream.GatewayFixture;
import io.tickstream.bus.InProcessBus;
import io.tickstream.protocol.SessionLimits;
import io.tickstream.testkit.RawWebSocket;
import io.tickstream.testkit.SocketReads;
import io.tickstream.testkit.WebSocketRecorder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One test per attack, over real sockets against a running gateway. Each checks the attacker's
 * answer, then that a bystander on the same gateway still streams and that {@code /health} answers.
 */
class AbuseTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    static final GatewayExtension.InProcess gateway = GatewayExtension.inProcess(config -> config
            .limits(new SessionLimits(Duration.ofSeconds(30), 3, 20, 100))
            .serverLimits(ServerLimits.defaults()
                    .withRequestTimeout(Duration.ofSeconds(1))
                    .withIdleTimeout(Duration.ofSeconds(1))
                    .withMaxUnauthenticated(10_000, 40)));

    private final ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong price = new AtomicLong(10_000);
    private final List<Socket> sockets = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private WebSocketRecorder bystander;

    @BeforeEach
    void connectABystanderAndPublish() {
        bystander = WebSocketRecorder.connect(gateway.uri("/"));
        bystander.nextText();
        bystander.sendText("{\"type\":\"auth\",\"apiKey\":\"" + GatewayFixture.KEY + "\"}");
        bystander.sendText("{\"type\":\"subscribe\",\"symbols\":[\"EURUSD\"]}");
        bystander.awaitText(text -> text.contains("\"subscribed\""), WAIT);
        InProcessBus bus = gateway.bus();
        publisher.scheduleAtFixedRate(() -> {
            try {
                bus.publishMarketData("1", "{\"BestLimit\":{\"1\":{\"buy_price\":1." + price.incrementAndGet()
                        + ",\"sell_price\":2.0}}}");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, 0, 20, TimeUnit.MILLISECONDS);
    }

    @AfterEach
    void stop() throws IOException {
        publisher.shutdownNow();
        for (Socket socket : sockets) {
            socket.close();
        }
        bystander.abort();
    }

    @Test
    void shouldCloseAConnectionThatKeepsPipeliningWithoutReadingTheAnswers() throws Exception {
        Socket attacker = socket();
        byte[] requests = "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n".repeat(100).getBytes(StandardCharsets.US_ASCII);
        CompletableFuture<Long> sent = CompletableFuture.supplyAsync(() -> {
            long bytes = 0;
            try {
                while (true) {
                    attacker.getOutputStream().write(requests);
                    bytes += requests.length;
                }
            } catch (IOException closedByServer) {
                return bytes;
            }
        });

        // One read brings far more than 16 requests: they cannot all wait their turn, so the connection is closed.
        assertThat(sent.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isPositive();
        assertMetricAtLeast("tickstream_http_connections_closed_total{reason=\"too_many_in_flight\"}", 1);
        assertBystanderStreamsAndHealthAnswers();
    }

    @Test
    void shouldAnswer16PipelinedRequestsInOrder() throws Exception {
        Socket client = socket();
        StringBuilder requests = new StringBuilder();
        for (int i = 0; i < 15; i++) {
            requests.append("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
        }
        requests.append("GET /ready HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        client.getOutputStream().write(requests.toString().getBytes(StandardCharsets.US_ASCII));

        String answers = readUntilClosed(client);

        assertThat(count(answers, "{\"status\":\"UP\"}")).isEqualTo(15);
        assertThat(answers).endsWith("{\"ready\":true,\"bus\":\"connected\"}");
        assertBystanderStreamsAndHealthAnswers();
    }

    @Test
    void shouldCloseSilentAndHalfSentConnectionsAfterTheRequestTimeout() throws Exception {
        List<Socket> idle = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Socket socket = socket();
            if (i % 2 == 0) {
                socket.getOutputStream().write("GET /metr".getBytes(StandardCharsets.US_ASCII));
            }
            idle.add(socket);
        }

        for (Socket socket : idle) {
            String answer = readUntilClosed(socket);
            assertThat(answer).satisfiesAnyOf(a -> assertThat(a).isEmpty(), a -> assertThat(a).startsWith("HTTP/1.1 408"));
        }
        assertMetricAtLeast("tickstream_http_connections_closed_total{reason=\"request_timeout\"}", 20);
        assertBystanderStreamsAndHealthAnswers();
    }

    @Test
    void shouldCloseAKeepAliveConnectionThatStaysIdle() throws Exception {
        Socket client = socket();
        client.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(readUntilClosed(client)).startsWith("HTTP/1.1 200").endsWith("{\"status\":\"UP\"}");
        assertMetricAtLeast("tickstream_http_connections_closed_total{reason=\"idle_timeout\"}", 1);
        assertBystanderStreamsAndHealthAnswers();
    }

    @Test
    void shouldRefuseConnectionsPastTheUnauthenticatedCapPerAddressWith503Or1013() throws Exception {
        List<RawWebSocket> unauthenticated = new ArrayList<>();
        for (int i = 0; i < 39; i++) {
            unauthenticated.add(RawWebSocket.connect(gateway.gateway().port(), "/"));
        }
        // the bystander counts no more: it authenticated; these 39 and a 40th fill the slots
        RawWebSocket fortieth = RawWebSocket.connect(gateway.gateway().port(), "/");
        await().atMost(WAIT).until(() -> gateway.gateway().admission().unauthenticated() == 40);

        Socket refused = socket();
        refused.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(readUntilClosed(refused)).startsWith("HTTP/1.1 503")
                .contains("too many unauthenticated connections from this address");
        try (RawWebSocket late = RawWebSocket.connect(gateway.gateway().port(), "/")) {
            assertThat(late.status()).isEqualTo(101);
            RawWebSocket.Frame close = late.awaitClose(WAIT);
            assertThat(close.closeCode()).isEqualTo(1013);
            assertThat(close.closeReason()).isEqualTo("too many unauthenticated connections from this address");
        }

        unauthenticated.get(0).close();
        await().atMost(WAIT).until(() -> gateway.gateway().admission().unauthenticated() == 39);
        try (RawWebSocket admitted = RawWebSocket.connect(gateway.gateway().port(), "/")) {
            assertThat(admitted.read(WAIT).text()).contains("\"welcome\"");
        }
        unauthenticated.forEach(RawWebSocket::close);
        fortieth.close();
        assertBystanderStreamsAndHealthAnswers();
    }

    @Test
    void shouldRateLimitPingsLikeMessagesAndCloseAFlooderWith1008() {
        try (RawWebSocket flooder = RawWebSocket.connect(gateway.gateway().port(), "/")) {
            CompletableFuture.runAsync(() -> flooder.sendUntilRefused(RawWebSocket.PING, new byte[125], 5_000));

            RawWebSocket.Frame close = flooder.awaitClose(WAIT);

            assertThat(close.closeCode()).isEqualTo(1008);
            assertThat(close.closeReason()).isEqualTo("rate limit exceeded");
        }
        assertBystanderStreamsAndHealthAnswers();
    }

    @Test
    void shouldRateLimitInboundFramesOnTheImeProtocol() {
        try (RawWebSocket flooder = RawWebSocket.connect("127.0.0.1", gateway.gateway().port(),
                "/live/data/websocket/contract/name?contract_name=EURUSD", "13",
                Map.of("Authorization", "Bearer " + GatewayFixture.KEY))) {
            CompletableFuture.runAsync(() -> flooder.sendUntilRefused(RawWebSocket.TEXT,
                    "hello".getBytes(StandardCharsets.UTF_8), 5_000));

            RawWebSocket.Frame close = flooder.awaitClose(WAIT);

            assertThat(close.closeCode()).isEqualTo(1008);
            assertThat(close.closeReason()).isEqualTo("rate limit exceeded");
        }
        assertBystanderStreamsAndHealthAnswers();
    }

    @Test
    void shouldRefuseAnImeConnectionNamingMoreContractsThanTheSubscriptionLimit() {
        try (RawWebSocket greedy = RawWebSocket.connect("127.0.0.1", gateway.gateway().port(),
                "/live/data/websocket/contract/id?contract_id=1&contract_id=12345&contract_id=777&contract_id=5", "13",
                Map.of("Authorization", "Bearer " + GatewayFixture.KEY))) {
            RawWebSocket.Frame close = greedy.awaitClose(WAIT);

            assertThat(close.closeCode()).isEqualTo(1008);
            assertThat(close.closeReason()).isEqualTo("too many contracts: at most 3");
        }
        assertBystanderStreamsAndHealthAnswers();
    }

    @Test
    void shouldCloseAnOversizedFragmentedMessageWith1009AndACloseFrame() {
        try (RawWebSocket client = RawWebSocket.connect(gateway.gateway().port(), "/")) {
            byte[] fragment = new byte[8 * 1024];
            Arrays.fill(fragment, (byte) 'a');
            client.send(RawWebSocket.TEXT, false, fragment);
            for (int i = 0; i < 9; i++) {
                client.send(RawWebSocket.CONTINUATION, i == 8, fragment);
            }

            RawWebSocket.Frame close = client.awaitClose(WAIT);

            assertThat(close).as("a close frame, not a dropped connection").isNotNull();
            assertThat(close.closeCode()).isEqualTo(1009);
        }
        assertBystanderStreamsAndHealthAnswers();
    }

    @Test
    void shouldCloseATextFrameThatIsNotUtf8With1007() {
        try (RawWebSocket client = RawWebSocket.connect(gateway.gateway().port(), "/")) {
            client.send(RawWebSocket.TEXT, true, new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'});

            RawWebSocket.Frame close = client.awaitClose(WAIT);

            assertThat(close.closeCode()).isEqualTo(1007);
        }
        assertBystanderStreamsAndHealthAnswers();
    }

    @Test
    void shouldCountEveryFragmentAgainstTheRateLimit() {
        try (RawWebSocket client = RawWebSocket.connect(gateway.gateway().port(), "/")) {
            CompletableFuture.runAsync(() -> {
                client.send(RawWebSocket.TEXT, false, new byte[] {'{'});
                for (int i = 0; i < 5_000; i++) {
                    client.send(RawWebSocket.CONTINUATION, false, new byte[] {' '});
                }
            });

            RawWebSocket.Frame close = client.awaitClose(WAIT);

            assertThat(close.closeCode()).as("a message of thousands of one-byte fragments").isEqualTo(1008);
            assertThat(close.closeReason()).isEqualTo("rate limit exceeded");
        }
        assertBystanderStreamsAndHealthAnswers();
    }

    @Test
    void shouldAnswerAnotherWebSocketVersionWith426NamingVersion13() {
        for (String version : Arrays.asList("99", "8", null)) {
            try (RawWebSocket client = RawWebSocket.connect("127.0.0.1", gateway.gateway().port(), "/", version, Map.of())) {
                assertThat(client.status()).as("version %s", version).isEqualTo(426);
                assertThat(client.header("Sec-WebSocket-Version")).isEqualTo("13");
            }
        }
        assertBystanderStreamsAndHealthAnswers();
    }

    @Test
    void shouldAnswerAnUnknownHttpVersionWith505() throws Exception {
        Socket client = socket();
        client.getOutputStream().write("GET / HTTP/9.9\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(readUntilClosed(client)).startsWith("HTTP/1.1 505");
        assertBystanderStreamsAndHealthAnswers();
    }

    @Test
    void shouldIgnoreAPoisonedSeqOnlyUntilThePublisherStartsANewEpoch() throws Exception {
        WebSocketRecorder client = WebSocketRecorder.connect(gateway.uri("/"));
        client.nextText();
        client.sendText("{\"type\":\"auth\",\"apiKey\":\"" + GatewayFixture.KEY + "\"}");
        client.sendText("{\"type\":\"subscribe\",\"symbols\":[\"ContractA\"]}");
        client.awaitText(text -> text.contains("\"subscribed\""), WAIT);

        gateway.bus().publishMarketData("12345", "{\"seq\":1000000000,\"data\":{\"BestLimit\":{\"1\":{\"buy_price\":100}}}}");
        gateway.bus().publishMarketData("12345", "{\"seq\":1,\"data\":{\"BestLimit\":{\"1\":{\"buy_price\":101}}}}");
        gateway.bus().publishMarketData("12345", "{\"seq\":1,\"epoch\":\"restarted\",\"data\":{\"BestLimit\":{\"1\":{\"buy_price\":102}}}}");

        assertThat(client.awaitText(text -> text.contains("\"tick\""), WAIT)).contains("\"bid\":100");
        assertThat(client.awaitText(text -> text.contains("\"tick\""), WAIT)).as("101 was ignored").contains("\"bid\":102");
        assertMetricAtLeast("tickstream_stale_updates_total", 1);
        client.abort();
        assertBystanderStreamsAndHealthAnswers();
    }

    @Test
    void shouldReportAnEventLoopThatStopsRunningItsTasks() {
        gateway.gateway().eventLoops().next().execute(() -> sleep(Duration.ofSeconds(3)));

        await().atMost(WAIT).until(() -> gateway.gateway().watchdog().stalls() >= 1);
        assertMetricAtLeast("tickstream_event_loop_stalls_total", 1);
        assertBystanderStreamsAndHealthAnswers();
    }

    @Test
    void shouldRefuseAtOnceWith503PastTheGlobalConnectionCap() throws Exception {
        InProcessBus ownBus = new InProcessBus(GatewayFixture.CATALOG);
        GatewayFixture small = GatewayFixture.start(GatewayFixture.config()
                .serverLimits(ServerLimits.defaults().withMaxConnections(2)).build(), ownBus);
        try {
            Socket first = new Socket("127.0.0.1", small.gateway().port());
            Socket second = new Socket("127.0.0.1", small.gateway().port());
            sockets.add(first);
            sockets.add(second);
            await().atMost(WAIT).until(() -> small.gateway().admission().open() == 2);

            Socket third = new Socket("127.0.0.1", small.gateway().port());
            sockets.add(third);

            assertThat(readUntilClosed(third)).startsWith("HTTP/1.1 503").endsWith("server at its connection limit\n");
            assertThat(small.gateway().admission().refused(ConnectionAdmission.Refusal.MAX_CONNECTIONS)).isEqualTo(1);
        } finally {
            small.close();
            ownBus.close();
        }
        assertBystanderStreamsAndHealthAnswers();
    }

    private void assertBystanderStreamsAndHealthAnswers() {
        String before = bystander.awaitText(text -> text.contains("\"tick\""), WAIT);
        bystander.awaitText(text -> text.contains("\"tick\"") && !text.equals(before), WAIT);
        assertThat(bystander.isClosed()).isFalse();
        HttpResponse<String> health = get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path) {
        try {
            return http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.gateway().port() + path))
                            .timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Waits for a scrape where a sample has reached a value: figures are made at most twice a second,
     * and this test's own HTTP calls may add to some of them (an idle keep-alive connection is closed).
     */
    private void assertMetricAtLeast(String sample, double value) {
        await().atMost(WAIT).until(() -> get("/metrics").body().lines()
                .filter(line -> line.startsWith(sample + " "))
                .anyMatch(line -> Double.parseDouble(line.substring(sample.length() + 1)) >= value));
    }

    private Socket socket() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", gateway.gateway().port()), 5_000);
        sockets.add(socket);
        return socket;
    }

    private static String readUntilClosed(Socket socket) throws IOException {
        return SocketReads.untilClosed(socket, WAIT);
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
