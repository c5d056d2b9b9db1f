package io.tickstream.bench.gateway;

import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.tickstream.bench.stats.ProcessStats;
import io.tickstream.bus.MarketPublisher;
import io.tickstream.instrument.Instrument;
import io.tickstream.instrument.InstrumentJson;
import io.tickstream.transport.SocketTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

/**
 * A gateway in a JVM of its own, started from this benchmark's classpath (the tickstream jar) or the
 * one {@value #CLASSPATH_PROPERTY} names,
 * measured through {@code /proc}: its CPU and RSS are the gateway's alone. With Redis it is fed
 * through Redis; without, it can only be connected to (the idle scenario). With TLS its port
 * serves {@code wss://} and {@code https://}.
 */
public final class SpawnedGateway implements GatewayUnderTest {

    private static final int SETTLE_SECONDS = 15;
    /**
     * System property naming another classpath for the gateway (another build's tickstream.jar), to
     * measure an earlier gateway with this benchmark; its configuration must read what this one writes.
     */
    public static final String CLASSPATH_PROPERTY = "tickstream.bench.gatewayClasspath";

    private final Process process;
    private final int port;
    private final RedisFeed redis;
    private final BenchTls tls;

    /**
     * @param transport the gateway's {@code websocket.transport}, or null for its default
     * @param tls       the gateway's TLS, or null for plain
     */
    public SpawnedGateway(int instruments, int subscriptionsPerConnection, String redisUri, List<String> jvmOptions,
                          SocketTransport transport, BenchTls tls) throws IOException, InterruptedException {
        this.tls = tls;
        List<Instrument> catalog = BenchCatalog.of(instruments);
        this.redis = redisUri == null ? null : RedisFeed.connect(redisUri);
        if (redis != null) {
            redis.putCatalog(catalog);
        }
        Path dir = Files.createTempDirectory("tickstream-bench");
        Path catalogFile = Files.writeString(dir.resolve("instruments.json"),
                catalog.stream().map(InstrumentJson::write).collect(Collectors.joining(",", "[", "]")));
        this.port = freePort();
        Path config = Files.writeString(dir.resolve("gateway.json"), """
                {"host": "127.0.0.1", "port": %d, %s %s %s "catalog": "%s", "simulator": {"rate": 0},
                 "limits": {"maxSubscriptions": %d, "messagesPerSecond": 1000, "maxQueuedEvents": 65536},
                 "accounts": {"bench": {"privateEvents": false, "maxConnections": %d},
                              "%s": {"privateEvents": true, "maxConnections": %d}},
                 "apiKeys": [{"key": "%s", "account": "bench", "privateEvents": false},
                             {"key": "%s", "account": "%s", "privateEvents": true}]}
                """.formatted(port, redisUri == null ? "" : "\"bus\": {\"redis\": \"" + redisUri + "\"},",
                tls == null ? "" : "\"tls\": {\"certFile\": \"%s\", \"keyFile\": \"%s\", \"engine\": \"%s\"},"
                        .formatted(tls.certFile(), tls.keyFile(), tls.engine()),
                transport == null ? "" : "\"websocket\": {\"transport\": \"" + transport.configName() + "\"},",
                catalogFile, Math.max(500, subscriptionsPerConnection), BenchCatalog.MAX_CONNECTIONS,
                BenchCatalog.PRIVATE_ACCOUNT, BenchCatalog.MAX_CONNECTIONS, BenchCatalog.API_KEY,
                BenchCatalog.PRIVATE_API_KEY, BenchCatalog.PRIVATE_ACCOUNT));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty(CLASSPATH_PROPERTY, System.getProperty("java.class.path")),
                "io.tickstream.cli.TickstreamCommand",
                "serve", "--config", config.toString()));
        this.process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("gateway.log").toFile()).start();
        awaitHealthy(dir.resolve("gateway.log"));
    }

    private void awaitHealthy(Path log) throws IOException, InterruptedException {
        HttpClient http = tls == null ? HttpClient.newHttpClient() : HttpClient.newBuilder().sslContext(trustAll()).build();
        // over TLS by the certificate's name (the JDK's client checks it even when trusting all)
        URI readiness = URI.create((tls == null ? "http://127.0.0.1:" : "https://localhost:") + port + "/ready");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                HttpRequest ready = HttpRequest.newBuilder(readiness)
                        .timeout(Duration.ofSeconds(1)).build();
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("the spawned gateway did not become ready; its log:\n" + Files.readString(log));
    }

    /** Trusts any certificate: for the bench's own self-signed one only. */
    private static SSLContext trustAll() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, InsecureTrustManagerFactory.INSTANCE.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS client context", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public URI uri() {
        return URI.create((tls == null ? "ws" : "wss") + "://127.0.0.1:" + port);
    }

    @Override
    public MarketPublisher publisher() {
        return redis == null ? null : redis.publisher();
    }

    @Override
    public long cpuNanos() {
        return ProcessStats.cpuNanos(process.pid());
    }

    /**
     * RSS as {@code ps} shows it, read once it has settled: twice in a row within 0.5% of the reading
     * before, half a second apart, or after 15 s. Nothing is collected first, so the garbage of the
     * handshakes and the heap the collector kept for it count, as they do for an operator.
     */
    @Override
    public long memoryBytes() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SETTLE_SECONDS);
        long last = ProcessStats.rssBytes(process.pid());
        int steady = 0;
        while (steady < 2 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            long now = ProcessStats.rssBytes(process.pid());
            steady = Math.abs(now - last) <= last / 200 ? steady + 1 : 0;
            last = now;
        }
        return last;
    }

    /** RSS after a full GC in the gateway (through {@code jcmd}): handshake garbage collected, heap as the GC leaves it. */
    @Override
    public long memoryBytesAfterGc() {
        try {
            Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(process.pid()), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!gc.waitFor(20, TimeUnit.SECONDS)) {
                gc.destroyForcibly();
            }
            Thread.sleep(500);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run jcmd to collect the gateway's garbage", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ProcessStats.rssBytes(process.pid());
    }

    @Override
    public String memoryKind() {
        return "rss(gateway process)";
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        if (redis != null) {
            redis.close();
        }
    }
}
