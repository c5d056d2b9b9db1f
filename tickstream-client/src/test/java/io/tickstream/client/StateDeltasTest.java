package io.tickstream.client;

import static io.tickstream.client.TestGateway.DEEP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tickstream.client.message.State;
import io.tickstream.protocol.StateBytes;
import io.tickstream.state.InstrumentState;
import io.tickstream.state.StateField;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SDK's states against a real gateway that sends them as deltas. */
class StateDeltasTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String[] TEXTS = {"\"12:00:01\"", "\"1405/03/02\"", "\"۱۴۰۵/۰۳/۰۲\"", "\"a \\\"b\\\" \\\\ c\"", "\"\""};

    private final List<String> frames = new CopyOnWriteArrayList<>();
    private final AtomicReference<State> latest = new AtomicReference<>();
    private TestGateway gateway;
    private TickstreamClient client;

    @BeforeEach
    void start() throws Exception {
        gateway = TestGateway.start();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        gateway.close();
    }

    private void connect(ClientBuilder builder) throws Exception {
        client = builder.build();
        client.addMessageHandler(Channel.TEXT, frames::add);
        client.addMessageHandler(Channel.STATE, latest::set);
        client.connect();
        gateway.publish(DEEP, "{\"BestLimit\":{\"1\":{\"buy_price\":99.5,\"sell_price\":100.5}}}");
        client.subscribe(Channel.STATE, DEEP.name()).get(5, TimeUnit.SECONDS);
    }

    @Test
    void shouldHandOutTheGatewaysStateFieldForFieldWhenManyChangesArriveAsDeltas() throws Exception {
        connect(gateway.client());
        Random random = new Random(3);
        for (int i = 0; i < 300; i++) {
            gateway.publish(DEEP, randomUpdate(random));
        }

        InstrumentState current = awaitTheGatewaysStateInTheClient();

        State state = latest.get();
        assertThat(state.fields()).isEqualTo(fieldsOf(current));
        assertThat(state.data()).isEqualTo(dataOf(current));
        assertThat(frames).as("changes sent as deltas").anyMatch(frame -> frame.contains("\"delta\":{"));
        assertThat(client.stateResyncs()).isZero();
    }

    @Test
    void shouldReceiveOnlyFullStatesWhenBuiltWithoutStateDeltas() throws Exception {
        connect(gateway.client().stateDeltas(false));
        gateway.publish(DEEP, "{\"Aggregate\":{\"last_price\":100}}");
        gateway.publish(DEEP, "{\"Aggregate\":{\"last_price\":101}}");

        InstrumentState current = awaitTheGatewaysStateInTheClient();

        assertThat(latest.get().data()).isEqualTo(dataOf(current));
        assertThat(frames).filteredOn(frame -> frame.startsWith("{\"type\":\"state\""))
                .hasSize(3).allMatch(frame -> frame.contains("\"data\":{") && !frame.contains("\"delta\""));
    }

    private InstrumentState awaitTheGatewaysStateInTheClient() throws Exception {
        InstrumentState current = gateway.gateway().hub().currentState(DEEP).toCompletableFuture().get(5, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> latest.get() != null && latest.get().seq() == current.sequence());
        return current;
    }

    /** One to five fields of any section set at random, numbers with their scale, text with escapes. */
    private static String randomUpdate(Random random) {
        Map<String, Map<String, String>> sections = new HashMap<>();
        StateField[] fields = StateField.values();
        for (int i = 0, n = 1 + random.nextInt(5); i < n; i++) {
            StateField field = fields[random.nextInt(fields.length)];
            String key = field.isLevelled() ? Integer.toString(1 + random.nextInt(DEEP.depth())) : null;
            String value = field.isText() ? TEXTS[random.nextInt(TEXTS.length)]
                    : random.nextInt(100_000) + "." + String.format("%02d", random.nextInt(100));
            Map<String, String> section = sections.computeIfAbsent(field.section().wireName(), s -> new HashMap<>());
            if (key == null) {
                section.merge(field.wireName(), value, (old, now) -> now);
            } else {
                // A field given twice in one level is malformed: the first one drawn stays.
                section.merge(key, "\"" + field.wireName() + "\":" + value,
                        (old, now) -> old.contains("\"" + field.wireName() + "\":") ? old : old + "," + now);
            }
        }
        StringBuilder json = new StringBuilder("{");
        sections.forEach((section, members) -> {
            json.append(json.length() > 1 ? "," : "").append('"').append(section).append("\":{");
            StringBuilder inner = new StringBuilder();
            members.forEach((name, value) -> inner.append(inner.length() > 0 ? "," : "").append('"').append(name).append("\":")
                    .append(section.equals("BestLimit") ? "{" + value + "}" : value));
            json.append(inner).append('}');
        });
        return json.append('}').toString();
    }

    private static Map<String, String> fieldsOf(InstrumentState state) {
        Map<String, String> paths = new HashMap<>();
        for (StateField field : StateField.values()) {
            for (int level = 1; level <= (field.isLevelled() ? state.instrument().depth() : 1); level++) {
                String path = field.section().wireName() + '.' + (field.isLevelled() ? level + "." : "") + field.wireName();
                String value = state.value(field, level);
                paths.put(path, field.isText() ? value : new BigDecimal(value).toPlainString());
            }
        }
        return paths;
    }

    private static String dataOf(InstrumentState state) {
        ByteBuf out = Unpooled.buffer();
        try {
            StateBytes.write(out, state);
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            out.release();
        }
    }
}
