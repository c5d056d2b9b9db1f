package io.tickstream.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.HeadlessChromium;
import io.tickstream.auth.ApiKey;
import io.tickstream.auth.InstrumentScope;
import io.tickstream.auth.Principal;
import io.tickstream.config.GatewayConfig;
import io.tickstream.instrument.Instrument;
import io.tickstream.server.Gateway;
import io.tickstream.simulator.DemoCatalog;
import io.tickstream.testkit.WebSocketRecorder;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.remote.service.DriverFinder;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard and operator page in headless Chromium against a gateway with the simulator:
 * what a person opening http://localhost:8080/ would see. Screenshots go to target/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {

    private static final String DEMO_KEY = "demo-browser-test";
    private static final String SAFFRON = "زعفران0502P01";

    private Gateway gateway;
    private HeadlessChromium chromium;
    private ChromeDriver driver;
    private String base;

    @BeforeAll
    void start() throws Exception {
        if (!HeadlessChromium.installed()) {
            return;
        }
        gateway = Gateway.start(GatewayConfig.builder()
                .host("127.0.0.1")
                .port(0)
                .simulatorRate(50)
                .apiKey(ApiKey.plain(DEMO_KEY, new Principal(Gateway.DEMO_ACCOUNT, InstrumentScope.all(), true, 0)))
                .demoKey(DEMO_KEY)
                .build());
        base = "http://127.0.0.1:" + gateway.port();
        chromium = HeadlessChromium.start();
        driver = chromium.driver();
    }

    @AfterAll
    void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @BeforeEach
    void forgetTheKeyOfTheLastTest() {
        HeadlessChromium.assumeInstalled();
        driver.get(base + "/api/demo");
        driver.executeScript("sessionStorage.clear()");
    }

    @Test
    void shouldFillTheTableWithTheDemoInstrumentsAndMovePricesOverCompressedFramesWhenOpenedInDemoMode() {
        openDashboard();
        assertThat(driver.findElement(By.id("api-key")).getDomProperty("value")).isEqualTo(DEMO_KEY);
        List<String> names = DemoCatalog.instruments().stream().map(Instrument::name).toList();
        waitUp(Duration.ofSeconds(10), d -> texts("#quotes-body tr[data-symbol] .sym").containsAll(names));
        assertThat(texts("#quotes-body tr[data-symbol]")).hasSize(names.size());
        waitUp(Duration.ofSeconds(5), d -> !texts("#quotes-body td.bid").contains("—"));

        List<String> before = texts("#quotes-body td.bid, #quotes-body td.ask, #quotes-body td.last");
        waitUp(Duration.ofSeconds(3), d -> !texts("#quotes-body td.bid, #quotes-body td.ask, #quotes-body td.last")
                .equals(before));
        assertThat(gateway.deflateMeters().sessions()).as("Chromium spoke permessage-deflate").isPositive();
        assertThat(gateway.deflateMeters().deflatedMessages()).as("the states it showed came compressed").isPositive();
    }

    @Test
    void shouldShowTheBookAndChartOfTheInstrumentChosenInThePicker() throws IOException {
        openDashboard();
        WebElement search = driver.findElement(By.id("picker-search"));
        search.click();
        search.sendKeys("زعفران05");
        waitUp(Duration.ofSeconds(5), d -> texts("#picker-list li[data-symbol]").size() == 1);
        search.sendKeys(Keys.ENTER);

        waitUp(Duration.ofSeconds(5), d -> SAFFRON.equals(d.findElement(By.id("detail-name")).getText()));
        waitUp(Duration.ofSeconds(10), d -> texts("#book-body tr:not(.placeholder)").size() == 3
                && !texts("#book-body td:nth-child(2)").contains("—"));
        waitUp(Duration.ofSeconds(10), d -> Integer.parseInt(attribute("#chart", "data-points")) >= 3);
        assertThat(paintedPixels("chart")).as("pixels drawn on the chart").isGreaterThan(2_000);
        new Select(driver.findElement(By.id("interval"))).selectByValue("1s");
        waitUp(Duration.ofSeconds(15), d -> Integer.parseInt(attribute("#candles", "data-bars")) >= 2);
        assertThat(paintedPixels("candles")).as("pixels drawn on the candle chart").isGreaterThan(200);
        assertThat(attribute("#quotes-body tr[aria-selected=true]", "data-symbol")).isEqualTo(SAFFRON);
        assertThat(direction("#quotes-body tr[data-symbol='" + SAFFRON + "'] .sym")).isEqualTo("rtl");
        assertThat(direction("#quotes-body tr[data-symbol='EURUSD'] .sym")).isEqualTo("ltr");
        waitUp(Duration.ofSeconds(10), d -> !texts("#feed li").isEmpty());

        Path shot = Path.of("target", "dashboard.png");
        Files.createDirectories(shot.getParent());
        Files.write(shot, driver.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void shouldShowAFieldALaterUpdateChangedWhenItArrivesAsADelta() throws Exception {
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "const Native = window.WebSocket; window.receivedFrames = [];"
                        + " window.WebSocket = class extends Native { constructor(...args) { super(...args);"
                        + " this.addEventListener('message', (e) => window.receivedFrames.push(e.data)); } };"));
        openDashboard();
        driver.findElement(By.cssSelector("#quotes-body tr[data-symbol='EURUSD']")).click();
        waitUp(Duration.ofSeconds(5), d -> "EURUSD".equals(d.findElement(By.id("detail-name")).getText()));
        waitUp(Duration.ofSeconds(10), d -> !texts("#quotes-body tr[data-symbol='EURUSD'] td.bid").contains("—"));

        // The simulator publishes EURUSD's open interest in its first, full update only: this change stays.
        gateway.bus().publisher().publishMarketData("EURUSD", "{\"ContractInfo\":{\"open_interest\":424242}}");

        waitUp(Duration.ofSeconds(10), d -> texts("#figures dd").contains("424,242"));
        // The table subscribes at a rate: the delta of a period may carry the simulator's quote changes too.
        assertThat((Boolean) js("return window.receivedFrames.some(f => f.includes('\"delta\":{')"
                + " && f.includes(arguments[0]))", "\"ContractInfo\":{\"open_interest\":424242}"))
                .as("the change came as a delta").isTrue();
        assertThat(texts("#figures dd").get(0)).as("the open price, from the full state before").isNotEqualTo("—");
        List<String> quotes = texts("#quotes-body tr[data-symbol='EURUSD'] td.bid, #quotes-body tr[data-symbol='EURUSD'] td.ask");
        waitUp(Duration.ofSeconds(5), d -> !texts("#quotes-body tr[data-symbol='EURUSD'] td.bid, "
                + "#quotes-body tr[data-symbol='EURUSD'] td.ask").equals(quotes));
        assertThat(texts("#figures dd")).as("the open interest after later deltas of the quote").contains("424,242");
    }

    @Test
    void shouldSetAndCancelAnAlertFromTheInstrumentPanelAndShowATriggerMissedWhileAwayOnce() throws Exception {
        openDashboard();
        waitUp(Duration.ofSeconds(10), d -> !d.findElements(By.cssSelector("#quotes-body tr[data-symbol='EURUSD']")).isEmpty());
        driver.findElement(By.cssSelector("#quotes-body tr[data-symbol='EURUSD']")).click();
        waitUp(Duration.ofSeconds(5), d -> "EURUSD".equals(d.findElement(By.id("detail-name")).getText()));
        js("document.getElementById('alert-condition').value = 'crosses_above'");
        driver.findElement(By.id("alert-price")).sendKeys("9.5");
        driver.findElement(By.id("alert-set")).click();
        String far = "#alerts li[data-state='active']";
        waitUp(Duration.ofSeconds(10), d -> texts(far).stream().anyMatch(t -> t.contains("EURUSD bid crosses above 9.5")));
        for (WebElement item : driver.findElements(By.cssSelector(far))) {
            if (item.getText().contains("above 9.5")) {
                item.findElement(By.tagName("button")).click();
            }
        }
        waitUp(Duration.ofSeconds(10), d -> texts("#alerts li").stream().noneMatch(t -> t.contains("above 9.5")));

        driver.get("about:blank");
        gateway.alerts().create(new Principal(Gateway.DEMO_ACCOUNT, InstrumentScope.all(), true, 0),
                new io.tickstream.alert.AlertRequest("EURUSD", io.tickstream.alert.AlertField.BID,
                        io.tickstream.alert.AlertCondition.ABOVE, new java.math.BigDecimal("0.0001"), true, 60, 0,
                        "while away", null)).toCompletableFuture().get();
        openDashboard();
        waitUp(Duration.ofSeconds(10), d -> texts("#feed li").stream().anyMatch(t -> t.contains("while away")));
        int seen = texts("#feed li").size();
        waitUp(Duration.ofSeconds(10), d -> texts("#feed li").size() > seen);
        assertThat(texts("#feed li").stream().filter(t -> t.contains("while away"))).hasSize(1);
        waitUp(Duration.ofSeconds(10), d -> texts("#alerts li[data-state='triggered']").stream()
                .anyMatch(t -> t.contains("EURUSD bid above 0.0001")));
    }

    @Test
    void shouldShowTheLiveFiguresOnTheOperatorPage() throws IOException {
        WebSocketRecorder client = WebSocketRecorder.connect(URI.create("ws://127.0.0.1:" + gateway.port() + "/"));
        try {
            client.sendText("{\"type\":\"auth\",\"apiKey\":\"" + DEMO_KEY + "\"}");
            client.awaitText(text -> text.contains("\"success\":true"), Duration.ofSeconds(5));
            client.sendText("{\"type\":\"subscribe\",\"symbols\":[\"EURUSD\",\"XAUUSD\"],\"channel\":\"state\"}");
            driver.get(base + "/operator");
            waitUp(Duration.ofSeconds(5), d -> "1".equals(figure("connections")) && "2".equals(figure("subscriptions")));
            waitUp(Duration.ofSeconds(5), d -> !figure("messages-in").startsWith("0/s")
                    && !figure("frames-out").startsWith("0/s") && !figure("bytes-out").startsWith("0 B"));
            assertThat(figure("bus")).isEqualTo("connected");
            waitUp(Duration.ofSeconds(5), d -> !texts("#latency td").get(0).equals("–"));
            assertThat(texts("#status-text")).containsExactly("in-process bus connected");
            Files.write(Path.of("target", "operator.png"), driver.getScreenshotAs(OutputType.BYTES));
        } finally {
            client.abort();
        }
    }

    @Test
    void shouldShowAClearErrorAndStopWhenTheKeyIsWrong() throws IOException {
        openDashboard();
        WebElement key = driver.findElement(By.id("api-key"));
        key.clear();
        key.sendKeys("not-a-valid-key");
        driver.findElement(By.id("connect")).click();

        waitUp(Duration.ofSeconds(5), d -> d.findElement(By.id("error")).isDisplayed());
        assertThat(driver.findElement(By.id("error")).getText())
                .contains("Authentication failed: Invalid API key")
                .contains("Check the API key");
        assertThat(attribute("#status", "data-state")).isEqualTo("failed");
        sleep(Duration.ofMillis(1500));
        assertThat(attribute("#status", "data-state")).as("no reconnect after a refused key").isEqualTo("failed");
        Files.write(Path.of("target", "dashboard-wrong-key.png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void shouldUseDebiansChromedriverWithoutSeleniumManager() throws IOException {
        DriverFinder finder = new DriverFinder(HeadlessChromium.service(), HeadlessChromium.options(Path.of("unused")));
        // Debian may install /usr/bin/chromedriver as a symlink into /usr/lib/chromium: what matters is
        // that Selenium runs that very binary, not one Selenium Manager found or downloaded.
        assertThat(Path.of(finder.getDriverPath()).toRealPath())
                .isEqualTo(HeadlessChromium.CHROMEDRIVER.toRealPath());
        assertThat(driver.getCapabilities().getBrowserVersion()).isNotBlank();
    }

    private void openDashboard() {
        driver.get(base + "/");
        waitUp(Duration.ofSeconds(10), d -> "Live".equals(d.findElement(By.id("status-text")).getText()));
    }

    private void waitUp(Duration timeout, Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, timeout, Duration.ofMillis(100)).until(condition);
    }

    @SuppressWarnings("unchecked")
    private List<String> texts(String selector) {
        return (List<String>) js("return [...document.querySelectorAll(arguments[0])].map(e => e.textContent)", selector);
    }

    private String attribute(String selector, String name) {
        return (String) js("return document.querySelector(arguments[0]).getAttribute(arguments[1])", selector, name);
    }

    private String direction(String selector) {
        return (String) js("return getComputedStyle(document.querySelector(arguments[0])).direction", selector);
    }

    private String figure(String id) {
        return (String) js("const v = document.querySelector(`[data-figure='${arguments[0]}'] .value`);"
                + " return v ? v.textContent : '';", id);
    }

    private long paintedPixels(String canvasId) {
        return ((Number) js("const c = document.getElementById(arguments[0]);"
                + " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + " let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n;", canvasId)).longValue();
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
