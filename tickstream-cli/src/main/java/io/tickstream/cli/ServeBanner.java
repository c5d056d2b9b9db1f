package io.tickstream.cli;

import io.tickstream.config.GatewayConfig;
import io.tickstream.instrument.Instrument;
import io.tickstream.server.Gateway;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The start-up lines of {@code serve}: where the gateway listens, which bus, the demo key and a
 * {@code subscribe} command to try. Immutable; printed once from the main thread.
 */
final class ServeBanner {

    private static final String PREFERRED_EXAMPLE = "EURUSD";

    private final GatewayConfig config;
    private final Gateway gateway;
    private final String demoKey;

    /** @param demoKey the demo key that was added, or null when the configured keys are used */
    ServeBanner(GatewayConfig config, Gateway gateway, String demoKey) {
        this.config = config;
        this.gateway = gateway;
        this.demoKey = demoKey;
    }

    void print(PrintWriter out) {
        String authority = displayHost() + ":" + gateway.port();
        boolean tls = config.tlsCertFile() != null;
        out.println("Tickstream is running on " + (tls ? "https://" : "http://") + authority + "/  (" + busDescription() + ")");
        if (demoKey != null) {
            out.println("Demo API key: " + demoKey);
        }
        String token = demoKey != null ? demoKey : "<your API key>";
        Optional<Instrument> example = exampleInstrument();
        if (example.isPresent()) {
            String url = (tls ? "wss://" : "ws://") + authority + config.imeBasePath() + "/live/data/websocket/contract/name?contract_name="
                    + URLEncoder.encode(example.get().name(), StandardCharsets.UTF_8);
            out.println("Try:  ./tickstream subscribe \"" + url + "\" --token " + token);
        } else if (config.usesRedis()) {
            out.println("No instruments yet: add one with  ./tickstream catalog add --redis URI --id ID --name NAME");
        } else {
            out.println("No instruments: the catalog file is empty");
        }
        out.flush();
    }

    private String displayHost() {
        String host = config.host();
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            return "localhost";
        }
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private String busDescription() {
        if (config.usesRedis()) {
            return "Redis bus " + RedisOptions.redact(config.redisUri())
                    + ", prefix " + config.channels().prefix();
        }
        String simulator = config.simulatorRate() > 0
                ? "simulator " + rate(config.simulatorRate()) + " updates/s"
                : "simulator off";
        return "in-process bus, " + simulator;
    }

    /** A rate as people write it: {@code 20}, {@code 0.5}. */
    static String rate(double updatesPerSecond) {
        return BigDecimal.valueOf(updatesPerSecond).stripTrailingZeros().toPlainString();
    }

    private Optional<Instrument> exampleInstrument() {
        return gateway.catalog().byName(PREFERRED_EXAMPLE).or(() -> gateway.catalog().all().stream().findFirst());
    }
}
