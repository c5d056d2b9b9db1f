package io.tickstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.testkit.FreePorts;
import io.tickstream.testkit.WebSocketEvent;
import io.tickstream.testkit.WebSocketRecorder;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tickstream serve} as its own process, told things the way a service manager tells them. */
class ServeShutdownTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private Process process;

    @AfterEach
    void kill() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @Test
    void shouldDrainItsClientsOnSigtermAndExitWithStatus0() throws Exception {
        int port = FreePorts.find();
        Path config = Files.writeString(dir.resolve("tickstream.json"),
                "{\"host\": \"127.0.0.1\", \"shutdown\": {\"drainSeconds\": 1}, \"simulator\": {\"rate\": 0}}");
        process = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TickstreamCommand.class.getName(),
                "serve", "--config", config.toString(), "--port", Integer.toString(port), "--demo-key", "k")
                .redirectError(dir.resolve("stderr.log").toFile())
                .start();
        BlockingQueue<String> lines = ProcessLines.of(process, "serve-stdout");
        String banner = lines.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(banner).as("the start-up banner").startsWith("Tickstream is running on");

        WebSocketRecorder client = WebSocketRecorder.connect(URI.create("ws://127.0.0.1:" + port + "/"));
        client.nextText();
        client.sendText("{\"type\":\"auth\",\"apiKey\":\"k\"}");
        client.awaitText(text -> text.contains("\"auth\""), WAIT);

        process.destroy();

        assertThat(client.awaitText(text -> text.contains("\"reconnect\""), WAIT)).contains("\"reason\":\"shutdown\"");
        WebSocketEvent.Close close = client.awaitClose();
        assertThat(close.code()).isEqualTo(1012);
        assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("exited after the drain").isTrue();
        assertThat(process.exitValue()).isZero();
    }

    @Test
    void shouldEndTheSessionsOfAKeyRemovedFromTheFileAndOnSighup() throws Exception {
        int port = FreePorts.find();
        Path config = dir.resolve("tickstream.json");
        Files.writeString(config, keys("first", "second"));
        process = serve(config, port);

        WebSocketRecorder first = authenticated(port, "first");
        WebSocketRecorder second = authenticated(port, "second");
        Files.writeString(config, keys("second"));

        WebSocketEvent.Close revoked = first.awaitClose();
        assertThat(revoked.code()).isEqualTo(1008);
        assertThat(revoked.reason()).isEqualTo("credential revoked");

        // the same change again, now only on SIGHUP: the file's time is put back, so watching it sees nothing
        FileTime unchanged = Files.getLastModifiedTime(config);
        Files.writeString(config, keys());
        Files.setLastModifiedTime(config, unchanged);
        new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).start().waitFor(5, TimeUnit.SECONDS);

        assertThat(second.awaitClose().reason()).isEqualTo("credential revoked");
    }

    private Process serve(Path config, int port) throws Exception {
        Process started = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TickstreamCommand.class.getName(),
                "serve", "--config", config.toString(), "--port", Integer.toString(port))
                .redirectError(dir.resolve("stderr.log").toFile())
                .start();
        String banner = ProcessLines.of(started, "serve-stdout").poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(banner).as("the start-up banner").startsWith("Tickstream is running on");
        return started;
    }

    private static String keys(String... keys) {
        StringBuilder list = new StringBuilder();
        for (String key : keys) {
            list.append(list.length() == 0 ? "" : ",").append("{\"key\":\"").append(key).append("\",\"account\":\"").append(key)
                    .append("\"}");
        }
        // a key of a third account keeps the file from ever having none (serve would then add a demo key)
        list.append(list.length() == 0 ? "" : ",").append("{\"key\":\"third\",\"account\":\"third\"}");
        return "{\"host\": \"127.0.0.1\", \"simulator\": {\"rate\": 0}, \"apiKeys\": [" + list + "]}";
    }

    private static WebSocketRecorder authenticated(int port, String key) {
        WebSocketRecorder client = WebSocketRecorder.connect(URI.create("ws://127.0.0.1:" + port + "/"));
        client.nextText();
        client.sendText("{\"type\":\"auth\",\"apiKey\":\"" + key + "\"}");
        assertThat(client.awaitText(text -> text.contains("\"auth\""), WAIT)).contains("\"success\":true");
        return client;
    }
}
