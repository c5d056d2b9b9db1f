package io.tickstream.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import redis.embedded.core.ExecutableProvider;

/**
 * A redis-server executable that has answered {@code --version}; {@link #locate()} is thread-safe and
 * finds one once per JVM.
 *
 * <p>A {@code redis-server} on the PATH wins (Redis 7 on CI and most dev machines); otherwise the
 * binary shipped in the {@code com.github.codemonstur:embedded-redis} jar (Redis 6.2) is extracted to a
 * temporary file. When neither runs, locating fails with every reason: a real server or a loud failure,
 * never a silent skip.
 */
record RedisBinary(Path executable, String origin, String version) {

    private static final long PROBE_TIMEOUT_SECONDS = 10;
    private static final Pattern VERSION_NUMBER = Pattern.compile("\\bv=((\\d+)\\.[0-9.]+)");

    private static RedisBinary located;

    /** Returns the binary to run, finding it and logging the choice to {@code System.err} the first time. */
    static synchronized RedisBinary locate() {
        if (located == null) {
            located = firstRunnable();
            System.err.println("tickstream-testkit: using " + located);
        }
        return located;
    }

    /** Returns the binary shipped in the embedded-redis jar, whatever the PATH holds. */
    static RedisBinary embedded() throws IOException {
        return probe(extractFromJar(), "the embedded-redis jar");
    }

    private static RedisBinary firstRunnable() {
        List<Exception> causes = new ArrayList<>();
        try {
            return probe(findOnPath(), "the PATH");
        } catch (IOException e) {
            causes.add(e);
        }
        try {
            return embedded();
        } catch (IOException | RuntimeException e) {
            causes.add(e);
        }
        IllegalStateException failure = new IllegalStateException(
                "cannot run a redis-server; put Redis 7 on the PATH or fix the embedded-redis binary: "
                        + causes.stream().map(Throwable::toString).collect(Collectors.joining("; ")));
        causes.forEach(failure::addSuppressed);
        throw failure;
    }

    private static Path findOnPath() throws IOException {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, "redis-server");
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IOException("no executable redis-server on the PATH");
    }

    private static Path extractFromJar() throws IOException {
        return ExecutableProvider.newJarResourceProvider().get().toPath();
    }

    private static RedisBinary probe(Path executable, String origin) throws IOException {
        Process process = new ProcessBuilder(executable.toString(), "--version")
                .redirectErrorStream(true)
                .start();
        try {
            if (!process.waitFor(PROBE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(executable + " --version did not exit within " + PROBE_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while probing " + executable, e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (process.exitValue() != 0) {
            throw new IOException(executable + " --version exited with " + process.exitValue() + ": " + output);
        }
        return new RedisBinary(executable, origin, output);
    }

    /** Returns the release, e.g. {@code 7.0.15} from {@code Redis server v=7.0.15 sha=...}. */
    String release() {
        return versionNumber().group(1);
    }

    /** Returns the major release, e.g. 7 for {@code Redis server v=7.0.15 sha=...}. */
    int majorVersion() {
        return Integer.parseInt(versionNumber().group(2));
    }

    private Matcher versionNumber() {
        Matcher matcher = VERSION_NUMBER.matcher(version);
        if (!matcher.find()) {
            throw new IllegalStateException("no version number (v=N.N.N) in " + executable + " --version: " + version);
        }
        return matcher;
    }

    @Override
    public String toString() {
        return executable + " from " + origin + " (" + version + ")";
    }
}
