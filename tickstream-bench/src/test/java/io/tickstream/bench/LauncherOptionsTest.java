package io.tickstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A spawned gateway is measured with the JVM options an operator's {@code ./tickstream serve} uses. */
class LauncherOptionsTest {

    private static final Pattern ARRAY = Pattern.compile("(?m)^(\\w+)=\\(([^)]*)\\)");

    @Test
    void shouldSpawnGatewaysWithExactlyTheLaunchersJvmOptions() throws IOException {
        String script = Files.readString(Path.of("..", "tickstream"));
        StringBuilder options = new StringBuilder();
        Matcher array = ARRAY.matcher(script);
        while (array.find()) {
            options.append(' ').append(array.group(2));
        }
        List<String> launcher = Arrays.asList(options.toString().trim().split("\\s+"));
        assertThat(launcher).contains("-XX:+UseG1GC", "-XX:MaxDirectMemorySize=512m");
        assertThat(BenchCommand.LAUNCHER_JVM_OPTIONS.split(" ")).containsExactlyElementsOf(launcher);
    }
}
