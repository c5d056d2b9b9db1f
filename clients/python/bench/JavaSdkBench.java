import com.sun.management.OperatingSystemMXBean;
import io.tickstream.client.MessageStream;
import io.tickstream.client.TickstreamClient;
import io.tickstream.client.message.MessageParser;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Java SDK on the same feed as client_bench.py, for BENCHMARKS.md ("The Python client"). Runs from
 * source against the gateway's jar, which holds the SDK:
 *   java -cp tickstream-cli/target/tickstream.jar clients/python/bench/JavaSdkBench.java offline ticks.jsonl
 *   java -cp tickstream-cli/target/tickstream.jar clients/python/bench/JavaSdkBench.java live URI KEY tick|state SECONDS
 */
public class JavaSdkBench {

    static final String[] SYMBOLS = {"EURUSD", "GBPUSD", "USDJPY", "AUDUSD", "USDCHF", "XAUUSD", "BTCUSDT",
            "زعفران0412P01", "زعفران0502P01", "سکه0412P05", "سکه0502P05", "پسته0412P01", "طلا0412P02",
            "نقره0412P01", "مس0502P01"};

    public static void main(String[] args) throws Exception {
        if (args[0].equals("offline")) {
            offline(Files.readAllLines(Path.of(args[1])));
        } else {
            live(URI.create(args[1]), args[2], args[3], Double.parseDouble(args[4]));
        }
    }

    /** MessageParser.parse of every recorded frame: the SDK's parse ceiling on one thread. */
    static void offline(List<String> frames) throws Exception {
        double best = 0;
        long sink = 0;
        for (int round = 0; round < 10; round++) {
            long start = System.nanoTime();
            for (String frame : frames) {
                sink += MessageParser.parse(frame).hashCode();
            }
            best = Math.max(best, frames.size() / ((System.nanoTime() - start) / 1e9));
        }
        System.out.printf("java offline: %d frames, best %,.0f messages/s on one thread (%.1f us each) [%d]%n",
                frames.size(), best, 1e6 / best, sink & 1);
    }

    /** The whole SDK (JDK WebSocket, parse, dispatch, a MessageStream read on the main thread) per CPU-second. */
    static void live(URI uri, String key, String channel, double seconds) throws Exception {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        AtomicLong handed = new AtomicLong();
        try (TickstreamClient client = TickstreamClient.builder().uri(uri).apiKey(key).build()) {
            client.connect();
            MessageStream<?> stream = channel.equals("state") ? client.states(SYMBOLS).stream() : client.ticks(SYMBOLS).stream();
            Thread reader = new Thread(() -> {
                try {
                    while (stream.poll(Duration.ofSeconds(5)) != null) {
                        handed.incrementAndGet();
                    }
                } catch (InterruptedException done) {
                    Thread.currentThread().interrupt();
                }
            });
            reader.start();
            Thread.sleep(5000); // warm-up (JIT)
            long start = System.nanoTime();
            long cpu = os.getProcessCpuTime();
            long before = handed.get();
            Thread.sleep((long) (seconds * 1000));
            double wall = (System.nanoTime() - start) / 1e9;
            double used = (os.getProcessCpuTime() - cpu) / 1e9;
            long count = handed.get() - before;
            reader.interrupt();
            System.out.printf("java live %s: %,.0f messages/s handed out, CPU %.0f%% of one core, so %,.0f messages per "
                    + "CPU-second (%.1f us each)%n", channel, count / wall, 100 * used / wall, count / used, 1e6 * used / count);
        }
    }
}
