package io.tickstream.transport;

import static io.tickstream.GatewayFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.GatewayExtension;
import io.tickstream.GatewayFixture;
import io.tickstream.testkit.PerMessageDeflate;
import io.tickstream.testkit.RawWebSocket;
import io.tickstream.transport.deflate.DeflateOffer;
import io.tickstream.transport.deflate.DeflateSettings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * permessage-deflate (RFC 7692) against a client written from the RFC with the JDK's zlib: what is
 * negotiated, which frames go out compressed, that they inflate to exactly the plain protocol's
 * text, that a view's frame is compressed once for all its clients, and what the server does
 * with compressed messages from a client, good and bad.
 */
class PerMessageDeflateTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int PINGS = 200;
    private static final Map<String, String> OFFER = Map.of("Sec-WebSocket-Extensions", PerMessageDeflate.OFFER);
    private static final String LAST_PRICE = "{\"Aggregate\":{\"last_price\":%s}}";

    @RegisterExtension
    static final GatewayExtension.InProcess gateway = GatewayExtension.inProcess();

    @Test
    void shouldAnswerServerNoContextTakeoverAndClientNoContextTakeoverOnlyToAClientThatOfferedIt() {
        try (RawWebSocket client = open("/", OFFER)) {
            assertThat(client.status()).isEqualTo(101);
            assertThat(client.header("Sec-WebSocket-Extensions")).isEqualTo(DeflateOffer.SERVER_WITHOUT_CONTEXT);
        }
        try (RawWebSocket client = open("/", Map.of("Sec-WebSocket-Extensions",
                "permessage-deflate; client_no_context_takeover; client_max_window_bits=12"))) {
            assertThat(client.header("Sec-WebSocket-Extensions")).isEqualTo(DeflateOffer.BOTH_WITHOUT_CONTEXT);
        }
    }

    @Test
    void shouldDeclineAnOfferForASmallerServerWindowAndTakeTheClientsNextOffer() {
        try (RawWebSocket declined = open("/", Map.of("Sec-WebSocket-Extensions",
                "permessage-deflate; server_max_window_bits=10"))) {
            assertThat(declined.status()).isEqualTo(101);
            assertThat(declined.header("Sec-WebSocket-Extensions")).isNull();
        }
        try (RawWebSocket fallback = open("/", Map.of("Sec-WebSocket-Extensions",
                "permessage-deflate; server_max_window_bits=10, permessage-deflate; server_no_context_takeover"))) {
            assertThat(fallback.header("Sec-WebSocket-Extensions")).isEqualTo(DeflateOffer.SERVER_WITHOUT_CONTEXT);
        }
        try (RawWebSocket unknown = open("/", Map.of("Sec-WebSocket-Extensions", "permessage-deflate; x_unheard_of"))) {
            assertThat(unknown.header("Sec-WebSocket-Extensions")).isNull();
        }
    }

    @Test
    void shouldSpeakPlainWebSocketWhenCompressionIsTurnedOff() throws Exception {
        gateway.restart(config -> config.compression(DeflateSettings.off()));
        try (RawWebSocket client = open("/", OFFER)) {
            assertThat(client.status()).isEqualTo(101);
            assertThat(client.header("Sec-WebSocket-Extensions")).isNull();
            assertThat(client.read(WAIT).compressed()).isFalse();
        }
    }

    @Test
    void shouldCompressLargeJsonMessagesToExactlyThePlainTextAndLeaveSmallOnesPlain() throws Exception {
        gateway.bus().publishMarketData("1", String.format(LAST_PRICE, "1.0851"));
        try (RawWebSocket deflating = authenticated(OFFER); RawWebSocket plain = authenticated(Map.of())) {
            List<List<RawWebSocket.Frame>> received = new ArrayList<>();
            for (RawWebSocket client : List.of(deflating, plain)) {
                client.sendText("{\"type\":\"subscribe\",\"channel\":\"state\",\"symbols\":[\"EURUSD\"]}");
                client.sendText("{\"type\":\"subscribe\",\"symbols\":[\"EURUSD\"]}");
                received.add(framesUntil(client, "\"type\":\"subscribed\"", 2));
            }
            gateway.bus().publishMarketData("1", "{\"BestLimit\":{\"1\":{\"buy_price\":1.0850,\"sell_price\":1.0852}}}");
            received.get(0).addAll(framesUntil(deflating, "\"bid\":1.0850", 1));
            received.get(1).addAll(framesUntil(plain, "\"bid\":1.0850", 1));
            List<RawWebSocket.Frame> compressed = received.get(0);
            List<RawWebSocket.Frame> uncompressed = received.get(1);

            assertThat(compressed).hasSameSizeAs(uncompressed);
            for (int i = 0; i < compressed.size(); i++) {
                RawWebSocket.Frame frame = compressed.get(i);
                String plainText = uncompressed.get(i).text();
                assertThat(text(frame)).isEqualTo(plainText);
                boolean large = plainText.getBytes(StandardCharsets.UTF_8).length >= DeflateSettings.DEFAULT_THRESHOLD_BYTES;
                assertThat(frame.compressed()).as("compressed: %s", plainText).isEqualTo(large);
                if (large) {
                    assertThat(frame.payload().length).isLessThan(plainText.length() / 2);
                }
            }
            assertThat(compressed).anyMatch(RawWebSocket.Frame::compressed).anyMatch(frame -> !frame.compressed());
        }
    }

    @Test
    void shouldDeflateAStateChangeOnceForEveryDeflatingSubscriber() throws Exception {
        List<RawWebSocket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                RawWebSocket client = authenticated(OFFER);
                client.sendText("{\"type\":\"subscribe\",\"channel\":\"state\",\"symbols\":[\"ContractA\"]}");
                framesUntil(client, "\"type\":\"subscribed\"", 1);
                clients.add(client);
            }
            long before = deflatedMessages();
            gateway.bus().publishMarketData("12345", String.format(LAST_PRICE, "4242.5"));
            List<byte[]> payloads = new ArrayList<>();
            for (RawWebSocket client : clients) {
                RawWebSocket.Frame state = framesUntil(client, "\"type\":\"state\"", 1).get(0);
                assertThat(state.compressed()).isTrue();
                assertThat(text(state)).contains("\"last_price\":4242.5");
                payloads.add(state.payload());
            }
            assertThat(payloads.get(1)).isEqualTo(payloads.get(0));
            assertThat(payloads.get(2)).isEqualTo(payloads.get(0));
            assertThat(deflatedMessages() - before).isEqualTo(1);
        } finally {
            clients.forEach(RawWebSocket::close);
        }
    }

    @Test
    void shouldSendDeltasAndTheirFullStatesToADeflatingSubscriber() throws Exception {
        gateway.bus().publishMarketData("1", String.format(LAST_PRICE, "1.0851"));
        try (RawWebSocket client = authenticated(OFFER)) {
            client.sendText("{\"type\":\"subscribe\",\"channel\":\"state\",\"symbols\":[\"EURUSD\"],\"delta\":true}");
            List<RawWebSocket.Frame> untilFull = framesUntil(client, "\"data\":", 1);
            RawWebSocket.Frame full = untilFull.get(untilFull.size() - 1);
            assertThat(full.compressed()).isTrue();
            gateway.bus().publishMarketData("1", String.format(LAST_PRICE, "1.0857"));
            RawWebSocket.Frame delta = framesUntil(client, "\"delta\":", 1).get(0);
            assertThat(text(delta)).contains("\"delta\":{\"Aggregate\":{\"last_price\":1.0857}}");
            assertThat(delta.compressed()).as("a delta is under the threshold").isFalse();
        }
    }

    @Test
    void shouldCompressImeAndCompactMessagesLikeJsonOnes() throws Exception {
        gateway.bus().publishMarketData("1", "{\"BestLimit\":{\"1\":{\"buy_price\":1.0850,\"sell_price\":1.0852}}}");
        URI ime = gateway.byName("EURUSD");
        Map<String, String> bearer = Map.of("Authorization", "Bearer " + GatewayFixture.KEY);
        Map<String, String> bearerAndOffer = Map.of("Authorization", "Bearer " + GatewayFixture.KEY,
                "Sec-WebSocket-Extensions", PerMessageDeflate.OFFER);
        try (RawWebSocket deflating = open(ime.getRawPath() + "?" + ime.getRawQuery(), bearerAndOffer);
             RawWebSocket plain = open(ime.getRawPath() + "?" + ime.getRawQuery(), bearer)) {
            RawWebSocket.Frame compressed = deflating.read(WAIT);
            assertThat(compressed.compressed()).isTrue();
            assertThat(text(compressed)).isEqualTo(plain.read(WAIT).text());
        }
        try (RawWebSocket compact = open("/compact", OFFER)) {
            compact.sendText("{\"authorization\":\"" + GatewayFixture.KEY + "\"}");
            compact.sendText("{\"event\":\"subscribe\",\"data\":[\"eurusd\"]}");
            List<RawWebSocket.Frame> frames = framesUntil(compact, "[\"t\"", 1);
            assertThat(text(frames.get(frames.size() - 1))).startsWith("[\"t\",\"eurusd\",1.0850");
        }
    }

    @Test
    void shouldInflateACompressedMessageFromAClientWithoutContextWholeOrInFragments() {
        try (RawWebSocket client = open("/", Map.of("Sec-WebSocket-Extensions", "permessage-deflate; client_no_context_takeover"))) {
            framesUntil(client, "\"type\":\"welcome\"", 1);
            client.send(4, RawWebSocket.TEXT, true,
                    PerMessageDeflate.deflate("{\"type\":\"auth\",\"apiKey\":\"" + GatewayFixture.KEY + "\"}"));
            assertThat(json(text(framesUntil(client, "\"type\":\"auth\"", 1).get(0)))).containsEntry("success", true);

            byte[] subscribe = PerMessageDeflate.deflate("{\"type\":\"subscribe\",\"symbols\":[\"EURUSD\"]}");
            int half = subscribe.length / 2;
            client.send(4, RawWebSocket.TEXT, false, Arrays.copyOfRange(subscribe, 0, half));
            client.send(0, RawWebSocket.CONTINUATION, true, Arrays.copyOfRange(subscribe, half, subscribe.length));
            assertThat(text(framesUntil(client, "\"type\":\"subscribed\"", 1).get(0))).contains("\"symbols\":[\"EURUSD\"]");
        }
    }

    @Test
    void shouldInflateMessagesThatReferBackToEarlierOnesFromAClientThatKeepsItsContext() {
        try (RawWebSocket client = open("/", OFFER); PerMessageDeflate.ContextTakeover deflater = new PerMessageDeflate.ContextTakeover()) {
            framesUntil(client, "\"type\":\"welcome\"", 1);
            String auth = "{\"type\":\"auth\",\"apiKey\":\"" + GatewayFixture.KEY + "\"}";
            client.send(4, RawWebSocket.TEXT, true, deflater.deflate(auth));
            framesUntil(client, "\"type\":\"auth\"", 1);
            byte[] again = deflater.deflate("{\"type\":\"subscribe\",\"symbols\":[\"EURUSD\"]}");
            assertThat(again.length).as("the second message leans on the first").isLessThan(PerMessageDeflate.deflate(
                    "{\"type\":\"subscribe\",\"symbols\":[\"EURUSD\"]}").length);
            client.send(4, RawWebSocket.TEXT, true, again);
            assertThat(text(framesUntil(client, "\"type\":\"subscribed\"", 1).get(0))).contains("\"symbols\":[\"EURUSD\"]");
        }
    }

    @Test
    void shouldCloseWith1009WhenASmallCompressedMessageInflatesPastTheSizeLimit() {
        try (RawWebSocket client = open("/", OFFER)) {
            framesUntil(client, "\"type\":\"welcome\"", 1);
            byte[] bomb = PerMessageDeflate.deflate(" ".repeat(200_000));
            assertThat(bomb.length).isLessThan(1_000);
            client.send(4, RawWebSocket.TEXT, true, bomb);
            RawWebSocket.Frame close = client.awaitClose(WAIT);
            assertThat(close.closeCode()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
        }
    }

    @Test
    void shouldCloseWith1007WhenACompressedMessageDoesNotInflate() {
        try (RawWebSocket client = open("/", OFFER)) {
            framesUntil(client, "\"type\":\"welcome\"", 1);
            client.send(4, RawWebSocket.TEXT, true, new byte[] {(byte) 0xFF, (byte) 0xFF, 0x13, 0x37});
            RawWebSocket.Frame close = client.awaitClose(WAIT);
            assertThat(close.closeCode()).isEqualTo(CloseCodes.INVALID_PAYLOAD);
            assertThat(close.closeReason()).isEqualTo("invalid compressed data");
        }
    }

    @Test
    void shouldCloseWith1002WhenAReservedBitArrivesThatNoExtensionExplains() {
        try (RawWebSocket deflating = open("/", OFFER); RawWebSocket plain = open("/", Map.of())) {
            framesUntil(deflating, "\"type\":\"welcome\"", 1);
            deflating.send(2, RawWebSocket.TEXT, true, "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(deflating.awaitClose(WAIT).closeCode()).isEqualTo(CloseCodes.PROTOCOL_ERROR);

            framesUntil(plain, "\"type\":\"welcome\"", 1);
            plain.send(4, RawWebSocket.TEXT, true, PerMessageDeflate.deflate("{\"type\":\"ping\"}"));
            assertThat(plain.awaitClose(WAIT).closeCode()).isEqualTo(CloseCodes.PROTOCOL_ERROR);
        }
    }

    @Test
    void shouldAnswerRateLimitedCompressedMessagesExactlyAsPlainOnes() throws Exception {
        List<String> plain;
        try (RawWebSocket client = authenticated(Map.of())) {
            plain = pingsAtAboveTheRate(client, text -> text.getBytes(StandardCharsets.UTF_8), 0);
        }
        long discardedBefore = gateway.gateway().deflateMeters().discardedMessages();
        List<String> compressed;
        try (RawWebSocket client = authenticated(OFFER); PerMessageDeflate.ContextTakeover deflater = new PerMessageDeflate.ContextTakeover()) {
            compressed = pingsAtAboveTheRate(client, deflater::deflate, 4);
        }
        for (List<String> answers : List.of(plain, compressed)) {
            assertThat(answers).hasSize(PINGS).containsOnly("pong", "rate_limited");
            int firstRefused = answers.indexOf("rate_limited");
            assertThat(firstRefused).as("some pings are over the rate").isPositive();
            assertThat(answers.subList(firstRefused, PINGS)).as("pings pass again after a refusal").contains("pong");
        }
        assertThat(gateway.gateway().deflateMeters().discardedMessages() - discardedBefore)
                .isEqualTo(compressed.stream().filter("rate_limited"::equals).count());
    }

    /**
     * Sends {@link #PINGS} distinct pings at about 170 a second (above the default 50 a second once the
     * burst allowance is spent) and returns what each was answered: "pong", an error's code or
     * message, or the close.
     */
    private static List<String> pingsAtAboveTheRate(RawWebSocket client, Function<String, byte[]> encode,
                                                    int rsv) throws InterruptedException {
        for (int i = 0; i < PINGS; i++) {
            String ping = "{\"type\":\"ping\",\"i\":" + i + ",\"pad\":\"" + Integer.toString(i * 7919, 36).repeat(50).substring(0, 50) + "\"}";
            client.send(rsv, RawWebSocket.TEXT, true, encode.apply(ping));
            Thread.sleep(6);
        }
        List<String> answers = new ArrayList<>();
        while (answers.size() < PINGS) {
            RawWebSocket.Frame frame = client.read(WAIT);
            if (frame == null || frame.opcode() == RawWebSocket.CLOSE) {
                answers.add("closed " + (frame == null ? "" : frame.closeCode() + " " + frame.closeReason()));
                break;
            }
            if (frame.opcode() != RawWebSocket.TEXT) {
                continue;
            }
            Map<String, Object> answer = json(text(frame));
            answers.add(String.valueOf(answer.get("type").equals("pong") ? "pong"
                    : answer.getOrDefault("code", answer.get("message"))));
        }
        return answers;
    }

    private static RawWebSocket open(String path, Map<String, String> headers) {
        return RawWebSocket.connect("127.0.0.1", gateway.gateway().port(), path, "13", headers);
    }

    private static RawWebSocket authenticated(Map<String, String> headers) {
        RawWebSocket client = open("/", headers);
        framesUntil(client, "\"type\":\"welcome\"", 1);
        client.sendText("{\"type\":\"auth\",\"apiKey\":\"" + GatewayFixture.KEY + "\"}");
        framesUntil(client, "\"type\":\"auth\"", 1);
        return client;
    }

    /** Reads text frames until {@code count} of them contain {@code marker}; returns all read. */
    private static List<RawWebSocket.Frame> framesUntil(RawWebSocket client, String marker, int count) {
        List<RawWebSocket.Frame> frames = new ArrayList<>();
        int seen = 0;
        while (seen < count) {
            RawWebSocket.Frame frame = client.read(WAIT);
            assertThat(frame).as("the connection ended before %s", marker).isNotNull();
            if (frame.opcode() != RawWebSocket.TEXT) {
                continue;
            }
            frames.add(frame);
            if (text(frame).contains(marker)) {
                seen++;
            }
        }
        return frames;
    }

    private static String text(RawWebSocket.Frame frame) {
        return frame.compressed() ? PerMessageDeflate.inflate(frame.payload()) : frame.text();
    }

    private static long deflatedMessages() {
        return gateway.gateway().deflateMeters().deflatedMessages();
    }
}
