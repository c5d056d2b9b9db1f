package io.tickstream.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickstream.auth.AccountPolicy;
import io.tickstream.auth.ApiKey;
import io.tickstream.auth.ApiKeyAuthenticator;
import io.tickstream.candle.CandleInterval;
import io.tickstream.candle.CandleSettings;
import io.tickstream.instrument.Instrument;
import io.tickstream.readiness.ReadinessSettings;
import io.tickstream.transport.HandshakeLimits;
import io.tickstream.transport.ServerLimits;
import io.tickstream.transport.SocketTransport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void shouldReadTheAlertDirectoryAndLimitsWithAnAccountsOwnLimit() throws Exception {
        Path file = write("tickstream.json", """
                {"alerts": {"directory": "data/alerts"},
                 "limits": {"maxAlertsPerAccount": 20},
                 "accounts": {"alice": {"maxAlerts": 3}, "bob": {"maxConnections": 2}}}
                """);
        GatewayConfig config = ConfigFile.load(file).build();
        assertThat(config.alerts().directory()).isEqualTo(dir.resolve("data/alerts"));
        assertThat(config.alerts().limitFor("alice")).isEqualTo(3);
        assertThat(config.alerts().limitFor("bob")).isEqualTo(20);
        assertThat(ConfigFile.load(write("defaults.json", "{}")).build().alerts().limitFor("carol")).isEqualTo(500);
        assertThatThrownBy(() -> ConfigFile.load(write("bad.json", "{\"limits\": {\"maxAlertsPerAccount\": -1}}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("maxAlertsPerAccount");
        assertThatThrownBy(() -> ConfigFile.load(write("typo.json", "{\"alerts\": {\"dir\": \"x\"}}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("dir");
    }

    @Test
    void shouldReadEverySettingOfAFullFile() throws Exception {
        write("instruments.json", "[{\"id\":\"1\",\"name\":\"EURUSD\",\"depth\":5}]");
        Path file = write("tickstream.json", """
                {"host": "127.0.0.1", "port": 9090,
                 "bus": {"redis": "redis://localhost:6379", "prefix": "md2", "catalogRefreshSeconds": 2,
                         "maxSeqJump": 5000},
                 "catalog": "instruments.json",
                 "simulator": {"rate": 0},
                 "ime": {"basePath": "/data-engine/ime", "idField": "ContractId", "timeZone": "Asia/Tehran"},
                 "websocket": {"pingIntervalSeconds": 10, "maxFrameBytes": 4096, "ioThreads": 2},
                 "apiKeys": [{"key": "dev", "account": "alice", "instruments": ["EUR*"], "maxConnections": 3},
                             {"sha256": "%s", "account": "bob", "privateEvents": false}]}
                """.formatted(ApiKey.sha256Hex("prod-secret")));
        GatewayConfig config = ConfigFile.load(file).build();
        assertThat(config.port()).isEqualTo(9090);
        assertThat(config.redisUri()).isEqualTo("redis://localhost:6379");
        assertThat(config.channels().prefix()).isEqualTo("md2");
        assertThat(config.maxSeqJump()).isEqualTo(5000);
        assertThat(config.catalogFile()).isEqualTo(dir.resolve("instruments.json"));
        assertThat(config.imeIdField()).isEqualTo("ContractId");
        assertThat(config.timeZone()).isEqualTo(ZoneId.of("Asia/Tehran"));
        assertThat(config.pingInterval()).hasSeconds(10);
        assertThat(config.ioThreads()).isEqualTo(2);
        ApiKeyAuthenticator auth = new ApiKeyAuthenticator(config.apiKeys());
        assertThat(auth.authenticate("dev")).get().satisfies(p -> {
            assertThat(p.account()).isEqualTo("alice");
            assertThat(p.mayRead(new Instrument("1", "EURUSD"))).isTrue();
            assertThat(p.mayRead(new Instrument("2", "GBPUSD"))).isFalse();
            assertThat(p.maxConnections()).isEqualTo(3);
        });
        assertThat(auth.authenticate("prod-secret")).get().satisfies(p -> assertThat(p.privateEvents()).isFalse());
        assertThat(auth.authenticate("wrong")).isEmpty();
    }

    @Test
    void shouldRejectBadFilesWithAMessageNamingTheSetting() throws Exception {
        expectError("{\"port\": \"abc\"}", "port must be an integer");
        expectError("{\"prot\": 8080}", "unknown setting 'prot'");
        expectError("{\"ime\": {\"idField\": \"cid\"}}", "ime.idField must be contractId or ContractId");
        expectError("{\"ime\": {\"timeZone\": \"Mars/Base\"}}", "ime.timeZone: unknown time zone");
        expectError("{\"apiKeys\": [{\"key\": \"k\"}]}", "apiKeys[0].account is required");
        expectError("{\"apiKeys\": [{\"account\": \"a\"}]}", "give exactly one of 'key'");
        expectError("{\"apiKeys\": [{\"account\": \"a\", \"sha256\": \"xyz\"}]}", "sha256 must be 64 hex digits");
        expectError("{\"catalog\": \"missing.json\"}", "does not exist");
        expectError("{\"port\": 8080,", "is not valid JSON");
        expectError("[]", "must be a JSON object");
        expectError("{\"port\": 70000}", "port must be 0..65535");
        expectError("{\"websocket\": {\"ioThreads\": -1}}", "websocket.ioThreads must not be negative");
    }

    @Test
    void shouldReadTheServerLimitsAndDefaultTheOnesLeftOut() throws Exception {
        Path file = write("limits.json", """
                {"http": {"requestTimeoutMs": 5000, "idleTimeoutMs": 30000, "maxPipelinedRequests": 8},
                 "limits": {"maxConnections": 20000, "maxUnauthenticatedPerAddress": 50, "loopStallMs": 500}}
                """);

        ServerLimits limits = ConfigFile.load(file).build().serverLimits();

        assertThat(limits).isEqualTo(new ServerLimits(Duration.ofSeconds(5), Duration.ofSeconds(30), 8, 20_000,
                10_000, 50, Duration.ofMillis(500)));
        assertThat(ConfigFile.load(write("empty.json", "{}")).build().serverLimits()).isEqualTo(ServerLimits.defaults());
        expectError("{\"http\": {\"maxPipelinedRequests\": 0}}", "http.maxPipelinedRequests must be at least 1");
        expectError("{\"http\": {\"requestTimeout\": 1}}", "requestTimeout");
    }

    @Test
    void shouldReadTheHandshakeLimitsAndTheBusReadinessSettings() throws Exception {
        GatewayConfig config = ConfigFile.load(write("edge.json", """
                {"tls": {"handshakeTimeoutMs": 3000, "maxHandshakes": 100, "maxHandshakesPerAddress": 10,
                         "handshakeThreads": 2},
                 "bus": {"pingIntervalMs": 500, "pingTimeoutMs": 700, "authWaitMs": 1500}}
                """)).build();

        assertThat(config.handshakes()).isEqualTo(new HandshakeLimits(Duration.ofSeconds(3), 100, 10, 2));
        assertThat(config.readiness()).isEqualTo(new ReadinessSettings(Duration.ofMillis(500), Duration.ofMillis(700),
                Duration.ofMillis(1500)));
        GatewayConfig defaults = ConfigFile.load(write("empty.json", "{}")).build();
        assertThat(defaults.handshakes()).isEqualTo(HandshakeLimits.defaults());
        assertThat(defaults.handshakes().timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.readiness()).isEqualTo(ReadinessSettings.defaults());
        expectError("{\"tls\": {\"maxHandshakesPerAddress\": 0}}", "tls.maxHandshakes and tls.maxHandshakesPerAddress must be at least 1");
        expectError("{\"bus\": {\"pingTimeoutMs\": 0}}", "bus.pingTimeoutMs must be positive");
    }

    @Test
    void shouldReadWhichProtocolsAndWhetherTheDashboardAreOn() throws Exception {
        GatewayConfig config = ConfigFile.load(write("protocols.json", """
                {"protocols": {"compact": false, "ime": true}, "dashboard": false}
                """)).build();

        assertThat(config.serves("compact")).isFalse();
        assertThat(config.serves("ime")).isTrue();
        assertThat(config.serves("json")).as("not named: on").isTrue();
        assertThat(config.dashboard()).isFalse();
        assertThat(ConfigFile.load(write("default.json", "{}")).build().dashboard()).isTrue();
        expectError("{\"protocols\": {\"json\": \"off\"}}", "protocols.json");
    }

    @Test
    void shouldReadAccountPoliciesAndTheDefaultAccountConnectionLimit() throws Exception {
        GatewayConfig config = ConfigFile.load(write("accounts.json", """
                {"accounts": {"alice": {"instruments": ["EUR*"], "privateEvents": false, "maxConnections": 10}},
                 "limits": {"defaultAccountConnections": 25}}
                """)).build();

        AccountPolicy alice = config.accounts().get("alice");
        assertThat(alice.maxConnections()).isEqualTo(10);
        assertThat(alice.privateEvents()).isFalse();
        assertThat(alice.instruments().permits(new Instrument("1", "EURUSD"))).isTrue();
        assertThat(alice.instruments().permits(new Instrument("2", "XAUUSD"))).isFalse();
        assertThat(config.defaultAccountConnections()).isEqualTo(25);
        assertThat(ConfigFile.load(write("none.json", "{}")).build().defaultAccountConnections()).isEqualTo(100);
        expectError("{\"accounts\": {\"bob\": {\"maxConnections\": 0}}}", "accounts.bob.maxConnections must be at least 1");
    }

    @Test
    void shouldReadTheCandleSettingsAndTheAccountRateCap() throws Exception {
        GatewayConfig config = ConfigFile.load(write("candles.json", """
                {"candles": {"timeZone": "America/New_York", "retentionSeconds": {"1s": 600, "1d": 86400},
                             "directory": "bars"},
                 "accounts": {"alice": {"maxRate": 2.5}}}
                """)).build();

        CandleSettings candles = config.candles();
        assertThat(candles.dayZone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(candles.retention(CandleInterval.S1)).isEqualTo(Duration.ofMinutes(10));
        assertThat(candles.retention(CandleInterval.D1)).isEqualTo(Duration.ofDays(1));
        assertThat(candles.retention(CandleInterval.M1)).isEqualTo(Duration.ofDays(7));
        assertThat(candles.directory()).isEqualTo(dir.resolve("bars"));
        assertThat(config.accounts().get("alice").maxRate()).isEqualTo(2.5);
        assertThat(ConfigFile.load(write("none.json", "{}")).build().candles()).isEqualTo(CandleSettings.defaults());
        expectError("{\"candles\": {\"retentionSeconds\": {\"2m\": 60}}}",
                "candles.retentionSeconds.2m: unknown interval (one of 1s, 1m, 5m, 15m, 1h, 4h, 1d)");
        expectError("{\"candles\": {\"retentionSeconds\": {\"1h\": 60}}}",
                "candles.retention.1h must be at least one bar");
        expectError("{\"candles\": {\"timeZone\": \"Mars/Base\"}}", "candles.timeZone");
        expectError("{\"accounts\": {\"bob\": {\"maxRate\": 5000}}}", "accounts.bob.maxRate must be 0.1..1000");
    }

    @Test
    void shouldReadTheSocketTransportAndDefaultItToIoUring() throws Exception {
        GatewayConfig config = ConfigFile.load(write("epoll.json", "{\"websocket\": {\"transport\": \"epoll\"}}")).build();

        assertThat(config.transport()).isEqualTo(SocketTransport.EPOLL);
        assertThat(ConfigFile.load(write("nio.json", "{\"websocket\": {\"transport\": \"nio\"}}")).build().transport())
                .isEqualTo(SocketTransport.NIO);
        assertThat(ConfigFile.load(write("default.json", "{}")).build().transport()).isEqualTo(SocketTransport.IO_URING);
        expectError("{\"websocket\": {\"transport\": \"kqueue\"}}",
                "websocket.transport must be io_uring, epoll, nio; was kqueue");
        expectError("{\"websocket\": {\"transport\": \"IO_URING\"}}", "websocket.transport must be");
        expectError("{\"websocket\": {\"transport\": 1}}", "websocket.transport must be a string");
    }

    @Test
    void shouldRejectAMissingFile() {
        assertThatThrownBy(() -> ConfigFile.load(dir.resolve("absent.json")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cannot read configuration file");
    }

    private void expectError(String json, String message) throws Exception {
        Path file = write("bad.json", json);
        assertThatThrownBy(() -> ConfigFile.load(file).build()).as(json).hasMessageContaining(message);
    }
}
