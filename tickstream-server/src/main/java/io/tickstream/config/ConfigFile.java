package io.tickstream.config;

import io.tickstream.alert.AlertSettings;
import io.tickstream.auth.AccountPolicy;
import io.tickstream.auth.ApiKey;
import io.tickstream.auth.InstrumentScope;
import io.tickstream.auth.JwtSettings;
import io.tickstream.auth.Principal;
import io.tickstream.bus.ChannelNames;
import io.tickstream.bus.HistoryLimits;
import io.tickstream.candle.CandleInterval;
import io.tickstream.candle.CandleSettings;
import io.tickstream.json.JsonTree;
import io.tickstream.protocol.RecoveryLimits;
import io.tickstream.protocol.SubscriptionRate;
import io.tickstream.protocol.SessionLimits;
import io.tickstream.state.InstrumentState;
import io.tickstream.readiness.ReadinessSettings;
import io.tickstream.transport.HandshakeLimits;
import io.tickstream.transport.ServerLimits;
import io.tickstream.transport.SocketTransport;
import io.tickstream.transport.deflate.DeflateSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON configuration file (format in the README) into a {@link GatewayConfig.Builder}.
 * Unknown settings are errors, so a typo is reported instead of silently ignored. Stateless.
 */
public final class ConfigFile {

    private ConfigFile() {
    }

    public static GatewayConfig.Builder load(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
        Object tree;
        try {
            tree = JsonTree.parse(text);
        } catch (IOException e) {
            throw new ConfigException(file + " is not valid JSON: " + e.getMessage(), e);
        }
        try {
            GatewayConfig.Builder builder = read(new ConfigNode("", tree), file.toAbsolutePath().getParent());
            builder.build();
            return builder;
        } catch (ConfigException | IllegalArgumentException e) {
            throw new ConfigException(file + ": " + e.getMessage(), e);
        }
    }

    private static GatewayConfig.Builder read(ConfigNode root, Path base) throws ConfigException {
        root.allowOnly("host", "port", "proxyProtocol", "bus", "catalog", "simulator", "protocols", "dashboard", "shutdown", "accounts", "tls", "ime", "candles",
                "websocket", "http", "limits", "jwt", "apiKeys", "alerts");
        GatewayConfig.Builder builder = GatewayConfig.builder()
                .host(root.string("host", "0.0.0.0"))
                .port(root.integer("port", 8080))
                .proxyProtocol(root.bool("proxyProtocol", false));
        ConfigNode bus = root.section("bus");
        bus.allowOnly("redis", "prefix", "catalogRefreshSeconds", "historySize", "historySeconds", "maxSeqJump",
                "pingIntervalMs", "pingTimeoutMs", "authWaitMs");
        builder.readiness(readReadiness(bus));
        builder.redisUri(bus.string("redis", null))
                .catalogRefresh(Duration.ofSeconds(bus.integer("catalogRefreshSeconds", 5)))
                .maxSeqJump(bus.integer("maxSeqJump", (int) InstrumentState.DEFAULT_MAX_SEQ_JUMP));
        try {
            builder.history(new HistoryLimits(bus.integer("historySize", HistoryLimits.DEFAULT_MAX_MESSAGES),
                    Duration.ofSeconds(bus.integer("historySeconds", (int) HistoryLimits.DEFAULT_MAX_AGE.toSeconds()))));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(bus.where("historySize") + ": " + e.getMessage());
        }
        try {
            builder.channels(new ChannelNames(bus.string("prefix", ChannelNames.DEFAULT_PREFIX)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(bus.where("prefix") + ": " + e.getMessage());
        }
        String catalog = root.string("catalog", null);
        if (catalog != null) {
            Path catalogPath = resolve(base, catalog);
            if (!Files.isReadable(catalogPath)) {
                throw new ConfigException("catalog file " + catalogPath + " does not exist or is not readable");
            }
            builder.catalogFile(catalogPath);
        }
        ConfigNode simulator = root.section("simulator");
        simulator.allowOnly("rate");
        builder.simulatorRate(simulator.decimal("rate", 20));
        ConfigNode protocols = root.section("protocols");
        for (String protocol : protocols.names()) {
            builder.protocol(protocol, protocols.bool(protocol, true));
        }
        builder.dashboard(root.bool("dashboard", true));
        ConfigNode shutdown = root.section("shutdown");
        shutdown.allowOnly("drainSeconds");
        builder.drainWindow(Duration.ofSeconds(shutdown.integer("drainSeconds", 10)));
        readIme(root.section("ime"), builder);
        ConfigNode websocket = root.section("websocket");
        websocket.allowOnly("pingIntervalSeconds", "maxFrameBytes", "ioThreads", "transport", "compression");
        builder.pingInterval(Duration.ofSeconds(websocket.integer("pingIntervalSeconds", 20)))
                .maxFrameBytes(websocket.integer("maxFrameBytes", 64 * 1024))
                .ioThreads(websocket.integer("ioThreads", 0));
        try {
            builder.transport(SocketTransport.named(websocket.string("transport", SocketTransport.IO_URING.configName())));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(websocket.where("transport") + " " + e.getMessage());
        }
        ConfigNode compression = websocket.section("compression");
        compression.allowOnly("enabled", "thresholdBytes", "level");
        builder.compression(new DeflateSettings(compression.bool("enabled", true),
                compression.integer("thresholdBytes", DeflateSettings.DEFAULT_THRESHOLD_BYTES),
                compression.integer("level", DeflateSettings.DEFAULT_LEVEL)));
        builder.limits(readLimits(root.section("limits")));
        builder.recovery(readRecovery(root.section("limits").section("recovery")));
        builder.candles(readCandles(root.section("candles"), base));
        builder.serverLimits(readServerLimits(root.section("http"), root.section("limits")));
        if (root.has("jwt")) {
            builder.jwt(readJwt(root.section("jwt"), base));
            builder.expiryNotice(Duration.ofSeconds(root.section("jwt").integer("expiryNoticeSeconds", 30)));
        }
        ConfigNode tls = root.section("tls");
        tls.allowOnly("certFile", "keyFile", "engine", "handshakeTimeoutMs", "maxHandshakes", "maxHandshakesPerAddress",
                "handshakeThreads");
        builder.handshakes(readHandshakes(tls));
        String engine = tls.string("engine", "openssl");
        if (!engine.equals("openssl") && !engine.equals("jdk")) {
            throw new ConfigException(tls.where("engine") + " must be openssl or jdk, was " + engine);
        }
        builder.tlsOpenSsl(engine.equals("openssl"));
        String certFile = tls.string("certFile", null);
        String keyFile = tls.string("keyFile", null);
        if (certFile != null || keyFile != null) {
            if (certFile == null || keyFile == null) {
                throw new ConfigException("tls: give both certFile and keyFile");
            }
            builder.tls(resolve(base, certFile), resolve(base, keyFile));
        }
        ConfigNode accounts = root.section("accounts");
        for (String account : accounts.names()) {
            builder.account(account, readAccountPolicy(accounts.section(account)));
        }
        builder.alerts(readAlerts(root.section("alerts"), root.section("limits"), accounts, base));
        builder.defaultAccountConnections(root.section("limits").integer("defaultAccountConnections",
                GatewayConfig.DEFAULT_ACCOUNT_CONNECTIONS));
        for (ConfigNode key : root.sections("apiKeys")) {
            builder.apiKey(readApiKey(key));
        }
        return builder;
    }

    private static void readIme(ConfigNode ime, GatewayConfig.Builder builder) throws ConfigException {
        ime.allowOnly("basePath", "idField", "timeZone");
        builder.imeBasePath(ime.string("basePath", "")).imeIdField(ime.string("idField", "contractId"));
        String zone = ime.string("timeZone", "UTC");
        try {
            builder.timeZone(ZoneId.of(zone));
        } catch (DateTimeException e) {
            throw new ConfigException(ime.where("timeZone") + ": unknown time zone '" + zone + "'");
        }
    }

    private static JwtSettings readJwt(ConfigNode jwt, Path base) throws ConfigException {
        jwt.allowOnly("hs256Secret", "publicKeyFile", "jwksFile", "instrumentsClaim", "issuer", "audience", "requireExp",
                "maxLifetimeSeconds", "expiryNoticeSeconds");
        JwtSettings.Builder settings = JwtSettings.builder();
        try {
            String secret = jwt.string("hs256Secret", null);
            if (secret != null) {
                settings.hs256Secret(secret);
            }
            String pem = jwt.string("publicKeyFile", null);
            if (pem != null) {
                settings.publicKeyPem(resolve(base, pem));
            }
            String jwks = jwt.string("jwksFile", null);
            if (jwks != null) {
                settings.jwks(resolve(base, jwks));
            }
            settings.instrumentsClaim(jwt.string("instrumentsClaim", JwtSettings.DEFAULT_INSTRUMENTS_CLAIM))
                    .issuer(jwt.string("issuer", null))
                    .audience(jwt.string("audience", null))
                    .requireExp(jwt.bool("requireExp", true));
            if (jwt.has("maxLifetimeSeconds")) {
                settings.maxLifetime(Duration.ofSeconds(jwt.integer("maxLifetimeSeconds", 0)));
            }
            return settings.build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("jwt: " + e.getMessage());
        }
    }

    private static Path resolve(Path base, String file) {
        return base == null ? Path.of(file) : base.resolve(file);
    }

    /** {@code candles}: {@code timeZone} of day bars, {@code retentionSeconds} per interval, {@code directory}. */
    private static CandleSettings readCandles(ConfigNode candles, Path base) throws ConfigException {
        candles.allowOnly("timeZone", "retentionSeconds", "directory");
        ZoneId zone;
        try {
            zone = ZoneId.of(candles.string("timeZone", "UTC"));
        } catch (DateTimeException e) {
            throw new ConfigException(candles.where("timeZone") + ": " + e.getMessage());
        }
        ConfigNode retention = candles.section("retentionSeconds");
        Map<CandleInterval, Duration> kept = new EnumMap<>(CandleInterval.class);
        for (String label : retention.names()) {
            CandleInterval interval = CandleInterval.byLabel(label);
            if (interval == null) {
                throw new ConfigException(retention.where(label) + ": unknown interval (one of "
                        + CandleInterval.labels() + ")");
            }
            kept.put(interval, Duration.ofSeconds(retention.integer(label, 0)));
        }
        String directory = candles.string("directory", null);
        try {
            return new CandleSettings(zone, kept, directory == null ? null : resolve(base, directory));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(candles.where("retentionSeconds") + ": " + e.getMessage());
        }
    }

    private static RecoveryLimits readRecovery(ConfigNode recovery) throws ConfigException {
        recovery.allowOnly("connectionBurst", "connectionPerSecond", "accountBurst", "accountPerSecond");
        RecoveryLimits defaults = RecoveryLimits.defaults();
        try {
            return new RecoveryLimits(recovery.integer("connectionBurst", defaults.connectionBurst()),
                    recovery.integer("connectionPerSecond", defaults.connectionPerSecond()),
                    recovery.integer("accountBurst", defaults.accountBurst()),
                    recovery.integer("accountPerSecond", defaults.accountPerSecond()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private static SessionLimits readLimits(ConfigNode limits) throws ConfigException {
        limits.allowOnly("authTimeoutMs", "maxSubscriptions", "messagesPerSecond", "maxQueuedEvents",
                "expectedConnections", "maxConnections", "maxUnauthenticated", "maxUnauthenticatedPerAddress",
                "loopStallMs", "defaultAccountConnections", "recovery", "maxAlertsPerAccount");
        SessionLimits defaults = SessionLimits.defaults();
        try {
            return new SessionLimits(
                    Duration.ofMillis(limits.integer("authTimeoutMs", (int) defaults.authTimeout().toMillis())),
                    limits.integer("maxSubscriptions", defaults.maxSubscriptions()),
                    limits.integer("messagesPerSecond", defaults.messagesPerSecond()),
                    limits.integer("maxQueuedEvents", defaults.maxQueuedEvents()),
                    limits.integer("expectedConnections", defaults.expectedConnections()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private static HandshakeLimits readHandshakes(ConfigNode tls) throws ConfigException {
        HandshakeLimits defaults = HandshakeLimits.defaults();
        try {
            return new HandshakeLimits(
                    Duration.ofMillis(tls.integer("handshakeTimeoutMs", (int) defaults.timeout().toMillis())),
                    tls.integer("maxHandshakes", defaults.maxInProgress()),
                    tls.integer("maxHandshakesPerAddress", defaults.maxInProgressPerAddress()),
                    tls.integer("handshakeThreads", defaults.threads()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private static ReadinessSettings readReadiness(ConfigNode bus) throws ConfigException {
        ReadinessSettings defaults = ReadinessSettings.defaults();
        try {
            return new ReadinessSettings(
                    Duration.ofMillis(bus.integer("pingIntervalMs", (int) defaults.pingInterval().toMillis())),
                    Duration.ofMillis(bus.integer("pingTimeoutMs", (int) defaults.pingTimeout().toMillis())),
                    Duration.ofMillis(bus.integer("authWaitMs", (int) defaults.authWait().toMillis())));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private static ServerLimits readServerLimits(ConfigNode http, ConfigNode limits) throws ConfigException {
        http.allowOnly("requestTimeoutMs", "idleTimeoutMs", "maxPipelinedRequests");
        ServerLimits defaults = ServerLimits.defaults();
        try {
            return new ServerLimits(
                    Duration.ofMillis(http.integer("requestTimeoutMs", (int) defaults.requestTimeout().toMillis())),
                    Duration.ofMillis(http.integer("idleTimeoutMs", (int) defaults.idleTimeout().toMillis())),
                    http.integer("maxPipelinedRequests", defaults.maxPipelinedRequests()),
                    limits.integer("maxConnections", defaults.maxConnections()),
                    limits.integer("maxUnauthenticated", defaults.maxUnauthenticated()),
                    limits.integer("maxUnauthenticatedPerAddress", defaults.maxUnauthenticatedPerAddress()),
                    Duration.ofMillis(limits.integer("loopStallMs", (int) defaults.stallThreshold().toMillis())));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** {@code alerts.directory}, {@code limits.maxAlertsPerAccount} and each account's {@code maxAlerts}. */
    private static AlertSettings readAlerts(ConfigNode alerts, ConfigNode limits, ConfigNode accounts, Path base)
            throws ConfigException {
        alerts.allowOnly("directory");
        String directory = alerts.string("directory", null);
        Map<String, Integer> perAccount = new HashMap<>();
        for (String account : accounts.names()) {
            if (accounts.section(account).has("maxAlerts")) {
                perAccount.put(account, accounts.section(account).integer("maxAlerts", 0));
            }
        }
        try {
            return new AlertSettings(directory == null ? null : resolve(base, directory),
                    limits.integer("maxAlertsPerAccount", AlertSettings.DEFAULT_MAX_PER_ACCOUNT), perAccount);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private static AccountPolicy readAccountPolicy(ConfigNode policy) throws ConfigException {
        policy.allowOnly("instruments", "privateEvents", "maxConnections", "maxAlerts", "maxRate");
        List<String> globs = policy.strings("instruments", List.of("*"));
        if (globs.isEmpty()) {
            throw new ConfigException(policy.where("instruments") + " must name at least one pattern");
        }
        int maxConnections = policy.integer("maxConnections", GatewayConfig.DEFAULT_ACCOUNT_CONNECTIONS);
        if (maxConnections < 1) {
            throw new ConfigException(policy.where("maxConnections") + " must be at least 1");
        }
        double maxRate = policy.decimal("maxRate", 0);
        if (maxRate != 0 && !SubscriptionRate.valid(maxRate)) {
            throw new ConfigException(policy.where("maxRate") + " must be " + SubscriptionRate.MIN + ".."
                    + (int) SubscriptionRate.MAX);
        }
        return new AccountPolicy(InstrumentScope.of(globs), policy.bool("privateEvents", true), maxConnections, maxRate);
    }

    private static ApiKey readApiKey(ConfigNode node) throws ConfigException {
        node.allowOnly("key", "sha256", "account", "instruments", "privateEvents", "maxConnections");
        String account = node.string("account", null);
        if (account == null || account.isBlank()) {
            throw new ConfigException(node.where("account") + " is required");
        }
        List<String> globs = node.strings("instruments", List.of("*"));
        if (globs.isEmpty()) {
            throw new ConfigException(node.where("instruments") + " must name at least one pattern");
        }
        int maxConnections = node.integer("maxConnections", 0);
        if (maxConnections < 0) {
            throw new ConfigException(node.where("maxConnections") + " must not be negative");
        }
        Principal principal = new Principal(account, InstrumentScope.of(globs),
                node.bool("privateEvents", true), maxConnections);
        String plain = node.string("key", null);
        String hashed = node.string("sha256", null);
        if ((plain == null) == (hashed == null)) {
            throw new ConfigException(node.where("key") + ": give exactly one of 'key' (plain text) or 'sha256'");
        }
        if (plain != null) {
            return ApiKey.plain(plain, principal);
        }
        try {
            return ApiKey.hashed(hashed, principal);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(node.where("sha256") + ": " + e.getMessage());
        }
    }
}
