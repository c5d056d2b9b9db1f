package io.tickstream;

import io.tickstream.auth.ApiKey;
import io.tickstream.auth.InstrumentScope;
import io.tickstream.auth.Principal;
import io.tickstream.bus.Bus;
import io.tickstream.config.GatewayConfig;
import io.tickstream.instrument.Instrument;
import io.tickstream.instrument.InstrumentJson;
import io.tickstream.json.JsonTree;
import io.tickstream.server.Gateway;
import io.tickstream.testkit.RedisServer;
import io.tickstream.testkit.WebSocketRecorder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** A gateway on a free port with a small known catalog and a known API key, for protocol tests. */
public final class GatewayFixture implements AutoCloseable {

    public static final String KEY = "test-key";
    public static final String NARROW_KEY = "fx-only-key";
    public static final Instrument EURUSD = new Instrument("1", "EURUSD");
    public static final Instrument CONTRACT_A = new Instrument("12345", "ContractA");
    public static final Instrument SAFFRON = new Instrument("777", "زعفران0412P01");
    public static final Instrument DEEP = new Instrument("5", "DEEP5", 5, "five levels");
    public static final List<Instrument> CATALOG = List.of(EURUSD, CONTRACT_A, SAFFRON, DEEP);

    private final Gateway gateway;

    private GatewayFixture(Gateway gateway) {
        this.gateway = gateway;
    }

    public static GatewayConfig.Builder config() {
        return GatewayConfig.builder()
                .host("127.0.0.1")
                .port(0)
                .simulatorRate(0)
                .apiKey(ApiKey.plain(KEY, new Principal("alice", InstrumentScope.all(), true, 0)))
                .apiKey(ApiKey.plain(NARROW_KEY, new Principal("bob", InstrumentScope.of(List.of("EUR*")), false, 0)));
    }

    /** Writes {@link #CATALOG} into a Redis server's catalog hash, as a Redis deployment would have it. */
    public static void seedCatalog(RedisServer redis) {
        for (Instrument instrument : CATALOG) {
            redis.command("HSET", "tickstream:instruments", instrument.id(), InstrumentJson.write(instrument));
        }
    }

    public static GatewayFixture start(GatewayConfig config, Bus bus) throws InterruptedException {
        return new GatewayFixture(Gateway.start(config, bus));
    }

    public Gateway gateway() {
        return gateway;
    }

    public URI uri(String pathAndQuery) {
        return URI.create("ws://127.0.0.1:" + gateway.port() + pathAndQuery);
    }

    public URI byName(String... names) {
        return byNameUnder("", names);
    }

    public URI byNameUnder(String basePath, String... names) {
        StringBuilder query = new StringBuilder();
        for (String name : names) {
            query.append(query.length() == 0 ? '?' : '&')
                    .append("contract_name=").append(URLEncoder.encode(name, StandardCharsets.UTF_8));
        }
        return uri(basePath + "/live/data/websocket/contract/name" + query);
    }

    public URI byId(String... ids) {
        StringBuilder query = new StringBuilder();
        for (String id : ids) {
            query.append(query.length() == 0 ? '?' : '&').append("contract_id=").append(id);
        }
        return uri("/live/data/websocket/contract/id" + query);
    }

    public WebSocketRecorder connect(URI uri) {
        return WebSocketRecorder.connect(uri, Map.of("Authorization", "Bearer " + KEY));
    }

    /** Parses a message into maps and lists (numbers as BigDecimal) for assertions. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> json(String text) {
        try {
            return (Map<String, Object>) JsonTree.parse(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a nested value: {@code at(msg, "data", "BestLimit", "1", "buy_price")}. */
    @SuppressWarnings("unchecked")
    public static Object at(Map<String, Object> message, String... path) {
        Object current = message;
        for (String step : path) {
            current = ((Map<String, Object>) current).get(step);
        }
        return current;
    }

    @Override
    public void close() {
        gateway.close();
    }
}
