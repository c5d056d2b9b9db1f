package io.tickstream.candle;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.GatewayFixture;
import io.tickstream.bus.HistoryLimits;
import io.tickstream.bus.InProcessBus;
import io.tickstream.testkit.OfflineBars;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/candles} on the embedded bus: paging, scope, bad parameters, bars kept across a restart. */
class CandleApiTest {

    private static final long BASE = 1_700_000_000_000L;

    @TempDir
    Path directory;

    private InProcessBus bus;
    private GatewayFixture gateway;

    @AfterEach
    void stop() {
        gateway.close();
        bus.close();
    }

    @Test
    void shouldPageBackWithEndWithoutGapsOrOverlaps() throws Exception {
        start();
        List<OfflineBars.Print> tape = OfflineBars.tape(21, 1_500, BASE, 1_000);
        CandleHistory.publish(bus, "1", tape);

        List<String> newest = CandleHistory.bars(port(), "symbol=EURUSD&interval=1s&limit=1000");
        List<String> paged = CandleHistory.allByPages(port(), "EURUSD", "1s", 333);
        List<String> byDefault = CandleHistory.bars(port(), "symbol=EURUSD&interval=1s");

        List<String> offline = OfflineBars.bars(tape, 1_000);
        assertThat(paged).containsExactlyElementsOf(offline);
        assertThat(newest).containsExactlyElementsOf(offline.subList(500, 1_500));
        assertThat(byDefault).containsExactlyElementsOf(offline.subList(1_000, 1_500));
        assertThat(CandleHistory.bars(port(), "symbol=EURUSD&interval=1m&limit=2&end=" + (BASE + 120_000)))
                .containsExactlyElementsOf(OfflineBars.bars(tape, 60_000).subList(1, 3));
    }

    @Test
    void shouldAnswerBadParametersWithA400NamingThem() throws Exception {
        start();
        assertError("symbol=EURUSD&interval=2m", 400, "unknown interval '2m' (one of 1s, 1m, 5m, 15m, 1h, 4h, 1d)");
        assertError("symbol=EURUSD", 400, "interval is required (one of 1s, 1m, 5m, 15m, 1h, 4h, 1d)");
        assertError("interval=1m", 400, "symbol is required");
        assertError("symbol=EURUSD&interval=1m&limit=1001", 400, "limit must be 1..1000, was 1001");
        assertError("symbol=EURUSD&interval=1m&limit=0", 400, "limit must be 1..1000, was 0");
        assertError("symbol=EURUSD&interval=1m&end=yesterday", 400, "end must be an integer, was 'yesterday'");
        assertError("symbol=EURUSD&interval=1m&end=-1", 400, "end must be epoch milliseconds, was -1");
        assertError("symbol=EURUSD&interval=1m&interval=1s", 400, "interval is given more than once");
        assertError("symbol=NOPE&interval=1m", 404, "unknown instrument");
        assertThat(gateway.gateway().sessionMeters().clientErrors()).isEqualTo(8);
    }

    @Test
    void shouldApplyTheCredentialAndItsScope() throws Exception {
        start();
        CandleHistory.publish(bus, "12345", OfflineBars.tape(1, 3, BASE, 1_000));
        CandleHistory.publish(bus, "1", OfflineBars.tape(1, 3, BASE, 1_000));

        assertThat(CandleHistory.get(port(), "symbol=EURUSD&interval=1s", null).statusCode()).isEqualTo(401);
        assertThat(CandleHistory.get(port(), "symbol=EURUSD&interval=1s", "wrong").statusCode()).isEqualTo(401);
        assertThat(CandleHistory.get(port(), "symbol=ContractA&interval=1s", GatewayFixture.NARROW_KEY).statusCode())
                .isEqualTo(404);
        HttpResponse<String> allowed = CandleHistory.get(port(), "symbol=EURUSD&interval=1s", GatewayFixture.NARROW_KEY);
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.body()).startsWith("{\"symbol\":\"EURUSD\",\"interval\":\"1s\",\"candles\":[[");
        assertThat(CandleHistory.arrays(allowed.body())).hasSize(3);
    }

    @Test
    void shouldKeepTheOpenBarWhenTheEmbeddedGatewayRestartsMidBar() throws Exception {
        List<OfflineBars.Print> tape = OfflineBars.tape(4, 600, BASE, 173);
        start();
        CandleHistory.publish(bus, "1", tape.subList(0, 350));
        List<String> before = CandleHistory.bars(port(), "symbol=EURUSD&interval=1m");
        stop();

        start();
        List<String> after = CandleHistory.bars(port(), "symbol=EURUSD&interval=1m");
        CandleHistory.publish(bus, "1", tape.subList(350, tape.size()));

        assertThat(after).isEqualTo(before).containsExactlyElementsOf(OfflineBars.bars(tape.subList(0, 350), 60_000));
        for (CandleInterval interval : CandleInterval.values()) {
            assertThat(CandleHistory.bars(port(), "symbol=EURUSD&limit=1000&interval=" + interval.label()))
                    .as(interval.label()).containsExactlyElementsOf(OfflineBars.bars(tape, interval.millis()));
        }
    }

    private void start() throws InterruptedException {
        bus = new InProcessBus(GatewayFixture.CATALOG, HistoryLimits.defaults(),
                new CandleSettings(ZoneOffset.UTC, Map.of(), directory));
        gateway = GatewayFixture.start(GatewayFixture.config().build(), bus);
    }

    private int port() {
        return gateway.gateway().port();
    }

    private void assertError(String query, int status, String message) throws Exception {
        HttpResponse<String> response = CandleHistory.get(port(), query, GatewayFixture.KEY);
        assertThat(response.statusCode()).as(query).isEqualTo(status);
        assertThat(response.body()).as(query).isEqualTo("{\"error\":\"" + message + "\"}");
    }
}
