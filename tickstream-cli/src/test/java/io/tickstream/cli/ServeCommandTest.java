package io.tickstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import io.tickstream.json.JsonTree;
import io.tickstream.server.Gateway;
import io.tickstream.testkit.WebSocketRecorder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

class ServeCommandTest {

    private static final String EURUSD = "/live/data/websocket/contract/name?contract_name=EURUSD";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();

    @Test
    void shouldStreamTheSimulatedMarketToTheDemoKeyWhenStartedWithoutConfiguration() throws Exception {
        try (Gateway gateway = start("--port", "0", "--host", "127.0.0.1", "--demo-key", "k1", "--simulator-rate", "50")) {
            WebSocketRecorder client = WebSocketRecorder.connect(
                    URI.create("ws://127.0.0.1:" + gateway.port() + EURUSD), Map.of("Authorization", "Bearer k1"));

            String message = client.awaitText(text -> text.contains("EURUSD"), Duration.ofSeconds(10));

            assertThat(JsonTree.parse(message)).asInstanceOf(InstanceOfAssertFactories.MAP)
                    .containsEntry("channel", "IME Stream")
                    .containsEntry("contractName", "EURUSD");
            client.close(1000, "done");
        }
    }

    @Test
    void shouldPrintWhereItRunsAndTheDemoKeyWhenStarted() throws Exception {
        try (Gateway gateway = start("--port", "0", "--host", "127.0.0.1", "--demo-key", "k1", "--simulator-rate", "50")) {
            assertThat(out.toString()).contains(
                    "Tickstream is running on http://127.0.0.1:" + gateway.port() + "/  (in-process bus, simulator 50 updates/s)",
                    "Demo API key: k1",
                    "Try:  ./tickstream subscribe \"ws://127.0.0.1:" + gateway.port() + EURUSD + "\" --token k1");
        }
    }

    @Test
    void shouldPrintHttpsAndWssWhenTlsIsOn() throws Exception {
        X509Bundle certificate = new CertificateBuilder().subject("CN=localhost").addSanDnsName("localhost")
                .ecp256().setIsCertificateAuthority(true).buildSelfSigned();
        Path cert = Files.writeString(dir.resolve("cert.pem"), certificate.getCertificatePEM());
        Path key = Files.writeString(dir.resolve("key.pem"), certificate.getPrivateKeyPEM());
        Path config = write("{\"port\": 0, \"host\": \"127.0.0.1\", \"simulator\": {\"rate\": 0},"
                + " \"tls\": {\"certFile\": \"" + cert + "\", \"keyFile\": \"" + key + "\"}}");

        try (Gateway gateway = start("--config", config.toString())) {
            assertThat(out.toString()).startsWith("Tickstream is running on https://127.0.0.1:" + gateway.port() + "/  (")
                    .contains("Try:  ./tickstream subscribe \"wss://127.0.0.1:" + gateway.port() + EURUSD + "\"");
        }
    }

    @Test
    void shouldAcceptTheRandomDemoKeyItPrintsWhenNoKeyIsGiven() throws Exception {
        try (Gateway gateway = start("--port", "0", "--host", "127.0.0.1", "--simulator-rate", "50")) {
            Matcher printed = Pattern.compile("Demo API key: (demo-[0-9a-f]{16})\n").matcher(out.toString());
            assertThat(printed.find()).as(out.toString()).isTrue();
            WebSocketRecorder client = WebSocketRecorder.connect(URI.create("ws://127.0.0.1:" + gateway.port() + EURUSD),
                    Map.of("Authorization", "Bearer " + printed.group(1)));

            client.awaitText(text -> text.contains("EURUSD"), Duration.ofSeconds(10));
            client.close(1000, "done");
        }
    }

    @Test
    void shouldSayTheSimulatorIsOffWhenItsRateIsZero() throws Exception {
        try (Gateway gateway = start("--port", "0", "--host", "127.0.0.1", "--simulator-rate", "0")) {
            assertThat(out.toString()).startsWith("Tickstream is running on http://127.0.0.1:" + gateway.port()
                    + "/  (in-process bus, simulator off)");
        }
    }

    @Test
    void shouldUseOnlyTheConfiguredKeysWhenTheConfigurationHasSome() throws Exception {
        Path config = write("{\"port\": 0, \"host\": \"127.0.0.1\", \"simulator\": {\"rate\": 0},"
                + " \"apiKeys\": [{\"key\": \"secret\", \"account\": \"alice\"}]}");

        try (Gateway gateway = start("--config", config.toString())) {
            assertThat(out.toString()).doesNotContain("Demo API key").contains("--token <your API key>");
            WebSocketRecorder client = WebSocketRecorder.connect(
                    URI.create("ws://127.0.0.1:" + gateway.port() + EURUSD), Map.of("Authorization", "Bearer secret"));
            client.close(1000, "done");
        }
    }

    @Test
    void shouldOfferTheDemoKeyToTheDashboardOnlyWhenItAddedOne() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        try (Gateway gateway = start("--port", "0", "--host", "127.0.0.1", "--demo-key", "k1", "--simulator-rate", "0")) {
            HttpResponse<String> demo = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + gateway.port() + "/api/demo")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(demo.body()).isEqualTo("{\"demoKey\":\"k1\"}");
        }
        Path config = write("{\"port\": 0, \"host\": \"127.0.0.1\", \"simulator\": {\"rate\": 0},"
                + " \"apiKeys\": [{\"key\": \"secret\", \"account\": \"alice\"}]}");
        try (Gateway gateway = start("--config", config.toString())) {
            HttpResponse<String> demo = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + gateway.port() + "/api/demo")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(demo.statusCode()).isEqualTo(404);
        }
    }

    static Stream<Arguments> badConfigurations() {
        return Stream.of(
                Arguments.of("{\"port\": \"abc\"}", "port must be an integer, was abc"),
                Arguments.of("{\"unknownSetting\": 1}", "unknown setting 'unknownSetting'"),
                Arguments.of("{\"port\": 80,", "is not valid JSON"),
                Arguments.of("{\"port\": 70000}", "port must be 0..65535"));
    }

    @ParameterizedTest
    @MethodSource("badConfigurations")
    void shouldExitWithCode2AndOneLineNamingTheSettingWhenTheConfigurationIsBad(String json, String expected)
            throws IOException {
        Path config = write(json);

        CliRun run = CliRun.of("serve", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("tickstream: ").contains(config.toString(), expected);
        assertThat(run.err().strip()).doesNotContain("\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void shouldExitWithCode2WhenTheConfigurationFileIsMissing() {
        CliRun run = CliRun.of("serve", "--config", dir.resolve("missing.json").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("tickstream: cannot read configuration file").contains("missing.json");
    }

    private Gateway start(String... options) throws Exception {
        CommandLine commandLine = TickstreamCommand.newCommandLine().setOut(new PrintWriter(out, true));
        String[] args = new String[options.length + 1];
        args[0] = "serve";
        System.arraycopy(options, 0, args, 1, options.length);
        commandLine.parseArgs(args);
        ServeCommand serve = commandLine.getSubcommands().get("serve").getCommand();
        return serve.startGateway();
    }

    private Path write(String json) throws IOException {
        Path file = dir.resolve("tickstream.json");
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return file;
    }
}
