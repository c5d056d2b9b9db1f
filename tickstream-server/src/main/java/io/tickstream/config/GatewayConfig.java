package io.tickstream.config;

import io.tickstream.alert.AlertSettings;
import io.tickstream.auth.AccountPolicy;
import io.tickstream.auth.ApiKey;
import io.tickstream.auth.JwtSettings;
import io.tickstream.bus.ChannelNames;
import io.tickstream.bus.HistoryLimits;
import io.tickstream.candle.CandleSettings;
import io.tickstream.protocol.RecoveryLimits;
import io.tickstream.protocol.SessionLimits;
import io.tickstream.state.InstrumentState;
import io.tickstream.readiness.ReadinessSettings;
import io.tickstream.transport.HandshakeLimits;
import io.tickstream.transport.ServerLimits;
import io.tickstream.transport.SocketTransport;
import io.tickstream.transport.deflate.DeflateSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a gateway node is configured with. Immutable; made by {@link #builder()} or read
 * from a file by {@link ConfigFile}.
 *
 * @param redisUri        Redis Pub/Sub bus, or null for the in-process bus
 * @param history         how much of each trade and account stream the bus keeps for recovery
 * @param catalogFile     instrument catalog of the in-process bus, or null for the demo catalog
 * @param simulatorRate   updates per second of the built-in simulator (in-process bus only); 0 = off
 * @param imeIdField      field name of the id endpoint's envelope: {@code contractId} or {@code ContractId}
 * @param pingInterval    WebSocket ping period; a client silent for two periods is dropped
 * @param compression     whether and how permessage-deflate is spoken with clients that offer it
 * @param ioThreads       event loops serving sockets, 0 for one per available processor
 * @param transport       what drives the sockets: io_uring (default), epoll or nio; a native one that does
 *                        not load falls back (io_uring to epoll, epoll to nio)
 * @param catalogRefresh  how often the Redis catalog is re-read
 * @param maxSeqJump      how far above an instrument's {@code seq} a bus update may go without a new epoch
 * @param limits          per-connection limits of the message protocols
 * @param serverLimits    HTTP timeouts and pipelining, connection caps, the event-loop stall threshold
 * @param proxyProtocol   whether every connection starts with a PROXY protocol (v1 or v2) header from a
 *                        TCP load balancer, naming the real client for limits and logs
 * @param jwt             how JWTs are verified, or null when only API keys are accepted
 * @param protocols       protocols turned on or off by name ({@code ime}, {@code json}, {@code compact});
 *                        those not named are on
 * @param accounts        each named account's policy (instruments, private events, connections)
 * @param defaultAccountConnections the connection limit of accounts without a policy
 * @param tlsCertFile     PEM certificate chain for {@code wss://} and {@code https://} on the port, or null for plain
 * @param tlsKeyFile      PEM private key of that certificate, or null
 * @param tlsOpenSsl      whether TLS uses OpenSSL where it loads (else the JDK's engine)
 * @param expiryNotice    how long before its token expires a JSON or compact session is told
 * @param drainWindow     how long a shutdown takes to tell and close every connection
 * @param dashboard       whether the dashboard and operator page are served (they need the JSON protocol)
 * @param handshakes      TLS handshake timeout, caps and threads
 * @param readiness       how the bus is probed for {@code /ready} and how long an authentication waits for it
 * @param demoKey         the demo API key that the dashboard fills in (demo mode), or null; it is
 *                        published on {@code /api/demo}, so only ever a key for demo data
 * @param recovery        the history resuming clients may read, per connection and per account
 * @param alerts          where the embedded gateway keeps price alerts, and how many an account may have
 * @param candles         the zone of day bars, each interval's retention, where the embedded bus keeps bars
 */
public record GatewayConfig(
        String host,
        int port,
        String redisUri,
        HistoryLimits history,
        ChannelNames channels,
        Path catalogFile,
        double simulatorRate,
        String imeBasePath,
        String imeIdField,
        ZoneId timeZone,
        Duration pingInterval,
        int maxFrameBytes,
        DeflateSettings compression,
        int ioThreads,
        SocketTransport transport,
        Duration catalogRefresh,
        long maxSeqJump,
        SessionLimits limits,
        ServerLimits serverLimits,
        boolean proxyProtocol,
        JwtSettings jwt,
        List<ApiKey> apiKeys,
        Map<String, Boolean> protocols,
        boolean dashboard,
        Map<String, AccountPolicy> accounts,
        int defaultAccountConnections,
        Path tlsCertFile,
        Path tlsKeyFile,
        boolean tlsOpenSsl,
        Duration expiryNotice,
        Duration drainWindow,
        HandshakeLimits handshakes,
        ReadinessSettings readiness,
        String demoKey,
        RecoveryLimits recovery,
        AlertSettings alerts,
        CandleSettings candles) {

    public GatewayConfig {
        apiKeys = List.copyOf(apiKeys);
        protocols = Map.copyOf(protocols);
        accounts = Map.copyOf(accounts);
        if (defaultAccountConnections < 1) {
            throw new IllegalArgumentException("limits.defaultAccountConnections must be at least 1");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (!imeBasePath.isEmpty() && (!imeBasePath.startsWith("/") || imeBasePath.endsWith("/"))) {
            throw new IllegalArgumentException("ime.basePath must start with '/' and not end with '/', was " + imeBasePath);
        }
        if (!imeIdField.equals("contractId") && !imeIdField.equals("ContractId")) {
            throw new IllegalArgumentException("ime.idField must be contractId or ContractId, was " + imeIdField);
        }
        if (pingInterval.isNegative() || pingInterval.isZero()) {
            throw new IllegalArgumentException("pingInterval must be positive");
        }
        if (simulatorRate < 0) {
            throw new IllegalArgumentException("simulator rate must not be negative");
        }
        if (ioThreads < 0) {
            throw new IllegalArgumentException("websocket.ioThreads must not be negative");
        }
        if (transport == null) {
            throw new IllegalArgumentException("websocket.transport must be io_uring, epoll or nio");
        }
        if ((tlsCertFile == null) != (tlsKeyFile == null)) {
            throw new IllegalArgumentException("tls needs both certFile and keyFile");
        }
        if (expiryNotice.isNegative()) {
            throw new IllegalArgumentException("jwt.expiryNoticeSeconds must not be negative");
        }
        if (drainWindow.isNegative()) {
            throw new IllegalArgumentException("shutdown.drainSeconds must not be negative");
        }
        if (maxSeqJump < 1) {
            throw new IllegalArgumentException("bus.maxSeqJump must be at least 1");
        }
        if (maxFrameBytes < 128) {
            throw new IllegalArgumentException("maxFrameBytes must be at least 128");
        }
    }

    /** The connection limit of an account without a policy, per node. */
    public static final int DEFAULT_ACCOUNT_CONNECTIONS = 100;

    public static Builder builder() {
        return new Builder();
    }

    public boolean usesRedis() {
        return redisUri != null;
    }

    /** Whether a protocol is on: it is unless the configuration turned it off. */
    public boolean serves(String protocol) {
        return protocols.getOrDefault(protocol, true);
    }

    /** Collects settings with the documented defaults; not thread-safe. */
    public static final class Builder {
        private String host = "0.0.0.0";
        private int port = 8080;
        private String redisUri;
        private HistoryLimits history = HistoryLimits.defaults();
        private ChannelNames channels = ChannelNames.defaults();
        private Path catalogFile;
        private double simulatorRate = 20;
        private String imeBasePath = "";
        private String imeIdField = "contractId";
        private ZoneId timeZone = ZoneId.of("UTC");
        private Duration pingInterval = Duration.ofSeconds(20);
        private int maxFrameBytes = 64 * 1024;
        private DeflateSettings compression = DeflateSettings.defaults();
        private int ioThreads;
        private SocketTransport transport = SocketTransport.IO_URING;
        private Duration catalogRefresh = Duration.ofSeconds(5);
        private long maxSeqJump = InstrumentState.DEFAULT_MAX_SEQ_JUMP;
        private SessionLimits limits = SessionLimits.defaults();
        private RecoveryLimits recovery = RecoveryLimits.defaults();
        private AlertSettings alerts = AlertSettings.defaults();
        private CandleSettings candles = CandleSettings.defaults();
        private ServerLimits serverLimits = ServerLimits.defaults();
        private boolean proxyProtocol;
        private JwtSettings jwt;
        private final List<ApiKey> apiKeys = new ArrayList<>();
        private final Map<String, Boolean> protocols = new LinkedHashMap<>();
        private boolean dashboard = true;
        private final Map<String, AccountPolicy> accounts = new LinkedHashMap<>();
        private int defaultAccountConnections = DEFAULT_ACCOUNT_CONNECTIONS;
        private Duration expiryNotice = Duration.ofSeconds(30);
        private Path tlsCertFile;
        private Path tlsKeyFile;
        private boolean tlsOpenSsl = true;
        private Duration drainWindow = Duration.ofSeconds(10);
        private HandshakeLimits handshakes = HandshakeLimits.defaults();
        private ReadinessSettings readiness = ReadinessSettings.defaults();
        private String demoKey;

        public Builder host(String value) {
            host = value;
            return this;
        }

        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder redisUri(String value) {
            redisUri = value;
            return this;
        }

        public Builder history(HistoryLimits value) {
            history = value;
            return this;
        }

        public Builder channels(ChannelNames value) {
            channels = value;
            return this;
        }

        public Builder catalogFile(Path value) {
            catalogFile = value;
            return this;
        }

        public Builder simulatorRate(double value) {
            simulatorRate = value;
            return this;
        }

        public Builder imeBasePath(String value) {
            imeBasePath = value;
            return this;
        }

        public Builder imeIdField(String value) {
            imeIdField = value;
            return this;
        }

        public Builder timeZone(ZoneId value) {
            timeZone = value;
            return this;
        }

        public Builder pingInterval(Duration value) {
            pingInterval = value;
            return this;
        }

        /** Event loops serving sockets; 0 (the default) means one per available processor. */
        public Builder ioThreads(int value) {
            ioThreads = value;
            return this;
        }

        /** The socket transport asked for; where it does not load, its fallback serves. */
        public Builder transport(SocketTransport value) {
            transport = value;
            return this;
        }

        public Builder compression(DeflateSettings value) {
            compression = value;
            return this;
        }

        public Builder maxFrameBytes(int value) {
            maxFrameBytes = value;
            return this;
        }

        public Builder catalogRefresh(Duration value) {
            catalogRefresh = value;
            return this;
        }

        public Builder candles(CandleSettings value) {
            candles = value;
            return this;
        }

        public Builder recovery(RecoveryLimits value) {
            recovery = value;
            return this;
        }

        public Builder alerts(AlertSettings value) {
            alerts = value;
            return this;
        }

        public Builder maxSeqJump(long value) {
            maxSeqJump = value;
            return this;
        }

        public Builder limits(SessionLimits value) {
            limits = value;
            return this;
        }

        public Builder serverLimits(ServerLimits value) {
            serverLimits = value;
            return this;
        }

        public Builder proxyProtocol(boolean value) {
            proxyProtocol = value;
            return this;
        }

        public Builder jwt(JwtSettings value) {
            jwt = value;
            return this;
        }

        public Builder apiKey(ApiKey value) {
            apiKeys.add(value);
            return this;
        }

        /** Turns a protocol on or off by name; protocols not named are on. */
        public Builder protocol(String name, boolean on) {
            protocols.put(name, on);
            return this;
        }

        public Builder drainWindow(Duration value) {
            drainWindow = value;
            return this;
        }

        /** Gives an account a policy: what its sessions may do whatever their credential. */
        public Builder account(String account, AccountPolicy policy) {
            accounts.put(account, policy);
            return this;
        }

        /** Serves TLS with this PEM certificate chain and key. */
        public Builder tls(Path certFile, Path keyFile) {
            tlsCertFile = certFile;
            tlsKeyFile = keyFile;
            return this;
        }

        /** TLS through OpenSSL where it loads (true, the default) or always the JDK's engine. */
        public Builder tlsOpenSsl(boolean value) {
            tlsOpenSsl = value;
            return this;
        }

        public Builder expiryNotice(Duration value) {
            expiryNotice = value;
            return this;
        }

        public Builder defaultAccountConnections(int value) {
            defaultAccountConnections = value;
            return this;
        }

        public Builder dashboard(boolean value) {
            dashboard = value;
            return this;
        }

        /** Demo mode: the dashboard offers this key (add it with {@link #apiKey} too). */
        public Builder handshakes(HandshakeLimits value) {
            handshakes = value;
            return this;
        }

        public Builder readiness(ReadinessSettings value) {
            readiness = value;
            return this;
        }

        public Builder demoKey(String value) {
            demoKey = value;
            return this;
        }

        public boolean hasApiKeys() {
            return !apiKeys.isEmpty();
        }

        public GatewayConfig build() {
            return new GatewayConfig(host, port, redisUri, history, channels, catalogFile, simulatorRate, imeBasePath,
                    imeIdField, timeZone, pingInterval, maxFrameBytes, compression, ioThreads, transport, catalogRefresh,
                    maxSeqJump, limits, serverLimits, proxyProtocol, jwt, apiKeys, protocols, dashboard, accounts,
                    defaultAccountConnections, tlsCertFile, tlsKeyFile, tlsOpenSsl, expiryNotice, drainWindow,
                    handshakes, readiness, demoKey, recovery, alerts, candles);
        }
    }
}
