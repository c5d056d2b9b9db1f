package io.tickstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.bench.load.JsonChannel;
import io.tickstream.bench.load.Protocol;
import io.tickstream.transport.SocketTransport;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AlertsRunTest {

    @Test
    void theAlertsScenarioSetsAlertsAndTimesTheTriggersAtTheClient() throws Exception {
        BenchOptions options = new BenchOptions(Scenario.ALERTS, Protocol.JSON, 1, 1, 20, 400, Duration.ofSeconds(1),
                Duration.ofSeconds(2), 1, 1, SocketTransport.EPOLL, 0.1, 10, 5, false, null, List.of(), null, null,
                false, JsonChannel.TICK);
        String summary = new AlertsRun(options, 2_000).run();

        assertThat(summary).startsWith("alerts=2000 instruments=20").contains("unmatched=0");
        Matcher timed = Pattern.compile("triggers=(\\d+) .*\\(n=(\\d+)\\)").matcher(summary);
        assertThat(timed.find()).as(summary).isTrue();
        assertThat(Long.parseLong(timed.group(1))).as("triggers in the measured window").isPositive();
        assertThat(Long.parseLong(timed.group(2))).as("triggers timed").isPositive();
    }
}
