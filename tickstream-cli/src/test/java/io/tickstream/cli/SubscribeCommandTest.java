package io.tickstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.config.GatewayConfig;
import io.tickstream.json.JsonTree;
import io.tickstream.server.Gateway;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SubscribeCommandTest {

    private static Gateway gateway;

    @BeforeAll
    static void startGateway() throws Exception {
        gateway = Gateway.start(GatewayConfig.builder()
                .host("127.0.0.1")
                .port(0)
                .simulatorRate(100)
                .apiKey(DemoKey.apiKey("k1"))
                .build());
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
    }

    @Test
    void shouldPrintMessagesIndentedByFourSpacesAndExit0WhenTheCountIsReached() {
        CliRun run = CliRun.of("subscribe", byName("EURUSD"), "--token", "k1", "--count", "2");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("{\n    \"channel\": \"IME Stream\",\n    \"contractName\": \"EURUSD\",\n");
        assertThat(run.out().split("\n\\{\n", -1)).hasSize(2);
        assertThat(run.err()).isEmpty();
    }

    @Test
    void shouldPrintEachMessageOnOneLineWhenCompact() throws Exception {
        CliRun run = CliRun.of("subscribe", byName("EURUSD"), "--token", "k1", "--count", "3", "--compact");

        assertThat(run.exitCode()).as(run.err()).isZero();
        String[] lines = run.out().split("\n");
        assertThat(lines).hasSize(3);
        for (String line : lines) {
            assertThat(JsonTree.parse(line)).asInstanceOf(InstanceOfAssertFactories.MAP).containsEntry("contractName", "EURUSD");
        }
    }

    @Test
    void shouldPrintPersianNamesAsTextWhenTheContractHasOne() {
        CliRun run = CliRun.of("subscribe", byName("زعفران0412P01"), "--token", "k1", "--count", "1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"contractName\": \"زعفران0412P01\"");
    }

    @Test
    void shouldPrintTheCloseAndExit1WhenTheContractIsUnknown() {
        CliRun run = CliRun.of("subscribe", byName("NOPE"), "--token", "k1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("closed: 1008 unknown contract: NOPE\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void shouldPrintTheCloseAndExit1WhenTheTokenIsWrong() {
        CliRun run = CliRun.of("subscribe", byName("EURUSD"), "--token", "wrong");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("closed: 1008 authentication failed\n");
    }

    @Test
    void shouldExit1WithTheStatusWhenTheUpgradeIsRefused() {
        String url = "ws://127.0.0.1:" + gateway.port() + "/no/such/endpoint";

        CliRun run = CliRun.of("subscribe", url, "--token", "k1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("tickstream: the server refused the WebSocket upgrade to " + url + ": HTTP 4");
    }

    private static String byName(String name) {
        return "ws://127.0.0.1:" + gateway.port() + "/live/data/websocket/contract/name?contract_name="
                + URLEncoder.encode(name, StandardCharsets.UTF_8);
    }
}
