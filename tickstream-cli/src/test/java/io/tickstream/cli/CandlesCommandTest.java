package io.tickstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.config.GatewayConfig;
import io.tickstream.server.Gateway;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CandlesCommandTest {

    private static Gateway gateway;

    @BeforeAll
    static void startGateway() throws Exception {
        gateway = Gateway.start(GatewayConfig.builder().host("127.0.0.1").port(0).simulatorRate(0)
                .apiKey(DemoKey.apiKey("k1")).build());
        String id = gateway.catalog().byName("EURUSD").orElseThrow().id();
        long[] times = {1_700_000_000_000L, 1_700_000_030_000L, 1_700_000_065_000L};
        String[] prices = {"1.10", "1.30", "1.2"};
        for (int i = 0; i < times.length; i++) {
            gateway.bus().publisher().publishTrade(id, "{\"price\":" + prices[i] + ",\"quantity\":0." + (i + 1)
                    + ",\"side\":\"buy\",\"ts\":" + times[i] + "}").toCompletableFuture().get();
        }
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
    }

    @Test
    void shouldPrintTheBarsOldestFirstOneLineEach() {
        CliRun run = CliRun.of("candles", "EURUSD", "--interval", "1m", "--token", "k1",
                "--url", "http://127.0.0.1:" + gateway.port());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().split("\n")).containsExactly(
                "start open high low close volume trades",
                "2023-11-14T22:13:00Z 1.10 1.30 1.10 1.30 0.3 2",
                "2023-11-14T22:14:00Z 1.2 1.2 1.2 1.2 0.3 1");
    }

    @Test
    void shouldReportTheGatewaysErrorAndExit1() {
        CliRun run = CliRun.of("candles", "EURUSD", "--interval", "2m", "--token", "k1",
                "--url", "http://127.0.0.1:" + gateway.port());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("400 unknown interval '2m'");
    }
}
