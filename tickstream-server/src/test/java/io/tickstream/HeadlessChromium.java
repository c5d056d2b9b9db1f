package io.tickstream;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by Debian's chromedriver, for browser tests. Both are named by
 * path, so Selenium Manager never runs and nothing is downloaded. Where they are missing, a test
 * outside CI is skipped with a loud banner; under {@code CI=true} their absence fails it.
 * Not thread-safe: one test thread drives it.
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final Path CHROMIUM = Path.of(System.getProperty("tickstream.chromium", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Path.of(System.getProperty("tickstream.chromedriver", "/usr/bin/chromedriver"));

    private static final AtomicBoolean BANNER_SHOWN = new AtomicBoolean();

    private final Path profile;
    private final ChromeDriverService service;
    private final ChromeDriver driver;

    private HeadlessChromium(Path profile, ChromeDriverService service, ChromeDriver driver) {
        this.profile = profile;
        this.service = service;
        this.driver = driver;
    }

    public static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /**
     * Skips (outside CI) or fails (under CI) the calling test when Chromium is not installed. Call it
     * per test, not per class: Surefire counts a class aborted as a whole as no test at all.
     */
    public static void assumeInstalled() {
        if (installed()) {
            return;
        }
        String missing = "headless Chromium is not installed (" + CHROMIUM + ", " + CHROMEDRIVER
                + "): apt-get install chromium chromium-driver";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI=true and " + missing);
        }
        if (BANNER_SHOWN.getAndSet(true)) {
            Assumptions.abort("BROWSER TESTS SKIPPED: " + missing);
        }
        String banner = "*".repeat(100);
        String text = banner + "\n*** BROWSER TESTS SKIPPED: " + missing + "\n" + banner;
        System.err.println(text);
        // Also on the process's own stderr, which Surefire shows on the console even when it redirects
        // test output to files: a skip must not go unnoticed.
        PrintStream console = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        console.println(text);
        Assumptions.abort("BROWSER TESTS SKIPPED: " + missing);
    }

    /** Options that keep Chromium quiet, offline apart from the page, and in a fresh profile. */
    public static ChromeOptions options(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--no-first-run", "--no-default-browser-check",
                "--window-size=1440,1280", "--lang=en-US", "--user-data-dir=" + profile);
        return options;
    }

    /** The service that runs Debian's chromedriver itself, on a free port. */
    public static ChromeDriverService service() {
        return new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withSilent(true)
                .build();
    }

    public static HeadlessChromium start() {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        // Passed on to Selenium Manager's environment if it ever ran: never download anything.
        System.setProperty("SE_OFFLINE", "true");
        System.setProperty("SE_AVOID_STATS", "true");
        try {
            Path profile = Files.createTempDirectory("tickstream-chromium");
            ChromeDriverService service = service();
            ChromeDriver driver = new ChromeDriver(service, options(profile));
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(15)).scriptTimeout(Duration.ofSeconds(10));
            return new HeadlessChromium(profile, service, driver);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete the Chromium profile " + directory + ": " + e);
        }
    }
}
