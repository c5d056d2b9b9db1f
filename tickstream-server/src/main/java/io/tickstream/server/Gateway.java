package io.tickstream.server;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.tickstream.alert.AlertStore;
import io.tickstream.alert.Alerts;
import io.tickstream.alert.DemoAlerts;
import io.tickstream.alert.FileAlertStore;
import io.tickstream.alert.SharedBus;
import io.tickstream.auth.AccountPolicies;
import io.tickstream.auth.ApiKey;
import io.tickstream.auth.ApiKeyAuthenticator;
import io.tickstream.auth.Authenticator;
import io.tickstream.auth.CompositeAuthenticator;
import io.tickstream.auth.JwtAuthenticator;
import io.tickstream.auth.ConnectionLimiter;
import io.tickstream.auth.Principal;
import io.tickstream.bus.Bus;
import io.tickstream.bus.InProcessBus;
import io.tickstream.candle.BarClock;
import io.tickstream.candlefeed.CandleFeed;
import io.tickstream.catalog.CatalogRefresher;
import io.tickstream.config.ConfigException;
import io.tickstream.config.GatewayConfig;
import io.tickstream.hub.Hub;
import io.tickstream.hub.OutboxMeters;
import io.tickstream.http.AlertRoutes;
import io.tickstream.http.CandleRoutes;
import io.tickstream.http.DashboardRoutes;
import io.tickstream.http.HealthRoutes;
import io.tickstream.http.InstrumentRoutes;
import io.tickstream.http.OperatorFigures;
import io.tickstream.http.OperatorRoutes;
import io.tickstream.instrument.Catalog;
import io.tickstream.instrument.Instrument;
import io.tickstream.instrument.InstrumentJson;
import io.tickstream.metrics.DeliveryLatency;
import io.tickstream.metrics.PrometheusMetrics;
import io.tickstream.metrics.RateMeter;
import io.tickstream.protocol.ProtocolContext;
import io.tickstream.protocol.RecoveryBudget;
import io.tickstream.protocol.SessionMeters;
import io.tickstream.protocol.WireProtocol;
import io.tickstream.protocol.json.JsonProtocol;
import io.tickstream.readiness.BusReadiness;
import io.tickstream.redis.DeferredRedisBus;
import io.tickstream.redis.RedisBus;
import io.tickstream.simulator.AccountSimulator;
import io.tickstream.simulator.DemoCatalog;
import io.tickstream.simulator.MarketSimulator;
import io.tickstream.transport.CloseCodes;
import io.tickstream.transport.Connection;
import io.tickstream.transport.ConnectionAdmission;
import io.tickstream.transport.GatewayServer;
import io.tickstream.transport.HandshakeGuard;
import io.tickstream.transport.HttpConnectionPolicy;
import io.tickstream.transport.LoopWatchdog;
import io.tickstream.transport.ServerLimits;
import io.tickstream.transport.TlsContext;
import io.tickstream.transport.TransportMeters;
import io.tickstream.transport.HttpRouter;
import io.tickstream.transport.HttpRoutes;
import io.tickstream.transport.WebSocketEndpoint;
import io.tickstream.transport.WebSocketUpgrade;
import io.tickstream.transport.deflate.DeflateMeters;
import io.tickstream.transport.deflate.FrameDeflater;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One gateway node: bus, hub, protocols and the listening socket, wired from a configuration.
 * Start and close from any thread.
 */
public final class Gateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Gateway.class);
    /** A drained client waits between these before it reconnects: they spread over 2 s. */
    private static final long RETRY_AFTER_MIN_MS = 500;
    private static final long RETRY_AFTER_SPREAD_MS = 2_000;
    /** The closing handshake's own grace, after the last close of a drain. */
    private static final long DRAIN_GRACE_SECONDS = 3;
    /** How often the sizes of the watched streams' histories are read for the metrics. */
    private static final long HISTORY_SIZING_SECONDS = 15;
    /** The account whose private events the built-in simulator makes up (the demo key's account). */
    public static final String DEMO_ACCOUNT = "demo";
    /** The demo account's alerts are set this long after the simulator starts, once instruments have quotes. */
    private static final long DEMO_ALERTS_DELAY_MS = 2_000;

    private final Bus bus;
    private final boolean ownsBus;
    private final TransportMeters transportMeters = new TransportMeters();
    private final DeflateMeters deflateMeters = new DeflateMeters();
    private final SessionMeters sessionMeters;
    private final Catalog catalog = new Catalog();
    /** Catalog refreshes and the once-a-second metrics work (latency drain, rates): never the hot path. */
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tickstream-housekeeping");
        thread.setDaemon(true);
        return thread;
    });
    /** Makes the operators' figures (metrics scrapes, stats), which are too costly for an event loop. */
    private final ExecutorService operatorThread = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tickstream-operator");
        thread.setDaemon(true);
        return thread;
    });
    private final Hub hub;
    private final Alerts alerts;
    private final CandleFeed candles;
    private final GatewayServer server;
    private final PrometheusMetrics prometheus;
    private final ConnectionAdmission admission;
    private final LoopWatchdog watchdog;
    private final MarketSimulator simulator;
    private final AccountSimulator accountSimulator;
    private volatile boolean draining;
    private final ApiKeyAuthenticator apiKeys;
    private final TlsContext tls;
    private final HandshakeGuard handshakes;
    private final BusReadiness readiness;
    private final AccountPolicies policies;
    private final Duration drainWindow;

    private Gateway(GatewayConfig config, List<WireProtocol> protocols, Bus bus, boolean ownsBus)
            throws InterruptedException {
        this.bus = bus;
        this.ownsBus = ownsBus;
        this.drainWindow = config.drainWindow();
        long openFiles = OpenFilesCheck.warnIfBelow(config.limits().expectedConnections());
        DirectMemoryCheck.log();
        CatalogRefresher refresher = new CatalogRefresher(bus, catalog);
        awaitFirstCatalog(refresher);
        refresher.schedule(scheduler, config.catalogRefresh().toMillis());

        this.readiness = new BusReadiness(bus, config.readiness());
        readiness.start(scheduler);
        SharedBus shared = new SharedBus(bus);
        this.hub = new Hub(shared.hubSide(), protocols.stream().flatMap(protocol -> protocol.views().stream()).toList(),
                PooledByteBufAllocator.DEFAULT, new FrameDeflater(config.compression(), deflateMeters), config.maxSeqJump());
        AlertStore alertStore = bus instanceof RedisBus redis ? redis.alerts()
                : bus instanceof DeferredRedisBus deferred ? deferred.alerts()
                : new FileAlertStore(config.alerts().directory(), bus.publisher(), System::currentTimeMillis);
        this.alerts = new Alerts(alertStore, config.alerts(), shared.alertSide(), hub, refresher,
                System::currentTimeMillis);
        shared.start(hub, alerts);
        alerts.start().whenComplete((started, failure) -> {
            if (failure != null) {
                log.error("could not load the price alerts; only new ones are evaluated: {}", failure.toString());
            }
        });
        scheduler.scheduleWithFixedDelay(hub::sizeHistories, 1, HISTORY_SIZING_SECONDS, TimeUnit.SECONDS);
        this.sessionMeters = new SessionMeters(protocols.stream().map(WireProtocol::name).toList());
        DeliveryLatency latency = new DeliveryLatency(hub.meters().deliveryLatencyMicros(), System::currentTimeMillis);
        RateMeter rates = rates(hub, sessionMeters);
        scheduler.scheduleAtFixedRate(() -> {
            try {
                latency.drain();
                rates.sample();
            } catch (RuntimeException e) {
                log.warn("metrics housekeeping failed: {}", e.toString());
            }
        }, 0, 1, TimeUnit.SECONDS);

        this.apiKeys = new ApiKeyAuthenticator(config.apiKeys());
        this.policies = new AccountPolicies(CompositeAuthenticator.of(apiKeys,
                Optional.ofNullable(config.jwt()).map(JwtAuthenticator::new)),
                config.accounts(), config.defaultAccountConnections());
        Authenticator authenticator = policies;
        WebSocketUpgrade upgrade = new WebSocketUpgrade(config.maxFrameBytes(), config.pingInterval(), transportMeters,
                config.compression(), deflateMeters);
        this.candles = new CandleFeed(bus, new BarClock(config.candles().dayZone()), PooledByteBufAllocator.DEFAULT);
        ProtocolContext context = new ProtocolContext(hub, refresher, authenticator, new ConnectionLimiter(), upgrade,
                config.limits(), new RecoveryBudget(config.recovery()), sessionMeters, config.expiryNotice(), readiness,
                alerts, candles);
        List<WebSocketEndpoint> endpoints = protocols.stream()
                .flatMap(protocol -> protocol.endpoints(context).stream()).toList();

        this.tls = config.tlsCertFile() == null ? null : TlsContext.of(config.tlsCertFile(), config.tlsKeyFile(),
                config.tlsOpenSsl());
        if (tls != null) {
            tls.watch(scheduler);
        }
        this.handshakes = tls == null ? null : new HandshakeGuard(tls, config.handshakes());
        ServerLimits serverLimits = config.serverLimits();
        this.admission = new ConnectionAdmission(serverLimits.maxConnections() == ServerLimits.FROM_OPEN_FILES
                ? OpenFilesCheck.connectionsAllowed(openFiles) : serverLimits.maxConnections(),
                serverLimits.maxUnauthenticated(), serverLimits.maxUnauthenticatedPerAddress());
        HttpConnectionPolicy httpPolicy = new HttpConnectionPolicy(serverLimits);
        this.watchdog = new LoopWatchdog(serverLimits.stallThreshold(), scheduler);
        this.prometheus = new PrometheusMetrics(latency, bus::isConnected);
        for (MeterBinder component : List.of(hub.meters(), hub.outboxMeters(), hub.recoveryMeters(), sessionMeters, transportMeters,
                deflateMeters, admission, httpPolicy, watchdog, refresher, readiness, alerts.meters())) {
            prometheus.bind(component);
        }
        if (handshakes != null) {
            prometheus.bind(handshakes);
        }
        OperatorFigures figures = new OperatorFigures(bus, config.usesRedis() ? "redis" : "in-process", hub,
                sessionMeters, transportMeters, admission, watchdog, latency, rates);
        HttpRouter router = new HttpRouter(endpoints, routes(config, protocols, authenticator, refresher, figures),
                upgrade, transportMeters);
        try {
            this.server = GatewayServer.start(config.host(), config.port(), config.ioThreads(), config.transport(), router,
                    admission, httpPolicy, config.proxyProtocol(), handshakes);
        } catch (InterruptedException | RuntimeException e) {
            if (handshakes != null) {
                handshakes.close();
            }
            alerts.close();
            prometheus.close();
            scheduler.shutdownNow();
            operatorThread.shutdownNow();
            throw e;
        }
        watchdog.watch(server.eventLoops());

        boolean simulate = ownsBus && !config.usesRedis() && config.simulatorRate() > 0;
        this.simulator = simulate ? new MarketSimulator(bus.publisher(), catalog.all(), config.simulatorRate()) : null;
        this.accountSimulator = simulate ? AccountSimulator.demo(bus.publisher(), DEMO_ACCOUNT) : null;
        if (simulate) {
            simulator.start();
            accountSimulator.start();
            scheduler.schedule(() -> DemoAlerts.set(alerts, hub, catalog.all(), DEMO_ACCOUNT), DEMO_ALERTS_DELAY_MS,
                    TimeUnit.MILLISECONDS);
        }
        log.info("gateway listening on {}:{} ({} sockets, {} bus, {} instruments, protocols {})", config.host(),
                server.port(), transportName(), config.usesRedis() ? "Redis" : "in-process", catalog.size(),
                protocols.stream().map(WireProtocol::name).toList());
    }

    private static RateMeter rates(Hub hub, SessionMeters sessions) {
        OutboxMeters outboxes = hub.outboxMeters();
        return new RateMeter(hub.meters()::busMessages, outboxes::framesOut, outboxes::bytesOut,
                outboxes::conflatedFrames, sessions::clientMessages, System::nanoTime);
    }

    /** Health, the HTTP APIs, the operators' figures and, when it is on, the dashboard. */
    private HttpRoutes routes(GatewayConfig config, List<WireProtocol> protocols, Authenticator authenticator,
                              CatalogRefresher refresher, OperatorFigures figures) {
        HttpRoutes.Builder routes = HttpRoutes.builder().all(HealthRoutes.of(readiness, () -> draining));
        boolean json = protocols.stream().anyMatch(protocol -> protocol.name().equals(JsonProtocol.NAME));
        if (config.dashboard() && json) {
            new DashboardRoutes(config.demoKey()).addTo(routes);
        } else if (config.dashboard()) {
            log.info("the dashboard is off: it is a client of the JSON protocol, which is off");
        }
        new InstrumentRoutes(authenticator, sessionMeters, refresher, hub).addTo(routes);
        new AlertRoutes(authenticator, sessionMeters, alerts).addTo(routes);
        new CandleRoutes(authenticator, sessionMeters, refresher, bus).addTo(routes);
        new OperatorRoutes(prometheus, figures).addTo(routes, operatorThread);
        return routes.build();
    }

    /** Starts a node with the bus its configuration names: Redis, or in-process with the simulator. */
    public static Gateway start(GatewayConfig config) throws ConfigException, InterruptedException {
        List<WireProtocol> protocols;
        try {
            protocols = Protocols.serving(config);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
        Bus bus = config.usesRedis()
                ? DeferredRedisBus.connect(config.redisUri(), config.channels(), config.history(), config.candles())
                : new InProcessBus(inProcessCatalog(config), config.history(), config.candles());
        try {
            return new Gateway(config, protocols, bus, true);
        } catch (InterruptedException | RuntimeException e) {
            bus.close();
            throw e;
        }
    }

    /** Starts a node on a bus the caller owns (and closes); no simulator. */
    public static Gateway start(GatewayConfig config, Bus bus) throws InterruptedException {
        return new Gateway(config, Protocols.serving(config), bus, false);
    }

    public int port() {
        return server.port();
    }

    /**
     * Drains the node before a shutdown: {@code /ready} answers 503 at once, no connection is
     * accepted any more, and every open WebSocket is told (JSON: a {@code reconnect} notice with its
     * {@code retryAfterMs}) and closed with 1012, each at a random moment of the first 80% of the
     * window, so that clients do not all come back at once; plain HTTP connections (a balancer's
     * health checks, which now get 503) are closed at the end of that time. Completes when the last connection
     * is gone, or when the window and the closing handshake's grace have passed. Any thread; once.
     */
    public CompletableFuture<Void> drain(Duration window) {
        draining = true;
        server.stopAccepting();
        List<Channel> open = server.connections();
        log.info("draining {} connections over {} s", open.size(), window.toSeconds());
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long spreadNanos = window.toNanos() * 8 / 10;
        List<CompletableFuture<Void>> closed = new ArrayList<>(open.size());
        for (Channel channel : open) {
            long delayNanos = spreadNanos > 0 ? random.nextLong(spreadNanos) : 0;
            long retryAfterMs = RETRY_AFTER_MIN_MS + random.nextLong(RETRY_AFTER_SPREAD_MS);
            channel.eventLoop().execute(() -> {
                Connection connection = Connection.of(channel);
                // Plain HTTP connections (health checks) stay to the end, answering /ready with 503.
                long delay = connection.protocol() == null ? spreadNanos : delayNanos;
                channel.eventLoop().schedule(() -> connection.shutDown(retryAfterMs), delay, TimeUnit.NANOSECONDS);
            });
            CompletableFuture<Void> gone = new CompletableFuture<>();
            channel.closeFuture().addListener(future -> gone.complete(null));
            closed.add(gone);
        }
        return CompletableFuture.allOf(closed.toArray(CompletableFuture[]::new))
                .completeOnTimeout(null, window.plusSeconds(DRAIN_GRACE_SECONDS).toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Takes a new set of API keys (the configuration was read again): sessions of a key that is
     * gone are closed with 1008 {@code credential revoked}; those of a key whose rights changed
     * have them applied at once (streams of instruments no longer permitted end with an error).
     * Any thread; the sessions are updated on their loops.
     */
    public void reloadApiKeys(List<ApiKey> keys) {
        apiKeys.replace(keys);
        for (Channel channel : server.connections()) {
            channel.eventLoop().execute(() -> recheck(Connection.of(channel)));
        }
        log.info("API keys reloaded: {} keys", keys.size());
    }

    private void recheck(Connection connection) {
        String digest = connection.apiKeyDigest();
        if (digest == null || connection.closing()) {
            return;
        }
        Optional<Principal> now = apiKeys.byDigest(digest).map(policies::limit);
        if (now.isEmpty()) {
            connection.close(CloseCodes.POLICY_VIOLATION, "credential revoked");
        } else if (!now.get().equals(connection.principal())) {
            connection.rightsChanged(now.get());
        }
    }

    /** Drains (see {@link #drain}) over the configured window, then closes. */
    public void drainAndClose() {
        drain(drainWindow).join();
        close();
    }


    public Bus bus() {
        return bus;
    }

    public Catalog catalog() {
        return catalog;
    }

    /** How many instrument-and-interval candle topics are live. */
    public int candleTopics() {
        return candles.topics();
    }

    public Hub hub() {
        return hub;
    }

    /** This node's price alerts. */
    public Alerts alerts() {
        return alerts;
    }

    /** The protocol sessions' figures. */
    public SessionMeters sessionMeters() {
        return sessionMeters;
    }

    /** What permessage-deflate did on this node. */
    public DeflateMeters deflateMeters() {
        return deflateMeters;
    }

    /** The HTTP and WebSocket transport's figures. */
    public TransportMeters transportMeters() {
        return transportMeters;
    }

    public ConnectionAdmission admission() {
        return admission;
    }

    public LoopWatchdog watchdog() {
        return watchdog;
    }

    /** The transport serving this node's sockets ({@code io_uring}, {@code epoll} or {@code nio}), after any fallback. */
    public String transportName() {
        return server.transport().configName();
    }

    /** The event loops serving this node's sockets. */
    public EventLoopGroup eventLoops() {
        return server.eventLoops();
    }

    @Override
    public void close() {
        if (simulator != null) {
            simulator.close();
            accountSimulator.close();
        }
        watchdog.close();
        readiness.close();
        if (tls != null) {
            tls.close();
        }
        server.close();
        if (handshakes != null) {
            handshakes.close();
        }
        alerts.close();
        candles.close();
        scheduler.shutdownNow();
        operatorThread.shutdownNow();
        prometheus.close();
        if (ownsBus) {
            bus.close();
        }
    }

    private static List<Instrument> inProcessCatalog(GatewayConfig config) throws ConfigException {
        if (config.catalogFile() == null) {
            return DemoCatalog.instruments();
        }
        try {
            return InstrumentJson.parseList(Files.readString(config.catalogFile(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigException("catalog file " + config.catalogFile() + ": " + e.getMessage(), e);
        }
    }

    private static void awaitFirstCatalog(CatalogRefresher refresher) throws InterruptedException {
        try {
            refresher.refresh().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("the instrument catalog is not loaded yet ({}); it is retried in the background", e.toString());
        }
    }
}
